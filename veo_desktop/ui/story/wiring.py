"""The window's storyboard, wired in one place: the tab (built when first shown), the cost asked
before Generate, the film window and export; unfinished boards carry on at start-up."""

from __future__ import annotations

import logging
import time
from collections.abc import Coroutine
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMessageBox, QVBoxLayout, QWidget
from qasync import asyncSlot

from ...core.errors import VeoError
from ...core.request.pricing import format_money
from ...core.story import board as edits
from ...core.story.board import Settings, Trim, new_shot
from ...core.story.progress import BoardStatus
from ..i18n import arg, tr
from ..settings import Option

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .controller import StoryController
    from .film_window import FilmWindow
    from .view import StoryView

log = logging.getLogger(__name__)

OPEN_BOARD = Option("story/board", "")  # the board shown last, shown again
FILM_MIN = QSize(520, 400)  # a viewer pane smaller than this gets the film's own size
RESUME_AFTER_MS = 1500  # start-up: boards left part-way carry on once the window is up and idle


class StoryUi(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self._controller: StoryController | None = None
        self.view: StoryView | None = None
        self.film: FilmWindow | None = None
        self.confirm: QMessageBox | None = None  # the cost question before Generate
        self.board_id: str | None = None
        self._resume_planned = False
        # An empty page until first shown: the view and core/story load then (start-up time).
        self.page = QWidget()
        QVBoxLayout(self.page).setContentsMargins(0, 0, 0, 0)
        self.index = window.compose.add_page(self.page, self.tr("Storyboard"))
        key = QKeySequence(f"Ctrl+{self.index + 1}")
        window.tabs.setTabToolTip(self.index, key.toString(QKeySequence.SequenceFormat.NativeText))
        QShortcut(key, window).activated.connect(self.show)
        window.tabs.currentChanged.connect(self._on_tab)
        window.posters.ready.connect(self._on_poster)
        window.installEventFilter(self)

    @property
    def controller(self) -> StoryController:
        if self._controller is None:
            from .controller import StoryController

            c = self._controller = StoryController(self.w.services, lambda: self.w.prices, self)
            c.status.connect(self._on_status)
            c.boards_changed.connect(lambda: c.spawn(self._reload_boards()))
            c.generating.connect(self._on_generating)
            c.message.connect(lambda text: self.w.statusBar().showMessage(text, 15000))
            c.export_progress.connect(self._on_export_progress)
            c.exported.connect(self._on_exported)
        return self._controller

    # -- the tab ---------------------------------------------------------------------------------

    def show(self) -> StoryView:
        """Go to the Storyboard tab (building it the first time)."""
        self.w.tabs.setCurrentIndex(self.index)
        return self.build()

    def build(self) -> StoryView:
        if self.view is None:
            from .view import StoryView

            w = self.w
            view = self.view = StoryView(
                w.services.paths.data_dir / "pasted",
                self.controller.journal_job,
                lambda job_id, path: w.posters.get(job_id, path),
                self.page,
            )
            layout = self.page.layout()
            assert layout is not None
            layout.addWidget(view)
            bar = view.bar
            bar.board_picked.connect(lambda board_id: self.spawn(self.open_board_now(board_id)))
            bar.new_requested.connect(lambda: self.spawn(self.new_board_now()))
            bar.open_requested.connect(self.choose_file)
            bar.save_requested.connect(self.choose_save)
            bar.title_edited.connect(lambda t: self._edit(lambda b: replace(b, title=t), True))
            bar.settings_edited.connect(self._on_settings)
            bar.generate_requested.connect(lambda: self.spawn(self.ask_generate_now()))
            bar.film_requested.connect(self.open_film)
            view.add_requested.connect(lambda i: self.spawn(self._add_shot(i)))
            view.duplicate_requested.connect(
                lambda sid: self._edit(lambda b: edits.duplicate_shot(b, sid))
            )
            view.delete_requested.connect(
                lambda sid: self._edit(lambda b: edits.delete_shot(b, sid))
            )
            view.move_requested.connect(
                lambda sid, i: self._edit(lambda b: edits.move_shot(b, sid, i))
            )
            view.editor.edited.connect(
                lambda sid, ch: self._edit(lambda b: edits.edit_shot(b, sid, **ch))
            )
            view.editor.choose_requested.connect(lambda s, j: self.spawn(self.choose(s, j)))
            view.editor.regenerate_requested.connect(self.regenerate)
            view.show_status(None)
            self.spawn(self._first_load())
        return self.view

    def _on_tab(self, index: int) -> None:
        if index == self.index:
            view = self.build()
            QTimer.singleShot(0, view.focus_default)  # after the window focused the compose tab

    def spawn(self, coro: Coroutine[Any, Any, object]) -> None:
        self.controller.spawn(coro)  # owned there: cancelled when the window closes

    async def _first_load(self) -> None:
        boards = await self.controller.boards()
        wanted = OPEN_BOARD.get(self.w.store)
        if not any(b.id == wanted for b in boards):
            wanted = boards[0].id if boards else ""
        self._set_boards(boards, wanted or None)
        if wanted:
            await self.open_board_now(wanted)

    async def _reload_boards(self) -> None:
        self._set_boards(await self.controller.boards(), self.board_id)

    def _set_boards(self, boards: list[Any], current: str | None) -> None:
        if self.view is not None:
            self.view.bar.set_boards(boards, current)

    # -- boards ----------------------------------------------------------------------------------

    async def open_board_now(self, board_id: str) -> BoardStatus | None:
        try:
            status = await self.controller.read(board_id)
        except VeoError as exc:
            self._say(exc.message)
            return None
        self.board_id = board_id
        OPEN_BOARD.set(self.w.store, board_id)
        self._set_boards(await self.controller.boards(), board_id)
        self._on_status(status)
        if self.view is not None:
            self.view.bar.set_generating(self.controller.is_generating(board_id))
        return status

    async def new_board_now(self, title: str = "") -> BoardStatus:
        """A new board with the compose tab's model, aspect, duration and sound."""
        req = self.w.current_tab().request()
        settings = Settings(
            model=req.model_id,
            aspect_ratio=req.aspect_ratio or "16:9",
            duration=req.duration or 8,
            audio=req.generate_audio,
        )
        title = title or arg(tr("Storyboard %1"), time.strftime("%Y-%m-%d %H:%M"))
        status = await self.controller.create(title, settings)
        await self.open_board_now(status.board.id)
        if self.view is not None:
            self.view.select_row(0)
            self.view.editor.focus_prompt()
        return status

    def choose_file(self) -> None:
        dlg = QFileDialog(self.w, self.tr("Open a storyboard"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setNameFilter(self.tr("Storyboards (*.json)"))
        dlg.fileSelected.connect(lambda path: self.spawn(self.open_file(Path(path))))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()  # never exec(): the qasync loop must keep running

    async def open_file(self, path: Path) -> None:
        try:
            status = await self.controller.open_file(path)
        except (VeoError, OSError) as exc:
            self._refuse(exc.message if isinstance(exc, VeoError) else str(exc))
            return
        await self.open_board_now(status.board.id)

    def choose_save(self) -> None:
        status = self.view.status if self.view is not None else None
        if status is None:
            return
        dlg = QFileDialog(self.w, self.tr("Save the storyboard"))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setNameFilter(self.tr("Storyboards (*.json)"))
        dlg.setDefaultSuffix("json")
        dlg.selectFile(f"{status.board.title}.json")
        dlg.fileSelected.connect(lambda path: self.spawn(self.save_file(Path(path))))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    async def save_file(self, path: Path) -> None:
        if self.board_id is None:
            return
        try:
            saved = await self.controller.save_file(self.board_id, path)
        except (VeoError, OSError) as exc:
            self._refuse(exc.message if isinstance(exc, VeoError) else str(exc))
            return
        self._say(arg(tr("Storyboard saved as %1."), str(saved)))

    # -- shots -----------------------------------------------------------------------------------

    def _edit(self, change: Any, boards_changed: bool = False) -> None:
        self.spawn(self._edit_now(change, boards_changed))

    async def _edit_now(self, change: Any, boards_changed: bool) -> None:
        if self.board_id is None:
            return
        try:
            await self.controller.edit(self.board_id, change)
        except (KeyError, VeoError, OSError) as exc:  # the board or shot went meanwhile
            log.info("storyboard edit dropped: %s", exc)
        if boards_changed:
            await self._reload_boards()

    def _on_settings(self, settings: Settings) -> None:
        self._edit(lambda b: replace(b, settings=settings))

    async def _add_shot(self, index: int) -> None:
        if self.board_id is None or self.view is None:
            return
        shot = new_shot("")
        await self.controller.edit(self.board_id, lambda b: edits.add_shot(b, shot, index))
        self.view.select_shot(shot.id)
        self.view.editor.focus_prompt()

    async def choose(self, shot_id: str, job_id: str) -> None:
        if self.board_id is not None:
            await self.controller.choose(self.board_id, shot_id, job_id)

    def regenerate(self, shot_id: str) -> None:
        if self.board_id is not None:
            self.controller.regenerate(self.board_id, shot_id)
            self._say(self.tr("A new take of the shot is on its way; its other takes stay."))

    # -- generate --------------------------------------------------------------------------------

    async def ask_generate_now(self) -> QMessageBox | None:
        """Check the board, then ask with the cost; nothing is sent before the answer."""
        if self.board_id is None or self.view is None:
            return None
        self.view.editor.commit_prompt()
        board_id = self.board_id
        await self.controller.settled()
        status = await self.controller.read(board_id)
        bad = edits.problems(status.board)
        if bad:
            self._refuse("\n".join(bad))  # nothing is sent
            return None
        cost = self.controller.cost(status)
        if not cost.shots:
            self.view.bar.show_note(
                tr("Every shot has a take. Regenerate a shot to make another one.")
            )
            return None
        text = arg(tr("Generate the storyboard for about %1?"), format_money(cost.total))
        box = QMessageBox(
            QMessageBox.Icon.Question, tr("Generate the storyboard"), text, parent=self.w
        )
        more = arg(tr("Shots to send: %1."), str(len(cost.shots)))
        if cost.unpriced:
            more += " " + arg(tr("Without a price: %1."), str(cost.unpriced))
        box.setInformativeText(
            more
            + " "
            + tr(
                "Shots that continue go one after another, each once the shot before is in. "
                "Your gateway may charge differently."
            )
        )
        send = box.addButton(tr("Generate"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(send)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda b: self.controller.generate(board_id) if b is send else None
        )
        box.open()  # never exec(): the qasync loop must keep running
        self.confirm = box
        return box

    def _on_generating(self, board_id: str, on: bool) -> None:
        if self.view is not None and board_id == self.board_id:
            self.view.bar.set_generating(on)

    def _on_status(self, status: BoardStatus) -> None:
        if status.board.id != self.board_id or self.view is None:
            return
        self.view.show_status(status, self.controller.cost(status))
        if self.film is not None:
            self._refresh_film()

    def _on_poster(self, job_id: str, image: QImage) -> None:
        if self.view is not None:
            self.view.set_poster(job_id, image)
        if self.film is not None:
            self.film.set_poster(job_id, image)

    # -- the film --------------------------------------------------------------------------------

    def open_film(self) -> FilmWindow | None:
        """The board's chosen takes as one film, in a window of its own."""
        if self.board_id is None or self.view is None or self.view.status is None:
            return None
        if self.film is None:
            from .film_window import FilmWindow

            self.w.player.stop()  # one decoder at a time: the viewer's clip stops while it is open
            folder = self.w.services.runner.library.root  # beside the takes it is made of
            film = self.film = FilmWindow(self.view.status.board.title, folder, self.w)
            film.trim_requested.connect(self.set_trim)
            film.export_requested.connect(self.export)
            film.cancel_requested.connect(lambda: self.controller.cancel_export())
            film.closed.connect(self._on_film_closed)
            film.show_exporting(self.controller.exporting)
        if not self.film.isVisible():  # beside the storyboard, over the viewer it stands in for
            pane = self.w.viewer_split
            at = QRect(pane.mapToGlobal(pane.rect().topLeft()), pane.size())
            if at.width() >= FILM_MIN.width() and at.height() >= FILM_MIN.height():
                self.film.setGeometry(at)
            else:
                self.film.move(at.topLeft())
        self.film.show()
        self.film.raise_()
        self.film.activateWindow()
        self._refresh_film()
        return self.film

    def _on_film_closed(self) -> None:
        self.film = None

    def _refresh_film(self) -> None:
        self.spawn(self._refresh_film_now())

    async def _refresh_film_now(self) -> None:
        if self.board_id is None or self.film is None:
            return
        status, parts, missing = await self.controller.film(self.board_id)
        if self.film is None:
            return
        self.film.set_parts(parts, missing, {s.id: s.prompt for s in status.board.shots})
        for part in parts:
            image = self.w.posters.get(part.job_id, part.video)
            if image is not None:
                self.film.set_poster(part.job_id, image)

    def set_trim(self, shot_id: str, trim: Trim) -> None:
        self.spawn(self._set_trim(shot_id, trim))

    async def _set_trim(self, shot_id: str, trim: Trim) -> None:
        if self.board_id is not None:
            await self.controller.set_trim(self.board_id, shot_id, trim)

    def export(self, path: Path) -> None:
        if self.board_id is None:
            return
        if path.suffix.lower() != ".mp4":
            path = path.with_suffix(".mp4")
        if self.film is not None:
            self.film.show_exporting(True)
        self.controller.export(self.board_id, path)

    def _on_export_progress(self, fraction: float) -> None:
        if self.film is not None:
            self.film.show_progress(fraction)

    def _on_exported(self, film: Any) -> None:
        if self.film is not None:
            self.film.show_exported(film.path if film else None, film.duration_s if film else 0)
        if film is not None:
            self._say(arg(tr("Film exported: %1"), str(film.path)))

    # -- start-up and quit ------------------------------------------------------------------------

    def resume_all(self) -> None:
        """Carry on with the boards a crash or a quit left part-way, once the window is up."""
        QTimer.singleShot(RESUME_AFTER_MS, self, lambda: self.controller.resume_all())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.w:
            if event.type() == QEvent.Type.Show and not self._resume_planned:
                self._resume_planned = True  # the window's first showing is the app's start
                self.resume_all()
            elif event.type() == QEvent.Type.Close and self._controller is not None:
                if self.film is not None:
                    self.film.close()
                self._stop_soon()
        return False

    @asyncSlot()
    async def _stop_soon(self) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop generating and following (sent shots go on at the gateway; the next start picks
        them up), before the journal closes."""
        if self._controller is not None:
            await self._controller.aclose()

    def _say(self, text: str) -> None:
        self.w.statusBar().showMessage(text, 15000)

    def _refuse(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Storyboard"), text, parent=self.w)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
