"""Real, tiny MP4s for tests that need a clip that decodes (a download is checked before it
enters the library), made once per run with PyAV, and PyAV's frame/picture calls, typed."""

from __future__ import annotations

import functools
import io
from fractions import Fraction

import av
from PIL import Image


@functools.cache
def tiny_mp4_bytes(frames: int = 12, size: tuple[int, int] = (64, 36)) -> bytes:
    """An MP4 of `frames` frames at 12 fps, whose every frame decodes."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as c:
        s = c.add_stream("libx264", rate=12)
        s.width, s.height, s.pix_fmt = size[0], size[1], "yuv420p"
        s.time_base = Fraction(1, 12)
        for i in range(frames):
            img = Image.new("RGB", size, (20 * i % 256, 200, 255 - 20 * i % 256))
            for p in s.encode(video_frame(img)):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return out.getvalue()


# PyAV leaves these two unannotated; pyproject lets this module call them, so tests go through here.
def video_frame(picture: Image.Image) -> av.VideoFrame:
    """`picture` as a frame to encode."""
    frame: av.VideoFrame = av.VideoFrame.from_image(picture)
    return frame


def picture(frame: av.VideoFrame) -> Image.Image:
    """A decoded frame as a Pillow image."""
    image: Image.Image = frame.to_image()
    return image
