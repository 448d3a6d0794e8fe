"""The app's one media player (Picard's Player facade): the viewer shows the selected clip through
it, and it says which frame is on screen (its start time), for frame steps and Frame from here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaMethod, QObject, QUrl, Signal
from PySide6.QtGui import QImage

if TYPE_CHECKING:  # QtMultimedia loads with the media player, after the window's first paint
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink


class Player(QObject):
    frame = Signal(str, QImage)  # job id, the frame as an image: only made while connected
    shown = Signal(str, int)  # job id, start time (µs) of the frame now on screen
    stopped = Signal(str)  # job id that stopped playing
    prepared = Signal()  # the media player exists: a surface for it can be built now

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Made on first use: creating it loads Qt's FFmpeg backend, which the window's first
        # paint should not wait for (bench: startup_ratio).
        self._media: QMediaPlayer | None = None
        # Made on the first unmute: muted means no audio path at all, no QAudioOutput and no
        # FFmpeg audio renderer thread, so clips clicked through decode no audio and a machine
        # with no sound device never sees audio warnings.
        self.audio: QAudioOutput | None = None
        self._volume = 1.0
        self._loop = True
        self._job_id: str | None = None
        self._sink: QVideoSink | None = None  # where frames go: the viewer's surface, once built
        self._shown_us: int | None = None
        self._frame_signal = QMetaMethod.fromSignal(self.frame)

    @property
    def is_prepared(self) -> bool:
        """The media player exists (a viewer built later makes its surface at once)."""
        return self._media is not None

    def prepare(self) -> None:
        """Make the QMediaPlayer now (the app calls this once idle), so the first clip that
        plays does not stall the window while Qt loads its media backend."""
        self.media  # noqa: B018 (the property makes it)
        self.prepared.emit()

    @property
    def media(self) -> QMediaPlayer:
        if self._media is None:
            from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

            self._media = QMediaPlayer(self)
            self._media.setLoops(QMediaPlayer.Loops.Infinite if self._loop else 1)
            self.show_on(self._sink or QVideoSink(self))
        return self._media

    def show_on(self, sink: QVideoSink) -> None:
        """Send the frames to `sink` (the viewer's video surface)."""
        if sink is not self._sink:
            if self._sink is not None:
                self._sink.videoFrameChanged.disconnect(self._on_frame)
            self._sink = sink
            sink.videoFrameChanged.connect(self._on_frame)
            sink.destroyed.connect(self._on_sink_destroyed)
        if self._media is not None:
            self._media.setVideoSink(sink)

    def _on_sink_destroyed(self) -> None:
        # The viewer went first (the window closed): frames go nowhere until another surface.
        self._sink = None
        if self._media is not None:
            from PySide6.QtMultimedia import QVideoSink

            self._media.stop()
            self.show_on(QVideoSink(self))

    # -- what plays ------------------------------------------------------------------------------

    @property
    def job_id(self) -> str | None:
        return self._job_id

    @property
    def playing(self) -> bool:
        if self._media is None:
            return False
        return self._media.playbackState() == type(self._media).PlaybackState.PlayingState

    @property
    def shown_us(self) -> int | None:
        """Start time of the frame on screen (µs from the clip's start); None before the first."""
        return self._shown_us

    def play(self, job_id: str, path: str | Path) -> None:
        """Play the job's clip; the clip already loaded goes on from where it is."""
        if self._job_id == job_id:
            self.media.play()
            return
        previous, self._job_id, self._shown_us = self._job_id, job_id, None
        if previous:
            self.stopped.emit(previous)
        # Straight to the new source: a stop and an empty source first cost the switch time.
        self.media.setSource(QUrl.fromLocalFile(str(path)))
        self.media.play()

    def pause(self) -> None:
        if self._media is not None and self._job_id:
            self._media.pause()

    def stop(self) -> None:
        previous = self._job_id
        self._job_id = None
        self._shown_us = None
        if self._media is not None:  # nothing ever played: nothing to stop
            self._media.stop()
            self._media.setSource(QUrl())
        if previous:
            self.stopped.emit(previous)

    def seek(self, ms: int) -> None:
        if self._media is not None and self._job_id:
            self._media.setPosition(max(0, ms))

    def set_rate(self, rate: float) -> None:
        self.media.setPlaybackRate(rate)

    @property
    def loop(self) -> bool:
        return self._loop

    def set_loop(self, on: bool) -> None:
        self._loop = on
        if self._media is not None:
            self._media.setLoops(type(self._media).Loops.Infinite if on else 1)

    # -- sound -----------------------------------------------------------------------------------

    @property
    def muted(self) -> bool:
        return self.audio is None or self.audio.isMuted()

    def set_muted(self, muted: bool) -> bool:
        """Turn sound on or off; answers whether sound is now on. Unmuting does nothing (and
        answers False) on a machine with no audio output device."""
        if not muted and self.audio is None:
            if not self.has_sound_device():
                return False
            from PySide6.QtMultimedia import QAudioOutput

            self.audio = QAudioOutput(self)
            self.audio.setVolume(self._volume)
            self.media.setAudioOutput(self.audio)
        if self.audio is not None:
            self.audio.setMuted(muted)
        return not self.muted

    @staticmethod
    def has_sound_device() -> bool:
        from PySide6.QtMultimedia import QMediaDevices

        return not QMediaDevices.defaultAudioOutput().isNull()

    @property
    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        """0 to 1; kept for the audio output made on the first unmute."""
        self._volume = max(0.0, min(1.0, volume))
        if self.audio is not None:
            self.audio.setVolume(self._volume)

    # -- frames ----------------------------------------------------------------------------------

    def _on_frame(self, frame: QVideoFrame) -> None:
        if self._job_id is None or not frame.isValid():
            return
        self._shown_us = frame.startTime()
        self.shown.emit(self._job_id, self._shown_us)
        # An image per frame is costly at 1080p: made only for a listener (the self-check).
        if self.isSignalConnected(self._frame_signal):
            image = frame.toImage()
            if not image.isNull():
                self.frame.emit(self._job_id, image)
