"""Error replies, read: a 4xx/5xx body (JSON of either shape docs/gateway-contract.md lists, or a
proxy's HTML page) becomes a typed `GatewayError` with one line the user can act on."""

from __future__ import annotations

import email.utils
import html
import math
import re
import time
from collections.abc import Mapping
from typing import Any

from ..errors import (
    AuthError,
    GatewayError,
    InvalidRequestError,
    OutOfCreditError,
    RateLimitedError,
    ServerError,
    TaskNotFoundError,
)
from ..i18n import msg
from .reply_json import ODD_VALUE, UnreadableReplyError, load_json, one_line, preview, text_of


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """`Retry-After` as seconds (delta or HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
            seconds = when.timestamp() - (now if now is not None else time.time())
        except ODD_VALUE:  # not a date, or a year no clock can hold
            return None
    return max(0.0, seconds) if math.isfinite(seconds) else None


# Whatever the body holds, nothing here raises: an error reply must never crash a poll loop.
def error_from_response(status: int, headers: Mapping[str, str], text: str) -> GatewayError:
    """The typed error for a 4xx/5xx reply with this body (JSON of either shape, or HTML)."""
    try:
        body = load_json(text) if text.strip() else {}
    except UnreadableReplyError as exc:
        if status < 400 and "<" not in text[:1024]:
            return exc  # neither JSON nor a page: just unreadable
        return _from_html(status, headers, text)
    if not isinstance(body, Mapping):
        body = {"message": text_of(body)}
    return error_from_body(status, body, headers)


def error_from_body(
    status: int, body: Mapping[str, Any], headers: Mapping[str, str]
) -> GatewayError:
    """The typed error for an error body already decoded; whatever the body, never raises."""
    try:
        return _error_from_body(status, body, headers)
    except ODD_VALUE as exc:
        # The status alone still says what kind of error it is (401: the key, 429: wait...).
        error = _error_from_body(status, {}, {})
        error.detail = f"HTTP {status}, unreadable body ({type(exc).__name__}): {preview(body)}"
        return error


def _error_from_body(
    status: int, body: Mapping[str, Any], headers: Mapping[str, str]
) -> GatewayError:
    message, etype, code = _error_fields(body)
    message = one_line(message)
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
            text_of(err.get("message") or err.get("msg")),
            text_of(err.get("type")),
            text_of(err.get("code")),
        )
    message = (
        text_of(err)
        or text_of(body.get("message"))
        or text_of(body.get("msg"))
        or text_of(body.get("detail"))
        or text_of(body.get("fail_reason"))
    )
    data = body.get("data")
    etype = text_of(data.get("type")) if isinstance(data, Mapping) else ""
    return message, etype, text_of(body.get("code"))


def _from_html(status: int, headers: Mapping[str, str], text: str) -> GatewayError:
    snippet = _html_title(text) or preview(text, 80)
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


# Two bounded searches: one `<title>(.*?)</title>` regex takes quadratic time over a page of
# unclosed <title> tags, and this runs on every error page.
_TITLE_OPEN = re.compile(r"<title\b[^<>]{0,200}>", re.I)
_TITLE_CLOSE = re.compile(r"</title", re.I)


def _html_title(text: str) -> str:
    """The page's <title> as one short line, "" when it has none."""
    head = text[:65536]
    opened = _TITLE_OPEN.search(head)
    closed = _TITLE_CLOSE.search(head, opened.end()) if opened else None
    if opened is None or closed is None:
        return ""
    return one_line(html.unescape(head[opened.end() : closed.start()]), 200)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for k, v in headers.items():
        if k.lower() == name:
            return v
    return None
