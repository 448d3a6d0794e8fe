"""Hostile reply bodies: whatever a gateway (or something posing as one) sends, the wire parser
gives a `JobSnapshot` or a typed `GatewayError`, never another exception, and what it gives can be
stored in the journal and printed on a terminal."""

from __future__ import annotations

import json
import math
import sqlite3
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veo_desktop.core.errors import GatewayError, ServerError
from veo_desktop.core.gateway.replies import (
    MAX_REPLY_CHARS,
    JobSnapshot,
    RemoteStatus,
    load_json,
    parse_job,
    parse_progress,
)
from veo_desktop.core.gateway.reply_errors import error_from_body, error_from_response

KEYS = [
    "id",
    "task_id",
    "status",
    "state",
    "progress",
    "video_url",
    "url",
    "metadata",
    "data",
    "code",
    "message",
    "error",
    "fail_reason",
    "created_at",
    "model",
    "object",
    "videos",
    "output",
    "msg",
    "type",
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats()  # NaN and infinities included: Python's json reads them
    | st.text()
    | st.sampled_from(["running", "completed", "failed", "1e999", "9" * 400, "50%", "\ud800"])
)
json_like = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=30,
)
statuses = st.integers(min_value=100, max_value=599)

HOSTILE_BODIES = [
    "[" * 100_000,
    "[" * 100_000 + "]" * 100_000,
    '{"data":' * 50_000 + "1" + "}" * 50_000,
    '{"status":"running","progress":1e999}',
    '{"status":"running","progress":-1e999}',
    '{"status":"running","progress":' + "9" * 400 + "}",
    '{"status":"running","progress":' + "9" * 5000 + "}",
    '{"status":"running","progress":NaN}',
    '{"status":"running","progress":Infinity,"created_at":-Infinity}',
    '{"status":"running","progress":"' + "9" * 400 + '"}',
    '{"id":' + "7" * 400 + ',"status":"queued"}',
    '{"id":12345,"status":"queued"}',
    '{"id":"\\ud800","status":"\\udfff","error":"x\\ud83d","fail_reason":"\\ud800"}',
    '{"id":"t","status":"failed","fail_reason":"' + "x" * 900_000 + '"}',
    '"' + "y" * (MAX_REPLY_CHARS + 10) + '"',
    "[1,2,3]",
    '"just text"',
    "42",
    "null",
    "",
    "<html><title>" * 100_000,
    '\ufeff{"id":"t","status":"queued"}',
]


def assert_typed(outcome: object) -> None:
    """What a user can be shown and the journal can keep: typed, storable, one line."""
    assert isinstance(outcome, JobSnapshot | GatewayError), type(outcome)
    texts: list[str] = []
    if isinstance(outcome, JobSnapshot):
        texts = [outcome.task_id or "", outcome.raw_status, outcome.failure_reason or ""]
        assert outcome.progress is None or 0 <= outcome.progress <= 100
        assert outcome.created_at is None or math.isfinite(outcome.created_at)
    else:
        texts = [outcome.message]
        assert "\n" not in outcome.message and len(outcome.message) < 2000
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (x TEXT)")
    for text in texts:
        db.execute("INSERT INTO t VALUES (?)", (text,))  # lone surrogates would raise here


def read_reply(status: int, text: str) -> object:
    """What the client does with a reply: a 2xx is decoded and parsed, an error status typed."""
    try:
        if status >= 300:
            return error_from_response(status, {}, text)
        return parse_job(load_json(text), fallback_task_id="task_1")
    except GatewayError as exc:
        return exc


@pytest.mark.parametrize("status", [200, 400, 404, 429, 500, 502])
@pytest.mark.parametrize("text", HOSTILE_BODIES, ids=lambda t: repr(t[:24]) + f"..{len(t)}")
def test_hostile_bodies_read_as_a_snapshot_or_a_typed_error(status: int, text: str) -> None:
    assert_typed(read_reply(status, text))


def test_a_poll_with_an_unholdable_progress_keeps_the_job_running() -> None:
    for body in (
        '{"status":"running","progress":1e999}',
        '{"status":"running","progress":' + "9" * 400 + "}",
        '{"status":"running","progress":NaN}',
    ):
        snap = parse_job(load_json(body), fallback_task_id="task_1")
        assert snap.status is RemoteStatus.RUNNING and snap.task_id == "task_1"
        assert snap.progress in (None, 100)


def test_deep_nesting_is_unreadable_not_a_crash() -> None:
    with pytest.raises(ServerError):
        load_json("[" * 100_000 + "]" * 100_000)
    # Moderately deep: read, with the depths no reply needs cut off.
    snap = parse_job(load_json('{"id":"t","status":"queued","x":' + "[" * 500 + "]" * 500 + "}"))
    assert snap.task_id == "t" and snap.status is RemoteStatus.QUEUED
    json.dumps(snap.raw)  # the journal can keep it


def test_a_reply_too_large_to_read_is_unreadable() -> None:
    with pytest.raises(ServerError):
        load_json(" " * (MAX_REPLY_CHARS + 1) + "{}")


def test_lone_surrogates_become_replacement_characters() -> None:
    snap = parse_job(load_json('{"id":"a\\ud800b","status":"running"}'))
    assert snap.task_id == "a\ufffdb"


def test_a_gateway_message_is_shown_as_one_short_line() -> None:
    body = {"error": {"message": "line one\nline two\r\n" + "z" * 10_000}}
    error = error_from_body(400, body, {})
    assert "\n" not in error.message and len(error.message) < 1000


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 10**400, "9" * 400, "1e999"])
def test_progress_of_unholdable_numbers(value: object) -> None:
    assert parse_progress(value) in (None, 0, 100)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_like)
def test_any_json_like_value_parses_to_a_typed_outcome(payload: Any) -> None:
    try:
        outcome: object = parse_job(payload)
    except GatewayError as exc:
        outcome = exc
    # Values straight from Python (no json step) may hold what load_json would clean away.
    assert isinstance(outcome, JobSnapshot | GatewayError)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_like, statuses)
def test_any_json_reply_with_any_status_is_typed(payload: Any, status: int) -> None:
    assert_typed(read_reply(status, json.dumps(payload)))


@settings(max_examples=300, deadline=None)
@given(st.text(), statuses)
def test_any_text_reply_with_any_status_is_typed(text: str, status: int) -> None:
    assert_typed(read_reply(status, text))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), json_like), statuses)
def test_any_error_body_is_typed(body: dict[str, Any], status: int) -> None:
    assert isinstance(error_from_body(status, body, {}), GatewayError)


@settings(max_examples=200, deadline=None)
@given(st.text(), statuses)
def test_any_retry_after_header_is_typed(value: str, status: int) -> None:
    for header in (value, "1e999", "nan", "Fri, 31 Dec 99999 23:59:59 GMT"):
        assert isinstance(error_from_response(status, {"Retry-After": header}, "{}"), GatewayError)
