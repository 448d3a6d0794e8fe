"""Dark or light: a dark choice gives a dark window even where the platform cannot switch
(offscreen here, a bare X server for some users), and light brings it back."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from veo_desktop.ui import appearance


def test_dark_then_light_changes_what_widgets_paint(qapp: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
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
