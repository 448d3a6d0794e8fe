"""What a clip is, measured with PyAV: size, length, whether it plays to the end, how loud its
sound is, and small RGB frames at its start, its end or a given time."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import av
from av.container import InputContainer
from av.video.frame import VideoFrame
from av.video.stream import VideoStream
from PIL import Image, ImageMath

from ..library.frames import duration_s

#: The long side of the frames handed out: all a perceptual comparison needs, and cheap to scale
#: to in the decoder's own thread.
FRAME_SIDE = 128
#: The video may end this much before its header says and still count as whole.
END_SLACK_S = 0.25
#: Quieter than this is "no sound" (dBFS); also what total silence is reported as.
SILENCE_DBFS = -120.0


class Undecodable(Exception):
    """The clip does not play to the end; the message says why (for the log and `detail`)."""


@dataclass(frozen=True)
class Probe:
    """One pass over every packet: the headers' figures, checked against what is there."""

    width: int
    height: int
    duration_s: float
    fps: float
    has_audio: bool
    #: Loudest sample and root-mean-square level of the whole track, in dBFS (None: no track).
    audio_peak_dbfs: float | None = None
    audio_rms_dbfs: float | None = None
    #: The clip's first frame, FRAME_SIDE on its long side.
    first_frame: Image.Image | None = field(default=None, compare=False)


def probe(video: Path) -> Probe:
    """Every packet read, keyframes and all sound decoded; Undecodable when the file is cut
    short or damaged (a missing tail shows as fewer packets than the index promises)."""
    try:
        with av.open(str(video), mode="r") as c:
            return _probe(c)
    except (av.FFmpegError, OSError, ValueError, MemoryError) as exc:
        raise Undecodable(str(exc)) from None


def _probe(c: InputContainer) -> Probe:
    if not c.streams.video:
        raise Undecodable("no video track")
    vs = c.streams.video[0]
    vs.codec_context.skip_frame = "NONKEY"  # the check reads every packet, decodes keyframes
    streams: list[av.stream.Stream] = [vs]
    audio = c.streams.audio[0] if c.streams.audio else None
    if audio is not None:
        streams.append(audio)
    loud = _Loudness()
    first: VideoFrame | None = None
    packets = 0
    end_pts: int | None = None
    for packet in c.demux(streams):
        if packet.stream is vs:
            if packet.size:
                packets += 1
                if packet.pts is not None:
                    tail = packet.pts + (packet.duration or 0)
                    end_pts = tail if end_pts is None else max(end_pts, tail)
            for frame in packet.decode():
                if first is None and isinstance(frame, VideoFrame):
                    first = frame
        else:
            for aframe in packet.decode():
                loud.add(aframe)  # type: ignore[arg-type]
    duration = duration_s(c, vs)
    _check_whole(vs, packets, end_pts, duration)
    peak, rms = loud.measure() if audio is not None else (None, None)
    if first is None:
        raise Undecodable("no picture decodes")
    rate = vs.average_rate or vs.guessed_rate
    return Probe(
        width=vs.codec_context.width,
        height=vs.codec_context.height,
        duration_s=duration,
        fps=float(rate) if rate else 0.0,
        has_audio=audio is not None,
        audio_peak_dbfs=peak,
        audio_rms_dbfs=rms,
        first_frame=small_image(first),
    )


def _check_whole(vs: VideoStream, packets: int, end_pts: int | None, duration: float) -> None:
    if vs.frames and packets < vs.frames:
        raise Undecodable(f"{packets} of {vs.frames} pictures present")
    if end_pts is not None and vs.time_base and duration > 0:
        start = vs.start_time or 0
        end = float((end_pts - start) * vs.time_base)
        if end < duration - END_SLACK_S:
            raise Undecodable(f"pictures end at {end:.2f} s of {duration:.2f} s")


class _Loudness:
    """Peak and RMS over every sample of every channel: the samples gathered as 32-bit floats,
    then measured as one Pillow "F" image (in C, no numpy)."""

    _ROW = 4096

    def __init__(self) -> None:
        self._resampler = av.AudioResampler(format="flt")
        self._data = bytearray()

    def add(self, frame: av.AudioFrame) -> None:
        for packed in self._resampler.resample(frame):
            n = packed.samples * len(packed.layout.channels)
            self._data += bytes(packed.planes[0])[: n * 4]

    def measure(self) -> tuple[float, float]:
        """(peak, RMS) in dBFS."""
        count = len(self._data) // 4
        if not count:
            return SILENCE_DBFS, SILENCE_DBFS
        rows = -(-count // self._ROW)
        padded = bytes(self._data) + bytes((rows * self._ROW - count) * 4)  # zeros: no effect
        values = Image.frombytes("F", (self._ROW, rows), padded)
        low, high = values.getextrema()
        assert isinstance(low, float) and isinstance(high, float)
        square = ImageMath.lambda_eval(lambda a: a["x"] * a["x"], x=values)
        assert isinstance(square, Image.Image)
        mean = square.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
        mean_square = float(mean) * rows * self._ROW / count if isinstance(mean, float) else 0.0
        return _dbfs(max(high, -low)), _dbfs(math.sqrt(max(0.0, mean_square)))


def _dbfs(level: float) -> float:
    if level <= 0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 20 * math.log10(level))


def small_image(frame: VideoFrame, side: int = FRAME_SIDE) -> Image.Image:
    """The frame as RGB, `side` on its long side (scaled by the decoder's scaler)."""
    w, h = frame.width, frame.height
    scale = min(1.0, side / max(w, h))
    size = (max(2, round(w * scale)), max(2, round(h * scale)))
    small = frame.reformat(width=size[0], height=size[1], format="rgb24", interpolation="AREA")
    image: Image.Image = small.to_image()  # type: ignore[no-untyped-call]
    return image


def last_frames(video: Path, count: int = 4, window_s: float = 1.0) -> list[Image.Image]:
    """The clip's final `count` frames (the very last one last): a seek to the keyframe before
    the final `window_s` and a decode to the end. Undecodable when the tail does not decode."""
    return _decode_window(video, None, count, window_s)


def frame_at(video: Path, t: float) -> Image.Image:
    """The frame nearest `t` seconds (the last one when `t` is past the end)."""
    frames = _decode_window(video, t, 1, 0.0)
    return frames[-1]


def _decode_window(video: Path, at: float | None, count: int, window_s: float) -> list[Image.Image]:
    try:
        with av.open(str(video), mode="r") as c:
            if not c.streams.video:
                raise Undecodable("no video track")
            vs = c.streams.video[0]
            vs.thread_type = "AUTO"
            duration = duration_s(c, vs)
            target = max(0.0, duration - window_s) if at is None else max(0.0, at)
            kept = _decode_from(c, vs, target, at, count)
            if not kept and target > 0:
                c.seek(0)  # the headers promised more than the seek found: from the start
                kept = _decode_from(c, vs, 0.0, at, count)
    except (av.FFmpegError, OSError, ValueError, MemoryError) as exc:
        raise Undecodable(str(exc)) from None
    if not kept:
        raise Undecodable("no picture decodes")
    return [small_image(f) for f in kept]


def _decode_from(
    c: InputContainer, vs: VideoStream, target: float, at: float | None, count: int
) -> list[VideoFrame]:
    if target > 0 and vs.time_base:
        start = vs.start_time or 0
        c.seek(start + int(target / vs.time_base), stream=vs, backward=True, any_frame=False)
    # Half a frame early, so the frame on screen at `at` is taken rather than the next one.
    rate = vs.average_rate or vs.guessed_rate
    early = 0.5 / float(rate) if rate else 0.0
    kept: deque[VideoFrame] = deque(maxlen=count)
    for packet in c.demux(vs):
        for frame in packet.decode():
            if not isinstance(frame, VideoFrame):
                continue
            if at is not None and frame.time is not None and frame.time >= at - early:
                if not kept or frame.time <= at + early:
                    kept.append(frame)
                return list(kept)
            kept.append(frame)
    return list(kept)
