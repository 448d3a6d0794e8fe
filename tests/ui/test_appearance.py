"""Dark or light: a dark choice gives a dark window even where the platform cannot switch
(offscreen here, a bare X server for some users), and light brings it back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from veo_desktop.ui import appearance


def test_dark_then_light_changes_what_widgets_paint(qapp: QApplication, qtbot: QtBot) -> None:
    style, palette = qapp.style().name(), qapp.palette()
    try:
        assert appearance.apply(qapp, "dark") is True
        label = QLabel("x")
        qtbot.addWidget(label)
        window = label.palette().color(QPalette.ColorRole.Window)
        text = label.palette().color(QPalette.ColorRole.WindowText)
        assert window.lightness() < 80 and text.lightness() > 180  # readable: light on dark
        assert appearance.apply(qapp, "light") is False
        assert QLabel("y").palette().color(QPalette.ColorRole.Window).lightness() > 180
    finally:
        qapp.styleHints().unsetColorScheme()
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_a_choice_holds_when_the_system_changes_and_following_it_undoes_dark(
    qapp: QApplication,
) -> None:
    style, palette = qapp.style().name(), qapp.palette()
    hints = qapp.styleHints()
    try:
        assert appearance.apply(qapp, "dark") is True
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)  # the desktop switched to light
        assert appearance.is_dark(qapp)  # the user's Dark stands
        # Back to "follow the system" (offscreen's system is not dark): the window is light.
        assert appearance.apply(qapp, "") is False
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not appearance.is_dark(qapp)
    finally:
        appearance.apply(qapp, "")
        qapp.setStyle(style)
        qapp.setPalette(palette)
