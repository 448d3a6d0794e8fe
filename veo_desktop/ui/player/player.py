"""The app's one media player (Picard's Player facade): the job list's focused row borrows it, and
its QVideoSink frames let the delegate paint the live frame in place. Muted, looping."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QAudioOutput,
    QMediaDevices,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)


class Player(QObject):
    frame = Signal(str, QImage)  # job id, the current frame
    stopped = Signal(str)  # job id that stopped playing
    status = Signal(str, QMediaPlayer.MediaStatus)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Made on first use: creating it loads Qt's FFmpeg backend, which the window's first
        # paint should not wait for (bench: startup_ratio).
        self._media: QMediaPlayer | None = None
        # Made on the first unmute (in the bigger player): muted means no audio path at all, no
        # QAudioOutput and no FFmpeg audio renderer thread, so inline previews decode no audio
        # and a machine with no sound device never sees audio warnings.
        self.audio: QAudioOutput | None = None
        self._job_id: str | None = None
        self._extra_sink: QVideoSink | None = None

    def prepare(self) -> None:
        """Make the QMediaPlayer now (the app calls this once idle), so the first clip that
        plays does not stall the window while Qt loads its media backend."""
        self.media  # noqa: B018 (the property makes it)

    @property
    def media(self) -> QMediaPlayer:
        if self._media is None:
            self._media = QMediaPlayer(self)
            self.sink = QVideoSink(self)
            self._media.setVideoSink(self.sink)
            self._media.setLoops(QMediaPlayer.Loops.Infinite)
            self.sink.videoFrameChanged.connect(self._on_frame)
            self._media.mediaStatusChanged.connect(self._on_status)
        return self._media

    @property
    def job_id(self) -> str | None:
        return self._job_id

    def play(self, job_id: str, path: str | Path) -> None:
        if (
            self._job_id == job_id
            and self.media.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        ):
            return
        self.stop()
        self._job_id = job_id
        self.media.setSource(QUrl.fromLocalFile(str(path)))
        self.media.play()

    def toggle(self, job_id: str, path: str | Path) -> None:
        if self._job_id == job_id:
            self.stop()
        else:
            self.play(job_id, path)

    def stop(self) -> None:
        previous = self._job_id
        self._job_id = None
        if self._media is not None:  # nothing ever played: nothing to stop
            self._media.stop()
            self._media.setSource(QUrl())
        if previous:
            self.stopped.emit(previous)

    @property
    def muted(self) -> bool:
        return self.audio is None or self.audio.isMuted()

    def set_muted(self, muted: bool) -> bool:
        """Turn sound on or off; answers whether sound is now on. Unmuting does nothing (and
        answers False) on a machine with no audio output device."""
        if not muted and self.audio is None:
            if QMediaDevices.defaultAudioOutput().isNull():
                return False
            self.audio = QAudioOutput(self)
            self.media.setAudioOutput(self.audio)
        if self.audio is not None:
            self.audio.setMuted(muted)
        return not self.muted

    def mirror_to(self, sink: QVideoSink | None) -> None:
        """Also show frames in a bigger view (the larger player dialog)."""
        self._extra_sink = sink

    def _on_frame(self, frame: QVideoFrame) -> None:
        if self._extra_sink is not None:
            self._extra_sink.setVideoFrame(frame)
        if self._job_id is None or not frame.isValid():
            return
        image = frame.toImage()
        if not image.isNull():
            self.frame.emit(self._job_id, image)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._job_id:
            self.status.emit(self._job_id, status)
