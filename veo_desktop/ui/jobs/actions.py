"""Actions on the selected job (menu, toolbar, keys): core's follow-ups for a failure, and for takes
unfold, rate, keep one and trash the rest, compare; all through the controller."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolBar
from qasync import asyncSlot

from ...core.errors import VeoError
from ...core.jobs.failures import FollowUp, failure_of
from ...core.jobs.followups import (
    export_job,
    extend_request,
    extend_warnings,
    remix_request,
    retry_choices,
)
from ...core.jobs.job import Job, JobState
from ...core.request.models import Mode
from ..i18n import arg
from .keys import JobKeys
from .roles import GROUP
from .take_actions import TakeActions

if TYPE_CHECKING:
    from ..main_window import MainWindow

FINISHED = (JobState.DOWNLOADED, JobState.COMPLETED)


class JobActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window

        def make(
            text: str, slot: object, shortcut: str | None = None, *, window_wide: bool = False
        ) -> QAction:
            a = QAction(text, window)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            # Window-wide keys act on the selected job wherever the focus is; Qt first offers
            # each key to the focused widget (ShortcutOverride), so a text box that gives the
            # key a meaning of its own keeps it. The rest act only while the list has focus.
            a.setShortcutContext(
                Qt.ShortcutContext.WindowShortcut
                if window_wide
                else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
            window.view.addAction(a)
            return a

        self.remix = make(self.tr("Remix"), self.do_remix, "Ctrl+R", window_wide=True)
        self.extend = make(self.tr("Extend this clip"), self.do_extend, "Ctrl+E", window_wide=True)
        self.last_to_start = make(
            self.tr("Use last frame as next start (First + Last)"),
            lambda: self.do_chain("last", Mode.FRAMES, "start"),
            "Ctrl+L",
            window_wide=True,
        )
        self.last_to_image = make(
            self.tr("Use last frame as start (Image)"),
            lambda: self.do_chain("last", Mode.IMAGE, "start"),
        )
        self.first_to_end = make(
            self.tr("Use first frame as end (First + Last)"),
            lambda: self.do_chain("first", Mode.FRAMES, "end"),
        )
        self.download = make(
            self.tr("Download again"), self.do_download, "Ctrl+D", window_wide=True
        )
        self.check_clip = make(self.tr("Check clip again"), self.do_check_clip)
        self.copy_prompt = make(self.tr("Copy prompt"), self.do_copy_prompt, "Ctrl+Shift+C")
        self.open_folder = make(self.tr("Open containing folder"), self.do_open_folder)
        self.export = make(self.tr("Export…"), self.do_export)
        # Delete stays with the list: in an image slot it removes the image, and the slot does
        # not claim the key the way a text box does, so a window-wide Delete would ask to trash
        # the selected job instead.
        self.delete = make(self.tr("Move to trash…"), self.do_delete, "Delete")
        self.all = [
            self.remix,
            self.extend,
            self.last_to_start,
            self.last_to_image,
            self.first_to_end,
            self.download,
            self.check_clip,
            self.copy_prompt,
            self.open_folder,
            self.export,
            self.delete,
        ]
        self.keys = JobKeys(window, [self.remix, self.extend, self.last_to_start, self.download])
        self.takes = TakeActions(self, make)
        self.all += self.takes.all
        # What the selected row allows changes with it (a take's clip lands, a group unfolds).
        model = window.model
        model.dataChanged.connect(self._on_data_changed)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.update)

    def toolbar(self) -> QToolBar:
        bar = QToolBar(self.tr("Job actions"), self.w)
        bar.setAccessibleName(self.tr("Job actions"))
        for a, text in (
            (self.remix, self.tr("Remix")),
            (self.extend, self.tr("Extend")),
            (self.last_to_start, self.tr("Last frame → next")),
            (self.delete, self.tr("Trash")),
        ):
            bar.addAction(a)
            button = bar.widgetForAction(a)
            if button is not None:
                button.setAccessibleName(a.text())
            a.setIconText(text)
        return bar

    # -- state -----------------------------------------------------------------------------------

    def current(self) -> Job | None:
        """The selected row's job (a group's row: the take it stands for)."""
        index = self.w.view.currentIndex()
        return self.w.model.job_at(index.row()) if index.isValid() else None

    def current_kind(self) -> str | None:
        index = self.w.view.currentIndex()
        return self.w.model.kind_at(index.row()) if index.isValid() else None

    def update(self) -> None:
        job = self.current()
        # A group's row stands for several clips: what works on one clip waits for a take.
        one = job if self.current_kind() != GROUP else None
        has_clip = bool(one and one.state is JobState.DOWNLOADED and one.video_path)
        for a in self.all:
            a.setEnabled(job is not None)
        for a in (
            self.last_to_start,
            self.last_to_image,
            self.first_to_end,
            self.check_clip,
            self.export,
        ):
            a.setEnabled(has_clip)
        self.open_folder.setEnabled(bool(job and job.video_path))
        self.extend.setEnabled(bool(one and one.state in FINISHED))
        # Completed at the gateway but not in the library (a download failed or was cut off):
        # the clip is paid for, so fetching it again must be one click.
        self.download.setEnabled(bool(one and one.state is JobState.COMPLETED))
        self.keys.update(job is not None)
        self.takes.update()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        row = self.w.view.currentIndex().row()
        if top.row() <= row <= bottom.row():
            self.update()

    def menu(self, pos: QPoint) -> QMenu | None:
        job = self.current()
        if job is None:
            return None
        self.update()
        menu = QMenu(self.w.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._add_follow_ups(menu, job)
        for a in self.all:
            if a in self.takes.all:
                continue
            if a is self.delete:
                menu.addSeparator()
                self.takes.add_to(menu)
                menu.addSeparator()
            menu.addAction(a)
        menu.popup(self.w.view.viewport().mapToGlobal(pos))
        return menu

    def _add_follow_ups(self, menu: QMenu, job: Job) -> None:
        """Core's suggested actions for the job's failure, first in the menu (labels are core's,
        already in the user's language)."""
        failure = failure_of(job)
        # "Download again" is one of the job actions below already (Ctrl+D).
        shown = [f for f in failure.actions if f is not FollowUp.DOWNLOAD_AGAIN] if failure else []
        c = self.w.controller
        retries = {choice.follow_up: choice.request for choice in retry_choices(job)}
        for follow_up in shown:
            act = menu.addAction(follow_up.label)
            if follow_up in retries:
                act.triggered.connect(lambda _=False, r=retries[follow_up]: c.submit(r))
            elif follow_up is FollowUp.CHECK_AGAIN:
                act.triggered.connect(lambda _=False, j=job.id: c.check_again(j))
            elif follow_up is FollowUp.UPDATE_KEY:
                act.triggered.connect(lambda _=False: self.w.open_settings())
            else:  # the gateway's task list is on its site: the item is advice, not a button
                act.setEnabled(False)
        if shown:
            menu.addSeparator()

    # -- actions ---------------------------------------------------------------------------------

    def do_remix(self) -> None:
        job = self.current()
        if job:
            self.w.load_request(remix_request(job))

    def do_extend(self) -> None:
        job = self.current()
        if not job:
            return
        try:
            req = extend_request(job)
        except VeoError as exc:
            self.w.statusBar().showMessage(exc.message, 10000)
            return
        self.w.load_request(req)
        warnings = extend_warnings(job)
        if warnings:
            self.w.compose[Mode.EXTEND].summary.setText("\n".join(warnings))

    @asyncSlot()
    async def do_chain(self, which: Literal["first", "last"], mode: Mode, slot: str) -> None:
        job = self.current()
        if not job:
            return
        try:
            png = await self.w.controller.chain_frame(job, which)
        except (VeoError, ValueError, OSError) as exc:
            self.w.statusBar().showMessage(str(exc), 10000)
            return
        tab = self.w.compose[mode]
        assert tab.frames is not None
        (tab.frames.start if slot == "start" else tab.frames.end).set_value(str(png))
        self.w.show_tab(mode)
        tab.focus_prompt()

    def do_download(self) -> None:
        job = self.current()
        if job and job.state is JobState.COMPLETED:
            self.w.controller.download(job.id)

    def do_check_clip(self) -> None:
        job = self.current()
        if job and job.state is JobState.DOWNLOADED and job.video_path:
            self.w.controller.check_clip(job)

    def do_copy_prompt(self) -> None:
        job = self.current()
        if job:
            QGuiApplication.clipboard().setText(job.prompt)
            self.w.statusBar().showMessage(self.tr("Prompt copied."), 3000)

    def do_open_folder(self) -> None:
        job = self.current()
        if job and job.video_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(job.video_path).parent)))

    def do_export(self) -> None:
        job = self.current()
        if not job:
            return
        dlg = QFileDialog(self.w, self.tr("Export to folder"))
        dlg.setFileMode(QFileDialog.FileMode.Directory)
        dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dlg.fileSelected.connect(lambda folder, j=job: self._export(j, folder))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the window owns it meanwhile
        dlg.open()

    @asyncSlot()
    async def _export(self, job: Job, folder: str) -> None:
        try:
            copied = await asyncio.to_thread(export_job, job, Path(folder))
        except (VeoError, OSError) as exc:
            self.w.statusBar().showMessage(str(exc), 10000)
            return
        self.w.statusBar().showMessage(self.tr("Exported %n file(s).", "", len(copied)), 5000)

    def do_delete(self) -> None:
        job = self.current()
        if not job:
            return
        group = self.w.model.group_at(self.w.view.currentIndex().row())
        if self.current_kind() == GROUP and group:
            takes = self.w.model.takes(group)
            text = self.tr(
                "Move the %n takes of this prompt (clips and sidecars) to the trash and remove "
                "them from the list?",
                "",
                len(takes),
            )
            self._confirm(self.tr("Move to trash"), f"{text}\n\n{job.prompt[:200]}", takes)
            return
        text = self.tr(
            "Move this clip and its sidecar to the trash and remove the job from the list?\n\n%1"
        )
        self._confirm(self.tr("Move to trash"), arg(text, job.prompt[:200]), [job])

    def _confirm(self, title: str, text: str, jobs: list[Job]) -> None:
        """Ask once, then trash `jobs` (never exec(): jobs keep running while it is up)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.w,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda result, js=jobs: (
                self._delete_all(js) if result == QMessageBox.StandardButton.Yes else None
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _delete_all(self, jobs: list[Job]) -> None:
        if len(jobs) == 1:
            self._delete(jobs[0])
            return
        if self.w.player.job_id in {j.id for j in jobs}:
            self.w.player.stop()
        self.w.controller.delete_all(jobs)

    def _delete(self, job: Job) -> None:
        if self.w.player.job_id == job.id:
            self.w.player.stop()
        self.w.controller.delete(job)
