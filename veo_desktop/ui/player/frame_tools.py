"""Frame from here (the frame on screen into the next job's start, end or reference slot, as
Ctrl+L does with the last frame) and Export frame as PNG; decoded exactly, off the UI thread."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton
from qasync import asyncSlot

from ...core.request.models import Mode
from ..i18n import arg
from .timecode import timecode

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .viewer import Viewer

Slot = Literal["start", "end", "reference"]


class FrameTools(QObject):
    def __init__(self, window: MainWindow, viewer: Viewer) -> None:
        super().__init__(viewer)
        self.w = window
        self.viewer = viewer

        def make(text: str, mode: Mode, slot: Slot) -> QAction:
            a = QAction(text, viewer)
            a.triggered.connect(lambda: self._use(mode, slot))
            return a

        self.to_start = make(
            self.tr("As the next start frame (First + Last)"), Mode.FRAMES, "start"
        )
        self.to_end = make(self.tr("As the next end frame (First + Last)"), Mode.FRAMES, "end")
        self.to_image = make(self.tr("As the start image (Image)"), Mode.IMAGE, "start")
        self.to_reference = make(self.tr("As a reference (Reference)"), Mode.REFERENCE, "reference")
        self.export = QAction(self.tr("Export frame as PNG…"), viewer)
        self.export.triggered.connect(self.open_export)

        self.button = QToolButton(viewer)
        self.button.setText(self.tr("Frame from here"))
        self.button.setToolTip(self.tr("Use the frame on screen in the next job"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        menu.addActions([self.to_start, self.to_end, self.to_image, self.to_reference])
        self.button.setMenu(menu)
        self.export_button = QToolButton(viewer)
        self.export_button.setDefaultAction(self.export)
        viewer.tools.addWidget(self.button)
        viewer.tools.addWidget(self.export_button)
        viewer.clip_loaded.connect(self.set_enabled)
        self.set_enabled(False)

    def set_enabled(self, on: bool) -> None:
        for w in (self.button, self.export_button):
            w.setEnabled(on)

    # -- frame from here -------------------------------------------------------------------------

    @asyncSlot()
    async def _use(self, mode: Mode, slot: Slot) -> None:
        await self.use_frame(mode, slot)

    async def use_frame(self, mode: Mode, slot: Slot) -> Path | None:
        """Pause, save the frame on screen as a PNG beside the clip and put it in `mode`'s
        slot; then go to that tab, ready to type. Returns the PNG (None when it failed)."""
        moment = self.viewer.moment()
        if moment is None:
            self._say(self.tr("Select a finished clip first."))
            return None
        video, seconds = moment
        try:
            png: Path = await asyncio.to_thread(_frame_at().save_frame_at, video, seconds)
        except (ValueError, OSError) as exc:
            self._say(str(exc))
            return None
        tab = self.w.compose[mode]
        if slot == "reference":
            assert tab.refs is not None
            free = [s for s in tab.refs.slots if not s.value()]
            (free[0] if free else tab.refs.slots[-1]).set_value(str(png))
        else:
            assert tab.frames is not None
            (tab.frames.start if slot == "start" else tab.frames.end).set_value(str(png))
        self.w.show_tab(mode)
        tab.focus_prompt()
        self._say(
            arg(
                self.tr("The frame at %1 is in the %2 tab."),
                timecode(seconds * 1000),
                self.w.tabs.tabText(self.w.compose.index(mode)),
            )
        )
        return png

    # -- export ----------------------------------------------------------------------------------

    def open_export(self) -> QFileDialog | None:
        moment = self.viewer.moment()
        if moment is None:
            self._say(self.tr("Select a finished clip first."))
            return None
        video, seconds = moment
        pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        folder = Path(pictures) if pictures and Path(pictures).is_dir() else video.parent
        dlg = QFileDialog(self.w, self.tr("Export frame as PNG"))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setNameFilter(self.tr("PNG images (*.png)"))
        dlg.setDefaultSuffix("png")
        dlg.selectFile(str(folder / _frame_at().frame_png_path(video, seconds).name))
        dlg.fileSelected.connect(lambda name: self._export(video, seconds, name))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()  # never exec(): jobs keep running while it is up
        return dlg

    @asyncSlot()
    async def _export(self, video: Path, seconds: float, name: str) -> None:
        await self.export_frame(video, seconds, Path(name))

    async def export_frame(self, video: Path, seconds: float, dest: Path) -> Path | None:
        """The frame at `seconds` of `video` saved as a PNG at `dest`."""
        try:
            saved: Path = await asyncio.to_thread(_frame_at().save_frame_at, video, seconds, dest)
        except (ValueError, OSError) as exc:
            self._say(str(exc))
            return None
        self._say(arg(self.tr("Frame saved as %1."), str(saved)))
        return saved

    def _say(self, text: str) -> None:
        self.w.statusBar().showMessage(text, 8000)


def _frame_at() -> ModuleType:
    """core/library/frame_at, loaded on first use: it brings PyAV, which start-up can do without."""
    from ...core.library import frame_at

    return frame_at
