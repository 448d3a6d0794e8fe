"""One MP4 out of several clips with PyAV: a stream copy when they share codecs and none is
trimmed, else a re-encode; with progress and cancel (call it off the UI thread)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from av.audio.fifo import AudioFifo
from av.audio.frame import AudioFrame
from av.audio.resampler import AudioResampler
from av.container import InputContainer, OutputContainer
from av.packet import Packet
from av.video.frame import VideoFrame

from ..errors import InvalidInputError, VeoError
from ..files import replaced_atomically
from ..i18n import msg
from ..library.frames import open_clip, video_stream

AUDIO_RATE = 48_000  # the film's sound when it is re-encoded
AAC_FRAME = 1024
_EPS = 1e-4  # a frame "at" an in point is in, one "at" an out point is out

Progress = Callable[[float], None]  # 0..1, from the thread doing the work
Cancelled = Callable[[], bool]


class ExportCancelled(VeoError):
    kind = "cancelled"


class ExportError(VeoError):
    """A take could not be read through, or the film could not be written."""

    kind = "export"


@dataclass(frozen=True)
class Part:
    """A clip and the stretch of it the film uses (`end` None: to its end)."""

    video: Path
    start: float = 0.0
    end: float | None = None

    @property
    def trimmed(self) -> bool:
        return self.start > 0 or self.end is not None


@dataclass(frozen=True)
class Film:
    path: Path
    method: str  # "copy" (remuxed) or "encode"
    duration_s: float
    lengths: tuple[float, ...]  # each part's seconds in the film


@dataclass(frozen=True)
class _Probe:
    duration: float
    size: tuple[int, int]
    fps: Fraction
    has_audio: bool
    codecs: tuple[Any, ...]  # what must match for packets of one to follow the other's


def can_copy(parts: Sequence[Part]) -> bool:
    """Whether the film can be made by stream copy: no trims, one set of codec parameters."""
    if any(p.trimmed for p in parts):
        return False
    return len({_probe(p.video).codecs for p in parts}) == 1


def write_film(
    parts: Sequence[Part],
    dest: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    reencode: bool = False,
) -> Film:
    """Write the parts one after the other to `dest` (atomically: a cancel or a failure leaves
    no file). Raises ExportCancelled, InvalidInputError for a clip that cannot be opened, or
    ExportError."""
    if not parts:
        raise InvalidInputError(msg("There is nothing to export: no shot has a take."))
    probes = [_probe(p.video) for p in parts]
    copy = (
        not reencode and not any(p.trimmed for p in parts) and len({p.codecs for p in probes}) == 1
    )
    windows = [_window(p, q) for p, q in zip(parts, probes, strict=True)]
    work = _Work(progress, cancelled, sum(end - start for start, end in windows))
    try:
        with (
            replaced_atomically(dest, suffix=".mp4") as tmp,
            av.open(str(tmp), "w", format="mp4", options={"movflags": "+faststart"}) as out,
        ):
            lengths = _copy(parts, probes, out, work) if copy else _encode(parts, probes, out, work)
    except av.FFmpegError as exc:  # a damaged take, a full disk: the film is not written
        raise ExportError(
            msg("The film could not be written ({error}). No file was made.", error=exc)
        ) from exc
    work.report(1.0)
    return Film(dest, "copy" if copy else "encode", sum(lengths), tuple(lengths))


class _Work:
    def __init__(self, progress: Progress | None, cancelled: Cancelled | None, total: float):
        self.progress, self.cancelled, self.total = progress, cancelled, max(total, 1e-6)
        self.shown = -1.0

    def step(self, done_s: float) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled(msg("The export was cancelled; no film was written."))
        self.report(min(0.999, done_s / self.total))

    def report(self, fraction: float) -> None:
        if self.progress is not None and (fraction - self.shown >= 0.005 or fraction >= 1.0):
            self.shown = fraction
            self.progress(fraction)


def _open(video: Path) -> InputContainer:
    return open_clip(video, InvalidInputError)


def _probe(video: Path) -> _Probe:
    with _open(video) as c:
        v = video_stream(c, video, InvalidInputError)
        cc = v.codec_context
        a = c.streams.audio[0] if c.streams.audio else None
        sound = None
        if a is not None:
            ac = a.codec_context
            sound = (ac.name, ac.sample_rate, ac.layout.name, bytes(ac.extradata or b""))
        picture = (cc.name, cc.width, cc.height, cc.format.name if cc.format else None)
        codecs = (*picture, cc.profile, bytes(cc.extradata or b""), sound)
        ends = [_end(s) for s in (v, a) if s is not None]
        duration = max([e for e in ends if e is not None], default=0.0)
        if not duration and c.duration:
            duration = c.duration / av.time_base
        rate = v.average_rate or v.guessed_rate or Fraction(24)
        return _Probe(float(duration), (cc.width, cc.height), Fraction(rate), a is not None, codecs)


def _end(stream: Any) -> float | None:
    if stream.duration and stream.time_base:
        return float(
            (stream.start_time or 0) * stream.time_base + stream.duration * stream.time_base
        )
    return None


def _window(part: Part, probe: _Probe) -> tuple[float, float]:
    end = probe.duration if part.end is None else min(part.end, probe.duration)
    return max(0.0, part.start), max(max(0.0, part.start), end)


# -- stream copy -----------------------------------------------------------------------------------


def _copy(
    parts: Sequence[Part], probes: Sequence[_Probe], out: OutputContainer, work: _Work
) -> list[float]:
    with _open(parts[0].video) as first:
        vout = out.add_stream_from_template(first.streams.video[0])
        aout = out.add_stream_from_template(first.streams.audio[0]) if probes[0].has_audio else None
    out.start_encoding()
    last: dict[int, int] = {}  # output stream index -> the last dts muxed (its own ticks)
    offset = Fraction(0)
    lengths: list[float] = []
    for part in parts:
        end = offset
        with _open(part.video) as c:
            v = c.streams.video[0]
            streams = [v, *(c.streams.audio[:1] if aout is not None else [])]
            for packet in c.demux(*streams):
                if packet.dts is None or packet.pts is None:
                    continue  # the flush packet
                target = vout if packet.stream.index == v.index else aout
                assert target is not None
                end = max(end, _shift(packet, offset, target.time_base, last, target.index))
                packet.stream = target
                out.mux(packet)
                work.step(float(end))
        lengths.append(float(end - offset))
        offset = end
    return lengths


def _shift(
    packet: Packet[Any], offset: Fraction, tb_out: Any, last: dict[int, int], key: int
) -> Fraction:
    """Move the packet `offset` seconds later, in the output stream's ticks; a dts that would not
    rise (a clip whose first frames decode before they show) is nudged one tick past the last.
    Returns where the packet ends, in seconds."""
    assert packet.pts is not None and packet.dts is not None and packet.time_base is not None
    tb_in = Fraction(packet.time_base)
    out_tb = Fraction(tb_out)
    pts = round((offset + packet.pts * tb_in) / out_tb)
    dts = round((offset + packet.dts * tb_in) / out_tb)
    duration = round((packet.duration or 0) * tb_in / out_tb)
    before = last.get(key)
    if before is not None and dts <= before:
        dts = before + 1
        pts = max(pts, dts)
    last[key] = dts
    packet.pts, packet.dts, packet.duration = pts, dts, duration
    packet.time_base = out_tb
    return (pts + duration) * out_tb


# -- re-encode -------------------------------------------------------------------------------------


def _encode(
    parts: Sequence[Part], probes: Sequence[_Probe], out: OutputContainer, work: _Work
) -> list[float]:
    pictures = _Pictures(out, probes[0], work)
    sound = _Sound(out) if any(p.has_audio for p in probes) else None
    lengths: list[float] = []
    for part, probe in zip(parts, probes, strict=True):
        start, end = _window(part, probe)
        before = pictures.count
        pictures.add(part.video, start, end)
        if sound is not None:
            sound.add(part.video, start, round(pictures.count / pictures.fps * AUDIO_RATE))
        lengths.append(float((pictures.count - before) / pictures.fps))
    pictures.finish()
    if sound is not None:
        sound.finish()
    return lengths


class _Pictures:
    """The film's pictures at the first take's size and rate: at each instant of the film, the
    take's frame showing then (so a take of another rate keeps its speed)."""

    def __init__(self, out: OutputContainer, first: _Probe, work: _Work) -> None:
        self.out, self.work, self.fps, self.count = out, work, first.fps, 0
        self.stream = out.add_stream("libx264", rate=first.fps)
        self.stream.width, self.stream.height = first.size
        self.stream.pix_fmt = "yuv420p"
        self.stream.options = {"crf": "18", "preset": "veryfast"}

    def add(self, video: Path, start: float, end: float) -> None:
        made = 0  # pictures of this take; the next one is shown at start + made / fps

        def until(t: float, frame: VideoFrame) -> None:
            nonlocal made
            while start + made / self.fps < t - _EPS:
                self._put(frame)
                made += 1

        with _open(video) as c:
            v = c.streams.video[0]
            if start > 0 and v.time_base:
                c.seek(int(start / v.time_base), stream=v, backward=True)
            showing: VideoFrame | None = None
            for n, frame in enumerate(c.decode(v)):
                t = frame.time if frame.time is not None else n / float(self.fps)
                if t >= end - _EPS:
                    break
                if showing is not None:
                    until(t, showing)
                showing = frame
            if showing is not None:
                until(end, showing)

    def _put(self, frame: VideoFrame) -> None:
        w, h = self.stream.width, self.stream.height
        picture = frame.reformat(width=w, height=h, format="yuv420p")
        picture.pts, picture.time_base = self.count, 1 / self.fps
        self.count += 1
        for packet in self.stream.encode(picture):
            self.out.mux(packet)
        self.work.step(float(self.count / self.fps))

    def finish(self) -> None:
        for packet in self.stream.encode(None):
            self.out.mux(packet)


class _Sound:
    """The film's sound: each part's from its in point, cut or padded with silence to end where
    its pictures end, so every cut stays in sync."""

    def __init__(self, out: OutputContainer) -> None:
        self.out = out
        self.stream = out.add_stream("aac", rate=AUDIO_RATE, layout="stereo")
        self.fifo = AudioFifo()
        self.written = 0  # samples handed to the fifo
        self.encoded = 0

    def add(self, video: Path, start: float, until: int) -> None:
        need = until - self.written
        if need <= 0:
            return
        with _open(video) as c:
            if c.streams.audio:
                need = self._take(c, start, need)
        if need > 0:
            self._put(_silence(need))
        self._drain(AAC_FRAME)

    def _take(self, c: InputContainer, start: float, need: int) -> int:
        resampler = AudioResampler(format="fltp", layout="stereo", rate=AUDIO_RATE)
        part = AudioFifo()
        skip = round(start * AUDIO_RATE)
        for frame in itertools.chain(c.decode(c.streams.audio[0]), [None]):
            for r in resampler.resample(frame):
                r.pts = None
                part.write(r)
            if skip and part.samples:
                dropped = part.read(min(skip, part.samples))
                skip -= dropped.samples if dropped is not None else 0
            while need > 0 and part.samples and not skip:
                chunk = part.read(min(need, part.samples))
                if chunk is None:
                    break
                self._put(chunk)
                need -= chunk.samples
            if need <= 0:
                break
        return need

    def _put(self, frame: AudioFrame) -> None:
        frame.pts = None
        self.fifo.write(frame)
        self.written += frame.samples

    def _drain(self, size: int) -> None:
        while self.fifo.samples >= size:
            frame = self.fifo.read(size)
            if frame is None:
                return
            frame.pts, frame.time_base = self.encoded, Fraction(1, AUDIO_RATE)
            self.encoded += frame.samples
            for packet in self.stream.encode(frame):
                self.out.mux(packet)

    def finish(self) -> None:
        self._drain(AAC_FRAME)
        if self.fifo.samples:
            self._drain(self.fifo.samples)
        for packet in self.stream.encode(None):
            self.out.mux(packet)


def _silence(samples: int) -> AudioFrame:
    frame = AudioFrame(format="fltp", layout="stereo", samples=samples)
    frame.sample_rate = AUDIO_RATE
    for plane in frame.planes:
        plane.update(bytes(plane.buffer_size))
    return frame
