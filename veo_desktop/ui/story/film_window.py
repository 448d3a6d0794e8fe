"""The board watched as one film in its own window: the chosen takes in order with their trims,
over a timeline strip, and Export… with progress and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeyEvent
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.story.board import Trim
from ..i18n import arg, tr
from .film_player import FilmPart, FilmPlayer
from .timeline import TimelineStrip


def clock(ms: int) -> str:
    s = max(0, ms) / 1000
    return f"{int(s // 60)}:{s % 60:04.1f}"


class FilmWindow(QWidget):
    trim_requested = Signal(str, object)  # shot id, Trim
    export_requested = Signal(object)  # Path of the MP4 to write
    cancel_requested = Signal()
    closed = Signal()

    def __init__(self, title: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(arg(tr("Film: %1"), title))
        self.title = title
        self.folder = folder  # where Export… proposes to write the film first
        self.prompts: dict[str, str] = {}
        self.player = FilmPlayer(self)
        self.video = QVideoWidget(self)
        self.video.setAccessibleName(tr("Film"))
        self.video.setMinimumSize(320, 180)
        self.player.media.setVideoOutput(self.video)
        icon = self.style().standardIcon
        self._play_icon = icon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = icon(QStyle.StandardPixmap.SP_MediaPause)
        self.play = QToolButton(self)
        self.play.setIcon(self._play_icon)
        self.play.setToolTip(tr("Play the film (Space)"))
        self.play.setAccessibleName(tr("Play"))
        self.play.clicked.connect(self.player.toggle)
        self.time = QLabel(clock(0), self)
        self.time.setAccessibleName(tr("Film position"))
        self.shot = QLabel(self)
        self.shot.setMinimumWidth(1)  # a long prompt is cut, it does not widen the window
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.timeline = TimelineStrip(self)
        self.export = QPushButton(tr("Export…"), self)
        self.export.setToolTip(tr("Write the film as one MP4, with a sidecar listing its shots"))
        self.export.clicked.connect(self.choose_file)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(tr("Export progress"))
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.cancel = QPushButton(tr("Cancel"), self)
        self.cancel.setToolTip(tr("Stop the export; no file is left"))
        self.cancel.clicked.connect(self.cancel_requested)
        self.exported = QLabel(self)
        self.exported.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_exporting(False)
        self.save_dialog: QFileDialog | None = None

        controls = QHBoxLayout()
        controls.addWidget(self.play)
        controls.addWidget(self.time)
        controls.addWidget(self.shot, 1)
        controls.addWidget(self.exported)
        controls.addWidget(self.progress)
        controls.addWidget(self.cancel)
        controls.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.video, 1)
        layout.addLayout(controls)
        layout.addWidget(self.timeline)
        layout.addWidget(self.note)

        self.player.position_changed.connect(self._on_position)
        self.player.part_changed.connect(lambda _i: self._on_position(self.player.position_ms()))
        self.player.playing_changed.connect(
            lambda on: self.play.setIcon(self._pause_icon if on else self._play_icon)
        )
        self.timeline.seek_requested.connect(self.player.seek)
        self.timeline.trim_changed.connect(self._on_trim)
        self.resize(900, 600)

    # -- content ---------------------------------------------------------------------------------

    def set_parts(
        self, parts: list[FilmPart], missing: list[int], prompts: dict[str, str] | None = None
    ) -> None:
        """The takes the film has now; `missing` are the shots (1-based) with none chosen yet;
        `prompts` each shot's prompt by its id."""
        self.prompts = prompts or {}
        self.player.set_parts(parts)
        self.player.cue()
        self.timeline.set_parts(parts)
        self._on_position(self.player.position_ms())
        self.export.setEnabled(bool(parts) and not missing)
        if missing:
            shots = ", ".join(map(str, missing))
            self.note.setText(
                arg(tr("The film skips the shots with no finished take yet: %1."), shots)
            )
        else:
            self.note.setText("")
        self.note.setVisible(bool(missing))

    def set_poster(self, job_id: str, image: QImage) -> None:
        self.timeline.set_poster(job_id, image)

    def _on_position(self, film_ms: int) -> None:
        self.timeline.set_position(film_ms)
        self.time.setText(f"{clock(film_ms)} / {clock(self.player.duration_ms)}")
        n, i = len(self.player.parts), self.player.index
        if n and 0 <= i < n:
            text = arg(tr("Shot %1 of %2"), str(i + 1), str(n))
            prompt = self.prompts.get(self.player.parts[i].shot_id, "")
            self.shot.setText(f"{text}: {prompt}" if prompt else text)

    def _on_trim(self, index: int, start_ms: int, end_ms: int | None) -> None:
        part = self.player.parts[index]
        trim = Trim(start_ms / 1000, None if end_ms is None else end_ms / 1000)
        self.trim_requested.emit(part.shot_id, trim)

    # -- export ----------------------------------------------------------------------------------

    def choose_file(self) -> None:
        if self.save_dialog is None:
            self.save_dialog = QFileDialog(self, tr("Export the film"))
            self.save_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            self.save_dialog.setNameFilter(tr("MP4 video (*.mp4)"))
            self.save_dialog.setDefaultSuffix("mp4")
            self.save_dialog.fileSelected.connect(
                lambda path: self.export_requested.emit(Path(path))
            )
            self.save_dialog.setDirectory(str(self.folder))
        self.save_dialog.selectFile(f"{self.title or 'film'}.mp4")
        self.save_dialog.open()  # never exec(): the qasync loop must keep running

    def show_exporting(self, on: bool) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(on)
        self.cancel.setVisible(on)
        self.export.setEnabled(not on)
        if on:
            self.exported.setText(tr("Exporting…"))

    def show_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 1000))

    def show_exported(self, path: Path | None, seconds: float = 0.0) -> None:
        self.show_exporting(False)
        if path is None:
            self.exported.setText("")
            return
        self.exported.setText(arg(tr("Exported %1 (%2 s)"), path.name, f"{seconds:.1f}"))
        self.exported.setToolTip(str(path))

    # -- keys and closing ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            self.player.toggle()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.player.release()  # the decoder and the file go now, not when Python collects us
        self.closed.emit()
        super().closeEvent(event)
