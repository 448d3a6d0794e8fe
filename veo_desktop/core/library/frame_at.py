"""The exact decoded frame on screen at a moment of a clip (the viewer's "Frame from here" and its
PNG export), with PyAV: seek to the keyframe before it, decode forward to it."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
from av.video.frame import VideoFrame
from PIL import Image

from ..i18n import msg
from .frames import _save_atomically, _to_rgb, open_clip, video_stream

#: A player's positions are whole milliseconds (Qt's frame times whole microseconds), so a frame
#: that starts within half a millisecond after the asked moment is the one on screen there.
TOLERANCE_S = 0.0005


def frame_at(video: Path, seconds: float) -> Image.Image:
    """The frame shown at `seconds` from the clip's start, as RGB: the last one that starts at
    or before it (the first frame before the start, the last one past the end). Decodes: call
    it off the UI thread."""
    frame = _decode_to(video, seconds, seek=seconds > 0)
    if frame is None:  # the seek landed past the moment (an index that lies): decode it all
        frame = _decode_to(video, seconds, seek=False)
    if frame is None:
        raise ValueError(msg("“{name}” contains no pictures.", name=video.name))
    return frame


def _decode_to(video: Path, seconds: float, *, seek: bool) -> Image.Image | None:
    with open_clip(video) as c:
        stream = video_stream(c, video)
        start, base = stream.start_time or 0, stream.time_base
        wanted = max(0.0, seconds) + TOLERANCE_S
        chosen: VideoFrame | None = None
        try:
            if seek and base:
                # Backward: the keyframe at or before the moment, so decoding forward reaches it.
                c.seek(start + int(seconds / base), stream=stream, backward=True, any_frame=False)
            for packet in c.demux(stream):
                for frame in packet.decode():
                    at = _seconds(frame, start, base)
                    if at is not None and at > wanted:
                        if chosen is None and seek:
                            return None
                        if chosen is not None:
                            return _to_rgb(chosen)
                    chosen = frame
        except av.FFmpegError as exc:
            raise ValueError(
                msg("“{name}” could not be decoded ({error}).", name=video.name, error=exc)
            ) from None
        return _to_rgb(chosen) if chosen is not None else None


def _seconds(frame: VideoFrame, start: int, base: Fraction | None) -> float | None:
    """The frame's time from the stream's first timestamp (a player counts from there)."""
    if frame.pts is None or not base:
        return None
    return float((frame.pts - start) * base)


def frame_png_path(video: Path, seconds: float) -> Path:
    """Where "Frame from here" keeps the frame: beside the clip, named by its millisecond."""
    return video.with_name(f"{video.stem}-at-{round(max(0.0, seconds) * 1000)}ms.png")


def save_frame_at(video: Path, seconds: float, dest: Path | None = None) -> Path:
    """The frame at `seconds` as a lossless PNG, written atomically (beside the clip unless
    `dest` is given). Decodes: call it off the UI thread."""
    target = dest if dest is not None else frame_png_path(video, seconds)
    return _save_atomically(frame_at(video, seconds), target, "PNG")
