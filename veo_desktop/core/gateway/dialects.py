"""Request dialects: the body each kind of gateway reads, how its replies give it away, and
what it silently drops (docs/gateway-contract.md, "Dialects")."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from ..request.models import GenerationRequest, Mode, Model, Resolution


class Dialect(StrEnum):
    DOCUMENTED = "documented"  # the gateway page's fields (size "720p", extra_body, ...)
    NEW_API = "new-api"  # QuantumNous/new-api: Google's names under `metadata`, size as WxH

    @classmethod
    def parse(cls, text: str) -> Dialect | None:
        key = text.strip().lower().replace("_", "-").replace("newapi", "new-api")
        try:
            return cls(key)
        except ValueError:
            return None


# new-api's SizeToVeoResolution reads the larger side; SizeToVeoAspectRatio compares W and H.
_PIXELS = {
    Resolution.P720: (1280, 720),
    Resolution.P1080: (1920, 1080),
    Resolution.K4: (3840, 2160),
}


def request_body(req: GenerationRequest, dialect: Dialect) -> dict[str, Any]:
    """The exact JSON body for this gateway's dialect. new-api's Gemini channel reads Veo
    settings only from `metadata` (Google's names) and `size` only as WxH."""
    body = req.to_body()
    if dialect is not Dialect.NEW_API:
        return body
    meta: dict[str, Any] = {}
    model = Model.parse(req.model_id)
    if req.aspect_ratio:
        meta["aspectRatio"] = req.aspect_ratio
    if req.generate_audio is not None:
        meta["generateAudio"] = req.generate_audio
    if req.negative_prompt:
        meta["negativePrompt"] = req.negative_prompt
    if req.seed is not None:
        meta["seed"] = req.seed
    if req.mode is not Mode.EXTEND and req.duration is not None:
        meta["durationSeconds"] = req.duration
    if model is not None:
        meta["resolution"] = model.resolution.value
        w, h = _PIXELS[model.resolution]
        body["size"] = f"{h}x{w}" if req.aspect_ratio == "9:16" else f"{w}x{h}"
    body["metadata"] = meta
    return body


def dropped(req: GenerationRequest, dialect: Dialect) -> list[str]:
    """The request fields this dialect's gateway ignores without a word, by field name."""
    if dialect is not Dialect.NEW_API:
        return []
    out: list[str] = []
    if req.mode is Mode.FRAMES and req.last_image:
        out.append("last_image")
    if req.mode is Mode.REFERENCE and len(req.images) > 1:
        out.append("images")
    if req.mode is Mode.EXTEND:
        out.append("video")
    if any(_is_link(v) for _, v in req.image_inputs()):
        out.append("image_url")
    return out


def _is_link(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


# -- detection --------------------------------------------------------------------------------

_NEW_API_HEADERS = ("x-new-api-other-ratios", "x-new-api-version")


def from_reply(headers: Mapping[str, str], body: Any) -> tuple[Dialect, str] | None:
    """The dialect a create or poll reply gives away, with the evidence; None if it says
    nothing (a reply in the page's own shape is evidence for `documented`)."""
    names = {k.lower() for k in headers}
    for header in _NEW_API_HEADERS:
        if header in names:
            return Dialect.NEW_API, f"header {header}"
    if isinstance(body, Mapping):
        obj = body.get("object")
        if obj == "video":
            return Dialect.NEW_API, 'object "video"'
        if obj == "video.generation.job":
            return Dialect.DOCUMENTED, 'object "video.generation.job"'
    return None


def from_probe(status: int, headers: Mapping[str, str], body: Any) -> tuple[Dialect, str] | None:
    """What a read of a task id that does not exist gives away: new-api answers
    400 `{"code":"task_not_exist","message":...,"data":null}`."""
    found = from_reply(headers, body)
    if found is not None:
        return found
    names = {k.lower() for k in headers}
    if "x-oneapi-request-id" in names:
        return Dialect.NEW_API, "header x-oneapi-request-id"
    if (
        status == 400
        and isinstance(body, Mapping)
        and body.get("code") == "task_not_exist"
        and "data" in body
        and body.get("data") is None
    ):
        return Dialect.NEW_API, "400 task_not_exist in new-api's {code, message, data} shape"
    return None
