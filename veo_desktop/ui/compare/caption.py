"""What is known of one take under its picture: its letter, seed, length and size, a badge when its
checks failed, the button to hear it and the button to keep it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtMultimedia import QMediaMetaData
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from ...core.checks.result import failed
from ..appearance import problem_style
from ..i18n import arg
from ..jobs.row_text import checks_count_text, checks_tip
from .take import Take


class Caption(QWidget):
    keep_clicked = Signal()
    listen_toggled = Signal(bool)

    def __init__(self, letter: str, take: Take, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.take = take
        job = take.job
        self.letter = QLabel(f"<b>{letter}</b>", self)
        self.facts = QLabel(self)
        self.facts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.facts.setToolTip(job.prompt)
        self.badge = QLabel(self)
        bad = failed(job.checks)
        self.badge.setVisible(bool(bad))
        if bad:
            self.badge.setText(f"⚠ {checks_count_text(len(bad))}")
            self.badge.setToolTip(checks_tip(job))
            self.badge.setStyleSheet(problem_style(self.badge, warning=True))
        self.sound = QToolButton(self)
        self.sound.setCheckable(True)
        self.sound.setAutoRaise(True)
        self.sound.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaVolume))
        self.sound.setToolTip(self.tr("Hear this take (the others are silent)"))
        self.sound.setAccessibleName(arg(self.tr("Hear %1"), letter))
        self.sound.toggled.connect(self.listen_toggled)
        self.keep = QPushButton(self.tr("Keep this one"), self)
        self.keep.setToolTip(arg(self.tr("Keep %1 and move the other takes to the trash"), letter))
        self.keep.setAccessibleName(arg(self.tr("Keep %1"), letter))
        self.keep.clicked.connect(self.keep_clicked)
        for button in (self.sound, self.keep):  # Space stays play/pause for the whole window
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        row = QHBoxLayout(self)
        row.setContentsMargins(2, 0, 2, 0)
        row.addWidget(self.letter)
        row.addWidget(self.facts, 1)
        row.addWidget(self.badge)
        row.addWidget(self.sound)
        row.addWidget(self.keep)
        take.media.durationChanged.connect(self.show_facts)
        take.media.metaDataChanged.connect(self.show_facts)
        self.show_facts()

    def seed_text(self) -> str:
        seed = self.take.job.request.get("seed")
        if seed is None:
            return self.tr("random seed")
        return arg(self.tr("seed %1"), str(seed))

    def show_facts(self) -> None:
        parts = [self.seed_text()]
        ms = self.take.media.duration()
        if ms > 0:
            parts.append(arg(self.tr("%1 s"), f"{ms / 1000:.1f}"))
        size = self.take.media.metaData().value(QMediaMetaData.Key.Resolution)
        if isinstance(size, QSize) and not size.isEmpty():
            parts.append(f"{size.width()}×{size.height()}")
        self.facts.setText(" · ".join(parts))

    def set_sound_available(self, available: bool) -> None:
        self.sound.setEnabled(available)
        if not available:
            self.sound.setToolTip(self.tr("No sound device was found on this computer."))

    def set_listening(self, on: bool) -> None:
        self.sound.blockSignals(True)
        self.sound.setChecked(on)
        self.sound.blockSignals(False)
