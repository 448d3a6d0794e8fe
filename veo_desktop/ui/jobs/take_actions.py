"""The job list's actions on takes: unfold a group (Right) and fold it (Left), rate the selected
take (1-5, 0 clears), keep it and trash the rest of its group (one question), compare 2-4 clips."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ...core.jobs.job import Job, JobState
from ...core.jobs.variants import KEEP_RATING, MAX_RATING
from ..compare import MAX_TAKES as MAX_COMPARED
from ..compare import open_compare
from ..i18n import arg
from .roles import GROUP, TAKE
from .row_text import stars

if TYPE_CHECKING:
    from .actions import JobActions

#: JobActions' action maker: (text, slot, shortcut) -> an action that works while the list has
#: the focus.
Make = Callable[..., QAction]


class TakeActions(QObject):
    def __init__(self, actions: JobActions, make: Make) -> None:
        super().__init__(actions)
        self.actions = actions
        self.w = actions.w
        self.expand = make(self.tr("Show the takes"), lambda: self.fold(False), "Right")
        self.collapse = make(self.tr("Fold the takes"), lambda: self.fold(True), "Left")
        self.rates = [
            make(
                arg(self.tr("Rate %1"), stars(n)),
                lambda _=False, n=n: self.do_rate(n),
                str(n),
            )
            for n in range(1, MAX_RATING + 1)
        ]
        self.unrate = make(self.tr("Clear the rating"), lambda: self.do_rate(None), "0")
        self.keep = make(self.tr("Keep this take, trash the others…"), lambda: self.do_keep())
        self.compare = make(self.tr("Compare takes…"), lambda: self.do_compare())
        self.all = [self.expand, self.collapse, *self.rates, self.unrate, self.keep, self.compare]

    def add_to(self, menu: QMenu) -> None:
        """The takes' part of the job menu: keep, compare, the ratings, fold or unfold."""
        menu.addAction(self.keep)
        menu.addAction(self.compare)
        rate = menu.addMenu(self.tr("Rate"))
        rate.addActions([*self.rates, self.unrate])
        rate.setEnabled(self.rates[0].isEnabled())
        menu.addAction(self.expand if self.expand.isEnabled() else self.collapse)

    def _current(self) -> tuple[Job | None, str | None, str | None]:
        """The selected row's job, its kind and its group (None when not in one)."""
        index = self.w.view.currentIndex()
        if not index.isValid():
            return None, None, None
        row = index.row()
        return self.w.model.job_at(row), self.w.model.kind_at(row), self.w.model.group_at(row)

    def update(self) -> None:
        job, kind, group = self._current()
        open_ = bool(group) and self.w.model.is_expanded(group or "")
        self.expand.setEnabled(kind == GROUP and not open_)
        self.collapse.setEnabled(kind in (GROUP, TAKE) and open_)
        # A group's row stands for its takes: a rating is for one take.
        rateable = job is not None and kind != GROUP
        for a in (*self.rates, self.unrate):
            a.setEnabled(rateable)
        self.keep.setEnabled(rateable and bool(job and job.group_id))
        self.compare.setEnabled(len(self.compared()) >= 2)

    def fold(self, folded: bool) -> None:
        """Unfold the selected group, or fold it (from a take too, which selects the group)."""
        _, kind, group = self._current()
        if not group or kind not in (GROUP, TAKE):
            return
        self.w.model.set_expanded(group, not folded)
        row = self.w.model.group_row(group)
        if folded and row >= 0:
            self.w.view.setCurrentIndex(self.w.model.index(row, 0))
        self.update()

    def do_rate(self, rating: int | None) -> None:
        job, kind, _ = self._current()
        if job is not None and kind != GROUP:
            self.w.controller.rate(job, rating)

    def compared(self) -> list[Job]:
        """What Compare would show: the selected clips (2-4), else the selected group's (or
        take's group's) downloaded takes; [] when that is not 2 to 4 clips."""
        model = self.w.model
        rows = sorted({i.row() for i in self.w.view.selectionModel().selectedIndexes()})
        if len(rows) < 2:
            _, _, group = self._current()
            jobs = model.takes(group) if group else []
        else:
            jobs = []
            for row in rows:
                group = model.group_at(row)
                more = model.takes(group) if model.kind_at(row) == GROUP and group else []
                jobs += more or [model.job_at(row)]
        ready = {j.id: j for j in jobs if j.state is JobState.DOWNLOADED and j.video_path}
        clips = list(ready.values())
        return clips if 2 <= len(clips) <= MAX_COMPARED else []

    def do_compare(self) -> QWidget | None:
        clips = self.compared()
        if not clips:
            return None
        window = open_compare(self.w, clips, player=self.w.player)
        window.keep_requested.connect(self._keep_from_compare)
        return window

    def _keep_from_compare(self, job_id: str) -> None:
        job = self.w.controller.job(job_id)
        if job is not None:
            self.do_keep(job)

    def do_keep(self, job: Job | None = None) -> QMessageBox | None:
        """Keep the take (its rating, or full marks) and, after one question, move the other
        takes of its group to the trash."""
        if job is None:
            job, kind, _ = self._current()
            if job is None or kind == GROUP:
                return None
        others = self.w.controller.takes_besides(job)
        if not others:
            self.w.controller.rate(job, job.rating or KEEP_RATING)
            return None
        running = sum(not o.state.finished for o in others)
        text = arg(
            self.tr(
                "Keep this take (%1) and move the %n other take(s) of this prompt, clips and "
                "sidecars, to the trash?",
                "",
                len(others),
            ),
            stars(job.rating or KEEP_RATING),
        )
        if running:
            text += "\n\n" + self.tr(
                "%n of them is still being made; it is stopped here, but the gateway may "
                "still charge for it.",
                "",
                running,
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Keep this take"),
            f"{text}\n\n{job.prompt[:200]}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.w,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.finished.connect(
            lambda result, j=job, os=others: (
                self._keep(j, os) if result == QMessageBox.StandardButton.Yes else None
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # never exec(): jobs keep running while the question is up
        return box

    def _keep(self, job: Job, others: list[Job]) -> None:
        if self.w.player.job_id in {o.id for o in others}:
            self.w.player.stop()
        self.w.controller.keep(job)
