"""Every reply shape real gateways send reads as a typed snapshot or a typed error."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veo_desktop.core import errors as E
from veo_desktop.core.gateway.replies import (
    RemoteStatus,
    parse_job,
    parse_progress,
    status_from_word,
)
from veo_desktop.core.gateway.reply_errors import error_from_response, parse_retry_after


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("queued", RemoteStatus.QUEUED),
        ("PENDING", RemoteStatus.QUEUED),
        ("Submitted", RemoteStatus.QUEUED),
        ("not_start", RemoteStatus.QUEUED),
        ("in_progress", RemoteStatus.RUNNING),
        ("Processing", RemoteStatus.RUNNING),
        ("RUNNING", RemoteStatus.RUNNING),
        ("completed", RemoteStatus.COMPLETED),
        ("SUCCEEDED", RemoteStatus.COMPLETED),
        ("success", RemoteStatus.COMPLETED),
        ("failed", RemoteStatus.FAILED),
        ("FAILURE", RemoteStatus.FAILED),
        ("cancelled", RemoteStatus.FAILED),
        ("expired", RemoteStatus.FAILED),
        ("error", RemoteStatus.FAILED),
        ("unknown", RemoteStatus.UNKNOWN),
        ("warming_up", RemoteStatus.UNKNOWN),
        (None, RemoteStatus.UNKNOWN),
    ],
)
def test_status_words_in_any_case(word: str | None, status: RemoteStatus) -> None:
    assert status_from_word(word) is status


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (50, 50),
        ("50%", 50),
        ("75", 75),
        (None, None),
        ("soon", None),
        (150, 100),
        (-3, 0),
        (True, None),
        (33.6, 34),
        ({"x": 1}, None),
    ],
)
def test_progress_forms(value: object, expected: int | None) -> None:
    assert parse_progress(value) == expected


def test_documented_reply() -> None:
    snap = parse_job(
        {
            "id": "task_xxx",
            "task_id": "task_xxx",
            "object": "video.generation.job",
            "model": "veo3.1-video-1080p",
            "status": "completed",
            "progress": 100,
            "video_url": "https://example.com/output.mp4",
        }
    )
    assert snap.task_id == "task_xxx" and snap.status is RemoteStatus.COMPLETED
    assert snap.video_url == "https://example.com/output.mp4" and not snap.blocked


@pytest.mark.parametrize(
    "reply",
    [
        {"id": "t1", "status": "success", "url": "https://cdn/v.mp4"},
        {"id": "t1", "status": "success", "metadata": {"url": "https://cdn/v.mp4"}},
        {"code": 0, "data": {"task_id": "t1", "status": "SUCCESS", "url": "https://cdn/v.mp4"}},
        {
            "code": "success",
            "message": "",
            "data": {"task_id": "t1", "status": "succeeded", "result_url": "https://cdn/v.mp4"},
        },
    ],
)
def test_video_address_in_each_place(reply: dict[str, object]) -> None:
    snap = parse_job(reply)
    assert snap.task_id == "t1" and snap.status is RemoteStatus.COMPLETED
    assert snap.video_url == "https://cdn/v.mp4"


def test_data_uri_video_and_missing_address() -> None:
    inline = parse_job(
        {"id": "t", "status": "completed", "video_url": "data:video/mp4;base64,AAAA"}
    ).video_url
    assert inline is not None and inline.startswith("data:")
    snap = parse_job({"id": "t", "status": "completed"})
    assert snap.video_url is None and not snap.blocked  # bytes at the content route


def test_create_reply_polls_task_id_or_id() -> None:
    assert parse_job({"id": "a", "status": "queued", "progress": 0}).task_id == "a"
    assert parse_job({"task_id": "b", "id": "x", "status": "queued"}).task_id == "b"


@pytest.mark.parametrize(
    "reply",
    [
        {"id": "t", "status": "failed", "error": {"message": "bad things", "code": "x"}},
        {"id": "t", "status": "failed", "error": "bad things"},
        {"id": "t", "status": "FAILURE", "fail_reason": "bad things"},
        {"id": "t", "status": "failed", "message": "bad things"},
    ],
)
def test_failure_reasons(reply: dict[str, object]) -> None:
    snap = parse_job(reply)
    assert snap.status is RemoteStatus.FAILED and snap.failure_reason == "bad things"


def test_done_without_video_but_with_reason_is_blocked() -> None:
    snap = parse_job(
        {"id": "t", "status": "completed", "fail_reason": "blocked by safety filter (audio)"}
    )
    assert snap.blocked and "audio" in (snap.failure_reason or "")


def test_wrapper_carrying_an_error_with_http_200() -> None:
    with pytest.raises(E.TaskNotFoundError):
        parse_job({"code": 404, "message": "task not exist", "data": None})


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (
            401,
            {"error": {"message": "Invalid token", "type": "x", "code": "invalid_api_key"}},
            E.AuthError,
        ),
        (
            403,
            {
                "error": {
                    "message": "user quota is not enough",
                    "type": "insufficient_user_quota",
                    "code": "insufficient_user_quota",
                }
            },
            E.OutOfCreditError,
        ),
        (
            403,
            {"code": "insufficient_user_quota", "message": "no money", "data": None},
            E.OutOfCreditError,
        ),
        (429, {"error": {"message": "slow down"}}, E.RateLimitedError),
        (400, {"error": {"message": "duration must be 4, 6 or 8"}}, E.InvalidRequestError),
        (
            400,
            {"code": "task_not_exist", "message": "task not exist", "data": None},
            E.TaskNotFoundError,
        ),
        (404, {"error": "not found"}, E.TaskNotFoundError),
        (500, {"error": {"message": "upstream"}}, E.ServerError),
    ],
)
def test_error_bodies(status: int, body: dict[str, object], kind: type) -> None:
    err = error_from_response(status, {}, json.dumps(body))
    assert type(err) is kind
    assert err.status == status and err.message


def test_html_error_page_from_proxy() -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    err = error_from_response(502, {"content-type": "text/html"}, page)
    assert isinstance(err, E.ServerError) and "<" not in err.message
    assert "502 Bad Gateway" in err.detail


def test_retry_after_seconds_and_date() -> None:
    err = error_from_response(429, {"Retry-After": "7"}, "{}")
    assert isinstance(err, E.RateLimitedError) and err.retry_after == 7
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470) == 10
    assert parse_retry_after("soon") is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "task_id",
                    "status",
                    "progress",
                    "video_url",
                    "url",
                    "data",
                    "code",
                    "message",
                    "error",
                    "metadata",
                    "fail_reason",
                    "result_url",
                    "model",
                    "created_at",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_any_json_reply_is_a_snapshot_or_a_typed_error(payload: object) -> None:
    try:
        snap = parse_job(payload)
    except E.GatewayError:
        return
    assert isinstance(snap.status, RemoteStatus)
    assert snap.progress is None or 0 <= snap.progress <= 100


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=300, max_value=599),
    st.one_of(st.text(max_size=80), json_values.map(json.dumps)),
)
def test_any_error_body_is_a_typed_error(status: int, text: str) -> None:
    err = error_from_response(status, {"retry-after": text[:5]}, text)
    assert isinstance(err, E.GatewayError) and err.message
