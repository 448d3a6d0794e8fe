"""The selected shot, to edit: prompt, start and end frames, settings that override the board's,
the continue switch, its takes to choose from, and Regenerate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.jobs.job import Job, JobState
from ...core.story.board import Board, continues
from ...core.story.progress import ShotStatus
from ..compose.image_slot import ImageSlot
from ..i18n import arg, tr
from .choices import SettingChoices
from .shot_model import state_text

TAKE_ICON = QSize(112, 63)
PROMPT_SAVE_MS = 600  # typing pauses this long before the prompt is kept


class ShotEditor(QWidget):
    edited = Signal(str, dict)  # shot id, the fields that changed (board.edit_shot's names)
    choose_requested = Signal(str, str)  # shot id, job id of the take to use
    regenerate_requested = Signal(str)  # shot id

    def __init__(
        self,
        paste_dir: Path,
        job: Callable[[str], Job | None],
        poster: Callable[[str, str], QImage | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._job = job
        self._poster = poster
        self._shot: ShotStatus | None = None
        self._filling = False

        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: 600;")
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.prompt = QPlainTextEdit(self)
        self.prompt.setAccessibleName(tr("Shot prompt"))
        self.prompt.setPlaceholderText(tr("What happens in this shot"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setFixedHeight(self.prompt.fontMetrics().height() * 4 + 12)
        self._prompt_timer = QTimer(self)
        self._prompt_timer.setSingleShot(True)
        self._prompt_timer.setInterval(PROMPT_SAVE_MS)
        self._prompt_timer.timeout.connect(self.commit_prompt)
        self.prompt.textChanged.connect(self._on_prompt_typed)

        self.chain = QCheckBox(tr("Continue from the previous shot"), self)
        self.chain.setToolTip(
            tr("Start on the exact last frame of the previous shot's chosen take")
        )
        self.chain.toggled.connect(self._on_chain)
        self.start = ImageSlot(tr("Start frame"), paste_dir=paste_dir, parent=self)
        self.end = ImageSlot(tr("End frame"), paste_dir=paste_dir, parent=self)
        for slot in (self.start, self.end):
            slot.setMinimumSize(120, 100)
            slot.setMaximumHeight(130)  # the shot's words and takes matter more here
        self.start.changed.connect(lambda v: self._on_frame("image", v))
        self.end.changed.connect(lambda v: self._on_frame("last_image", v))
        self.settings = SettingChoices(inherit=True, parent=self)
        self.settings.changed.connect(self._on_settings)

        self.takes = QListWidget(self)
        self.takes.setAccessibleName(tr("Takes"))
        self.takes.setToolTip(tr("The takes of this shot: click one to use it in the film"))
        self.takes.setViewMode(QListView.ViewMode.IconMode)
        self.takes.setFlow(QListView.Flow.LeftToRight)
        self.takes.setWrapping(False)
        self.takes.setMovement(QListView.Movement.Static)
        self.takes.setIconSize(TAKE_ICON)
        self.takes.setFixedHeight(TAKE_ICON.height() + self.fontMetrics().height() * 2 + 16)
        self.takes.itemClicked.connect(self._on_take_clicked)
        self.regenerate = QPushButton(tr("Regenerate"), self)
        self.regenerate.setToolTip(tr("Make another take of this shot; its takes so far stay"))
        self.regenerate.clicked.connect(self._on_regenerate)

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        frames = QHBoxLayout()
        frames.addWidget(self.start)
        frames.addWidget(self.end)
        takes_head = QHBoxLayout()
        takes_head.addWidget(QLabel(tr("Takes"), self), 1)
        takes_head.addWidget(self.regenerate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.prompt)
        layout.addWidget(self.chain)
        layout.addLayout(frames)
        layout.addWidget(self.settings)
        layout.addWidget(self.state)
        layout.addLayout(takes_head)
        layout.addWidget(self.takes)
        self.show_shot(None, None)

    @property
    def shot_id(self) -> str | None:
        return self._shot.shot.id if self._shot is not None else None

    # -- showing ---------------------------------------------------------------------------------

    def show_shot(self, s: ShotStatus | None, board: Board | None) -> None:
        """Show the shot. The same shot again (it changed: a take, its state) keeps what is
        being typed; another shot fills every field."""
        same = s is not None and self._shot is not None and s.shot.id == self._shot.shot.id
        if not same and self._prompt_timer.isActive():
            self.commit_prompt()  # the last words typed belong to the shot being left
        self._shot = s
        self.setEnabled(s is not None)
        self._filling = True
        try:
            if s is None or board is None:
                self.heading.setText(tr("No shot selected"))
                self.prompt.setPlainText("")
                self.state.setText("")
                self.takes.clear()
                return
            chained = continues(board, s.index)
            self.heading.setText(arg(tr("Shot %1"), str(s.index + 1)))
            if not same:
                self.prompt.setPlainText(s.shot.prompt)
                self.start.set_value(s.shot.image)
                self.end.set_value(s.shot.last_image)
            self.settings.set_values(s.shot.overrides, board.settings)
            self.chain.setEnabled(s.index > 0)
            self.chain.setChecked(chained)
            self.start.setEnabled(not chained)
            self.start.setToolTip(arg(tr("Shot %1's last frame"), str(s.index)) if chained else "")
            self.state.setText(state_text(s))
            self._fill_takes(s)
        finally:
            self._filling = False

    def _fill_takes(self, s: ShotStatus) -> None:
        self.takes.clear()
        for n, take in enumerate(s.shot.takes, 1):
            job = self._job(take.job_id)
            chosen = take.job_id == s.shot.chosen
            label = arg(tr("Take %1"), str(n))
            if chosen:
                label = "✓ " + label
            elif job is None or job.state is not JobState.DOWNLOADED:
                label += " · " + (job.state.label if job is not None else tr("not sent"))
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, take.job_id)
            item.setToolTip(
                tr("In the film") if chosen else tr("Click to use this take in the film")
            )
            usable = job is not None and job.state is JobState.DOWNLOADED
            if job is not None and usable and job.video_path:
                image = self._poster(take.job_id, job.video_path)
                if image is not None and not image.isNull():
                    item.setIcon(QIcon(QPixmap.fromImage(image)))
            if not usable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.takes.addItem(item)
            if chosen:
                item.setSelected(True)

    def set_poster(self, job_id: str, image: QImage) -> None:
        for i in range(self.takes.count()):
            item = self.takes.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == job_id:
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def focus_prompt(self) -> None:
        self.prompt.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- edits -----------------------------------------------------------------------------------

    def _emit(self, **changes: Any) -> None:
        if self._shot is not None and not self._filling:
            self.edited.emit(self._shot.shot.id, changes)

    def _on_prompt_typed(self) -> None:
        if not self._filling:
            self._prompt_timer.start()

    def commit_prompt(self) -> None:
        self._prompt_timer.stop()
        text = self.prompt.toPlainText().strip()
        if self._shot is not None and text != self._shot.shot.prompt:
            self._emit(prompt=text)

    def _on_chain(self, on: bool) -> None:
        self._emit(continue_from_previous=on)

    def _on_frame(self, name: str, value: str | None) -> None:
        if self._shot is not None and getattr(self._shot.shot, name) != value:
            self._emit(**{name: value})

    def _on_settings(self, values: dict[str, Any]) -> None:
        self._emit(overrides=values)

    def _on_take_clicked(self, item: QListWidgetItem) -> None:
        job_id = item.data(Qt.ItemDataRole.UserRole)
        if self._shot is not None and job_id and job_id != self._shot.shot.chosen:
            self.choose_requested.emit(self._shot.shot.id, job_id)

    def _on_regenerate(self) -> None:
        if self._shot is not None:
            self.regenerate_requested.emit(self._shot.shot.id)
