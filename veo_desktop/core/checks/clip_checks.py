"""Did the clip come back as asked: each check of a downloaded clip against its request, one
`Check` each; a check that cannot apply (no local picture, unknown model) is left out."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from ..i18n import msg
from ..library.frames import video_info
from ..request.models import Mode, Model, Resolution
from . import measure
from .perceptual import nearest
from .result import Check

__all__ = ["ClipInputs", "run_checks"]

log = logging.getLogger(__name__)

#: Veo's clips are 8 s unless asked otherwise; a clip may be this far off (seconds).
DEFAULT_DURATION_S = 8
DURATION_SLACK_S = 0.5
#: Extension returns the source and about 7 new seconds as one video.
EXTENSION_ADDS_S = 7.0
EXTENSION_SLACK_S = 1.0
#: The clip's width/height may be this far (relative) from the asked ratio.
ASPECT_SLACK = 0.02
#: A track whose loudest sample is quieter than this (dBFS) is silent.
AUDIBLE_DBFS = -50.0
#: Perceptual distances (perceptual.py), chosen on the calibration in docs/clip-checks.md:
#: honest clips stay under 0.26, a clip that dropped its end picture is over 0.66 from it.
START_LIMIT = 0.35
END_LIMIT = 0.40
#: Past this the last frame is unlike the end picture whatever it resembles.
END_UNRELATED = 0.50
CONTINUATION_LIMIT = 0.35
#: How many final frames the end check looks at (the closest one counts).
END_FRAMES = 4

SHORT_SIDE = {Resolution.P720: 720, Resolution.P1080: 1080, Resolution.K4: 2160}
_RATIOS = {"16:9": 16 / 9, "9:16": 9 / 16, "1:1": 1.0, "4:3": 4 / 3, "3:4": 3 / 4}
#: Pictures are read no larger than this (the comparison needs a thumbnail).
_READ_SIDE = 512


@dataclass(frozen=True)
class ClipInputs:
    """What the clip was asked to be; local files only (a URL's picture is not checked)."""

    mode: Mode
    model: str
    duration: int | None = None
    aspect_ratio: str | None = None
    generate_audio: bool | None = None
    start_image: Path | None = None
    end_image: Path | None = None
    source_video: Path | None = None


def run_checks(video: Path, inputs: ClipInputs) -> list[Check]:
    """Every check that applies, in `CHECK_NAMES` order. A clip that does not play to the end
    gets that one failed check and nothing else (the rest would measure a broken file)."""
    try:
        probe = measure.probe(video)
        tail = measure.last_frames(video, END_FRAMES) if _wants_end(inputs) else []
    except measure.Undecodable as exc:
        log.info("%s does not decode: %s", video.name, exc)
        return [Check("decodes", False, detail=str(exc))]
    checks = [Check("decodes", True)]
    source_s = _source_duration(inputs)
    framed = inputs.mode in (Mode.IMAGE, Mode.FRAMES)
    start = _picture(inputs.start_image) if framed else None
    end = _picture(inputs.end_image) if tail else None
    steps: list[Callable[[], Check | None]] = [
        lambda: _duration(probe, inputs, source_s),
        lambda: _resolution(probe, inputs),
        lambda: _aspect(probe, inputs),
        lambda: _audio(probe, inputs),
        lambda: _start_frame(probe, start),
        lambda: _end_frame(tail, start, end),
        lambda: _continuation(video, probe, inputs, source_s),
    ]
    for step in steps:
        check = step()
        if check is not None:
            checks.append(check)
    return checks


def _wants_end(inputs: ClipInputs) -> bool:
    end = inputs.end_image
    return inputs.mode is Mode.FRAMES and end is not None and end.is_file()


def _seconds(value: float) -> str:
    return f"{value:.1f} s"


def _duration(probe: measure.Probe, inputs: ClipInputs, source_s: float | None) -> Check | None:
    if inputs.mode is Mode.EXTEND:
        if source_s is None:
            return None
        want, slack = source_s + EXTENSION_ADDS_S, EXTENSION_SLACK_S
    else:
        want, slack = float(inputs.duration or DEFAULT_DURATION_S), DURATION_SLACK_S
    ok = abs(probe.duration_s - want) <= slack
    return Check("duration", ok, _seconds(want), _seconds(probe.duration_s))


def _resolution(probe: measure.Probe, inputs: ClipInputs) -> Check | None:
    model = Model.parse(inputs.model)
    if model is None:
        return None
    want = SHORT_SIDE[model.resolution]
    short = min(probe.width, probe.height)
    ok = abs(short - want) <= want * 0.01
    return Check("resolution", ok, model.resolution.value, f"{probe.width}×{probe.height}")


def _aspect(probe: measure.Probe, inputs: ClipInputs) -> Check | None:
    asked = inputs.aspect_ratio
    if inputs.mode is Mode.EXTEND or asked not in _RATIOS or not probe.height:
        return None
    got = probe.width / probe.height
    ok = abs(got - _RATIOS[asked]) <= ASPECT_SLACK * _RATIOS[asked]
    return Check("aspect_ratio", ok, asked, _ratio_name(probe.width, probe.height))


def _ratio_name(width: int, height: int) -> str:
    """The shape's name (16:9, 9:16, 1:1, 4:3, 3:4) when the size has one, else the size."""
    got = width / height if height else 0.0
    for name, ratio in _RATIOS.items():
        if abs(got - ratio) <= ASPECT_SLACK * ratio:
            return name
    return f"{width}×{height}"


def _audio(probe: measure.Probe, inputs: ClipInputs) -> Check | None:
    if inputs.generate_audio is None:
        return None
    peak = probe.audio_peak_dbfs
    if not probe.has_audio or peak is None:
        got = msg("no track")
    elif peak > AUDIBLE_DBFS:
        got = msg("audible track")
    else:
        got = msg("silent track")
    audible = probe.has_audio and peak is not None and peak > AUDIBLE_DBFS
    detail = "" if peak is None else msg("loudest sample {peak:.0f} dBFS", peak=peak)
    if inputs.generate_audio:
        return Check("audio", audible, msg("audible track"), got, detail)
    return Check("audio", not audible, msg("no audible track"), got, detail)


def _start_frame(probe: measure.Probe, start: Image.Image | None) -> Check | None:
    if start is None or probe.first_frame is None:
        return None
    d = nearest([probe.first_frame], start)
    detail = msg("distance to the start picture {distance:.2f}", distance=d)
    return Check("start_frame", d <= START_LIMIT, f"≤ {START_LIMIT:.2f}", f"{d:.2f}", detail)


def _end_frame(
    tail: list[Image.Image], start: Image.Image | None, end: Image.Image | None
) -> Check | None:
    if end is None or not tail:
        return None
    d_end = nearest(tail, end)
    d_start = nearest(tail, start) if start is not None else None
    ok = _end_frame_followed(d_end, d_start)
    if d_start is None:
        detail = msg("distance to the end picture {end:.2f}", end=d_end)
    else:
        detail = msg(
            "distance to the end picture {end:.2f}, to the start picture {start:.2f}",
            end=d_end,
            start=d_start,
        )
    return Check("end_frame", ok, f"≤ {END_LIMIT:.2f}", f"{d_end:.2f}", detail)


def _end_frame_followed(d_end: float, d_start: float | None) -> bool:
    """A clip whose end picture was dropped ends on its start picture, moved a little: a far
    end frame is flagged when it is nearer the start picture than the end one, or far from
    both. Start and end pictures alike leave the end frame near: never flagged."""
    if d_end <= END_LIMIT:
        return True
    return d_end <= END_UNRELATED and (d_start is None or d_start >= d_end)


def _continuation(
    video: Path, probe: measure.Probe, inputs: ClipInputs, source_s: float | None
) -> Check | None:
    source = inputs.source_video
    if inputs.mode is not Mode.EXTEND or source_s is None or source is None:
        return None
    try:
        source_last = measure.last_frames(source, 1)
        # Veo returns the source and the new seconds as one video, so the source's last frame
        # is still there at its time; a gateway that returns only the new seconds starts on it.
        candidates = [probe.first_frame] if probe.first_frame is not None else []
        if probe.fps and probe.duration_s > source_s:
            candidates.append(measure.frame_at(video, max(0.0, source_s - 1 / probe.fps)))
    except measure.Undecodable as exc:
        log.info("continuation of %s not checked: %s", source.name, exc)
        return None
    if not candidates:
        return None
    d = min(nearest([frame], source_last[-1]) for frame in candidates)
    detail = msg("distance to the source clip's last frame {distance:.2f}", distance=d)
    ok = d <= CONTINUATION_LIMIT
    return Check("continuation", ok, f"≤ {CONTINUATION_LIMIT:.2f}", f"{d:.2f}", detail)


def _source_duration(inputs: ClipInputs) -> float | None:
    source = inputs.source_video
    if inputs.mode is not Mode.EXTEND or source is None or not source.is_file():
        return None
    try:
        return video_info(source).duration_s
    except ValueError as exc:
        log.info("source clip %s unreadable: %s", source.name, exc)
        return None


def _picture(path: Path | None) -> Image.Image | None:
    """The user's picture as sent (EXIF orientation applied), at most _READ_SIDE; None when it
    is gone or unreadable (the check is then left out)."""
    if path is None or not path.is_file():
        return None
    try:
        with Image.open(path) as image:
            image.draft("RGB", (_READ_SIDE, _READ_SIDE))  # JPEG decodes at a fraction: cheap
            oriented = ImageOps.exif_transpose(image)
            oriented.thumbnail((_READ_SIDE, _READ_SIDE), Image.Resampling.BILINEAR)
            return oriented.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        log.info("picture %s unreadable: %s", path.name, exc)
        return None
