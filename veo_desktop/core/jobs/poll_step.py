"""The job policy as pure functions: what one poll's answer (or one content fetch's error)
means for a job. The runner applies the step; docs/gateway-contract.md has the table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from ..errors import (
    AuthError,
    GatewayError,
    OutOfCreditError,
    TaskNotFoundError,
)
from ..gateway.replies import JobSnapshot, RemoteStatus
from ..i18n import msg
from ..links import is_inline
from .followups import link_time_left
from .job import Job, JobState


@dataclass(frozen=True)
class PollPolicy:
    """How often to ask, and how long each kind of silence is tolerated."""

    # Jobs take from seconds to minutes: ask soon, then back off to a ceiling (bench:
    # polls_per_job).
    first_delay: float = 3.0
    factor: float = 1.25
    max_delay: float = 15.0
    # "task not exist" right after create is normal: new-api answers the create before it saves
    # the task row, and a busy database can take seconds.
    grace_seconds: float = 120.0
    transient_limit_seconds: float = 600.0  # trouble before a watcher stops (the job stays open)
    missing_recheck_seconds: float = 600.0  # how often a job the gateway lost is asked again
    link_refreshes: int = 3  # fresh links fetched for one download when links keep expiring
    # A completed job whose content route keeps failing (5xx) is retried this long before it
    # is called "finished without a video".
    content_retry_seconds: float = 180.0
    content_first_delay: float = 5.0
    content_max_delay: float = 30.0
    # A completed clip whose download failed is paid for: it is fetched again on its own,
    # pausing 30 s, then doubling (7.5 min in all), while its link is likely valid; after that
    # Download again is the user's (None: no cap on tries).
    download_retry_first: float = 30.0
    download_retry_max: float = 600.0
    download_retries: int | None = 4


class Action(StrEnum):
    POLL_AGAIN = "poll_again"  # sleep `delay`, then poll again
    DOWNLOAD = "download"  # the gateway says done: fetch the clip
    END = "end"  # the job needs the gateway's or the user's word now: stop watching
    GIVE_UP = "give_up"  # stop watching for now; the job stays open for `resume`


@dataclass(frozen=True)
class Watch:
    """What a watcher remembers between polls."""

    delay: float
    trouble_since: float | None = None


@dataclass(frozen=True)
class Step:
    action: Action
    watch: Watch
    updates: dict[str, Any] = field(default_factory=dict)  # journal fields to write
    delay: float = 0.0
    error: GatewayError | None = None  # GIVE_UP: the trouble that made the watcher stop


def first_watch(policy: PollPolicy) -> Watch:
    return Watch(delay=policy.first_delay)


def in_grace(job: Job, now: float, policy: PollPolicy) -> bool:
    started = job.submitted_at or job.created_at
    return now - started < policy.grace_seconds


def next_step(
    job: Job, outcome: JobSnapshot | GatewayError, now: float, policy: PollPolicy, watch: Watch
) -> Step:
    """The next step for `job` after one poll answered `outcome` (a reading or an error).
    A job with a task id fails only when the gateway reports it failed or blocked."""
    grown = replace(watch, delay=min(policy.max_delay, watch.delay * policy.factor))
    if isinstance(outcome, GatewayError):
        return _after_error(job, outcome, now, policy, watch, grown)
    snap = outcome
    calm = replace(grown, trouble_since=None)
    if snap.status is RemoteStatus.COMPLETED and not snap.blocked:
        return Step(
            Action.DOWNLOAD,
            calm,
            {
                "state": JobState.COMPLETED,
                "progress": 100,
                "remote_status": snap.raw_status,
                "video_url": storable(snap.video_url),
                "completed_at": now,
                "link_seen_at": now,
                "error_kind": None,
                "error_message": None,
            },
        )
    if snap.blocked or snap.status is RemoteStatus.FAILED:
        return Step(
            Action.END,
            calm,
            {
                "state": JobState.FAILED,
                "remote_status": snap.raw_status,
                "error_kind": "blocked" if snap.blocked else "job_failed",
                "error_message": snap.failure_reason
                or msg(
                    "The gateway reports the job failed without a reason. Try again, perhaps "
                    "with a different prompt."
                ),
            },
        )
    # Queued, running, or a word we cannot read ("unknown" is new-api's own failed check):
    # the job exists, so it is alive, whatever it was before (paused, missing).
    updates: dict[str, Any] = {"remote_status": snap.raw_status}
    if snap.status is RemoteStatus.QUEUED:
        updates["state"] = JobState.QUEUED
    elif snap.status is RemoteStatus.RUNNING or job.state is not JobState.QUEUED:
        updates["state"] = JobState.RUNNING  # an unreadable word leaves "queued" as it was
    updates["progress"] = snap.progress  # None: the gateway gave no number (indeterminate)
    if job.error_kind is not None:
        updates.update(error_kind=None, error_message=None)
    return Step(Action.POLL_AGAIN, calm, updates, delay=watch.delay)


def _after_error(
    job: Job, exc: GatewayError, now: float, policy: PollPolicy, watch: Watch, grown: Watch
) -> Step:
    if isinstance(exc, AuthError | OutOfCreditError):
        return Step(
            Action.END,
            watch,
            {
                "state": JobState.PAUSED,
                "error_kind": exc.kind,
                "error_message": msg(
                    "The gateway refused the API key while checking this job (a wrong key, or "
                    "an account out of credit: many gateways answer both the same way). The "
                    "job is not lost: fix the key or the credit (Settings, or `veo login`) and "
                    "it will be picked up again."
                ),
            },
        )
    if isinstance(exc, TaskNotFoundError):
        if in_grace(job, now, policy):
            return Step(Action.POLL_AGAIN, grown, delay=watch.delay)
        return Step(
            Action.END,
            grown,
            {
                "state": JobState.MISSING,
                "error_kind": "task_not_found",
                "error_message": msg(
                    "The gateway says it does not know task {task_id}. The job is kept and "
                    "checked again every {minutes} minutes: choose Check again, or move it to "
                    "the trash if you no longer need it.",
                    task_id=job.task_id or "?",
                    minutes=f"{policy.missing_recheck_seconds / 60:.0f}",
                ),
            },
        )
    # Network trouble, 5xx, 429, an HTML page, any other 4xx: none of it is the gateway saying
    # the job failed, so the job is kept and asked again.
    since = watch.trouble_since if watch.trouble_since is not None else now
    if now - since > policy.transient_limit_seconds:
        return Step(Action.GIVE_UP, replace(grown, trouble_since=since), error=exc)
    wait = watch.delay
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(retry_after, int | float) and retry_after > 0:
        wait = max(wait, float(retry_after))
    return Step(Action.POLL_AGAIN, replace(grown, trouble_since=since), delay=wait)


# -- the content route ----------------------------------------------------------------------


class NoVideoCause(StrEnum):
    BLOCKED = "no_video_blocked"  # the gateway cannot resolve the clip: a safety filter
    EXPIRED = "no_video_expired"  # upstream deleted it (after about 2 days)
    UNKNOWN = "no_video"  # the content route kept failing


_BLOCKED = re.compile(r"resolve .*video (url|uri)|no video|filtered|safety|blocked", re.I)
_EXPIRED = re.compile(r"status 404|not found|expired|deleted|no longer", re.I)
_NOT_READY = re.compile(r"not completed|not ready|in_progress|queued", re.I)


@dataclass(frozen=True)
class ContentStep:
    """Either wait `delay` and fetch again, or end the job as "finished without a video"."""

    retry: bool
    delay: float = 0.0
    updates: dict[str, Any] = field(default_factory=dict)


def content_step(
    exc: GatewayError, first_failed_at: float, now: float, attempt: int, policy: PollPolicy
) -> ContentStep | None:
    """What a failed fetch of a completed job's clip from the gateway means; None when it is
    not about the clip (the key, say) and the caller should report it as it is."""
    if isinstance(exc, AuthError | OutOfCreditError):
        return None
    said = f"{exc.message} {exc.detail}"
    status = exc.status or 0
    cause: NoVideoCause | None = None
    if status >= 500 and _BLOCKED.search(said):
        cause = NoVideoCause.BLOCKED
    elif status >= 500 and _EXPIRED.search(said):
        cause = NoVideoCause.EXPIRED
    elif now - first_failed_at < policy.content_retry_seconds:
        delay = min(policy.content_max_delay, policy.content_first_delay * 2.0**attempt)
        return ContentStep(retry=True, delay=delay)
    elif status and 400 <= status < 500 and not _NOT_READY.search(said):
        return None  # a lasting 4xx that is not "not ready": report it as it is
    else:
        cause = NoVideoCause.UNKNOWN
    return ContentStep(
        retry=False,
        updates={
            "state": JobState.NO_VIDEO,
            "error_kind": cause.value,
            "error_message": no_video_message(cause, exc.message),
        },
    )


def no_video_message(cause: NoVideoCause, said: str) -> str:
    if cause is NoVideoCause.EXPIRED:
        return msg(
            "The gateway says this job finished, but the clip is no longer there: upstream "
            "deletes videos after about 2 days. Send the job again if you still need it."
        )
    if cause is NoVideoCause.BLOCKED:
        return msg(
            "The gateway says this job finished but has no video to give: a safety filter most "
            "likely blocked the clip, often because of the audio. Retry without audio; the "
            "gateway may still bill this one."
        )
    return msg(
        "The gateway says this job finished but kept failing to hand over the clip ({said}). "
        "A safety filter may have blocked it (often the audio: Retry without audio), or it "
        "expired upstream.",
        said=said.strip() or "?",
    )


def storable(url: str | None) -> str | None:
    """Inline `data:` videos are megabytes: the journal keeps a marker, not the payload."""
    if is_inline(url):
        return url.split(",", 1)[0] + ",<inline>"
    return url


def download_retry_delay(job: Job, tries: int, now: float, policy: PollPolicy) -> float | None:
    """How long to wait before fetching a completed job's clip again after `tries` failed
    retries; None to stop (the link has probably expired, or the tries are used up)."""
    if job.state is not JobState.COMPLETED or link_time_left(job, now) == 0:
        return None
    if policy.download_retries is not None and tries >= policy.download_retries:
        return None
    return min(policy.download_retry_max, policy.download_retry_first * 2.0**tries)
