"""The main window's size on its screen: a minimum that never exceeds the available screen, and a
saved size kept per device-pixel ratio, so a 2× session's size never carries into a 1× one."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtWidgets import QWidget

#: What the window asks for on a screen with room for it (logical pixels).
PREFERRED_MINIMUM = QSize(900, 600)
DEFAULT_SIZE = QSize(1240, 760)
#: Room left for the window manager's frame and title bar when the frame is not known yet.
FRAME_ALLOWANCE = QSize(16, 48)


def geometry_key(dpr: float) -> str:
    """Where a window geometry saved at this device-pixel ratio lives in the store."""
    return f"window/geometry@{dpr:g}x"


def available(window: QWidget) -> QRect:
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def _frame(window: QWidget) -> QSize:
    frame = window.frameGeometry().size() - window.geometry().size()
    return frame if window.isVisible() and frame.height() > 0 else FRAME_ALLOWANCE


def fit_minimum(window: QWidget) -> QSize:
    """Set (and return) the minimum size: the preferred one, or on a small screen four fifths
    of what it can show (a minimum as large as the screen would leave nothing to resize)."""
    # A screen at 2× offers half its pixels: a 1440×900 one is 720×450 here.
    room = available(window).size() - _frame(window)
    minimum = PREFERRED_MINIMUM.boundedTo(room * 0.8)
    window.setMinimumSize(minimum)
    return minimum


def fit_on_screen(window: QWidget) -> None:
    """Shrink and move the window so all of it (frame included) is on its screen."""
    area = available(window)
    frame = _frame(window)
    size = window.size().boundedTo(area.size() - frame)
    if size != window.size():
        window.resize(size)
    x = min(max(window.x(), area.left()), area.right() + 1 - size.width() - frame.width())
    y = min(max(window.y(), area.top()), area.bottom() + 1 - size.height() - frame.height())
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


def restore(window: QWidget, store: QSettings) -> None:
    """The size saved at this screen's pixel ratio (else the default), fitted to the screen."""
    fit_minimum(window)
    saved = store.value(geometry_key(window.devicePixelRatioF()))
    if not (isinstance(saved, QByteArray | bytes) and window.restoreGeometry(QByteArray(saved))):
        window.resize(DEFAULT_SIZE)
    fit_on_screen(window)


def save(window: QWidget, store: QSettings) -> None:
    store.setValue(geometry_key(window.devicePixelRatioF()), window.saveGeometry())
