"""Frames out of clips with PyAV: poster images for the job list, and the exact first or last
frame for chaining shots (the last frame of one clip becomes the start of the next)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import av
from av.container import InputContainer
from av.video.frame import VideoFrame
from av.video.stream import VideoStream
from PIL import Image

from ..files import atomic_file
from ..i18n import msg

#: How far before the end "last" seeks. Any positive window is correct (the seek lands on the
#: keyframe at or before it and we decode to EOF); a short one keeps the decode small.
LAST_FRAME_WINDOW_S = 1.0
#: Generated clips often open on black or a fade; half a second in shows what the clip is.
POSTER_AT_S = 0.5
_POSTER_MAX_FRAMES = 120  # a stream without timestamps must not be decoded whole for a poster


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    duration_s: float
    fps: float
    has_audio: bool


def open_clip(video: Path, error: type[Exception] = ValueError) -> InputContainer:
    """The clip opened for reading, or `error` with a message saying it cannot be read."""
    try:
        return av.open(str(video), mode="r")
    except (av.FFmpegError, OSError) as exc:
        raise error(
            msg("“{name}” is not a readable video file ({error}).", name=video.name, error=exc)
        ) from None


def video_stream(
    c: InputContainer, video: Path, error: type[Exception] = ValueError
) -> VideoStream:
    """The clip's first video track, or `error` saying it has none."""
    if not c.streams.video:
        raise error(msg("“{name}” has no video track.", name=video.name))
    return c.streams.video[0]


def duration_s(c: InputContainer, stream: VideoStream) -> float:
    """The stream's length, else the container's, else 0."""
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if c.duration:
        return float(c.duration / av.time_base)
    return 0.0


def _to_rgb(frame: VideoFrame) -> Image.Image:
    image: Image.Image = frame.to_image()  # type: ignore[no-untyped-call]
    return image.convert("RGB") if image.mode != "RGB" else image


def _frames(c: InputContainer, stream: VideoStream) -> Iterator[VideoFrame]:
    for packet in c.demux(stream):
        # decode() on the final empty packet flushes the decoder: frames held back for
        # reordering come out here, and the very last frame of the clip is among them.
        yield from packet.decode()


def _decode_last(c: InputContainer, stream: VideoStream, video: Path) -> VideoFrame | None:
    last: VideoFrame | None = None
    try:
        for frame in _frames(c, stream):
            last = frame
    except av.FFmpegError as exc:
        # A frame before the damage is not "the last frame": chaining from it would jump.
        raise ValueError(
            msg("“{name}” is damaged near the end ({error}).", name=video.name, error=exc)
        ) from None
    return last


def video_info(video: Path) -> VideoInfo:
    """Size, length, frame rate and whether there is sound, from the container headers."""
    with open_clip(video) as c:
        v = video_stream(c, video)
        rate = v.average_rate or v.guessed_rate
        return VideoInfo(
            width=v.codec_context.width,
            height=v.codec_context.height,
            duration_s=duration_s(c, v),
            fps=float(rate) if rate else 0.0,
            has_audio=bool(c.streams.audio),
        )


def extract_frame(video: Path, which: Literal["first", "last"]) -> Image.Image:
    """The exact first or last decoded frame, as RGB."""
    with open_clip(video) as c:
        stream = video_stream(c, video)
        frame: VideoFrame | None = None
        if which == "first":
            try:
                frame = next(_frames(c, stream), None)
            except av.FFmpegError as exc:
                raise ValueError(
                    msg("“{name}” could not be decoded ({error}).", name=video.name, error=exc)
                ) from None
        else:
            frame = _decode_last_fast(c, stream, video)
        if frame is None:
            raise ValueError(msg("“{name}” contains no pictures.", name=video.name))
        return _to_rgb(frame)


# Seeks to a keyframe shortly before the end and decodes through to EOF, so whatever the decoder
# yields last is the clip's final frame; when seeking is impossible or yields nothing, the whole
# clip is decoded from the start instead.
def _decode_last_fast(c: InputContainer, stream: VideoStream, video: Path) -> VideoFrame | None:
    duration = duration_s(c, stream)
    if duration <= LAST_FRAME_WINDOW_S or not stream.time_base:
        return _decode_last(c, stream, video)  # short clip: decoding it whole is as quick
    start = stream.start_time or 0
    target = start + int((duration - LAST_FRAME_WINDOW_S) / stream.time_base)
    try:
        c.seek(target, stream=stream, backward=True, any_frame=False)
    except av.FFmpegError:
        return _decode_last(c, stream, video)  # nothing was read yet: we are at the start
    frame = _decode_last(c, stream, video)
    if frame is None:
        # The headers promised more than the seek found: decode the whole clip instead.
        c.seek(0)
        frame = _decode_last(c, stream, video)
    return frame


def make_poster(video: Path, dest: Path, max_size: tuple[int, int] = (320, 180)) -> Path:
    """A small JPEG of the frame half a second in (or the first frame of a shorter clip),
    written atomically: a half-written poster would be cached forever."""
    with open_clip(video) as c:
        stream = video_stream(c, video)
        chosen: VideoFrame | None = None
        try:
            for n, frame in enumerate(_frames(c, stream)):
                chosen = chosen or frame
                if (frame.time is not None and frame.time >= POSTER_AT_S) or (
                    n >= _POSTER_MAX_FRAMES
                ):
                    chosen = frame
                    break
        except av.FFmpegError as exc:
            if chosen is None:
                raise ValueError(
                    msg("“{name}” could not be decoded ({error}).", name=video.name, error=exc)
                ) from None
        if chosen is None:
            raise ValueError(msg("“{name}” contains no pictures.", name=video.name))
        image = _to_rgb(chosen)
    image.thumbnail(max_size, Image.Resampling.LANCZOS)
    return _save_atomically(image, dest, "JPEG", quality=85)


def save_frame_png(video: Path, which: Literal["first", "last"], dest: Path) -> Path:
    """The exact frame as a lossless PNG (for chaining), written atomically."""
    return _save_atomically(extract_frame(video, which), dest, "PNG")


def _save_atomically(image: Image.Image, dest: Path, fmt: str, **options: int) -> Path:
    with atomic_file(dest, "wb") as f:
        image.save(f, fmt, **options)
    return dest
