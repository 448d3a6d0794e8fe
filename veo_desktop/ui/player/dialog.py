"""The larger player (double click on a finished job): a QVideoWidget fed by the app's one
shared player, with sound toggle and a close button. Non-modal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .player import Player


class PlayerDialog(QDialog):
    def __init__(self, player: Player, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.setWindowTitle(title)
        self.resize(960, 580)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.video = QVideoWidget(self)
        self.video.setAccessibleName(self.tr("Video"))
        layout.addWidget(self.video, 1)
        row = QHBoxLayout()
        self.sound = QCheckBox(self.tr("Sound"))
        self.sound.toggled.connect(self._on_sound)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        row.addWidget(self.sound)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        player.mirror_to(self.video.videoSink())
        self.finished.connect(self._detach)

    def _on_sound(self, on: bool) -> None:
        if self.player.set_muted(not on) != on:
            # No output device: say so on the box rather than pretend sound is playing.
            self.sound.blockSignals(True)
            self.sound.setChecked(False)
            self.sound.blockSignals(False)
            self.sound.setToolTip(self.tr("No sound device was found on this computer."))

    def _detach(self) -> None:
        self.player.mirror_to(None)
        self.player.set_muted(True)
