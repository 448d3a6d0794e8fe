"""The gateway's vocabulary: the six model IDs, the five modes, and the request that turns a
user's choices into the exact JSON body docs/gateway-contract.md describes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from ..i18n import msg


class Tier(StrEnum):
    STANDARD = "standard"
    FAST = "fast"


class Resolution(StrEnum):
    P720 = "720p"
    P1080 = "1080p"
    K4 = "4k"


class Model(StrEnum):
    """A model ID names both its speed tier and its output resolution."""

    STANDARD_720P = "veo3.1-video-720p"
    STANDARD_1080P = "veo3.1-video-1080p"
    STANDARD_4K = "veo3.1-video-4k"
    FAST_720P = "veo3.1-fast-video-720p"
    FAST_1080P = "veo3.1-fast-video-1080p"
    FAST_4K = "veo3.1-fast-video-4k"

    @property
    def tier(self) -> Tier:
        return Tier.FAST if "-fast-" in self.value else Tier.STANDARD

    @property
    def resolution(self) -> Resolution:
        return Resolution(self.value.rsplit("-", 1)[1])

    @property
    def size(self) -> str:
        """The `size` field the gateway expects for this model (always derived, never typed)."""
        return self.resolution.value

    @classmethod
    def of(cls, tier: Tier, resolution: Resolution) -> Model:
        for m in cls:
            if m.tier is tier and m.resolution is resolution:
                return m
        raise ValueError(f"no model for {tier} {resolution}")  # unreachable: all six exist

    @classmethod
    def parse(cls, text: str) -> Model | None:
        try:
            return cls(text.strip())
        except ValueError:
            return None


DEFAULT_MODEL = Model.FAST_720P


class Mode(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    FRAMES = "frames"
    REFERENCE = "reference"
    EXTEND = "extend"

    @property
    def label(self) -> str:
        """The mode's name in the user's language."""
        return _mode_labels()[self]


def _mode_labels() -> dict[Mode, str]:
    return {
        Mode.TEXT: msg("Text"),
        Mode.IMAGE: msg("Image"),
        Mode.FRAMES: msg("First + Last"),
        Mode.REFERENCE: msg("References"),
        Mode.EXTEND: msg("Extend"),
    }


ASPECT_RATIOS = ("16:9", "9:16")
DURATIONS = (4, 6, 8)
SEED_MAX = 4_294_967_295


@dataclass(frozen=True)
class GenerationRequest:
    """What the user asked for. Image fields hold a local path, an http(s) URL or a data URI;
    `to_body` needs them already resolved to what goes on the wire (see `core.images`)."""

    mode: Mode
    model: Model | str
    prompt: str = ""
    image: str | None = None
    last_image: str | None = None
    images: tuple[str, ...] = ()
    video: str | None = None
    aspect_ratio: str | None = "16:9"
    duration: int | None = 8
    generate_audio: bool | None = None
    negative_prompt: str | None = None
    seed: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def with_images(
        self, image: str | None, last_image: str | None, images: tuple[str, ...]
    ) -> GenerationRequest:
        return replace(self, image=image, last_image=last_image, images=images)

    @property
    def model_id(self) -> str:
        return self.model.value if isinstance(self.model, Model) else str(self.model)

    def to_body(self) -> dict[str, Any]:
        """The exact JSON body: a field is present only when set; `size` comes from the model;
        extension sends no `duration`; audio, negative prompt and seed go under `extra_body`."""
        body: dict[str, Any] = {"model": self.model_id}
        if self.prompt:
            body["prompt"] = self.prompt
        if self.mode in (Mode.IMAGE, Mode.FRAMES) and self.image:
            body["image"] = self.image
        if self.mode is Mode.FRAMES and self.last_image:
            body["last_image"] = self.last_image
        if self.mode is Mode.REFERENCE and self.images:
            body["images"] = list(self.images)
        if self.mode is Mode.EXTEND and self.video:
            body["video"] = self.video
        model = Model.parse(self.model_id)
        if model is not None:
            body["size"] = model.size
        if self.aspect_ratio:
            body["aspect_ratio"] = self.aspect_ratio
        if self.mode is not Mode.EXTEND and self.duration is not None:
            body["duration"] = self.duration
        extra: dict[str, Any] = {}
        if self.generate_audio is not None:
            extra["generate_audio"] = self.generate_audio
        if self.negative_prompt:
            extra["negative_prompt"] = self.negative_prompt
        if self.seed is not None:
            extra["seed"] = self.seed
        if extra:
            body["extra_body"] = extra
        return body

    def image_inputs(self) -> list[tuple[str, str]]:
        """(field, value) for every image this mode sends, in wire order."""
        out: list[tuple[str, str]] = []
        if self.mode in (Mode.IMAGE, Mode.FRAMES) and self.image:
            out.append(("image", self.image))
        if self.mode is Mode.FRAMES and self.last_image:
            out.append(("last_image", self.last_image))
        if self.mode is Mode.REFERENCE:
            out.extend(("images", v) for v in self.images)
        return out

    def to_record(self) -> dict[str, Any]:
        """A JSON-able copy for the journal and sidecars. Image fields keep what the user gave
        (a local path or URL), never the bytes."""
        d = asdict(self)
        d["mode"] = self.mode.value
        d["model"] = self.model_id
        d["images"] = list(self.images)
        return d

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> GenerationRequest:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in d.items() if k in known}
        values["mode"] = Mode(values["mode"])
        values["model"] = Model.parse(str(values.get("model", ""))) or str(values.get("model"))
        values["images"] = tuple(values.get("images") or ())
        values["extra"] = dict(values.get("extra") or {})
        return cls(**values)
