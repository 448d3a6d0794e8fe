"""Frames come out of real MP4s exactly: first, last, posters, info."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import pytest
from PIL import Image

from veo_desktop.core.frames import extract_frame, make_poster, save_frame_png, video_info

COLOURS = [(250, 0, 0), (0, 250, 0), (0, 0, 250), (250, 250, 0), (0, 250, 250), (250, 0, 250)]


def make_clip(path: Path, n: int = 12) -> Path:
    with av.open(str(path), "w") as c:
        s = c.add_stream("libx264", rate=12)
        s.width, s.height, s.pix_fmt = 64, 36, "yuv420p"
        s.time_base = Fraction(1, 12)
        for i in range(n):
            f = av.VideoFrame.from_image(Image.new("RGB", (64, 36), COLOURS[i % len(COLOURS)]))
            for p in s.encode(f):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path


def close(a: tuple[int, ...], b: tuple[int, ...], tol: int = 20) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=False))


def test_first_and_last_frames(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "c.mp4", n=11)
    assert close(extract_frame(clip, "first").getpixel((32, 18)), COLOURS[0])
    assert close(extract_frame(clip, "last").getpixel((32, 18)), COLOURS[10 % 6])


def test_png_of_the_last_frame_equals_the_decoded_frame(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "c.mp4")
    png = save_frame_png(clip, "last", tmp_path / "last.png")
    assert Image.open(png).tobytes() == extract_frame(clip, "last").tobytes()


def test_poster_and_info(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "c.mp4", n=24)
    poster = make_poster(clip, tmp_path / "p" / "poster.jpg", (32, 32))
    assert Image.open(poster).size[0] <= 32
    info = video_info(clip)
    assert (info.width, info.height, info.has_audio) == (64, 36, False)
    assert abs(info.fps - 12) < 0.01 and abs(info.duration_s - 2.0) < 0.2


def test_unreadable_file_is_a_value_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"<html>not a video</html>")
    with pytest.raises(ValueError):
        extract_frame(bad, "first")
    with pytest.raises(ValueError):
        video_info(bad)
