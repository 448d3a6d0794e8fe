"""Plays the compare takes as one: one master clock that the others follow, one transport for all,
and sound from one take at a time."""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices

from ..player.timecode import frame_at_ms, frame_count, frame_index, inside_frame_ms
from .take import Status, Take

#: How often drift is measured and corrected, and the transport's time shown, while playing.
TICK_MS = 40
#: Drift (clip ms) under which a follower plays at the group's speed, untouched.
DEAD_BAND_MS = 6.0
#: A follower drifting by d ms plays d / CATCH_UP_MS faster or slower until it is back ...
CATCH_UP_MS = 400.0
MAX_NUDGE = 0.12
#: ... unless it is this far off: then it seeks to where the master is (a nudge would take long).
SEEK_OVER_MS = 250.0
#: After a start, time for every take to show a new frame before drift counts.
SETTLE_S = 0.25
#: A cue (see SyncGroup._cue) goes on without a take whose frame has not come by then.
CUE_WAIT_MS = 1000


class SyncGroup(QObject):
    position_changed = Signal(float)  # ms: the master's place in the clip
    duration_changed = Signal(int)  # ms: the longest take
    playing_changed = Signal(bool)

    def __init__(self, takes: Sequence[Take], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.takes = list(takes)
        self.master = self.takes[0]
        self._playing = False
        self._autoplay = True  # start once every take is loaded
        self._rate = 1.0
        self._loop = True
        self._target: int | None = None  # the frame a step asked for, until it is on screen
        self._settle_until: dict[Take, float] = {}
        self._audio: QAudioOutput | None = None
        self._volume = 0.8
        self.seeks = 0  # corrections made so far: followers moved, and speed changes
        self.nudges = 0
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._cueing = False
        self._cue_wait = QTimer(self)
        self._cue_wait.setSingleShot(True)
        self._cue_wait.setInterval(CUE_WAIT_MS)
        self._cue_wait.timeout.connect(self._go)
        for take in self.takes:
            take.media.mediaStatusChanged.connect(lambda s, t=take: self._on_status(t, s))
            take.media.durationChanged.connect(self._on_duration)
            take.framed.connect(lambda t=take: self._on_framed(t))

    # -- what the transport shows ----------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def duration(self) -> int:
        return max((t.media.duration() for t in self.takes), default=0)

    @property
    def fps(self) -> float:
        return self.master.fps

    @property
    def rate(self) -> float:
        return self._rate

    def _live(self) -> list[Take]:
        return [t for t in self.takes if not t.failed]

    def position_ms(self, take: Take | None = None, now: float | None = None) -> float | None:
        """Where `take` (the master) is in its clip: the frame on screen plus the time since it
        came, at most one frame on (past that the frame is late, and that lateness is drift)."""
        take = take or self.master
        if take.shown is None:
            return None
        start_us, came = take.shown
        if not self._playing or self._cueing:
            return start_us / 1000
        rate = take.media.playbackRate()
        since = ((now or time.perf_counter()) - came) * 1000 * rate
        return start_us / 1000 + min(max(0.0, since), 1000 / take.fps)

    def drifts(self) -> dict[str, float]:
        """Each follower's position minus the master's (clip ms; ahead is positive), for the
        followers that are playing and settled."""
        now = time.perf_counter()
        master = self.position_ms(self.master, now)
        out: dict[str, float] = {}
        if master is None or not self._playing or self._cueing or self.master.ended:
            return out
        for take in self._live():
            if take is self.master or take.ended or now < self._settle_until.get(take, 0.0):
                continue
            mine = self.position_ms(take, now)
            if mine is not None:
                out[take.job.id] = mine - master
        return out

    # -- transport -------------------------------------------------------------------------------

    def play(self) -> None:
        """Play every take from the frame they show; from the start when that is the last."""
        live = self._live()
        if not live:
            return
        at_end = all(t.ended for t in live) or self._master_frame() >= self._last_frame()
        start = 0 if at_end else self._target
        self._target = None
        self._set_playing(True)
        if start is not None or any(t.shown is None for t in live):
            self._cue(inside_frame_ms(start or self._master_frame(), self.fps))
        else:  # all paused on one frame: they start together
            self._go()

    def _cue(self, ms: int) -> None:
        """Start playing from `ms` together: hold every take, send each there, and let them all
        go once each shows its frame (a take seeking while the others play lags by its seek)."""
        self._cueing = True
        for take in self._live():
            take.media.pause()
        self._seek_all(ms)
        self._cue_wait.start()

    def _go(self) -> None:
        self._cueing = False
        self._cue_wait.stop()
        live = self._live()
        for take in live:
            take.media.setPlaybackRate(self._rate)
            take.media.play()
        self._settle(live)

    def pause(self, *, align: bool = True) -> None:
        """Pause every take; then all show the master's frame (`align`), so a still compares."""
        self._autoplay = False
        self._cueing = False
        self._cue_wait.stop()
        for take in self._live():
            take.media.pause()
        was = self._playing
        self._set_playing(False)
        if align and was:
            self._go_to_frame(self._master_frame())

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        """All takes to the frame on screen at `ms` (aiming inside it, see timecode.py)."""
        index = frame_at_ms(ms, self.fps)
        if self._playing:
            self._cue(inside_frame_ms(index, self.fps))
        else:
            self._go_to_frame(index)

    def step(self, frames: int) -> None:
        """Pause and move every take `frames` frames from the master's frame on screen."""
        if self._playing:
            self._target = None
            self.pause(align=False)
        # A step or seek still on its way: count from where it goes.
        current = self._target if self._target is not None else self._master_frame()
        self._go_to_frame(max(0, min(self._last_frame(), current + frames)))

    def _last_frame(self) -> int:
        return frame_count(self.duration, self.fps) - 1

    def _master_frame(self) -> int:
        """The master's frame on screen (between a seek and its frame: where it was sent)."""
        shown = self.master.shown
        us = shown[0] if shown is not None else self.master.media.position() * 1000
        return frame_index(us, self.fps)

    def _go_to_frame(self, index: int) -> None:
        self._target = index
        self._seek_all(inside_frame_ms(index, self.fps))

    def _seek_all(self, ms: int) -> None:
        for take in self._live():
            if take.ended:
                take.media.pause()  # an ended player shows no frame for a seek until paused
            take.forget_shown()
            take.media.setPosition(max(0, min(ms, take.media.duration() or ms)))
        self.position_changed.emit(float(ms))

    def set_rate(self, rate: float) -> None:
        self._rate = rate
        for take in self._live():
            take.media.setPlaybackRate(rate)
        self._settle(self._live())

    @property
    def loop(self) -> bool:
        return self._loop

    def set_loop(self, on: bool) -> None:
        self._loop = on

    # -- sound: one take at a time ---------------------------------------------------------------

    @staticmethod
    def has_sound_device() -> bool:
        return not QMediaDevices.defaultAudioOutput().isNull()

    @property
    def audible(self) -> Take | None:
        return next((t for t in self.takes if t.media.audioOutput() is not None), None)

    def listen_to(self, take: Take | None) -> bool:
        """Sound from `take` only (None: silence); answers whether that take is now heard. The
        take you hear becomes the master clock: its sound is never nudged or moved."""
        if take is not None and self._audio is None:
            if not self.has_sound_device():
                return False
            self._audio = QAudioOutput(self)
            self._audio.setVolume(self._volume)
        for other in self.takes:
            if other is not take and other.media.audioOutput() is not None:
                other.media.setAudioOutput(None)  # type: ignore[arg-type]
        if take is not None and self._audio is not None:
            take.media.setAudioOutput(self._audio)
            self._make_master(take)
        return take is not None

    def _make_master(self, take: Take) -> None:
        if take is self.master:
            return
        self.master = take
        for t in self._live():  # the old master may have been nudged: none is now
            t.media.setPlaybackRate(self._rate)
        self._settle(self._live())

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        if self._audio is not None:
            self._audio.setVolume(self._volume)

    # -- the clock -------------------------------------------------------------------------------

    def _settle(self, takes: Sequence[Take]) -> None:
        until = time.perf_counter() + SETTLE_S / max(1.0, self._rate)
        for take in takes:
            self._settle_until[take] = until

    def _on_tick(self) -> None:
        if self._cueing:
            return
        master = self.position_ms()
        if master is not None:
            self.position_changed.emit(master)
        for job_id, drift in self.drifts().items():
            take = next(t for t in self.takes if t.job.id == job_id)
            self._correct(take, drift, master or 0.0)

    def _correct(self, take: Take, drift: float, master_ms: float) -> None:
        if abs(drift) > SEEK_OVER_MS:
            take.forget_shown()
            take.media.setPosition(round(master_ms))
            take.media.setPlaybackRate(self._rate)
            self._settle([take])
            self.seeks += 1
            return
        nudge = 0.0 if abs(drift) < DEAD_BAND_MS else drift / CATCH_UP_MS
        rate = self._rate * (1 - max(-MAX_NUDGE, min(MAX_NUDGE, nudge)))
        if abs(take.media.playbackRate() - rate) > 0.002 * self._rate:
            take.media.setPlaybackRate(rate)
            self.nudges += 1

    def _on_framed(self, take: Take) -> None:
        if self._cueing and all(t.shown is not None for t in self._live()):
            self._go()
        if take is not self.master or self._playing or take.shown is None:
            return
        us = take.shown[0]
        if self._target is not None and frame_index(us, self.fps) == self._target:
            self._target = None
        self.position_changed.emit(us / 1000)

    def _on_status(self, take: Take, status: Status) -> None:
        if self._autoplay and all(t.loaded or t.failed for t in self.takes):
            self._autoplay = False  # every take is ready: they start together
            self.duration_changed.emit(self.duration)
            self.play()
        elif status == Status.EndOfMedia and self._playing and all(t.ended for t in self._live()):
            self._on_group_end()

    def _on_duration(self, _ms: int) -> None:
        self.duration_changed.emit(self.duration)

    def _on_group_end(self) -> None:
        if self._loop:
            self._cue(0)
        else:  # it ends paused on the last frame (not black), and Space plays it from the start
            self._set_playing(False)
            self._go_to_frame(frame_count(self.duration, self.fps) - 1)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            if playing:
                self._tick.start()
            else:
                self._tick.stop()
            self.playing_changed.emit(playing)

    def release(self) -> None:
        """Stop the clock and give every decoder back (see Take.release)."""
        self._tick.stop()
        self._cue_wait.stop()
        self._playing = self._cueing = False
        for take in self.takes:
            take.release()
        if self._audio is not None:
            self._audio.deleteLater()
            self._audio = None
