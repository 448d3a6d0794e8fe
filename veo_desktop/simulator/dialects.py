"""Which real gateway the simulator imitates, and what each one forwards upstream: the documented
page (everything honoured), a quirky mix of every tolerated shape, or new-api (see newapi.py)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from .faults import Faults

DIALECTS = ("documented", "new-api", "quirky")
TROUBLE_KINDS = ("429", "502", "503")
TROUBLE_SLOTS = 6
"""Trouble lands on one of each job's first few poll requests, so a job meets it early and
still finishes within a test's time."""


def check_dialect(dialect: str) -> str:
    if dialect not in DIALECTS:
        raise ValueError(
            f"Unknown simulator dialect {dialect!r}: use one of {', '.join(DIALECTS)}."
        )
    return dialect


def make_quirky(faults: Faults) -> Faults:
    """Every tolerated reply shape, mixed per job (what `Faults.quirky()` sets), on top of any
    other knobs the caller chose; the caller's seed stays."""
    faults.status_words = "synonyms"
    faults.progress_style = faults.url_style = faults.error_style = "mixed"
    faults.unknown_first_polls = max(1, faults.unknown_first_polls)
    faults.not_found_first_polls = max(1, faults.not_found_first_polls)
    faults.model_alias = True
    return faults


def plan_trouble(faults: Faults) -> dict[int, str]:
    """For a quirky job, which of its poll requests (by index) meet which trouble: a 429
    without Retry-After or an nginx 502/503 page."""
    # At most two per job, chosen at create time from the seeded generator so runs repeat.
    count = faults.choice((0, 1, 1, 2))
    plan: dict[int, str] = {}
    while len(plan) < count:
        plan[faults.choice(range(TROUBLE_SLOTS))] = faults.choice(TROUBLE_KINDS)
    return plan


def detect_mime(raw: bytes) -> str:
    """The few image types Go's http.DetectContentType names, as new-api labels raw base64."""
    signatures = (
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"BM", "image/bmp"),
    )
    for magic, mime in signatures:
        if raw.startswith(magic):
            return mime
    if raw[:4] == b"RIFF" and raw[8:14] == b"WEBPVP":
        return "image/webp"
    return "application/octet-stream"


def inline_image(value: Any) -> dict[str, str] | None:
    """A data URI or raw base64 as Veo's inline image; None for anything else (URLs)."""
    text = str(value or "").strip()
    if not text:
        return None
    if text.startswith("data:"):
        meta, sep, data = text[5:].partition(",")
        if not sep or not data:
            return None
        return {
            "bytesBase64Encoded": data,
            "mimeType": meta.split(";", 1)[0] or "application/octet-stream",
        }
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return {"bytesBase64Encoded": text, "mimeType": detect_mime(raw)}


def image_as_uri(image: dict[str, Any]) -> str:
    """Back from Veo's image shape to something clips.load_image reads."""
    if "uri" in image:
        return str(image["uri"])
    return f"data:{image.get('mimeType', 'image/png')};base64,{image['bytesBase64Encoded']}"


def _veo_image(value: Any) -> dict[str, str]:
    # The documented gateway fetches http(s) images itself, so a URL stays a URL here.
    return inline_image(value) or {"uri": str(value)}


def forwarded_documented(body: dict[str, Any], mode: str, resolution: str) -> dict[str, Any]:
    """What a gateway that honours every documented field sends upstream, in Veo's shape."""
    extra = body.get("extra_body") or {}
    instance: dict[str, Any] = {"prompt": str(body.get("prompt") or "")}
    if mode in ("image", "frames"):
        instance["image"] = _veo_image(body.get("image"))
    if mode == "frames":
        instance["lastFrame"] = _veo_image(body.get("last_image"))
    if mode == "reference":
        instance["referenceImages"] = [
            {"image": _veo_image(v), "referenceType": "asset"} for v in body.get("images") or []
        ]
    if mode == "extend":
        instance["video"] = {"uri": str(body.get("video"))}
    params: dict[str, Any] = {"sampleCount": 1}
    if mode != "extend":
        params["durationSeconds"] = int(body.get("duration") or 8)
    params["aspectRatio"] = str(body.get("aspect_ratio") or "16:9")
    params["resolution"] = resolution
    if extra.get("negative_prompt"):
        params["negativePrompt"] = str(extra["negative_prompt"])
    if isinstance(extra.get("seed"), int):
        params["seed"] = extra["seed"]
    params["generateAudio"] = extra.get("generate_audio", True) is not False
    return {"instances": [instance], "parameters": params}


def render_inputs(forwarded: dict[str, Any], model: str) -> tuple[dict[str, Any], str, str]:
    """(body, mode, resolution) for clips.render_request from what reached upstream, so a clip
    shows what was forwarded, not what was asked."""
    # Veo's defaults fill the gaps: 16:9, 8 s, 720p, audio on.
    instance = forwarded["instances"][0]
    params = forwarded.get("parameters") or {}
    body: dict[str, Any] = {
        "model": model,
        "prompt": instance.get("prompt", ""),
        "aspect_ratio": params.get("aspectRatio") or "16:9",
        "duration": params.get("durationSeconds") or 8,
        "extra_body": {"generate_audio": params.get("generateAudio", True) is not False},
    }
    if isinstance(params.get("seed"), int):
        body["extra_body"]["seed"] = params["seed"]
    mode = "text"
    if "video" in instance:
        mode, body["video"] = "extend", instance["video"].get("uri", "")
    elif instance.get("referenceImages"):
        mode = "reference"
        body["images"] = [image_as_uri(r["image"]) for r in instance["referenceImages"]]
    elif "image" in instance:
        mode, body["image"] = "image", image_as_uri(instance["image"])
        if "lastFrame" in instance:
            mode, body["last_image"] = "frames", image_as_uri(instance["lastFrame"])
    return body, mode, str(params.get("resolution") or "720p")
