"""One clip in the compare grid: its own media player and video sink (made when compare opens,
released when it closes), the frame on screen with when it came, and its picture for the view."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import Executor

from PySide6.QtCore import QObject, QSize, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer, QVideoFrame, QVideoSink

from ...core.jobs.job import Job
from ..player.timecode import DEFAULT_FPS
from .frames import to_picture

Status = QMediaPlayer.MediaStatus


class Take(QObject):
    framed = Signal()  # a frame went on screen (`shown` says which and when)
    pictured = Signal()  # `picture` is new
    _converted = Signal(QImage, int)  # the picture and its frame's start (µs), from a worker

    def __init__(self, job: Job, converter: Executor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        #: Device pixels the views want this take's picture to fit; empty: no picture needed.
        self.box = QSize()
        self.picture: QImage | None = None
        self.picture_us = -1  # the start time of the frame in `picture`
        #: The frame on screen: its start (µs in the clip) and when it came (perf_counter s).
        self.shown: tuple[int, float] | None = None
        self._converter = converter
        self._pending: QVideoFrame | None = None  # the newest frame not converted yet
        self._converting = False
        self._released = False
        self._converted.connect(self._on_converted)
        self.media = QMediaPlayer(self)
        self.media.setLoops(1)  # the group loops all takes together, from the longest's end
        self.sink = QVideoSink(self)
        # Queued to the UI thread, never run on the render thread: a Python slot there waits for
        # the interpreter lock while QMediaPlayer.stop() holds it and waits for that thread.
        self.sink.videoFrameChanged.connect(self._on_frame)
        self.media.setVideoSink(self.sink)
        self.media.setSource(QUrl.fromLocalFile(job.video_path or ""))

    @property
    def fps(self) -> float:
        rate = self.media.metaData().value(QMediaMetaData.Key.VideoFrameRate)
        return float(rate) if isinstance(rate, (int, float)) and rate > 0 else DEFAULT_FPS

    @property
    def loaded(self) -> bool:
        return self.media.mediaStatus() in (
            Status.LoadedMedia,
            Status.BufferingMedia,
            Status.BufferedMedia,
            Status.EndOfMedia,
        )

    @property
    def failed(self) -> bool:
        return self.media.mediaStatus() == Status.InvalidMedia

    @property
    def ended(self) -> bool:
        return self.media.mediaStatus() == Status.EndOfMedia

    @property
    def playing(self) -> bool:
        return self.media.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def _on_frame(self, frame: QVideoFrame) -> None:
        if self._released or not frame.isValid():
            return
        self.shown = (frame.startTime(), time.perf_counter())
        self.framed.emit()
        if not self.box.isEmpty():
            self._pending = QVideoFrame(frame)
            self._convert_next()

    def refresh(self) -> None:
        """Picture the frame on screen again, for a view that changed size or just appeared
        while paused (playing, the next frame comes at the new size anyway)."""
        frame = self.sink.videoFrame()
        if not self._released and not self.playing and frame.isValid() and not self.box.isEmpty():
            self._pending = frame
            self._convert_next()

    # -- pictures, converted on a worker thread, the newest frame first ---------------------------

    def _convert_next(self) -> None:
        if self._converting or self._pending is None or self._released:
            return
        frame, self._pending = self._pending, None
        self._converting = True
        self._converter.submit(self._convert, frame, QSize(self.box))

    def _convert(self, frame: QVideoFrame, box: QSize) -> None:
        picture = to_picture(frame, box)
        if not self._released:
            with contextlib.suppress(RuntimeError):  # the take was deleted meanwhile
                self._converted.emit(picture, frame.startTime())

    def _on_converted(self, picture: QImage, start_us: int) -> None:
        self._converting = False
        if self._released:
            return
        self.picture, self.picture_us = picture, start_us
        self.pictured.emit()
        self._convert_next()  # a frame that came meanwhile (a late one is skipped, not queued)

    def forget_shown(self) -> None:
        """After a seek: the frame on screen is not where the clock is until the next one."""
        self.shown = None

    def release(self) -> None:
        """Stop decoding and give the decoder and its buffers back; the object goes too."""
        if self._released:
            return
        self._released = True
        self._pending = None
        self.picture, self.picture_us = None, -1
        self.sink.videoFrameChanged.disconnect(self._on_frame)
        self.media.stop()
        self.media.setAudioOutput(None)  # type: ignore[arg-type]
        self.media.setSource(QUrl())
        self.media.deleteLater()
        self.sink.deleteLater()
        self.deleteLater()
