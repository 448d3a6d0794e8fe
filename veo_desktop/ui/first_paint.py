"""Start-up work that waits for the window's first picture: it runs once the loop first idles after
a widget was first painted, so the shell is on screen before it (bench: startup_ratio)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def after_first_paint(widget: QWidget, work: Callable[[], object]) -> None:
    """Run `work` once, when the loop first idles after `widget` is first painted."""
    _FirstPaint(widget, work)


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, work: Callable[[], object]) -> None:
        super().__init__(widget)
        self._work = work
        # A zero-interval timer fires once nothing else is queued; QTimer.singleShot(0) would
        # be a posted call, run ahead of the frame's own follow-up events and of input.
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._run)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._idle.start()
        return False

    def _run(self) -> None:
        self.deleteLater()
        self._work()
