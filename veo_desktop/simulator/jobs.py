"""The simulator's jobs: validation like the gateway page, a state that advances with time, the
clip rendered on a worker thread, and poll replies shaped per the fault knobs."""

from __future__ import annotations

import base64
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clips import render_request
from .dialects import forwarded_documented, plan_trouble, render_inputs
from .faults import ERROR_STYLES, PROGRESS_STYLES, URL_STYLES, Faults

MODELS = {
    "veo3.1-video-720p": "720p",
    "veo3.1-video-1080p": "1080p",
    "veo3.1-video-4k": "4k",
    "veo3.1-fast-video-720p": "720p",
    "veo3.1-fast-video-1080p": "1080p",
    "veo3.1-fast-video-4k": "4k",
}
SYNONYMS = {
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
NOVEL_WORD = "warming_up"
UPSTREAM_ALIAS = "veo-3.1-generate-preview"
BLOCKED_AUDIO = (
    "Video blocked by safety filters: audio could not be generated. Try again with audio off."
)
UPSTREAM_FAILURE = "Upstream generation failed: the model could not produce a video (code 13)."


ERRORS = {  # code: (message, type) in the OpenAI-style error object real gateways send
    "invalid_api_key": ("Invalid token", "invalid_request_error"),
    "task_not_exist": ("task not exist", "invalid_request_error"),
    "rate_limited": ("Rate limit exceeded", "rate_limit_error"),
    "insufficient_user_quota": ("user quota is not enough", "insufficient_user_quota"),
    "not_found": ("Not found", "invalid_request_error"),
}


def error_body(code: str, message: str | None = None) -> dict[str, Any]:
    text, kind = ERRORS.get(code, ("", "invalid_request_error"))
    return {"error": {"message": message or text, "type": kind, "code": code}}


class Invalid(Exception):
    """A request the gateway rejects with 400 and this message."""


def validate(body: Any) -> str:
    """The mode of a valid request ("text", "image", "frames", "reference" or "extend");
    raises `Invalid` with the reason the gateway page (or upstream) would give."""
    if not isinstance(body, dict):
        raise Invalid("The request body must be a JSON object.")
    model = body.get("model")
    if model not in MODELS:
        raise Invalid(f"Unknown model {model!r}: use one of {', '.join(MODELS)}.")
    res = MODELS[model]
    if body.get("size") is not None and body["size"] != res:
        raise Invalid(f"size {body['size']!r} does not match model {model}: use {res!r}.")
    ratio = body.get("aspect_ratio")
    if ratio is not None and ratio not in ("16:9", "9:16"):
        raise Invalid(f"aspect_ratio {ratio!r} is not supported: use '16:9' or '9:16'.")
    images = body.get("images")
    if images is not None and (
        not isinstance(images, list) or not all(isinstance(i, str) and i for i in images)
    ):
        raise Invalid("images must be a list of 2 or 3 image URLs.")
    if images is not None and not 2 <= len(images) <= 3:
        raise Invalid(f"images takes 2 or 3 reference images, not {len(images)}.")
    if body.get("last_image") and not body.get("image"):
        raise Invalid("last_image needs image (the first frame) as well.")
    if body.get("video") and not str(body.get("prompt") or "").strip():
        raise Invalid("Video extension needs a prompt that says what happens next.")
    if body.get("video"):
        mode = "extend"
    elif images:
        mode = "reference"
    elif body.get("last_image"):
        mode = "frames"
    else:
        mode = "image" if body.get("image") else "text"
    # Lenient where the page is: a missing duration means 8 (and extension ignores it).
    duration = 8 if body.get("duration") is None else body["duration"]
    if isinstance(duration, bool) or duration not in (4, 6, 8):
        raise Invalid(f"duration {duration!r} is not allowed: use 4, 6 or 8 seconds.")
    if duration != 8:
        needs_8 = {"reference": "Reference images", "extend": "Video extension"}.get(mode)
        if res in ("1080p", "4k"):
            needs_8 = f"Resolution {res}"
        if needs_8:
            raise Invalid(f"{needs_8} requires duration 8.")
    if not isinstance(body.get("extra_body") or {}, dict):
        raise Invalid("extra_body must be a JSON object.")
    return mode


@dataclass
class SimJob:
    """One generation job; its reply styles are fixed at create so each job stays consistent."""

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
    downloads: int = 0
    dialect: str = "documented"
    forwarded: dict[str, Any] = field(default_factory=dict)
    """What reached upstream, in Veo's shape; the clip is rendered from this."""
    blocked: bool = False
    """new-api: upstream's safety filter left no clip, yet the job reads completed."""
    row_at: float = 0.0
    """new-api: when the task row is saved (the create reply goes out before that)."""
    checked_at: float | None = None
    upstream_model: str = ""
    trouble: dict[int, str] = field(default_factory=dict)
    """quirky: poll-request index → "429", "502" or "503"."""
    requests: int = 0
    rendered: threading.Event = field(default_factory=threading.Event)
    tokens: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def model(self) -> str:
        return str(self.body["model"])

    @property
    def audio(self) -> bool:
        """Whether upstream makes sound: as forwarded (Veo's default is on)."""
        return (self.forwarded.get("parameters") or {}).get("generateAudio", True) is not False

    def count(self, what: str) -> int:
        """Count one poll or download (handlers run on many threads): the count before it."""
        with self.lock:
            before = int(getattr(self, what))
            setattr(self, what, before + 1)
            return before

    def snapshot(self, job_seconds: float) -> dict[str, Any]:
        """The job's internal state as plain data, for tests."""
        return {
            "task_id": self.task_id,
            "status": DOC_WORDS[self.state(job_seconds)],
            "mode": self.mode,
            "model": self.model,
            "body": self.body,
            "polls": self.polls,
            "downloads": self.downloads,
            "failure_reason": self.fail_reason,
            "audio": self.audio,
            "url_style": self.url_style,
            "progress_style": self.progress_style,
            "error_style": self.error_style,
            "status_words": dict(self.words),
            "rendered": self.rendered.is_set(),
            "path": str(self.path),
        }

    def state(self, job_seconds: float) -> str:
        """queued → running → completed (only once the MP4 exists), or failed halfway."""
        elapsed = time.time() - self.created
        if self.fail_reason and elapsed >= job_seconds / 2:
            return "failed"
        if elapsed >= job_seconds and (self.rendered.is_set() or self.blocked):
            return "completed"
        return "queued" if elapsed < job_seconds * 0.15 else "running"


def make_job(
    body: dict[str, Any],
    mode: str,
    faults: Faults,
    folder: Path,
    *,
    dialect: str = "documented",
    forwarded: dict[str, Any] | None = None,
    task_id: str | None = None,
) -> SimJob:
    """A new job; `forwarded` (new-api) is what reached upstream, else the documented view."""
    tid = task_id or "task_" + secrets.token_hex(12)
    forwarded = forwarded or forwarded_documented(body, mode, MODELS.get(body["model"], "720p"))
    audio = (forwarded.get("parameters") or {}).get("generateAudio", True) is not False
    reason, blocked = None, False
    if faults.block_audio and audio:
        # new-api reads the operation as done (it is) and bills it; the clip just isn't there.
        blocked, reason = dialect == "new-api", None if dialect == "new-api" else BLOCKED_AUDIO
    elif faults.chance(faults.failure_rate):
        reason = UPSTREAM_FAILURE
    words = dict(DOC_WORDS)
    if faults.status_words == "synonyms":
        for state, options in SYNONYMS.items():
            word = faults.choice(options)
            words[state] = faults.choice((word, word.upper(), word.capitalize()))
    return SimJob(
        task_id=tid,
        body=body,
        mode=mode,
        created=time.time(),
        fail_reason=reason,
        url_style=faults.pick(faults.url_style, URL_STYLES),
        progress_style=faults.pick(faults.progress_style, PROGRESS_STYLES),
        error_style=faults.pick(faults.error_style, ERROR_STYLES),
        words=words,
        path=folder / f"{tid}.mp4",
        dialect=dialect,
        forwarded=forwarded,
        blocked=blocked,
        trouble=plan_trouble(faults) if dialect == "quirky" else {},
    )


def render(
    job: SimJob, *, max_height: int | None, find_source: Callable[[str], SimJob | None]
) -> None:
    """Make the job's MP4 (worker thread) from what reached upstream, so a dialect's silent
    drops show in the clip. A render that fails fails the job, with a reason."""
    try:
        body, mode, res = render_inputs(job.forwarded, job.upstream_model or job.model)
        source = None
        if mode == "extend" and (found := find_source(str(body.get("video")))) is not None:
            source = found.path if found.rendered.wait(60) else None
        render_request(job.path, body, mode, resolution=res, max_height=max_height, source=source)
        job.rendered.set()
    except Exception as exc:  # e.g. the temp dir vanished on stop: report, don't hang the job
        job.fail_reason = job.fail_reason or f"Rendering failed in the simulator: {exc}"


def reply(
    job: SimJob, faults: Faults, *, poll: int, job_seconds: float, base_url: str, video_base: str
) -> dict[str, Any]:
    """The poll reply for this job now, in the shapes its styles chose. `poll` counts the
    polls this job has answered normally before this one."""
    state = job.state(job_seconds)
    word = job.words[state]
    if faults.status_words == "novel" and poll < 2 and state in ("queued", "running"):
        word = NOVEL_WORD
    out: dict[str, Any] = {
        "id": job.task_id,
        "task_id": job.task_id,
        "object": "video.generation.job",
        "model": UPSTREAM_ALIAS if faults.model_alias else job.model,
        "status": word,
        "created_at": int(job.created),
    }
    elapsed = time.time() - job.created
    pct = 100 if state == "completed" else min(99, int(elapsed / job_seconds * 100))
    if job.progress_style == "int":
        out["progress"] = pct
    elif job.progress_style == "percent":
        out["progress"] = f"{pct}%"
    elif job.progress_style == "synthetic":
        out["progress"] = {"queued": 0, "running": 50}.get(state, 100)
    if state == "failed":
        _add_reason(out, job.error_style, job.fail_reason or "failed")
    elif state == "completed":
        out["completed_at"] = int(job.created + job_seconds)
        link = _link(job, faults, base_url, video_base)
        key = {"url": "url", "wrapped": "url", "wrapped_result": "result_url"}
        if job.url_style == "metadata":
            out["metadata"] = {"url": link}
        elif link is not None:  # None ("none"): the bytes are only at /v1/videos/{id}/content
            out[key.get(job.url_style, "video_url")] = link
    if job.url_style in ("wrapped", "wrapped_result"):
        return {"code": 0, "message": "success", "data": out}
    return out


def _add_reason(out: dict[str, Any], style: str, reason: str) -> None:
    if style == "error_object":
        out["error"] = {"message": reason, "code": "generation_failed"}
    elif style == "error_string":
        out["error"] = reason
    elif style == "fail_reason":
        out["fail_reason"] = reason
    else:
        out["message"] = reason


def _link(job: SimJob, faults: Faults, base_url: str, video_base: str) -> str | None:
    """The address for this poll; links on the video host carry a fresh token each time."""
    style = job.url_style
    if style == "none":
        return None
    if style == "data_uri":
        return "data:video/mp4;base64," + base64.b64encode(job.path.read_bytes()).decode()
    if style == "gateway":
        return f"{base_url}/v1/videos/{job.task_id}/content"
    token = secrets.token_hex(8)
    life = faults.expire_links_after if faults.expire_links_after is not None else 86_400.0
    expires = time.time() + life
    if faults.take("expired_links_next"):
        expires = time.time() - 1.0
    with job.lock:
        job.tokens[token] = expires
    if style == "redirect":
        return f"{video_base}/redirect/{job.task_id}?token={token}"
    return f"{video_base}/files/{job.task_id}.mp4?token={token}&expires={int(expires)}"


def created_reply(job: SimJob) -> dict[str, Any]:
    """The POST reply, exactly as the gateway page documents it."""
    return {
        "id": job.task_id,
        "task_id": job.task_id,
        "object": "video.generation.job",
        "model": job.model,
        "status": "queued",
        "progress": 0,
        "created_at": int(job.created),
    }


def poll_answer(
    job: SimJob, faults: Faults, job_seconds: float, base_url: str, video_base: str
) -> tuple[int, dict[str, Any]]:
    """(HTTP status, body) for one poll: a brand-new job may first be "not found", then
    "unknown", as on real gateways; after that the shaped `reply`."""
    poll = job.count("polls") - faults.not_found_first_polls
    if poll < 0:
        return 404, error_body("task_not_exist")
    poll -= faults.unknown_first_polls
    if poll < 0:
        return 200, {"id": job.task_id, "task_id": job.task_id, "status": "unknown"}
    return 200, reply(
        job, faults, poll=poll, job_seconds=job_seconds, base_url=base_url, video_base=video_base
    )


RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def byte_range(header: str, size: int) -> tuple[int, int, bool] | None:
    """(start, end inclusive, partial?) for a single `Range: bytes=N-`, `N-M` or `-N`, else the
    whole file; None when the range cannot be satisfied (416)."""
    m = RANGE.fullmatch(header.strip())
    if not m or not (m.group(1) or m.group(2)):  # none, or a form this server ignores
        return 0, size - 1, False
    if m.group(1):
        start = int(m.group(1))
        end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
    else:  # a suffix: the last N bytes
        start, end = max(0, size - int(m.group(2))), size - 1
    return (start, end, True) if start < size and start <= end else None
