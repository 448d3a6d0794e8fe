"""Tolerant reading of what gateways send: job replies in every shape docs/gateway-contract.md
lists become a `JobSnapshot`, error replies (JSON or a proxy's HTML page) a typed `GatewayError`.

Nothing here raises anything but `GatewayError` subclasses, whatever the input (a property-based
test holds us to that), because a surprising reply must never crash a poll loop.
"""

from __future__ import annotations

import email.utils
import html
import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .errors import (
    AuthError,
    GatewayError,
    InvalidRequestError,
    OutOfCreditError,
    RateLimitedError,
    ServerError,
    TaskNotFoundError,
)
from .text import msg


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


def parse_job(payload: Any, *, fallback_task_id: str | None = None) -> JobSnapshot:
    """Read a create or poll reply. Raises `GatewayError` for a body that is an error in
    disguise (a `{"code": 500, "message": ...}` wrapper with HTTP 200) or not a job at all."""
    if not isinstance(payload, Mapping):
        raise ServerError(
            msg("The gateway sent a reply Veo Desktop cannot read. Try again in a moment."),
            detail=f"not a JSON object: {_preview(payload)}",
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
            detail=f"no id/status: {_preview(payload)}",
        )
    progress = parse_progress(job.get("progress"))
    if status is RemoteStatus.COMPLETED and progress is None:
        progress = 100
    return JobSnapshot(
        task_id=task_id,
        status=status,
        raw_status=str(raw_status) if raw_status is not None else "",
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
    number: float
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%?\s*", value)
        if not m:
            return None
        number = float(m.group(1))
    else:
        return None
    if number != number:  # NaN
        return None
    if 0 < number < 1 and isinstance(value, float):
        number *= 100  # a fraction
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


# -- error replies -----------------------------------------------------------------------------


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """`Retry-After` as seconds (delta or HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def error_from_response(status: int, headers: Mapping[str, str], text: str) -> GatewayError:
    """The typed error for a 4xx/5xx reply with this body (JSON of either shape, or HTML)."""
    body: Any
    try:
        body = json.loads(text) if text.strip() else {}
    except ValueError:
        body = None
    if body is None:
        return _from_html(status, headers, text)
    if not isinstance(body, Mapping):
        body = {"message": str(body)}
    return error_from_body(status, body, headers)


def error_from_body(
    status: int, body: Mapping[str, Any], headers: Mapping[str, str]
) -> GatewayError:
    message, etype, code = _error_fields(body)
    detail = f"HTTP {status}: {message or ''} (type={etype}, code={code})"
    low = f"{message} {etype} {code}".lower()
    # The gateway's own words go to the user verbatim, after our sentence.
    said = msg(" The gateway said: {message}", message=message) if message else ""
    if status == 401:
        return AuthError(
            msg(
                "The gateway rejected the API key. Open Settings (or run `veo login`) and enter "
                "a valid key."
            )
            + said,
            status=status,
            code=code,
            detail=detail,
        )
    if "insufficient_user_quota" in low or "quota" in low or "credit" in low or status == 402:
        return OutOfCreditError(
            msg(
                "Your gateway account is out of credit. Top it up on the gateway's site, then "
                "send again."
            )
            + said,
            status=status,
            code=code,
            detail=detail,
        )
    if status == 403:
        return AuthError(
            msg(
                "The gateway refused access with this key. Check that the key is allowed to use "
                "Veo models."
            )
            + said,
            status=status,
            code=code,
            detail=detail,
        )
    if status == 429:
        retry = parse_retry_after(_header(headers, "retry-after"))
        wait = (
            msg(" Wait {seconds} s and try again.", seconds=round(retry))
            if retry
            else msg(" Wait a moment and try again.")
        )
        return RateLimitedError(
            msg("The gateway is rate limiting requests.") + wait,
            retry_after=retry,
            status=status,
            code=code,
            detail=detail,
        )
    if says_task_missing(status, message, code):
        return TaskNotFoundError(
            msg("The gateway does not know this job (yet).") + said,
            status=status,
            code=code,
            detail=detail,
        )
    if status == 503 and _squash(code) == "modelnotfound":
        # new-api's router answers this before anything is relayed or billed: a definite "no".
        return InvalidRequestError(
            msg(
                "The gateway has no channel for this model. Choose another model, or ask the "
                "gateway's operator to enable it."
            )
            + said,
            status=status,
            code=code,
            detail=detail,
        )
    if 400 <= status < 500:
        return InvalidRequestError(
            msg(
                "The gateway rejected the request: {message} Change the settings it names and "
                "send again.",
                message=message,
            )
            if message
            else msg(
                "The gateway rejected the request (HTTP {status}). Change the settings it names "
                "and send again.",
                status=status,
            ),
            status=status,
            code=code,
            detail=detail,
        )
    return ServerError(
        msg(
            "The gateway had a problem (HTTP {status}). It is usually passing; try again in a "
            "minute.",
            status=status,
        )
        + said,
        status=status,
        code=code,
        detail=detail,
    )


def says_task_missing(status: int, message: str, code: str) -> bool:
    """A 400 or 404 that says the task id is unknown, in any spelling gateways use
    (`task_not_exist`, "task not exist", "TaskNotFound"); any other 404 counts too."""
    if status not in (400, 404):
        return False
    squashed = _squash(f"{code} {message}")
    if "model" in squashed:
        return False  # "model not found" is about the request, not the task
    return status == 404 or any(w in squashed for w in ("notexist", "notfound", "nosuchtask"))


def _squash(text: str) -> str:
    """Letters only, lower case: `task_not_exist`, "Task Not Exist" and "TaskNotExist" agree."""
    return re.sub(r"[^a-z]", "", text.lower())


def _error_fields(body: Mapping[str, Any]) -> tuple[str, str, str]:
    err = body.get("error")
    if isinstance(err, Mapping):
        return (
            _text(err.get("message") or err.get("msg")),
            _text(err.get("type")),
            _text(err.get("code")),
        )
    message = (
        _text(err)
        or _text(body.get("message"))
        or _text(body.get("msg"))
        or _text(body.get("detail"))
        or _text(body.get("fail_reason"))
    )
    data = body.get("data")
    etype = _text(data.get("type")) if isinstance(data, Mapping) else ""
    return message, etype, _text(body.get("code"))


def _from_html(status: int, headers: Mapping[str, str], text: str) -> GatewayError:
    title_match = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
    snippet = html.unescape(title_match.group(1)).strip() if title_match else _preview(text, 80)
    if status < 400:
        return ServerError(
            msg("The gateway sent a web page instead of data. Check the base URL in Settings."),
            status=status,
            detail=snippet,
        )
    # A proxy's page: the status code carries the meaning, the title is only for the log.
    error = error_from_body(status, {}, headers)
    error.detail = f"HTTP {status} HTML page: {snippet}"
    return error


# -- small helpers -----------------------------------------------------------------------------


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for k, v in headers.items():
        if k.lower() == name:
            return v
    return None


def _text(v: Any) -> str:
    if v is None or isinstance(v, Mapping | list):
        return ""
    return str(v).strip()


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


def _preview(v: Any, n: int = 200) -> str:
    s = v if isinstance(v, str) else repr(v)
    return s[:n]
