"""The Storyboard view: the open board, its shots in order (reorder, add, duplicate, delete) and the
selected shot's editor; it only shows and asks (signals), wiring.py acts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.jobs.job import Job
from ...core.story.cost import BoardCost
from ...core.story.progress import BoardStatus
from ..i18n import tr
from .board_bar import BoardBar
from .shot_delegate import ShotDelegate
from .shot_editor import ShotEditor
from .shot_model import ShotListModel

_SEND_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class StoryView(QWidget):
    add_requested = Signal(int)  # where the new shot goes
    duplicate_requested = Signal(str)  # shot id
    delete_requested = Signal(str)
    move_requested = Signal(str, int)  # shot id, its new place

    def __init__(
        self,
        paste_dir: Path,
        job: Callable[[str], Job | None],
        poster: Callable[[str, str], QImage | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Storyboard"))
        self.bar = BoardBar(self)
        self.model = ShotListModel(self)
        self.model.set_poster_source(poster)
        self.model.move_requested.connect(self.move_requested)
        self.list = QListView(self)
        self.list.setAccessibleName(tr("Shots"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(ShotDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.list.selectionModel().currentChanged.connect(self._on_current)

        self.add = self._button(tr("Add shot"), tr("A new shot after the selected one"))
        self.duplicate = self._button(tr("Duplicate"), tr("A copy of this shot after it, no takes"))
        self.delete = self._button(
            tr("Delete"), tr("Remove the shot; its takes stay in the library")
        )
        self.up = self._button("▲", tr("Move the shot up"))
        self.down = self._button("▼", tr("Move the shot down"))
        self.up.setAccessibleName(tr("Move up"))
        self.down.setAccessibleName(tr("Move down"))
        self.add.clicked.connect(self._on_add)
        self.duplicate.clicked.connect(lambda: self._with_shot(self.duplicate_requested.emit))
        self.delete.clicked.connect(lambda: self._with_shot(self.delete_requested.emit))
        self.up.clicked.connect(lambda: self._move_by(-1))
        self.down.clicked.connect(lambda: self._move_by(1))

        self.editor = ShotEditor(paste_dir, job, poster, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.editor)

        shots = QWidget(self)
        shots_layout = QVBoxLayout(shots)
        shots_layout.setContentsMargins(0, 0, 0, 0)
        shots_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        for b in (self.add, self.duplicate, self.delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        shots_layout.addLayout(buttons)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(shots)
        self.split.addWidget(scroll)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 3)  # the shots first; the editor scrolls
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([330, 270])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.bar)
        layout.addWidget(self.split, 1)
        self._update_buttons()

    def _button(self, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        return b

    # -- showing ---------------------------------------------------------------------------------

    @property
    def status(self) -> BoardStatus | None:
        return self.model.status

    def show_status(self, status: BoardStatus | None, cost: BoardCost | None = None) -> None:
        """Show the board as it is now; the selected shot stays selected."""
        keep = self.editor.shot_id
        self.model.set_status(status)
        self.bar.show_status(status, cost)
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and self.model.rowCount():
            row = 0 if keep is None else min(self.current_row(), self.model.rowCount() - 1)
        if row >= 0 and row != self.current_row():
            self.select_row(row)
        else:
            self._show_current()
        self._update_buttons()

    def current_row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def select_shot(self, shot_id: str) -> None:
        row = self.model.row_of(shot_id)
        if row >= 0:
            self.select_row(row)

    def set_poster(self, job_id: str, image: QImage) -> None:
        self.model.set_poster(job_id, image)
        self.editor.set_poster(job_id, image)

    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()
        self._update_buttons()

    def _show_current(self) -> None:
        row = self.current_row()
        status = self.model.status
        shot = self.model.shot_at(row) if row >= 0 else None
        self.editor.show_shot(shot, status.board if status is not None else None)

    def _update_buttons(self) -> None:
        row, n = self.current_row(), self.model.rowCount()
        has_board = self.model.status is not None
        self.add.setEnabled(has_board)
        for b in (self.duplicate, self.delete):
            b.setEnabled(row >= 0)
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < n - 1)

    # -- asks ------------------------------------------------------------------------------------

    def _with_shot(self, ask: Callable[[str], None]) -> None:
        row = self.current_row()
        if row >= 0:
            self.editor.commit_prompt()
            ask(self.model.shot_at(row).shot.id)

    def _on_add(self) -> None:
        self.editor.commit_prompt()
        row = self.current_row()
        self.add_requested.emit(row + 1 if row >= 0 else self.model.rowCount())

    def _move_by(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if row >= 0 and 0 <= target < self.model.rowCount():
            # moveRows takes the row it goes before: below the next one when moving down.
            self.model.moveRows(QModelIndex(), row, 1, QModelIndex(), target + (step > 0))
            self.select_row(target)

    def focus_default(self) -> None:
        """Where the keys go when the view shows: the shot list (the prompt if it is empty)."""
        if self.model.rowCount():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.bar.new.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keys ------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Ctrl+Return is the window's "send the job" shortcut: here it generates the board.
        # Accepting the override (it rises from the focused widget) keeps the window's shortcut
        # from sending the hidden compose tab's request; the key press then comes to us.
        if event.type() == QEvent.Type.ShortcutOverride and _is_send(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_send(event):
            self.editor.commit_prompt()
            self.bar.generate_requested.emit()
            return
        super().keyPressEvent(event)


def _is_send(event: QEvent) -> bool:
    return (
        isinstance(event, QKeyEvent)
        and event.key() in _SEND_KEYS
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    )
