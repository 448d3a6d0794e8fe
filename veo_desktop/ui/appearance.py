"""Light or dark (the system's scheme or the user's choice, with our own dark palette where the
platform cannot switch), and the one red and amber every error and warning is drawn in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

_REQUEST = {
    "": Qt.ColorScheme.Unknown,  # Unknown = "whatever the system says"
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}


#: (on a light background, on a dark one): no single red or amber reads well on both white and
#: near-black.
ERROR_COLOURS = ("#c62828", "#ff7b72")
WARNING_COLOURS = ("#9a5b00", "#f0b450")


def problem_colour(background: QColor, *, warning: bool = False) -> QColor:
    """The error (or warning) colour that reads on `background`."""
    pair = WARNING_COLOURS if warning else ERROR_COLOURS
    return QColor(pair[1] if background.lightnessF() < 0.5 else pair[0])


def problem_style(widget: QWidget, *, warning: bool = False) -> str:
    """A style sheet that draws `widget`'s text in the error (or warning) colour."""
    background = widget.palette().color(QPalette.ColorRole.Window)
    return f"color: {problem_colour(background, warning=warning).name()};"


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
