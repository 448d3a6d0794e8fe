"""A clip's sound: a soft tone, or (for an extension) the source clip's own sound followed by
one, as stereo float planes that are then AAC-encoded. PyAV only."""

from __future__ import annotations

import math
import struct
from fractions import Fraction
from pathlib import Path

import av

SAMPLE_RATE = 48_000
Planes = list[bytes]
"""Two planes (left, right) of little-endian float32 samples."""


def tone(seconds: float, hue: int) -> Planes:
    """A soft fifth. One period is computed and repeated (fast); only the short fade-in and
    fade-out are computed per sample."""
    n = int(seconds * SAMPLE_RATE)
    planes = []
    for period in (SAMPLE_RATE // (220 + hue), SAMPLE_RATE * 2 // (3 * (220 + hue))):
        cycle = struct.pack(
            f"<{period}f", *(0.2 * math.sin(math.tau * i / period) for i in range(period))
        )
        data = bytearray((cycle * (n // period + 1))[: n * 4])
        fade = min(n // 2, SAMPLE_RATE // 4)
        for i in range(fade):
            for j in (i, n - 1 - i):
                (v,) = struct.unpack_from("<f", data, j * 4)
                struct.pack_into("<f", data, j * 4, v * i / fade)
        planes.append(bytes(data))
    return planes


def source_sound(path: Path, seconds: float) -> Planes:
    """The clip's own sound, exactly `seconds` long: cut, or padded with silence (all silence
    when it has no audio track), so what follows starts where its picture ends."""
    n = int(seconds * SAMPLE_RATE)
    planes = [bytearray(), bytearray()]
    with av.open(str(path)) as c:
        if c.streams.audio:
            resampler = av.AudioResampler(format="fltp", layout="stereo", rate=SAMPLE_RATE)
            for frame in c.decode(audio=0):
                _append(planes, resampler.resample(frame))
            _append(planes, resampler.resample(None))
    return [bytes(p[: n * 4].ljust(n * 4, b"\0")) for p in planes]


def _append(planes: list[bytearray], frames: list[av.AudioFrame]) -> None:
    for frame in frames:
        for ch in range(2):
            planes[ch] += bytes(frame.planes[ch])[: frame.samples * 4]


def encode(
    container: av.container.OutputContainer, stream: av.audio.AudioStream, planes: Planes
) -> None:
    chunk = 1024  # the AAC encoder's frame size
    n = len(planes[0]) // 4
    for start in range(0, n, chunk):
        count = min(chunk, n - start)
        frame = av.AudioFrame(format="fltp", layout="stereo", samples=count)
        for ch in range(2):
            piece = planes[ch][start * 4 : (start + count) * 4]
            frame.planes[ch].update(piece.ljust(frame.planes[ch].buffer_size, b"\0"))
        frame.sample_rate = SAMPLE_RATE
        frame.pts = start
        frame.time_base = Fraction(1, SAMPLE_RATE)
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
