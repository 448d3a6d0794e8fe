"""Tolerant reading of what gateways send: a job reply in any shape docs/gateway-contract.md lists
becomes a `JobSnapshot`, an error reply a typed `GatewayError` (reply_errors.py)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..errors import GatewayError, ServerError
from ..i18n import msg
from .reply_errors import error_from_body
from .reply_json import MAX_REPLY_CHARS as MAX_REPLY_CHARS
from .reply_json import ODD_VALUE, one_line, preview, text_of, unreadable
from .reply_json import UnreadableReplyError as UnreadableReplyError
from .reply_json import load_json as load_json


class RemoteStatus(StrEnum):
    """The gateway's view of a job, folded from the many words gateways use."""

    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    UNKNOWN = "unknown"  # `unknown` or a word never seen before: keep polling, up to a limit


_STATUS_WORDS: dict[str, RemoteStatus] = {
    **dict.fromkeys(
        ("queued", "pending", "submitted", "not_start", "waiting"), RemoteStatus.QUEUED
    ),
    **dict.fromkeys(("in_progress", "processing", "running", "generating"), RemoteStatus.RUNNING),
    **dict.fromkeys(
        ("completed", "succeeded", "success", "done", "finished"), RemoteStatus.COMPLETED
    ),
    **dict.fromkeys(
        ("failed", "failure", "cancelled", "canceled", "expired", "error"), RemoteStatus.FAILED
    ),
}


def status_from_word(word: object) -> RemoteStatus:
    if not isinstance(word, str):
        return RemoteStatus.UNKNOWN
    key = word.strip().lower().replace("-", "_").replace(" ", "_")
    return _STATUS_WORDS.get(key, RemoteStatus.UNKNOWN)


@dataclass(frozen=True)
class JobSnapshot:
    """One reading of a job. `video_url` is an http(s) link or a `data:video/...` URI; None means
    the bytes (if any) are at the gateway's `/v1/videos/{id}/content` route."""

    task_id: str | None
    status: RemoteStatus
    raw_status: str = ""
    progress: int | None = None
    video_url: str | None = None
    failure_reason: str | None = None
    model: str | None = None
    created_at: float | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def blocked(self) -> bool:
        """Done with no video but a reason: a safety filter blocked it (not charged)."""
        return (
            self.status is RemoteStatus.COMPLETED
            and self.video_url is None
            and bool(self.failure_reason)
        )


# -- job replies -------------------------------------------------------------------------------

_OK_CODES = {0, 200, "0", "200", "success", "ok", "OK", "Success", None}


# Whatever the input, only `GatewayError`s leave the readers here (tests/unit/test_wire_fuzz.py
# holds us to that): a surprising reply must never crash a poll loop.
def parse_job(payload: Any, *, fallback_task_id: str | None = None) -> JobSnapshot:
    """Read a create or poll reply. Raises `GatewayError` for a body that is an error in
    disguise (a `{"code": 500, "message": ...}` wrapper with HTTP 200) or not a job at all."""
    try:
        return _parse_job(payload, fallback_task_id)
    except GatewayError:
        raise
    except ODD_VALUE as exc:
        raise unreadable(f"{type(exc).__name__} reading {preview(payload)}") from None


def _parse_job(payload: Any, fallback_task_id: str | None) -> JobSnapshot:
    if not isinstance(payload, Mapping):
        raise ServerError(
            msg("The gateway sent a reply Veo Desktop cannot read. Try again in a moment."),
            detail=f"not a JSON object: {preview(payload)}",
        )
    job: dict[str, Any] = dict(payload)
    # `{"code": ..., "message": ..., "data": {...}}` wrapper used by several gateways.
    data = payload.get("data")
    if "code" in payload and not _looks_like_job(payload):
        if isinstance(data, Mapping):
            job = {**{k: v for k, v in payload.items() if k != "data"}, **dict(data)}
        elif not _ok_code(payload.get("code")):
            raise error_from_body(_as_int(payload.get("code")) or 500, payload, {})
    elif isinstance(data, Mapping) and not _looks_like_job(payload):
        job = {**{k: v for k, v in payload.items() if k != "data"}, **dict(data)}

    task_id = _first_str(job.get("task_id"), job.get("id"), fallback_task_id)
    raw_status = job.get("status", job.get("state"))
    status = status_from_word(raw_status)
    reason = failure_reason(job)
    url = video_address(job, data if isinstance(data, Mapping) else None)
    if status is RemoteStatus.UNKNOWN and raw_status is None and url:
        status = RemoteStatus.COMPLETED  # some gateways omit the status once the link is there
    if task_id is None and status is RemoteStatus.UNKNOWN and not url:
        raise ServerError(
            msg("The gateway sent a reply without a job in it. Try again in a moment."),
            detail=f"no id/status: {preview(payload)}",
        )
    progress = parse_progress(job.get("progress"))
    if status is RemoteStatus.COMPLETED and progress is None:
        progress = 100
    return JobSnapshot(
        task_id=task_id,
        status=status,
        raw_status=text_of(raw_status)[:100],
        progress=progress,
        video_url=url,
        # A reason matters on failure, and on "done" without a video (a safety block).
        failure_reason=reason
        if status is RemoteStatus.FAILED or (status is RemoteStatus.COMPLETED and url is None)
        else None,
        model=_first_str(job.get("model")),
        created_at=_as_float(job.get("created_at")),
        raw=dict(payload),
    )


def _ok_code(code: Any) -> bool:
    return isinstance(code, str | int | type(None)) and code in _OK_CODES


def _looks_like_job(obj: Mapping[str, Any]) -> bool:
    return any(k in obj for k in ("task_id", "status", "video_url", "object"))


def parse_progress(value: Any) -> int | None:
    """0-100 from an int, a float, "50", "50%" or "0.5"-style fractions; None when absent or odd
    (shown as an indeterminate bar)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return max(0, min(100, value))  # compared, never made a float: 10**400 has none
    number: float
    if isinstance(value, float):
        number = value * 100 if 0 < value < 1 else value  # below 1: a fraction
    elif isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%?\s*", value)
        if not m:
            return None
        number = float(m.group(1))  # 400 digits read as inf, refused below
    else:
        return None
    if not math.isfinite(number):
        return None
    return max(0, min(100, round(number)))


def video_address(job: Mapping[str, Any], data: Mapping[str, Any] | None = None) -> str | None:
    """The first usable address among the places gateways put it."""
    candidates: list[Any] = [job.get("video_url"), job.get("url")]
    meta = job.get("metadata")
    if isinstance(meta, Mapping):
        candidates += [meta.get("url"), meta.get("video_url")]
    for src in (data, job):
        if isinstance(src, Mapping):
            candidates += [src.get("url"), src.get("result_url"), src.get("video_url")]
    videos = job.get("videos") or job.get("output")
    if isinstance(videos, list) and videos:
        first = videos[0]
        candidates.append(first.get("url") if isinstance(first, Mapping) else first)
    for c in candidates:
        if isinstance(c, str):
            s = c.strip()
            low = s[:16].lower()
            if low.startswith(("http://", "https://", "data:video/", "data:application/")):
                return s
    return None


def failure_reason(job: Mapping[str, Any]) -> str | None:
    """The gateway's reason for a failure or a block, as one line (it is shown as is)."""
    reason = _reasontext_of(job)
    return one_line(reason) if reason else None


def _reasontext_of(job: Mapping[str, Any]) -> str | None:
    err = job.get("error")
    if isinstance(err, Mapping):
        text = err.get("message") or err.get("msg")
        if isinstance(text, str) and text.strip():
            return text.strip()
    if isinstance(err, str) and err.strip():
        return err.strip()
    for key in ("fail_reason", "failure_reason", "reason", "message"):
        v = job.get(key)
        if isinstance(v, str) and v.strip() and v.strip().lower() not in ("success", "ok"):
            return v.strip()
    return None


# -- small helpers -----------------------------------------------------------------------------


def _first_str(*values: Any) -> str | None:
    for v in values:
        if isinstance(v, str) and v.strip():
            return v.strip()
        if isinstance(v, int) and not isinstance(v, bool):
            return str(v)
    return None


def _as_int(v: Any) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError, OverflowError):
        return None


def _as_float(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError, OverflowError):
        return None
    return f if f == f and abs(f) != float("inf") else None
