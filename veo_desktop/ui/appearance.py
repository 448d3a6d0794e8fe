"""Light or dark: follows the system's colour scheme, or the user's choice in Settings. Qt asks
the platform first (Windows, macOS and GNOME/KDE through their themes honour it); where the
platform cannot (a bare X server, an older desktop), the Fusion style with our own palette
gives the same result, so a dark choice is never silently ignored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_REQUEST = {
    "": Qt.ColorScheme.Unknown,  # Unknown = "whatever the system says"
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d31"), QColor("#e6e6e6")
    disabled = QColor("#7a7c80")
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, disabled),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#34363b")),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#ff6b6b")),
        (QPalette.ColorRole.Highlight, QColor("#3d7bd9")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#6ea8ff")),
        (QPalette.ColorRole.Mid, QColor("#45474d")),
        (QPalette.ColorRole.Dark, QColor("#16171a")),
        (QPalette.ColorRole.Light, QColor("#505258")),
        (QPalette.ColorRole.Shadow, QColor("#000000")),
    ):
        p.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


#: The choice in force ("" follows the system), read when the system's scheme changes.
_choice = ""
_watching = False


def apply(app: QApplication, choice: str) -> bool:
    """Use `choice` ("", "light" or "dark"), now and until the next call; True when the result
    is dark. While the choice is "" the app follows the system when its scheme changes."""
    global _choice, _watching
    _choice = choice
    hints = app.styleHints()
    if not _watching:  # one connection for the app's life; it reads the choice in force
        hints.colorSchemeChanged.connect(lambda _s: _choice == "" and _use(app, ""))
        _watching = True
    return _use(app, choice)


def _use(app: QApplication, choice: str) -> bool:
    hints = app.styleHints()
    wanted = _REQUEST.get(choice, Qt.ColorScheme.Unknown)
    if wanted is Qt.ColorScheme.Unknown:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(wanted)
    effective = wanted if wanted is not Qt.ColorScheme.Unknown else hints.colorScheme()
    if effective is Qt.ColorScheme.Dark and not is_dark(app):
        # The platform could not switch: do it ourselves, with the style that honours palettes.
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif effective is not Qt.ColorScheme.Dark and is_dark(app):
        app.setPalette(app.style().standardPalette())  # undo our dark palette, whatever asked
    return is_dark(app)
