"""The simulator's clips look like what real Veo returns for what reached upstream: the true
size, the start and end frames exact, an extension holding its source, sound as forwarded."""

from __future__ import annotations

import array
import base64
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import httpx
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageOps, ImageStat

from tests import clips
from veo_desktop.core.library.frames import extract_frame, video_info
from veo_desktop.simulator import Simulator
from veo_desktop.simulator.clips import render_clip

AUTH = {"Authorization": "Bearer sk-sim"}
Colour = tuple[int, int, int]


def picture(ground: Colour) -> Image.Image:
    """A 4:3 picture with shapes, so a crop, a zoom or a caption band all show."""
    image = Image.new("RGB", (320, 240), ground)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 150, 120), fill=(250, 240, 40))
    draw.ellipse((180, 90, 300, 210), fill=(20, 160, 60))
    draw.rectangle((60, 170, 140, 225), fill=(240, 240, 240))
    return image


START, END = picture((200, 40, 40)), picture((40, 40, 200))


def png_uri_of(image: Image.Image) -> str:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scaled to cover `size`, centred, cut to it: what a start frame becomes in a clip."""
    return ImageOps.fit(image, size, Image.Resampling.BILINEAR)


def zoomed(image: Image.Image, amount: float) -> Image.Image:
    w, h = image.size
    dx, dy = int(w * amount / 2), int(h * amount / 2)
    return image.crop((dx, dy, w - dx, h - dy)).resize((w, h), Image.Resampling.BILINEAR)


def differ(a: Image.Image, b: Image.Image) -> tuple[float, int]:
    """(mean, 99th percentile) of the per-pixel difference: its largest channel, 0..255."""
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    r, g, bl = diff.split()
    worst = ImageChops.lighter(ImageChops.lighter(r, g), bl)
    hist = worst.histogram()
    total, seen = sum(hist), 0
    for level, n in enumerate(hist):
        seen += n
        if seen >= 0.99 * total:
            return float(ImageStat.Stat(worst).mean[0]), level
    return float(ImageStat.Stat(worst).mean[0]), 255


def assert_same_picture(frame: Image.Image, expected: Image.Image) -> None:
    """Equal but for H.264's noise, compared at half size (where 4:2:0 keeps its colour): a
    caption band, a label or a zoom fails this (means near 20, 99th percentiles past 100)."""
    assert frame.size == expected.size
    half = (frame.width // 2, frame.height // 2)
    box = Image.Resampling.BOX
    mean, p99 = differ(frame.resize(half, box), expected.resize(half, box))
    assert mean < 4 and p99 < 40, (mean, p99)


def loudness(path: Path) -> float:
    """The RMS of the clip's sound (0: a silent track); an audible tone is well above 0.05."""
    total, count = 0.0, 0
    resampler = av.AudioResampler(format="fltp", layout="stereo", rate=48_000)
    with av.open(str(path)) as c:
        for decoded in c.decode(audio=0):
            for frame in resampler.resample(decoded):
                for plane in frame.planes:
                    samples = array.array("f")
                    samples.frombytes(bytes(plane)[: frame.samples * 4])
                    total += sum(v * v for v in samples)
                    count += len(samples)
    return (total / count) ** 0.5 if count else 0.0


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as client:
        yield client


def clip_of(sim: Simulator, http: httpx.Client, folder: Path, **body: Any) -> Path:
    """Create a job, wait for it, download its clip through the gateway's content route."""
    payload = {"model": "veo3.1-fast-video-720p", "prompt": "a red kite", "duration": 4, **body}
    r = http.post(sim.base_url + "/v1/video/generations", json=payload, headers=AUTH)
    assert r.status_code == 200, r.text
    tid = r.json()["id"]
    deadline = time.monotonic() + 60
    while True:
        got = http.get(f"{sim.base_url}/v1/videos/{tid}/content", headers=AUTH)
        if got.status_code == 200:
            break
        assert time.monotonic() < deadline, got.text
        time.sleep(0.1)
    path = folder / f"{tid}.mp4"
    path.write_bytes(got.content)
    return path


def first_last_clip(sim: Simulator, http: httpx.Client, folder: Path, **body: Any) -> Path:
    """A First + Last clip from START to END (`body` adds to or overrides the request)."""
    return clip_of(sim, http, folder, image=png_uri_of(START), last_image=png_uri_of(END), **body)


def test_image_mode_starts_on_the_start_image_at_the_models_true_size(
    http: httpx.Client, tmp_path: Path
) -> None:
    with Simulator(job_seconds=0.5) as sim:  # no preview cap: what the demo and the CLI get
        clip = clip_of(
            sim,
            http,
            tmp_path,
            model="veo3.1-fast-video-1080p",
            duration=8,
            aspect_ratio="9:16",
            image=png_uri_of(START),
        )
    info = video_info(clip)
    assert (info.width, info.height) == (1080, 1920)
    assert abs(info.duration_s - 8) < 0.2
    assert_same_picture(extract_frame(clip, "first"), cover(START, (1080, 1920)))
    assert info.has_audio and loudness(clip) > 0.05


def test_first_last_starts_and_ends_on_the_given_images(http: httpx.Client, tmp_path: Path) -> None:
    with Simulator(job_seconds=0.5) as sim:
        clip = first_last_clip(sim, http, tmp_path, extra_body={"generate_audio": False})
    info = video_info(clip)
    assert (info.width, info.height) == (1280, 720) and abs(info.duration_s - 4) < 0.2
    assert_same_picture(extract_frame(clip, "first"), cover(START, (1280, 720)))
    assert_same_picture(extract_frame(clip, "last"), cover(END, (1280, 720)))
    assert not info.has_audio  # audio off reached upstream: no track at all


@pytest.mark.parametrize(
    ("aspect", "resolution", "cap", "size"),
    [
        ("16:9", "720p", None, (1280, 720)),
        ("16:9", "1080p", None, (1920, 1080)),
        ("9:16", "1080p", None, (1080, 1920)),
        ("16:9", "4k", None, (3840, 2160)),
        ("16:9", "1080p", 144, (256, 144)),  # a small preview, for fast tests, when asked
    ],
)
def test_clips_come_at_the_true_size_of_the_models_resolution(
    tmp_path: Path, aspect: str, resolution: str, cap: int | None, size: tuple[int, int]
) -> None:
    clip = tmp_path / "clip.mp4"
    render_clip(
        clip,
        prompt="size",
        aspect_ratio=aspect,
        resolution=resolution,
        duration=1,
        audio=False,
        max_height=cap,
    )
    info = video_info(clip)
    assert (info.width, info.height) == size


def test_extension_is_the_source_then_seven_seconds_from_its_last_frame(
    http: httpx.Client, tmp_path: Path
) -> None:
    with Simulator(job_seconds=0.3, max_height=144) as sim:
        source = first_last_clip(sim, http, tmp_path, aspect_ratio="9:16")
        sid = source.stem
        clip = clip_of(
            sim,
            http,
            tmp_path,
            video=f"{sim.base_url}/v1/videos/{sid}/content",
            prompt="the kite flies on",
            duration=None,
        )
    src, ext = video_info(source), video_info(clip)
    assert abs(ext.duration_s - (src.duration_s + 7)) < 0.2
    assert (ext.width, ext.height) == (src.width, src.height)  # the source's shape
    with av.open(str(clip)) as c:
        frames = [clips.picture(f) for f in c.decode(video=0)]
    at_end = round(src.duration_s * 24)
    assert_same_picture(frames[0], extract_frame(source, "first"))
    assert_same_picture(frames[at_end], extract_frame(source, "last"))
    assert ext.has_audio and loudness(clip) > 0.05


def test_newapi_clips_follow_what_it_forwarded(http: httpx.Client, tmp_path: Path) -> None:
    with Simulator(job_seconds=0.5, max_height=144, dialect="new-api", task_row_delay=0.2) as sim:
        # The documented body: new-api drops last_image and extra_body without a word.
        dropped = first_last_clip(sim, http, tmp_path, extra_body={"generate_audio": False})
        # Google's own names under metadata: these it forwards.
        meta = {"generateAudio": False, "durationSeconds": 6, "aspectRatio": "9:16"}
        honoured = clip_of(sim, http, tmp_path, metadata=meta, duration=None)
    info = video_info(dropped)
    assert (info.width, info.height) == (256, 144) and abs(info.duration_s - 4) < 0.2
    assert_same_picture(extract_frame(dropped, "first"), cover(START, (256, 144)))
    # Plain image-to-video: it ends on the start image zoomed in, never on the end image.
    last = extract_frame(dropped, "last")
    middle = (0, 144 * 15 // 100, 256, 144 * 60 // 100)  # clear of the label and the caption
    expected = zoomed(cover(START, (256, 144)), 0.15)
    assert differ(last.crop(middle), expected.crop(middle))[0] < 6
    assert differ(last.crop(middle), cover(END, (256, 144)).crop(middle))[0] > 60
    assert info.has_audio and loudness(dropped) > 0.05  # audio off never reached Veo: on
    quiet = video_info(honoured)
    assert not quiet.has_audio
    assert (quiet.width, quiet.height) == (144, 256) and abs(quiet.duration_s - 6) < 0.2
