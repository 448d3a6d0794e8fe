"""Frames come out of real MP4s exactly: first, last (also across keyframes and B-frames),
posters, info, and a clear ValueError for anything that is not a video."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import av
import pytest
from PIL import Image

from tests.clips import picture, video_frame
from veo_desktop.core.library.frames import extract_frame, make_poster, save_frame_png, video_info

# Twelve colours far enough apart that ±12 per channel never confuses two of them.
COLOURS = [
    (240, 16, 16),
    (16, 240, 16),
    (16, 16, 240),
    (240, 240, 16),
    (16, 240, 240),
    (240, 16, 240),
    (128, 128, 128),
    (240, 128, 16),
    (128, 16, 240),
    (16, 128, 64),
    (240, 240, 240),
    (16, 16, 16),
]
TOL = 12


def make_clip(
    path: Path, n: int = 12, *, fps: int = 12, gop: int | None = None, audio: bool = False
) -> Path:
    with av.open(str(path), "w") as c:
        s = c.add_stream("libx264", rate=fps)
        s.width, s.height, s.pix_fmt = 64, 36, "yuv420p"
        s.time_base = Fraction(1, fps)
        s.options = {"crf": "4", "preset": "ultrafast" if gop is None else "medium"}
        if gop is not None:
            s.codec_context.gop_size = gop  # several keyframes, so "last" really seeks
            s.options = {**s.options, "bf": "3", "keyint_min": str(gop)}
        a = c.add_stream("aac", rate=48000, layout="mono") if audio else None
        for i in range(n):
            img = Image.new("RGB", (64, 36), COLOURS[i % len(COLOURS)])
            for p in s.encode(video_frame(img)):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
        if a is not None:
            encode_silence(c, a, n / fps)
    return path


def encode_silence(c: av.container.OutputContainer, a: av.audio.AudioStream, secs: float) -> None:
    samples = 1024
    for k in range(max(1, math.ceil(48000 * secs / samples))):
        frame = av.AudioFrame(format="fltp", layout="mono", samples=samples)
        frame.planes[0].update(bytes(frame.planes[0].buffer_size))
        frame.sample_rate, frame.pts, frame.time_base = 48000, k * samples, Fraction(1, 48000)
        for p in a.encode(frame):
            c.mux(p)
    for p in a.encode():
        c.mux(p)


def near(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(x - y) <= TOL for x, y in zip(pixel, colour, strict=True))


def all_frames(clip: Path) -> list[Image.Image]:
    with av.open(str(clip)) as c:
        return [picture(f).convert("RGB") for f in c.decode(video=0)]


def test_first_and_last_frames_have_the_right_colours(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "c.mp4", n=12)
    first, last = extract_frame(clip, "first"), extract_frame(clip, "last")
    assert first.mode == last.mode == "RGB"
    assert first.size == last.size == (64, 36)
    assert near(first.getpixel((32, 18)), COLOURS[0])
    assert near(last.getpixel((32, 18)), COLOURS[11])


def test_last_frame_after_a_seek_is_the_true_final_frame(tmp_path: Path) -> None:
    # 5 s with a keyframe every second and B-frames: the seek path must still end on frame 59.
    clip = make_clip(tmp_path / "long.mp4", n=60, gop=12)
    frames = all_frames(clip)
    assert len(frames) == 60
    last = extract_frame(clip, "last")
    assert last.tobytes() == frames[-1].tobytes()
    assert near(last.getpixel((10, 10)), COLOURS[59 % 12])


def test_png_of_the_last_frame_equals_the_decoded_frame(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "c.mp4")
    png = save_frame_png(clip, "last", tmp_path / "out" / "last.png")
    assert Image.open(png).tobytes() == extract_frame(clip, "last").tobytes()
    assert [p.name for p in png.parent.iterdir()] == ["last.png"]  # no temp file left behind


def test_poster_is_small_jpeg_half_a_second_in(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "c.mp4", n=24)
    poster = make_poster(clip, tmp_path / "p" / "poster.jpg", (32, 32))
    assert poster.exists()
    assert [p.name for p in poster.parent.iterdir()] == ["poster.jpg"]
    with Image.open(poster) as img:
        assert img.format == "JPEG"
        assert img.size[0] <= 32 and img.size[1] <= 32
        assert near(img.convert("RGB").getpixel((img.width // 2, img.height // 2)), COLOURS[6])


def test_poster_of_a_short_clip_uses_the_first_frame(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "short.mp4", n=3)
    poster = make_poster(clip, tmp_path / "poster.jpg")
    with Image.open(poster) as img:
        assert img.size == (64, 36)  # never upscaled
        assert near(img.convert("RGB").getpixel((32, 18)), COLOURS[0])


def test_video_info(tmp_path: Path) -> None:
    info = video_info(make_clip(tmp_path / "c.mp4", n=12))
    assert (info.width, info.height, info.has_audio) == (64, 36, False)
    assert info.fps == pytest.approx(12, abs=0.01)
    assert info.duration_s == pytest.approx(1.0, abs=0.1)
    assert video_info(make_clip(tmp_path / "a.mp4", n=12, audio=True)).has_audio


@pytest.mark.parametrize("content", [b"<html>not a video</html>", b""])
def test_unreadable_file_is_a_value_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(content)
    for call in (
        lambda: extract_frame(bad, "first"),
        lambda: extract_frame(bad, "last"),
        lambda: video_info(bad),
        lambda: make_poster(bad, tmp_path / "p.jpg"),
    ):
        with pytest.raises(ValueError, match=r"bad\.mp4"):
            call()
    assert not (tmp_path / "p.jpg").exists()


def test_missing_file_and_audio_only_file_are_value_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"missing\.mp4"):
        video_info(tmp_path / "missing.mp4")
    audio_only = tmp_path / "sound.m4a"
    with av.open(str(audio_only), "w", format="mp4") as c:
        encode_silence(c, c.add_stream("aac", rate=48000, layout="mono"), 0.1)
    with pytest.raises(ValueError, match="no video track"):
        extract_frame(audio_only, "last")
