"""The simulator's jobs: validation like the gateway page, state that advances with time, and
replies shaped per the fault knobs (status words, progress forms, video address places)."""

from __future__ import annotations

import base64
import io
import secrets
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, ImageDraw

from .clips import font, last_frame, render_clip
from .faults import ERROR_STYLES, PROGRESS_STYLES, URL_STYLES, Faults

MODELS = {
    "veo3.1-video-720p": "720p",
    "veo3.1-video-1080p": "1080p",
    "veo3.1-video-4k": "4k",
    "veo3.1-fast-video-720p": "720p",
    "veo3.1-fast-video-1080p": "1080p",
    "veo3.1-fast-video-4k": "4k",
}
WORDS = {
    "queued": ("queued", "pending", "submitted", "not_start"),
    "running": ("in_progress", "processing", "running"),
    "completed": ("completed", "succeeded", "success"),
    "failed": ("failed", "failure", "error"),
}
DOC_WORDS = {
    "queued": "queued",
    "running": "in_progress",
    "completed": "completed",
    "failed": "failed",
}
UPSTREAM_ALIAS = "veo-3.1-generate-preview"


class Invalid(Exception):
    """A 400 with this message."""


def validate(body: Any) -> str:
    """The mode of a valid request; raises `Invalid` like the gateway would."""
    if not isinstance(body, dict):
        raise Invalid("request body must be a JSON object")
    model = body.get("model")
    if model not in MODELS:
        raise Invalid(f"invalid model: {model!r}; use one of {', '.join(MODELS)}")
    res = MODELS[model]
    if "size" in body and body["size"] != res:
        raise Invalid(f"size {body['size']!r} does not match model {model} ({res})")
    ar = body.get("aspect_ratio")
    if ar is not None and ar not in ("16:9", "9:16"):
        raise Invalid("aspect_ratio must be 16:9 or 9:16")
    images = body.get("images")
    if images is not None and (not isinstance(images, list) or not 2 <= len(images) <= 3):
        raise Invalid("images must hold 2 or 3 reference images")
    if body.get("last_image") and not body.get("image"):
        raise Invalid("last_image requires image")
    if body.get("video") and not str(body.get("prompt") or "").strip():
        raise Invalid("video extension requires a prompt describing the continuation")
    mode = (
        "extend"
        if body.get("video")
        else "reference"
        if images
        else "frames"
        if body.get("last_image")
        else "image"
        if body.get("image")
        else "text"
    )
    duration = body.get("duration", 8)
    if mode != "extend":
        if duration not in (4, 6, 8):
            raise Invalid("duration must be one of 4, 6, 8")
        if duration != 8 and (res in ("1080p", "4k") or mode == "reference"):
            raise Invalid(
                f"{res if mode != 'reference' else 'reference images'} requires duration 8"
            )
    extra = body.get("extra_body") or {}
    if not isinstance(extra, dict):
        raise Invalid("extra_body must be an object")
    return mode


def load_image(value: Any, size_hint: tuple[int, int] = (640, 360)) -> Image.Image:
    """A data URI, raw base64 or a loopback URL; anything else is a card saying so (offline)."""
    text = str(value or "")
    try:
        if text.startswith("data:"):
            return Image.open(io.BytesIO(base64.b64decode(text.split(",", 1)[1]))).convert("RGB")
        if text.lower().startswith(("http://", "https://")):
            host = urlsplit(text).hostname or ""
            if host in ("127.0.0.1", "localhost", "::1") or host.startswith("127."):
                with urllib.request.urlopen(text, timeout=5) as r:
                    return Image.open(io.BytesIO(r.read())).convert("RGB")
            return _card(size_hint, f"Image not fetched offline:\n{host}")
        return Image.open(io.BytesIO(base64.b64decode(text))).convert("RGB")
    except Exception:
        return _card(size_hint, "Image could not be read")


def _card(size: tuple[int, int], text: str) -> Image.Image:
    card = Image.new("RGB", size, (70, 70, 80))
    ImageDraw.Draw(card).multiline_text((20, 20), text, font=font(22), fill=(230, 230, 230))
    return card


@dataclass
class SimJob:
    task_id: str
    body: dict[str, Any]
    mode: str
    created: float
    fail_reason: str | None
    url_style: str
    progress_style: str
    error_style: str
    words: dict[str, str]
    path: Path
    polls: int = 0
    rendered: threading.Event = field(default_factory=threading.Event)
    downloads: int = 0
    tokens: dict[str, float] = field(default_factory=dict)

    @property
    def model(self) -> str:
        return str(self.body["model"])

    def audio(self) -> bool:
        return (self.body.get("extra_body") or {}).get("generate_audio", True) is not False


def make_job(body: dict[str, Any], mode: str, faults: Faults, folder: Path) -> SimJob:
    rng = faults.rng
    tid = "task_" + secrets.token_hex(10)
    reason = None
    extra = body.get("extra_body") or {}
    if faults.block_audio and extra.get("generate_audio", True) is not False:
        reason = (
            "Video blocked by safety filters: audio could not be generated. Try again "
            "with audio off."
        )
    elif faults.failure_rate and rng.random() < faults.failure_rate:
        reason = "Upstream generation failed: the model could not produce a video (code 13)."
    if faults.status_words == "synonyms":
        words = {k: _random_case(rng.choice(v), rng) for k, v in WORDS.items()}
    else:
        words = dict(DOC_WORDS)
    return SimJob(
        tid,
        body,
        mode,
        time.time(),
        reason,
        faults.pick(faults.url_style, URL_STYLES),
        faults.pick(faults.progress_style, PROGRESS_STYLES),
        faults.pick(faults.error_style, ERROR_STYLES),
        words,
        folder / f"{tid}.mp4",
    )


def _random_case(word: str, rng: Any) -> str:
    return rng.choice([word, word.upper(), word.capitalize()])


def render(job: SimJob, *, max_height: int, video_source: Path | None) -> None:
    b = job.body
    res = MODELS[job.model]
    first = last = None
    refs: list[Image.Image] = []
    if job.mode in ("image", "frames"):
        first = load_image(b.get("image"))
    if job.mode == "frames":
        last = load_image(b.get("last_image"))
    if job.mode == "reference":
        refs = [load_image(v) for v in b.get("images") or []]
    if job.mode == "extend" and video_source is not None:
        first = last_frame(video_source)
    extra = b.get("extra_body") or {}
    render_clip(
        job.path,
        prompt=str(b.get("prompt") or ""),
        aspect_ratio=b.get("aspect_ratio") or "16:9",
        resolution=res,
        duration=7 if job.mode == "extend" else int(b.get("duration", 8)),
        audio=job.audio(),
        first_image=first,
        last_image=last,
        references=refs,
        seed=extra.get("seed"),
        model=job.model,
        max_height=max_height,
    )
    job.rendered.set()


def reply(
    job: SimJob,
    faults: Faults,
    *,
    job_seconds: float,
    base_url: str,
    video_base: str,
    expire_after: float | None,
) -> dict[str, Any]:
    """The poll reply for this job now, in the shapes its styles chose."""
    job.polls += 1
    elapsed = time.time() - job.created
    if job.fail_reason and elapsed >= job_seconds / 2:
        state = "failed"
    elif elapsed >= job_seconds and job.rendered.is_set():
        state = "completed"
    elif elapsed < job_seconds * 0.15:
        state = "queued"
    else:
        state = "running"
    word = job.words[state]
    if faults.status_words == "novel" and job.polls <= 2 and state in ("queued", "running"):
        word = "warming_up"
    out: dict[str, Any] = {
        "id": job.task_id,
        "task_id": job.task_id,
        "object": "video.generation.job",
        "model": UPSTREAM_ALIAS if faults.model_alias else job.model,
        "status": word,
        "created_at": int(job.created),
    }
    pct = 100 if state == "completed" else min(99, int(elapsed / job_seconds * 100))
    if job.progress_style == "int":
        out["progress"] = pct
    elif job.progress_style == "percent":
        out["progress"] = f"{pct}%"
    elif job.progress_style == "synthetic":
        out["progress"] = 100 if state == "completed" else 50
    if state == "failed":
        reason = job.fail_reason or "failed"
        if job.error_style == "error_object":
            out["error"] = {"message": reason, "code": "generation_failed"}
        elif job.error_style == "error_string":
            out["error"] = reason
        elif job.error_style == "fail_reason":
            out["fail_reason"] = reason
        else:
            out["message"] = reason
        return out
    if state != "completed":
        return out
    token = secrets.token_hex(8)
    job.tokens[token] = time.time() + (expire_after if expire_after is not None else 86400)
    link = f"{video_base}/files/{job.task_id}.mp4?token={token}&expires={int(job.tokens[token])}"
    style = job.url_style
    if style == "video_url":
        out["video_url"] = link
    elif style == "url":
        out["url"] = link
    elif style == "metadata":
        out["metadata"] = {"url": link, "duration": out.get("duration")}
    elif style in ("wrapped", "wrapped_result"):
        key = "url" if style == "wrapped" else "result_url"
        return {"code": 0, "message": "success", "data": {**out, key: link}}
    elif style == "data_uri":
        out["video_url"] = (
            "data:video/mp4;base64," + base64.b64encode(job.path.read_bytes()).decode()
        )
    elif style == "gateway":
        out["video_url"] = f"{base_url}/v1/videos/{job.task_id}/content"
    elif style == "redirect":
        out["video_url"] = f"{video_base}/redirect/{job.task_id}?token={token}"
    return out
