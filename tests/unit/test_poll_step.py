"""The poll step as a table: (the job, the poll's answer, the clock) -> what happens next.
A job with a task id fails only when the gateway reports it failed or blocked."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.jobs import a_job
from veo_desktop.core.errors import (
    AuthError,
    GatewayError,
    InvalidRequestError,
    NetworkError,
    OutOfCreditError,
    RateLimitedError,
    ServerError,
    TaskNotFoundError,
)
from veo_desktop.core.gateway.replies import JobSnapshot, RemoteStatus, parse_job
from veo_desktop.core.gateway.reply_errors import error_from_response
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.jobs.poll_step import (
    Action,
    NoVideoCause,
    PollPolicy,
    Watch,
    content_step,
    next_step,
)

P = PollPolicy()
SENT = 1000.0
JOB = a_job(submitted_at=SENT, created_at=SENT, updated_at=SENT)
W = Watch(delay=3.0)
EARLY = SENT + 5  # inside the grace period
LATE = SENT + P.grace_seconds + 1


def snap(status: RemoteStatus, **kw: Any) -> JobSnapshot:
    return JobSnapshot(task_id="task_1", status=status, raw_status=status.value, **kw)


def new_api_error(status: int, body: str) -> GatewayError:
    return error_from_response(status, {}, body)


NOT_EXIST_400 = new_api_error(
    400, '{"code":"task_not_exist","message":"task_not_exist","data":null}'
)

TABLE: list[tuple[str, Job, JobSnapshot | GatewayError, float, Action, JobState | None]] = [
    ("queued", JOB, snap(RemoteStatus.QUEUED), EARLY, Action.POLL_AGAIN, JobState.QUEUED),
    (
        "running",
        JOB,
        snap(RemoteStatus.RUNNING, progress=50),
        EARLY,
        Action.POLL_AGAIN,
        JobState.RUNNING,
    ),
    (
        "unknown keeps polling",
        JOB,
        snap(RemoteStatus.UNKNOWN),
        LATE * 100,
        Action.POLL_AGAIN,
        JobState.RUNNING,
    ),
    ("completed", JOB, snap(RemoteStatus.COMPLETED), EARLY, Action.DOWNLOAD, JobState.COMPLETED),
    ("failed", JOB, snap(RemoteStatus.FAILED), EARLY, Action.END, JobState.FAILED),
    (
        "blocked",
        JOB,
        snap(RemoteStatus.COMPLETED, failure_reason="safety filter"),
        EARLY,
        Action.END,
        JobState.FAILED,
    ),
    ("new-api 400 task_not_exist in grace", JOB, NOT_EXIST_400, EARLY, Action.POLL_AGAIN, None),
    (
        "404 task not exist in grace",
        JOB,
        TaskNotFoundError("x", status=404),
        EARLY,
        Action.POLL_AGAIN,
        None,
    ),
    ("task_not_exist after grace", JOB, NOT_EXIST_400, LATE, Action.END, JobState.MISSING),
    (
        "a missing job found again",
        replace(JOB, state=JobState.MISSING),
        snap(RemoteStatus.RUNNING),
        LATE,
        Action.POLL_AGAIN,
        JobState.RUNNING,
    ),
    ("401", JOB, AuthError("x", status=401), EARLY, Action.END, JobState.PAUSED),
    ("403 quota", JOB, OutOfCreditError("x", status=403), EARLY, Action.END, JobState.PAUSED),
    ("network", JOB, NetworkError("x"), LATE, Action.POLL_AGAIN, None),
    ("500", JOB, ServerError("x", status=500), LATE, Action.POLL_AGAIN, None),
    ("other 400", JOB, InvalidRequestError("x", status=400), LATE, Action.POLL_AGAIN, None),
    ("429", JOB, RateLimitedError("x", status=429), LATE, Action.POLL_AGAIN, None),
]


@pytest.mark.parametrize(
    ("job", "outcome", "now", "action", "state"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_poll_step_table(
    job: Job,
    outcome: JobSnapshot | GatewayError,
    now: float,
    action: Action,
    state: JobState | None,
) -> None:
    step = next_step(job, outcome, now, P, W)
    assert step.action is action
    assert step.updates.get("state") == state


@pytest.mark.parametrize("spelling", ["task_not_exist", "task not exist", "TaskNotExist"])
@pytest.mark.parametrize("status", [400, 404])
def test_task_not_exist_in_any_spelling_is_not_a_rejection(spelling: str, status: int) -> None:
    err = new_api_error(status, f'{{"code":"{spelling}","message":"{spelling}","data":null}}')
    assert isinstance(err, TaskNotFoundError)


def test_model_not_found_is_not_a_missing_task() -> None:
    err = new_api_error(503, '{"code":"model_not_found","message":"no channel","data":null}')
    assert not isinstance(err, TaskNotFoundError)


def test_trouble_that_lasts_stops_the_watcher_but_never_fails_the_job() -> None:
    first = next_step(JOB, NetworkError("x"), LATE, P, W)
    later = next_step(JOB, NetworkError("x"), LATE + P.transient_limit_seconds + 1, P, first.watch)
    assert later.action is Action.GIVE_UP
    assert "state" not in later.updates


def test_retry_after_is_honoured() -> None:
    step = next_step(JOB, RateLimitedError("x", retry_after=40.0), LATE, P, W)
    assert step.delay == 40.0


def test_delay_rises_to_the_cap() -> None:
    watch = W
    for _ in range(30):
        watch = next_step(JOB, snap(RemoteStatus.RUNNING), EARLY, P, watch).watch
    assert watch.delay == P.max_delay


def test_new_api_poll_reply_has_no_task_id_and_still_reads() -> None:
    reply = {
        "id": "task_1",
        "object": "video",
        "model": "veo-3.1-generate-preview",
        "status": "completed",
        "progress": 100,
        "created_at": 1,
        "completed_at": 2,
    }
    step = next_step(JOB, parse_job(reply), EARLY, P, W)
    assert step.action is Action.DOWNLOAD
    assert step.updates["video_url"] is None  # the bytes are at /content


CONTENT = [
    (
        "blocked",
        502,
        '{"error":{"message":"Failed to resolve Gemini video URL"}}',
        0.0,
        NoVideoCause.BLOCKED,
    ),
    (
        "deleted",
        502,
        '{"error":{"message":"Upstream service returned status 404"}}',
        0.0,
        NoVideoCause.EXPIRED,
    ),
    ("passing 502", 502, "<html><title>502</title></html>", 10.0, None),
    (
        "lasting 502",
        502,
        "<html><title>502</title></html>",
        P.content_retry_seconds + 1,
        NoVideoCause.UNKNOWN,
    ),
]


@pytest.mark.parametrize(
    ("status", "body", "elapsed", "cause"), [c[1:] for c in CONTENT], ids=[c[0] for c in CONTENT]
)
def test_content_route_table(
    status: int, body: str, elapsed: float, cause: NoVideoCause | None
) -> None:
    step = content_step(error_from_response(status, {}, body), 0.0, elapsed, 0, P)
    assert step is not None
    assert step.retry is (cause is None)
    if cause is not None:
        assert step.updates["state"] is JobState.NO_VIDEO
        assert step.updates["error_kind"] == cause.value


def test_a_rejected_key_on_content_is_reported_as_it_is() -> None:
    assert content_step(AuthError("x", status=401), 0.0, 1.0, 0, P) is None


def test_a_failed_download_is_tried_again_with_growing_pauses_while_the_link_lives() -> None:
    from veo_desktop.core.jobs.followups import LINK_LIFETIME_S
    from veo_desktop.core.jobs.poll_step import download_retry_delay

    done = replace(JOB, state=JobState.COMPLETED, completed_at=SENT, error_message="dropped")
    delays = [download_retry_delay(done, n, SENT + 60, P) for n in range(6)]
    assert delays[:4] == [30.0, 60.0, 120.0, 240.0]
    assert delays[4] is None  # then it is the user's Download again
    assert download_retry_delay(done, 0, SENT + LINK_LIFETIME_S, P) is None  # link expired
    downloaded = replace(done, state=JobState.DOWNLOADED)
    assert download_retry_delay(downloaded, 0, SENT + 60, P) is None
    forever = PollPolicy(download_retries=None)
    assert download_retry_delay(done, 50, SENT + 60, forever) == forever.download_retry_max
