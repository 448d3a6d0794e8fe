"""Request rules: what blocks sending (errors) and what is worth knowing first (warnings), run live
by the UI as the user edits and by the CLI before it sends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..checks.habits import Habit, relied_on
from ..gateway.dialects import Dialect, dropped
from ..i18n import msg
from .models import ASPECT_RATIOS, DURATIONS, SEED_MAX, GenerationRequest, Mode, Model, Resolution

MAX_PROMPT_CHARS = 20_000  # far above what Veo reads; beyond it the request is surely a mistake


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One rule's verdict. `field` names the control it is about (a request field name), so the
    UI can show the message next to it."""

    severity: Severity
    field: str
    message: str

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.ERROR


# Errors cover the gateway page's "common errors" and the inputs each mode needs; warnings cover
# known upstream limits that the gateway itself may or may not enforce.
def check(
    req: GenerationRequest,
    dialect: Dialect = Dialect.DOCUMENTED,
    habits: Sequence[Habit] = (),
) -> list[Finding]:
    """Every finding for this request to a gateway of this dialect and these habits (what its
    earlier clips showed, core/checks/habits.py), errors first."""
    out: list[Finding] = []

    def err(field: str, text: str) -> None:
        out.append(Finding(Severity.ERROR, field, text))

    def warn(field: str, text: str) -> None:
        out.append(Finding(Severity.WARNING, field, text))

    model = req.model if isinstance(req.model, Model) else Model.parse(str(req.model))
    if model is None:
        names = ", ".join(m.value for m in Model)
        err(
            "model",
            msg(
                "Unknown model “{model}”. Choose one of: {names}.", model=req.model_id, names=names
            ),
        )

    for name, value in _texts(req):
        if not _encodable(value):
            err(
                name,
                msg(
                    "This text contains bytes that are not valid characters (often a terminal or "
                    "file name in another encoding). Type or paste it again, or rename the file."
                ),
            )
    prompt = req.prompt.strip()
    if req.mode is Mode.EXTEND and not prompt:
        err(
            "prompt",
            msg(
                "Extending a video needs a prompt that says what happens next. "
                "Describe how the clip should continue."
            ),
        )
    elif not prompt:
        err("prompt", msg("Write a prompt: describe the shot you want."))
    if len(req.prompt) > MAX_PROMPT_CHARS:
        err(
            "prompt",
            msg(
                "The prompt is {count} characters; shorten it below {limit}.",
                count=f"{len(req.prompt):,}",
                limit=f"{MAX_PROMPT_CHARS:,}",
            ),
        )

    if req.mode is not Mode.EXTEND and req.duration not in DURATIONS:
        err(
            "duration",
            msg(
                "Duration must be 4, 6 or 8 seconds (not {duration}). Pick one of those.",
                duration=req.duration,
            ),
        )
    if req.aspect_ratio is not None and req.aspect_ratio not in ASPECT_RATIOS:
        err(
            "aspect_ratio",
            msg("Aspect ratio must be 16:9 or 9:16 (not {ratio}).", ratio=req.aspect_ratio),
        )
    if req.seed is not None and not 0 <= req.seed <= SEED_MAX:
        err(
            "seed",
            msg(
                "Seed must be a whole number from 0 to {limit}; leave it empty for a random one.",
                limit=f"{SEED_MAX:,}",
            ),
        )

    if req.mode is Mode.IMAGE and not req.image:
        err(
            "image",
            msg("Image to video needs a start frame. Drop an image into the start slot."),
        )
    if req.mode is Mode.FRAMES:
        if not req.image and req.last_image:
            err(
                "image",
                msg(
                    "A last frame needs a first frame too. Add the start frame, or switch "
                    "to Image mode."
                ),
            )
        elif not req.image:
            err(
                "image",
                msg("First + Last needs a start frame. Drop an image into the start slot."),
            )
        if req.image and not req.last_image:
            err(
                "last_image",
                msg(
                    "First + Last needs an end frame. Drop an image into the end "
                    "slot, or use Image mode for a start frame alone."
                ),
            )
    if req.mode is Mode.REFERENCE:
        n = len(req.images)
        if n < 2:
            err(
                "images",
                msg("References need 2 or 3 images ({n} given). Add {more} more.", n=n, more=2 - n),
            )
        elif n > 3:
            err(
                "images",
                msg(
                    "At most 3 reference images are allowed ({n} given). Remove {extra}.",
                    n=n,
                    extra=n - 3,
                ),
            )
        if req.image or req.last_image:
            warn(
                "images",
                msg(
                    "Reference images cannot be combined with first/last frames; only "
                    "the references will be sent."
                ),
            )
    if req.mode is Mode.EXTEND and not (req.video or "").strip():
        err(
            "video",
            msg("Extending needs a source video: pick a finished job or paste its video URL."),
        )

    # -- upstream limits: warn, the gateway may or may not enforce them -----------------------
    if (
        model is not None
        and req.mode is not Mode.EXTEND
        and req.duration in DURATIONS
        and req.duration != 8
    ):
        if model.resolution in (Resolution.P1080, Resolution.K4):
            warn(
                "duration",
                msg(
                    "{resolution} output needs 8 seconds upstream; "
                    "{duration} s is likely to be rejected. Choose 8 s or 720p.",
                    resolution=model.resolution.value,
                    duration=req.duration,
                ),
            )
        if req.mode is Mode.REFERENCE:
            warn(
                "duration",
                msg(
                    "Reference images need 8 seconds upstream; other durations are "
                    "likely to be rejected. Choose 8 s."
                ),
            )
    if req.mode in (Mode.IMAGE, Mode.FRAMES, Mode.EXTEND) and req.aspect_ratio:
        warn(
            "aspect_ratio",
            msg(
                "Depending on the gateway, the video follows the input frame's or video's "
                "shape, or crops it to the aspect ratio chosen here."
            ),
        )
    if req.mode is Mode.EXTEND:
        warn(
            "video",
            msg(
                "Extension works only on videos Veo generated in the last ~2 days, at "
                "720p; it adds about 7 seconds."
            ),
        )
        if model is not None and model.resolution is not Resolution.P720:
            warn("model", msg("Extension works on 720p; choose a 720p model."))
    out.extend(dialect_findings(req, dialect))
    out.extend(habit_findings(req, habits))
    out.sort(key=lambda f: f.severity is not Severity.ERROR)
    return out


def dialect_findings(req: GenerationRequest, dialect: Dialect) -> list[Finding]:
    """Warnings for what this gateway's dialect drops without a word, before anything is sent
    (the clip would be billed all the same)."""
    texts = {
        "last_image": msg(
            "This gateway (new-api dialect) ignores the end frame: the clip starts from your "
            "start frame but will not end on your end frame. Use a gateway that honours "
            "last_image, or Image mode."
        ),
        "images": msg(
            "This gateway (new-api dialect) uses only the first reference image, as a start "
            "frame; the 2nd and 3rd are dropped. Use a gateway that honours references."
        ),
        "video": msg(
            "This gateway (new-api dialect) ignores the source video: the job would run as "
            "text-to-video. Use a gateway that supports extension."
        ),
        "image_url": msg(
            "This gateway (new-api dialect) drops image links; only files sent inline reach "
            "the model. Download the image and drop the file instead."
        ),
    }
    field = {"image_url": "image"}  # shown beside the image slot
    return [
        Finding(Severity.WARNING, field.get(name, name), texts[name])
        for name in dropped(req, dialect)
    ]


# The control a habit's warning sits beside, and what to do about it.
_HABIT_FIELDS = {
    "start_frame": "image",
    "end_frame": "last_image",
    "aspect_ratio": "aspect_ratio",
    "duration": "duration",
    "resolution": "model",
    "continuation": "video",
    "audio:on": "generate_audio",
    "audio:off": "generate_audio",
}


def habit_findings(req: GenerationRequest, habits: Sequence[Habit]) -> list[Finding]:
    """A warning for each feature this request relies on that this gateway's recent clips of
    the same mode did not deliver (the checks of downloaded clips keep the tally)."""
    wanted = relied_on(req)
    out: list[Finding] = []
    for habit in habits:
        if habit.mode is not req.mode or habit.check not in wanted or not habit.worrying:
            continue
        advice = (
            msg("Use a different gateway or dialect, or Image mode.")
            if habit.check == "end_frame"
            else msg("Use a different gateway or dialect.")
        )
        text = msg("This gateway's clips: {habit}. {advice}", habit=habit.text, advice=advice)
        out.append(Finding(Severity.WARNING, _HABIT_FIELDS.get(habit.check, "model"), text))
    return out


def errors(req: GenerationRequest) -> list[Finding]:
    return [f for f in check(req) if f.blocks]  # dialects only warn


def _texts(req: GenerationRequest) -> list[tuple[str, str]]:
    out = [("prompt", req.prompt), ("negative_prompt", req.negative_prompt or "")]
    out += [("image", req.image or ""), ("last_image", req.last_image or "")]
    out += [("images", v) for v in req.images]
    return [*out, ("video", req.video or "")]


def _encodable(text: str) -> bool:
    """False for lone surrogates: what undecodable bytes from argv or a file name become; they
    cannot be stored or sent as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
