"""J/K/L as in editing suites, on a player that only plays forwards: L plays and then doubles the
speed, K pauses, J slows a fast play down and otherwise steps one frame back (hold J to creep)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The speeds the viewer offers, slowest first (L doubles through 1, 2 and 4).
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
FASTEST = SPEEDS[-1]

Key = Literal["j", "k", "l"]


@dataclass(frozen=True)
class Move:
    """What a key asks of the player: play (at `rate`), pause, or pause and step `step` frames."""

    play: bool
    rate: float
    step: int = 0


def shuttle(key: Key, playing: bool, rate: float) -> Move:
    # Qt's media player cannot decode backwards; a reverse play emulated by seeking every frame
    # would decode from the previous keyframe each time (a whole clip per step for Veo's clips),
    # so J steps back one frame per press (and per key repeat while held) instead.
    if key == "k":
        return Move(False, rate)
    if key == "l":
        if not playing:
            return Move(True, 1.0)
        return Move(True, min(FASTEST, max(1.0, rate) * 2))
    if playing and rate > 1.0:
        return Move(True, rate / 2)
    return Move(False, rate, step=-1)


def nearest_speed(rate: float) -> float:
    return min(SPEEDS, key=lambda s: abs(s - rate))
