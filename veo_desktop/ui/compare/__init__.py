"""Compare: 2 to 4 takes of a prompt playing in sync, frame by frame, to keep the best one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ...core.jobs.job import Job
from ..player.player import Player

if TYPE_CHECKING:
    from .window import CompareWindow

__all__ = ["CompareWindow", "open_compare"]

MAX_TAKES = 4


def open_compare(
    parent: QWidget | None, jobs: Sequence[Job], *, player: Player | None = None
) -> CompareWindow:
    """Show 2 to 4 downloaded clips in sync in a window of their own. Compare needs a decoder per
    clip, so the app's one `player` stops while it is open; the window's `keep_requested(job_id)`
    asks to keep one take."""
    clips = [j for j in jobs if j.video_path]
    if not 2 <= len(clips) <= MAX_TAKES:
        raise ValueError(f"compare takes 2 to {MAX_TAKES} downloaded clips, got {len(clips)}")
    if player is not None:
        player.stop()
    from .window import CompareWindow  # loads PyAV and the players: not before it is used

    window = CompareWindow(clips, parent)
    window.show()
    window.activateWindow()
    return window


def __getattr__(name: str) -> Any:
    """`CompareWindow` on first use: the window (and PyAV with it) stays out of start-up."""
    if name == "CompareWindow":
        from .window import CompareWindow

        return CompareWindow
    raise AttributeError(name)
