"""A downloaded clip is checked against its request: honest simulator clips pass every check,
and each way a gateway can short-change a creator fails the check that names it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from tests.unit.test_frames import COLOURS, make_clip, near
from veo_desktop.core.checks import measure
from veo_desktop.core.checks.clip_checks import ClipInputs, run_checks
from veo_desktop.core.checks.result import Check
from veo_desktop.core.request.models import Mode, Model
from veo_desktop.simulator.clips import render_clip

SMALL = 360  # clips are rendered small (fast); the resolution check is left out by model ""


def picture(path: Path, hue: int, size: tuple[int, int] = (640, 360)) -> Path:
    """Bands and a disc in colours set by `hue`: unlike another hue's picture."""
    w, h = size
    image = Image.new("RGB", size, (hue, 255 - hue, (hue * 3) % 256))
    draw = ImageDraw.Draw(image)
    for x in range(0, w, w // 8):
        draw.rectangle((x, 0, x + w // 20, h), fill=((hue + 90) % 256, hue // 2, 200 - hue // 2))
    draw.ellipse((w // 3, h // 4, w // 3 + h // 2, h * 3 // 4), fill=(255, 255 - hue, hue))
    image.save(path)
    return path


def clip(path: Path, **options: Any) -> Path:
    settings: dict[str, Any] = {"prompt": "a test clip", "duration": 2, "max_height": SMALL}
    settings.update(options)
    render_clip(path, **settings)
    return path


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clip-checks")


@pytest.fixture(scope="module")
def dawn(work: Path) -> Path:
    return picture(work / "dawn.png", 30)


@pytest.fixture(scope="module")
def dusk(work: Path) -> Path:
    return picture(work / "dusk.png", 220)


def frames_inputs(start: Path, end: Path, **changes: Any) -> ClipInputs:
    values: dict[str, Any] = {
        "mode": Mode.FRAMES,
        "model": "",
        "duration": 2,
        "aspect_ratio": "16:9",
        "generate_audio": True,
        "start_image": start,
        "end_image": end,
    }
    values.update(changes)
    return ClipInputs(**values)


def test_an_honest_first_last_clip_passes_every_check(work: Path, dawn: Path, dusk: Path) -> None:
    video = clip(
        work / "honest.mp4", first_image=Image.open(dawn), last_image=Image.open(dusk), audio=True
    )
    checks = run_checks(video, frames_inputs(dawn, dusk))
    assert [c.name for c in checks] == [
        "decodes",
        "duration",
        "aspect_ratio",
        "audio",
        "start_frame",
        "end_frame",
    ]
    assert [c.name for c in checks if not c.ok] == []
    assert by_name(checks)["duration"].got == "2.0 s"
    assert by_name(checks)["audio"].got == "audible track"


def _caption(image: Image.Image) -> Image.Image:
    """A caption band over the bottom quarter at 55 % opacity (the worst the simulator draws)."""
    out = image.copy()
    w, h = out.size
    band = Image.new("RGB", (w, h // 4), (0, 0, 0))
    ImageDraw.Draw(band).text((10, 10), "a caption over the end of the clip", fill="white")
    out.paste(band, (0, h - h // 4), Image.new("L", band.size, 140))
    return out


def _shifted(image: Image.Image) -> Image.Image:
    pan = (1, 0, -0.08 * image.width, 0, 1, 0)
    return image.transform(image.size, Image.Transform.AFFINE, pan)


DRIFTS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "caption band": _caption,
    "8 % pan": _shifted,
    "10 % darker": lambda im: ImageEnhance.Brightness(im).enhance(0.9),
    "blurred": lambda im: im.filter(ImageFilter.GaussianBlur(2)),
    "6 % push in": lambda im: im.resize(im.size, box=(19, 11, im.width - 19, im.height - 11)),
}


@pytest.mark.parametrize("drift", DRIFTS)
def test_a_clip_that_drifts_on_its_way_to_the_end_picture_is_not_flagged(
    work: Path, dawn: Path, dusk: Path, drift: str
) -> None:
    moved = DRIFTS[drift]
    first, last = moved(Image.open(dawn).convert("RGB")), moved(Image.open(dusk).convert("RGB"))
    video = clip(work / "drift.mp4", first_image=first, last_image=last, audio=False)
    checks = by_name(run_checks(video, frames_inputs(dawn, dusk, generate_audio=None)))
    assert checks["start_frame"].ok and checks["end_frame"].ok, checks["end_frame"].detail


def test_a_dropped_end_frame_is_flagged_and_the_start_frame_is_not(
    work: Path, dawn: Path, dusk: Path
) -> None:
    # What new-api does: `last_image` dropped, the clip runs as plain image-to-video.
    video = clip(work / "dropped.mp4", first_image=Image.open(dawn), audio=False)
    checks = by_name(run_checks(video, frames_inputs(dawn, dusk, generate_audio=None)))
    assert checks["end_frame"].ok is False
    assert checks["end_frame"].message.startswith("end frame not followed")
    assert checks["end_frame"].expected is not None and checks["end_frame"].got is not None
    assert "start picture" in checks["end_frame"].detail
    assert checks["start_frame"].ok is True


def test_an_end_frame_like_the_start_frame_cannot_be_told_apart_and_passes(
    work: Path, dawn: Path
) -> None:
    twin = picture(work / "dawn-again.png", 34)
    video = clip(work / "dropped-twin.mp4", first_image=Image.open(dawn), audio=False)
    checks = by_name(run_checks(video, frames_inputs(dawn, twin, generate_audio=None)))
    assert checks["end_frame"].ok is True


def test_a_clip_that_ignored_the_start_picture_is_flagged(work: Path, dawn: Path) -> None:
    video = clip(work / "text-only.mp4", audio=False)
    inputs = ClipInputs(Mode.IMAGE, "", 2, "16:9", None, start_image=dawn)
    checks = by_name(run_checks(video, inputs))
    assert checks["start_frame"].ok is False
    assert "end_frame" not in checks


def test_a_picture_that_is_a_url_or_gone_is_not_checked(work: Path, dawn: Path) -> None:
    video = clip(work / "image.mp4", first_image=Image.open(dawn), audio=False)
    gone = ClipInputs(Mode.FRAMES, "", 2, None, None, work / "gone.png", work / "gone2.png")
    url = ClipInputs(Mode.IMAGE, "", 2, None, None, start_image=None)
    for inputs in (gone, url):
        names = [c.name for c in run_checks(video, inputs)]
        assert names == ["decodes", "duration"]


def test_a_cut_short_download_fails_only_the_decode_check(work: Path, dawn: Path) -> None:
    whole = clip(work / "whole.mp4", first_image=Image.open(dawn), duration=4)
    cut = work / "cut.mp4"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    checks = run_checks(cut, frames_inputs(dawn, dawn, duration=4))
    assert [(c.name, c.ok) for c in checks] == [("decodes", False)]
    assert checks[0].message.startswith("does not play to the end")


def test_length_size_shape_and_sound_are_held_to_the_request(work: Path) -> None:
    video = clip(work / "text.mp4", audio=False)  # 2 s, 640x360, no sound
    inputs = ClipInputs(Mode.TEXT, Model.FAST_720P.value, 8, "9:16", True)
    checks = by_name(run_checks(video, inputs))
    assert (checks["duration"].ok, checks["duration"].expected, checks["duration"].got) == (
        False,
        "8.0 s",
        "2.0 s",
    )
    assert (checks["resolution"].ok, checks["resolution"].expected) == (False, "720p")
    assert checks["resolution"].got == "640×360"
    assert (checks["aspect_ratio"].ok, checks["aspect_ratio"].got) == (False, "16:9")
    assert (checks["audio"].ok, checks["audio"].got) == (False, "no track")


def test_the_model_tier_sets_the_resolution_and_unknown_models_are_not_checked(
    work: Path,
) -> None:
    video = clip(work / "720p.mp4", max_height=None, duration=1, audio=False)  # true 1280x720
    right = by_name(run_checks(video, ClipInputs(Mode.TEXT, Model.STANDARD_720P.value, 1)))
    assert right["resolution"].ok and right["resolution"].got == "1280×720"
    wrong = by_name(run_checks(video, ClipInputs(Mode.TEXT, Model.FAST_1080P.value, 1)))
    assert not wrong["resolution"].ok and wrong["resolution"].expected == "1080p"
    assert "resolution" not in by_name(run_checks(video, ClipInputs(Mode.TEXT, "my-model", 1)))


def test_sound_off_passes_with_no_track_or_a_silent_one_and_fails_when_audible(
    work: Path, tmp_path: Path
) -> None:
    silent = make_clip(tmp_path / "silent.mp4", n=24, audio=True)  # an AAC track of zeros
    audible = clip(work / "audible.mp4", audio=True)
    off = ClipInputs(Mode.TEXT, "", None, None, generate_audio=False)
    on = ClipInputs(Mode.TEXT, "", None, None, generate_audio=True)
    assert by_name(run_checks(silent, off))["audio"].ok
    assert by_name(run_checks(silent, off))["audio"].got == "silent track"
    assert not by_name(run_checks(silent, on))["audio"].ok
    assert not by_name(run_checks(audible, off))["audio"].ok
    no_ask = ClipInputs(Mode.TEXT, "", None, None, generate_audio=None)
    assert "audio" not in by_name(run_checks(audible, no_ask))


def test_an_extension_continues_its_source_and_one_that_does_not_is_flagged(
    work: Path, dawn: Path, dusk: Path
) -> None:
    source = clip(work / "source.mp4", first_image=Image.open(dawn), audio=False)
    extended = clip(work / "extended.mp4", source=source, duration=7, audio=False)
    elsewhere = clip(work / "elsewhere.mp4", first_image=Image.open(dusk), duration=9)
    inputs = ClipInputs(Mode.EXTEND, "", None, "16:9", None, source_video=source)
    good = by_name(run_checks(extended, inputs))
    assert good["continuation"].ok and good["duration"].ok
    assert good["duration"].expected == "9.0 s"
    assert "aspect_ratio" not in good  # the source decides the shape
    bad = by_name(run_checks(elsewhere, inputs))
    assert not bad["continuation"].ok
    assert bad["continuation"].message.startswith("does not continue the source clip")


def test_a_letterboxed_or_cropped_picture_both_count_as_followed(work: Path) -> None:
    square = picture(work / "square.png", 120, size=(400, 400))
    sq = Image.open(square)
    padded = Image.new("RGB", (640, 360))
    padded.paste(sq.resize((360, 360)), (140, 0))
    for name, first in (("cropped", sq), ("letterboxed", padded)):
        video = clip(work / f"{name}.mp4", first_image=first, audio=False)
        inputs = ClipInputs(Mode.IMAGE, "", 2, "16:9", None, start_image=square)
        assert by_name(run_checks(video, inputs))["start_frame"].ok, name


def test_the_last_frames_and_a_frame_at_a_time_are_exact_across_keyframes(
    tmp_path: Path,
) -> None:
    video = make_clip(tmp_path / "gop.mp4", n=48, gop=12)  # 4 s at 12 fps, B-frames
    tail = measure.last_frames(video, 3)
    assert len(tail) == 3
    for frame, index in zip(tail, (45, 46, 47), strict=True):
        assert near(frame.getpixel((4, 4)), COLOURS[index % 12])
    assert near(measure.frame_at(video, 2.0).getpixel((4, 4)), COLOURS[24 % 12])
    assert near(measure.frame_at(video, 2.05).getpixel((4, 4)), COLOURS[25 % 12])


def test_sound_levels_are_measured_from_the_samples(work: Path, tmp_path: Path) -> None:
    tone = measure.probe(clip(work / "tone.mp4", audio=True))
    assert tone.audio_peak_dbfs is not None and -20 < tone.audio_peak_dbfs <= 0
    assert tone.audio_rms_dbfs is not None and -30 < tone.audio_rms_dbfs < tone.audio_peak_dbfs
    zeros = measure.probe(make_clip(tmp_path / "zeros.mp4", n=12, audio=True))
    assert zeros.audio_peak_dbfs == measure.SILENCE_DBFS
    assert measure.probe(make_clip(tmp_path / "mute.mp4", n=12)).audio_peak_dbfs is None
