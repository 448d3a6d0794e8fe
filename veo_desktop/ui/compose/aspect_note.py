"""The one message about a frame whose shape differs from the chosen aspect ratio (Veo makes
16:9 and 9:16 only) and the aspect it suggests; the compose tab shows it beside the ratio."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...core.request.images import ImageInfo, aspect_mismatch
from ..i18n import arg, tr
from .image_loading import ratio_text


@dataclass(frozen=True)
class AspectNote:
    text: str
    suggestion: str | None  # the supported aspect nearer the frame's, if it is not the chosen


def nearest_supported(info: ImageInfo) -> str:
    return "9:16" if info.height > info.width else "16:9"


def aspect_note(frames: Sequence[tuple[str, ImageInfo | None]], chosen: str) -> AspectNote | None:
    """For the first checked frame whose shape differs from `chosen` (frames are (name, info)
    pairs, e.g. ("The start frame", info)); None when every frame fits."""
    for name, info in frames:
        if info is None or not aspect_mismatch(info.aspect, chosen):
            continue
        text = arg(
            tr(
                "%1 is %2 but the video is set to %3. Depending on the gateway, the frame is "
                "cropped or letterboxed to %3, or the video follows the frame's shape."
            ),
            name,
            ratio_text(info.width, info.height),
            chosen,
        )
        nearest = nearest_supported(info)
        return AspectNote(text, nearest if nearest != chosen else None)
    return None
