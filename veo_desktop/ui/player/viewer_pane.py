"""The viewer pane, built just after the window's first paint (or when first asked for): until then
a stand-in holds its place beside the job list, so the window's shell paints without it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QWidget

from ...core.jobs.job import JobState
from ..first_paint import after_first_paint
from .viewer_split import ViewerSplit

if TYPE_CHECKING:
    from ...core.jobs.job import Job
    from ..main_window import MainWindow
    from .frame_tools import FrameTools
    from .viewer import Viewer
    from .viewer_keys import ViewerKeys

#: The stand-in's least size. The built viewer asks a little more (its transport bar needs the
#: width of its buttons), which the splitter then gives it; only a window at its smallest moves.
STAND_IN_MIN = (160, 90)


@dataclass
class _Built:
    viewer: Viewer
    keys: ViewerKeys
    frame_tools: FrameTools


class ViewerPane(QObject):
    """Builds the viewer once, when its place is first painted or when it is first asked for, and
    shows the job list's current job in it."""

    def __init__(self, window: MainWindow, jobs: QWidget) -> None:
        super().__init__(window)
        self.w = window
        self._built: _Built | None = None
        stand_in = QWidget()  # the viewer's place until it is built
        stand_in.setMinimumSize(*STAND_IN_MIN)
        self.split = ViewerSplit(jobs, stand_in)
        after_first_paint(stand_in, self.build)
        window.view.selectionModel().currentChanged.connect(self._on_current_changed)
        window.view.doubleClicked.connect(self._open_full_screen)

    @property
    def is_built(self) -> bool:
        return self._built is not None

    @property
    def viewer(self) -> Viewer:
        return self._parts().viewer

    @property
    def keys(self) -> ViewerKeys:
        return self._parts().keys

    @property
    def frame_tools(self) -> FrameTools:
        return self._parts().frame_tools

    def build(self) -> None:
        self._parts()

    def _parts(self) -> _Built:
        if self._built is None:
            self._built = self._make()
        return self._built

    def _make(self) -> _Built:
        # Imported here: the viewer brings Qt's multimedia module, which the shell does without.
        from .frame_tools import FrameTools
        from .viewer import Viewer
        from .viewer_keys import ViewerKeys

        w = self.w
        viewer = Viewer(w.player, w.store)
        keys = ViewerKeys(viewer)
        keys.serve(w.view)  # Space, J/K/L... from the job list too
        viewer.full_screen_changed.connect(self._on_full_screen)
        tools = FrameTools(w, viewer)
        self.split.set_viewer(viewer).deleteLater()  # in the stand-in's place, at its size
        return _Built(viewer, keys, tools)

    # -- the job list's current job --------------------------------------------------------------

    def show_job(self, job: Job | None) -> None:
        """Show `job` in the viewer; showing nothing needs no viewer yet."""
        if job is not None or self.is_built:
            self.viewer.show_job(job)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_job(self.w.model.job_at(current.row()) if current.isValid() else None)

    def _open_full_screen(self, index: QModelIndex) -> None:
        """Double click: the clip full screen."""
        job = self.w.model.job_at(index.row())
        if job.state is JobState.DOWNLOADED and job.video_path:
            self.viewer.show_job(job)
            self.viewer.set_full_screen(True)

    def _on_full_screen(self, on: bool) -> None:
        if not on:  # back in its pane: the keys go on working from the list
            self.w.activateWindow()
            self.w.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def close(self) -> None:
        """The window closes: a full-screen viewer comes back into it first."""
        if self._built is not None:
            self._built.viewer.set_full_screen(False)
