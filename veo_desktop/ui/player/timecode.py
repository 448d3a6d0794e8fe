"""Clip time as the viewer shows it (m:ss.cc) and the frame arithmetic behind frame stepping:
which frame a time falls in, and a position safely inside a frame."""

from __future__ import annotations

import math

#: Frame rate assumed until the clip's own is known (Veo's clips are 24 fps).
DEFAULT_FPS = 24.0


def timecode(ms: float) -> str:
    """0:03.50 for 3,500 ms; hours only when there are some (1:02:03.50)."""
    centis = max(0, round(ms / 10))  # the frame at 666.67 ms reads 0:00.67
    seconds, cs = divmod(centis, 100)
    minutes, s = divmod(seconds, 60)
    hours, m = divmod(minutes, 60)
    if hours:
        return f"{hours}:{m:02d}:{s:02d}.{cs:02d}"
    return f"{minutes}:{s:02d}.{cs:02d}"


def frame_index(us: int, fps: float) -> int:
    """The frame that starts at `us` microseconds (rounded: frame times are whole µs)."""
    return max(0, round(us * (fps or DEFAULT_FPS) / 1_000_000))


def frame_at_ms(ms: float, fps: float) -> int:
    """The frame on screen at `ms`: the last one starting at or before it (to within half a
    millisecond, as core's frame_at counts)."""
    return max(0, math.floor((ms + 0.5) * (fps or DEFAULT_FPS) / 1000))


def frame_count(duration_ms: int, fps: float) -> int:
    return max(1, round(duration_ms * (fps or DEFAULT_FPS) / 1000))


def inside_frame_ms(index: int, fps: float) -> int:
    """A position in the middle of frame `index`. Qt's player shows the frame before when asked
    for a frame's exact start, so a step aims for the middle, where only that frame is shown."""
    return math.floor((index + 0.5) * 1000 / (fps or DEFAULT_FPS))
