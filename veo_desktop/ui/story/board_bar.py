"""The top of the Storyboard view: which board is open (the recent ones, New, Open, Save), its
title and settings, and Generate with the board's progress and the cost of what it would send."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.request.pricing import format_money
from ...core.story.board import Board, Settings
from ...core.story.cost import BoardCost
from ...core.story.progress import BoardStatus, ShotState
from ..appearance import problem_style
from ..i18n import arg, tr
from .choices import SettingChoices


def made_on(board: Board) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(board.created_at))


class BoardBar(QWidget):
    board_picked = Signal(str)  # board id
    new_requested = Signal()
    open_requested = Signal()
    save_requested = Signal()
    title_edited = Signal(str)
    settings_edited = Signal(object)  # Settings
    generate_requested = Signal()
    film_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._generating = False
        self.picker = QComboBox(self)
        self.picker.setAccessibleName(tr("Storyboard"))
        self.picker.setToolTip(tr("The storyboards kept here, newest first"))
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(4)  # titles elide: the pane stays narrow
        self.picker.activated.connect(self._on_picked)
        self.new = self._button(tr("New"), tr("A new storyboard with one empty shot"))
        self.open = self._button(tr("Open…"), tr("Open a storyboard saved as a JSON file"))
        self.save = self._button(tr("Save…"), tr("Save this storyboard as a JSON file"))
        self.new.clicked.connect(self.new_requested)
        self.open.clicked.connect(self.open_requested)
        self.save.clicked.connect(self.save_requested)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(tr("Storyboard title"))
        self.title.setPlaceholderText(tr("Title"))
        self.title.editingFinished.connect(self._on_title)
        self.settings = SettingChoices(inherit=False, parent=self)
        self.settings.changed.connect(self._on_settings)

        self.generate = QPushButton(tr("Generate board"), self)
        self.generate.setToolTip(
            tr("Send every shot without a take; chained shots go once the shot before is in")
        )
        self.generate.clicked.connect(self.generate_requested)
        self.film = QPushButton(tr("Watch as one film"), self)
        self.film.setToolTip(tr("The chosen takes in order, with their trims; export one MP4"))
        self.film.clicked.connect(self.film_requested)
        self.cost = QLabel(self)
        self.cost.setAccessibleName(tr("Estimated cost"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(tr("Board progress"))
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()

        pick = QHBoxLayout()
        pick.addWidget(self.picker, 1)
        for b in (self.new, self.open, self.save):
            pick.addWidget(b)
        run = QHBoxLayout()
        run.addWidget(self.generate)
        run.addStretch(1)
        run.addWidget(self.film)
        done = QHBoxLayout()
        done.addWidget(self.progress, 1)
        done.addWidget(self.cost)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pick)
        layout.addWidget(self.title)
        layout.addWidget(self.settings)
        layout.addLayout(run)
        layout.addLayout(done)
        layout.addWidget(self.note)
        self.show_status(None)

    def _button(self, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return b

    # -- showing ---------------------------------------------------------------------------------

    def set_boards(self, boards: list[Board], current: str | None) -> None:
        self._filling = True
        try:
            self.picker.clear()
            for board in boards:
                self.picker.addItem(board.title, board.id)
                tip = arg(tr("Made %1"), made_on(board))
                self.picker.setItemData(self.picker.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            self.picker.setCurrentIndex(max(0, self.picker.findData(current)))
            self.picker.setEnabled(bool(boards))
        finally:
            self._filling = False

    def show_status(self, status: BoardStatus | None, cost: BoardCost | None = None) -> None:
        self._filling = True
        try:
            has = status is not None
            for w in (self.title, self.settings, self.save, self.film):
                w.setEnabled(has)
            self.generate.setEnabled(has and not self._generating)
            if status is None:
                self.title.setText("")
                self.progress.setValue(0)
                self.cost.setText("")
                self.show_note(tr("Make a storyboard with New, or open one saved as JSON."))
                return
            board = status.board
            if not self.title.hasFocus():
                self.title.setText(board.title)
            self.settings.set_values(board.settings.to_json())
            done = status.count(ShotState.DONE)
            self.progress.setValue(round(status.progress * 100))
            self.progress.setFormat(
                arg(tr("Shots done: %1 of %2"), str(done), str(len(status.shots)))
            )
            self.film.setEnabled(done > 0)
            if cost is not None and cost.shots and not self._generating:
                self.cost.setText(arg(tr("≈ %1"), format_money(cost.total)))
                self.cost.setToolTip(
                    arg(tr("What Generate would send. Shots to send: %1."), str(len(cost.shots)))
                )
            else:
                self.cost.setText("")
            self.show_note(status.note or "", error=bool(status.note))
        finally:
            self._filling = False

    def set_generating(self, on: bool) -> None:
        self._generating = on
        if on:
            self.cost.setText("")  # what a Generate would send: nothing while one runs
        self.generate.setText(tr("Generating…") if on else tr("Generate board"))
        self.generate.setEnabled(not on)

    def show_note(self, text: str, *, error: bool = False) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(problem_style(self.note) if error else "")
        self.note.setVisible(bool(text))

    # -- edits -----------------------------------------------------------------------------------

    def _on_picked(self, index: int) -> None:
        board_id = self.picker.itemData(index)
        if board_id and not self._filling:
            self.board_picked.emit(board_id)

    def _on_title(self) -> None:
        if not self._filling and self.title.text().strip():
            self.title_edited.emit(self.title.text().strip())

    def _on_settings(self, values: dict[str, object]) -> None:
        if not self._filling:
            self.settings_edited.emit(Settings.from_json(values))
