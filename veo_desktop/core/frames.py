"""Frames out of clips with PyAV: poster images for the job list, and the exact first or last
frame for chaining shots (the last frame of one clip becomes the start of the next)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import av
from PIL import Image


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    duration_s: float
    fps: float
    has_audio: bool


def _open(video: Path) -> av.container.InputContainer:
    try:
        return av.open(str(video))
    except (av.FFmpegError, OSError) as exc:
        raise ValueError(f"{video.name} is not a readable video: {exc}") from None


def video_info(video: Path) -> VideoInfo:
    with _open(video) as c:
        if not c.streams.video:
            raise ValueError(f"{video.name} has no video stream")
        v = c.streams.video[0]
        duration = float(c.duration / av.time_base) if c.duration else 0.0
        fps = float(v.average_rate) if v.average_rate else 0.0
        return VideoInfo(
            v.codec_context.width, v.codec_context.height, duration, fps, bool(c.streams.audio)
        )


def extract_frame(video: Path, which: Literal["first", "last"]) -> Image.Image:
    """The exact first or last decoded frame, as RGB. "last" decodes to the end: a seek lands
    on a keyframe, and the final frame is whatever the decoder gives last."""
    with _open(video) as c:
        if not c.streams.video:
            raise ValueError(f"{video.name} has no video stream")
        stream = c.streams.video[0]
        stream.thread_type = "AUTO"
        frame = None
        try:
            for decoded in c.decode(stream):
                frame = decoded
                if which == "first":
                    break
        except av.FFmpegError as exc:
            if frame is None:
                raise ValueError(f"{video.name} could not be decoded: {exc}") from None
        if frame is None:
            raise ValueError(f"{video.name} has no frames")
        return frame.to_image().convert("RGB")


def make_poster(video: Path, dest: Path, max_size: tuple[int, int] = (320, 180)) -> Path:
    """A small JPEG of the clip's first frame, written atomically (a half-written poster would
    be cached forever)."""
    image = extract_frame(video, "first")
    image.thumbnail(max_size)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".jpg.tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            image.save(f, "JPEG", quality=85)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def save_frame_png(video: Path, which: Literal["first", "last"], dest: Path) -> Path:
    """The exact frame as a lossless PNG (for chaining), written atomically."""
    image = extract_frame(video, which)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".png.tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            image.save(f, "PNG")
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest
