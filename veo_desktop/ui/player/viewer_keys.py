"""The viewer's keys (Space, frame steps, J/K/L, F and Esc, M) as actions that work while the viewer
or the job list has the focus, so a text box keeps its own typing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from .viewer import Viewer


class ViewerKeys(QObject):
    def __init__(self, viewer: Viewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer

        def make(text: str, slot: Callable[[], None], key: str, *, repeat: bool = False) -> QAction:
            a = QAction(text, viewer)
            a.setShortcut(QKeySequence(key))
            # Only where the keys mean the clip: the viewer (full screen too) and the job list.
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.setAutoRepeat(repeat)  # a held step key creeps through the clip, frame by frame
            a.triggered.connect(slot)
            return a

        v = viewer
        self.play = make(self.tr("Play or pause the clip"), v.toggle_play, "Space")
        self.previous = make(self.tr("Previous frame"), lambda: v.step(-1), ",", repeat=True)
        self.next = make(self.tr("Next frame"), lambda: v.step(1), ".", repeat=True)
        self.slower = make(
            self.tr("Slower, or one frame back (hold to creep back)"),
            lambda: v.shuttle("j"),
            "J",
            repeat=True,
        )
        self.stop = make(self.tr("Pause"), lambda: v.shuttle("k"), "K")
        self.faster = make(self.tr("Play, then faster (up to 4×)"), lambda: v.shuttle("l"), "L")
        self.full = make(self.tr("Full screen viewer"), v.toggle_full_screen, "F")
        self.leave = make(self.tr("Leave full screen"), lambda: v.set_full_screen(False), "Esc")
        self.leave.setEnabled(False)  # Esc is left to everyone else unless full screen
        self.mute = make(self.tr("Sound on or off"), v.toggle_mute, "M")
        self.all = [
            self.play,
            self.previous,
            self.next,
            self.slower,
            self.stop,
            self.faster,
            self.full,
            self.leave,
            self.mute,
        ]
        viewer.addActions(self.all)
        viewer.full_screen_changed.connect(self.leave.setEnabled)

    def serve(self, widget: QWidget) -> None:
        """The keys also work while `widget` (the job list) has the focus."""
        widget.addActions(self.all)
