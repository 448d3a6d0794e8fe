"""The first-start panel: connect to your gateway, or try the offline demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePanel(QWidget):
    connect_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Welcome to Veo Desktop"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Generate video with Veo 3.1 through your gateway. Your API key is kept only in "
                "the system keyring.\nNo key yet? The offline demo answers like a real gateway, "
                "with real clips, and needs no network."
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(560)
        self.connect_button = QPushButton(self.tr("Connect to my gateway…"))
        self.connect_button.setAccessibleName(self.tr("Connect to my gateway"))
        self.connect_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Try the offline demo"))
        self.demo_button.setAccessibleName(self.tr("Try the offline demo"))
        for b in (self.connect_button, self.demo_button):
            b.setMinimumWidth(260)
            b.setMinimumHeight(40)
        self.connect_button.clicked.connect(self.connect_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addSpacing(24)
        layout.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignCenter)
