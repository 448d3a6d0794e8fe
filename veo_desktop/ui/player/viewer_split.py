"""The job list and the viewer: side by side when there is room for a useful video beside the list,
stacked (the video above) when the window is narrow; each arrangement keeps its own sizes."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

from ..settings import Option

BESIDE = Qt.Orientation.Horizontal
STACKED = Qt.Orientation.Vertical
#: The video width that makes side by side worth it; narrower, the video goes above the list.
BESIDE_VIEWER_MIN = 360
#: Extra width before stacked panes go side by side again, so the switch cannot flip back and
#: forth on the width it changes (as the image slots reflow, compose/slot_groups.py).
HYSTERESIS = 48
STATES = {
    BESIDE: Option("window/viewer_beside", QByteArray()),
    STACKED: Option("window/viewer_stacked", QByteArray()),
}


class ViewerSplit(QSplitter):
    """`viewer` may be a stand-in until the viewer is built (`set_viewer`)."""

    def __init__(self, jobs: QWidget, viewer: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(BESIDE, parent)
        self.jobs = jobs
        self.viewer = viewer
        self.setChildrenCollapsible(False)
        self.addWidget(jobs)
        self.addWidget(viewer)
        self._states: dict[Qt.Orientation, QByteArray] = {}
        self._arrange(BESIDE)

    def set_viewer(self, viewer: QWidget) -> QWidget:
        """Put `viewer` where the widget holding its place is, at that size; returns that one."""
        held, self.viewer = self.viewer, viewer
        self.replaceWidget(self.indexOf(held), viewer)
        self.setStretchFactor(self.indexOf(viewer), 1)
        return held

    @property
    def beside(self) -> bool:
        return self.orientation() == BESIDE

    def restore(self, store: QSettings) -> None:
        for orientation, option in STATES.items():
            state = option.get(store)
            if state:
                self._states[orientation] = QByteArray(state)
        self._arrange(self.orientation())

    def save(self, store: QSettings) -> None:
        if self.count() == 2:  # not while the viewer is away full screen
            self._states[self.orientation()] = self.saveState()
        for orientation, state in self._states.items():
            STATES[orientation].set(store, state)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.count() == 2:
            need = self.jobs.minimumSizeHint().width() + self.handleWidth() + BESIDE_VIEWER_MIN
            width = event.size().width()
            if self.beside and width < need:
                self._switch(STACKED)
            elif not self.beside and width >= need + HYSTERESIS:
                self._switch(BESIDE)
        super().resizeEvent(event)

    def _switch(self, orientation: Qt.Orientation) -> None:
        self._states[self.orientation()] = self.saveState()
        self._arrange(orientation)

    def _arrange(self, orientation: Qt.Orientation) -> None:
        """Panes in `orientation`'s order (the video above the list when stacked), with that
        arrangement's last sizes."""
        self.setOrientation(orientation)
        beside = orientation == BESIDE
        first, second = (self.jobs, self.viewer) if beside else (self.viewer, self.jobs)
        self.insertWidget(0, first)
        self.insertWidget(1, second)
        self.setStretchFactor(self.indexOf(self.jobs), 0 if beside else 1)
        self.setStretchFactor(self.indexOf(self.viewer), 1)
        state = self._states.get(orientation)
        if state is None or not self.restoreState(state) or self.orientation() != orientation:
            self.setOrientation(orientation)
            self.setSizes([380, 460] if beside else [420, 300])
