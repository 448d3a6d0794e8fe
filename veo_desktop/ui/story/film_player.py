"""Plays a board's chosen takes as one film through one QMediaPlayer: take i from its trim-in, and
at its trim-out (or its end) the source switches to take i+1. Positions are film milliseconds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

Status = QMediaPlayer.MediaStatus
_END_SLACK_MS = 20  # a frame closer than this to the out point is past it


@dataclass(frozen=True)
class FilmPart:
    """One shot's take in the film: its clip, its whole length and the stretch the film uses."""

    shot_id: str
    job_id: str
    video: Path
    length_ms: int  # the whole take
    start_ms: int = 0
    end_ms: int | None = None  # None: to its end

    @property
    def out_ms(self) -> int:
        return self.length_ms if self.end_ms is None else min(self.end_ms, self.length_ms)

    @property
    def used_ms(self) -> int:
        return max(0, self.out_ms - self.start_ms)


class FilmPlayer(QObject):
    part_changed = Signal(int)  # the take now playing (its index in the film)
    position_changed = Signal(int)  # ms into the film
    playing_changed = Signal(bool)
    finished = Signal()  # the last take reached its out point

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.media = QMediaPlayer(self)
        self.media.setLoops(1)
        self.audio: QAudioOutput | None = None
        if not QMediaDevices.defaultAudioOutput().isNull():  # no device: no audio path at all
            self.audio = QAudioOutput(self)
            self.media.setAudioOutput(self.audio)
        self.parts: list[FilmPart] = []
        self.index = -1
        self._pending_ms: int | None = None  # where to go once the new source is loaded
        self._want_play = False
        self._ended = False  # the last take reached its out point: Play starts the film again
        self.media.positionChanged.connect(self._on_position)
        self.media.mediaStatusChanged.connect(self._on_status)
        self.media.playbackStateChanged.connect(
            lambda s: self.playing_changed.emit(s == QMediaPlayer.PlaybackState.PlayingState)
        )

    # -- the film --------------------------------------------------------------------------------

    @property
    def duration_ms(self) -> int:
        return sum(p.used_ms for p in self.parts)

    def starts_at(self, index: int) -> int:
        """Where take `index` starts in the film (ms)."""
        return sum(p.used_ms for p in self.parts[:index])

    def set_parts(self, parts: list[FilmPart]) -> None:
        """The film's takes (after a trim or another take chosen). The take playing goes on if
        it is still in the film; a trim that cut where it is moves it to the new in point."""
        current = self.parts[self.index] if 0 <= self.index < len(self.parts) else None
        self.parts = list(parts)
        if current is None:
            self.index = -1
            return
        same = next((i for i, p in enumerate(parts) if p.job_id == current.job_id), -1)
        if same < 0:
            self.stop()
            return
        self.index = same
        part = parts[same]
        pos = self.media.position()
        if not part.start_ms <= pos < part.out_ms:
            self.media.setPosition(part.start_ms)

    @property
    def source(self) -> str:
        """The clip loaded now (a local path; empty before the first)."""
        return self.media.source().toLocalFile()

    @property
    def playing(self) -> bool:
        return self.media.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def position_ms(self) -> int:
        if not 0 <= self.index < len(self.parts):
            return 0
        part = self.parts[self.index]
        return self.starts_at(self.index) + max(0, self.media.position() - part.start_ms)

    # -- transport -------------------------------------------------------------------------------

    def play(self) -> None:
        if not self.parts:
            return
        self._want_play = True
        if self.index < 0 or self._ended:
            self._go(0, 0)
        self.media.play()

    def cue(self) -> None:
        """Show the film's first frame, not playing (the film view just opened)."""
        if self.parts and self.index < 0:
            self._go(0, 0)

    def pause(self) -> None:
        self._want_play = False
        self.media.pause()

    def toggle(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        self._want_play = False
        self._pending_ms = None
        self.media.stop()

    def release(self) -> None:
        """Let go of the clip and the decoder (the film view closed)."""
        self.stop()
        self.media.setSource(QUrl())
        self.index = -1

    def seek(self, film_ms: int) -> None:
        """Go to `film_ms` into the film (the take there, at its place in it)."""
        if not self.parts:
            return
        at = 0
        for i, part in enumerate(self.parts):
            if film_ms < at + part.used_ms or i == len(self.parts) - 1:
                self._go(i, max(0, min(film_ms - at, part.used_ms)))
                return
            at += part.used_ms

    def _go(self, index: int, offset_ms: int) -> None:
        self._ended = False
        part = self.parts[index]
        target = part.start_ms + offset_ms
        if index == self.index and self.source == str(part.video):
            self.media.setPosition(target)
        else:
            self.index = index
            self._pending_ms = None
            # Straight to the new source: a stop first would cost the switch time.
            self.media.setSource(QUrl.fromLocalFile(str(part.video)))
            # Set after: setSource reports the old clip's "loaded" on its way, and a seek then
            # would land on the old clip (the new one would start at 0 all the same).
            self._pending_ms = target if target > 0 else None
            self.part_changed.emit(index)
            if self._want_play:
                self.media.play()
            else:
                self.media.pause()  # paused, it shows the frame it lands on
        self.position_changed.emit(self.starts_at(index) + offset_ms)

    # -- following the media player --------------------------------------------------------------

    def _on_status(self, status: Status) -> None:
        if status in (Status.LoadedMedia, Status.BufferedMedia) and self._pending_ms is not None:
            self.media.setPosition(self._pending_ms)
            self._pending_ms = None
        elif status == Status.EndOfMedia and self._want_play:
            self._next()

    def _on_position(self, pos: int) -> None:
        if not 0 <= self.index < len(self.parts) or self._pending_ms is not None:
            return
        part = self.parts[self.index]
        if self._want_play and pos >= part.out_ms - _END_SLACK_MS and part.end_ms is not None:
            self._next()
            return
        self.position_changed.emit(self.starts_at(self.index) + max(0, pos - part.start_ms))

    def _next(self) -> None:
        if self.index + 1 < len(self.parts):
            self._go(self.index + 1, 0)
            return
        self._want_play = False
        self._ended = True
        self.media.pause()
        self.position_changed.emit(self.duration_ms)
        self.finished.emit()
