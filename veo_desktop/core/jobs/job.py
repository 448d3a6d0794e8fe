"""What a job is, apart from where it is kept: its states (with their words in the user's
language) and the `Job` record the journal hands out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..checks.result import Check
from ..i18n import msg
from ..request.models import Mode

__all__ = ["IN_FLIGHT", "RESUMABLE", "Job", "JobState", "new_job_id"]


class JobState(StrEnum):
    SUBMITTING = "submitting"  # row written, inputs being prepared; nothing sent yet
    POSTING = "posting"  # the POST is on its way: from here on it may have reached the gateway
    UNCERTAIN = "uncertain"  # POST may have landed but we have no task id: the user decides
    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"  # polling stopped, e.g. the key was rejected mid-way; resumable
    COMPLETED = "completed"  # done at the gateway, not yet downloaded
    DOWNLOADED = "downloaded"  # the MP4 is in the library
    FAILED = "failed"
    # The gateway says done but has no clip to give (a safety block, or upstream deleted it).
    NO_VIDEO = "no_video"
    # Past the grace period the gateway says "task not exist": kept, and checked now and then.
    MISSING = "missing"

    @property
    def finished(self) -> bool:
        return self in (JobState.DOWNLOADED, JobState.FAILED, JobState.UNCERTAIN, JobState.NO_VIDEO)

    @property
    def label(self) -> str:
        """The state mid-sentence in the user's language (the value is what the journal stores)."""
        return _state_labels()[self][1]

    @property
    def heading(self) -> str:
        """The state as a short, capitalised heading (a job row's status line)."""
        return _state_labels()[self][0]


def _state_labels() -> dict[JobState, tuple[str, str]]:
    """Each state's one naming: (heading, mid-sentence). Two strings, not one recased: changing
    a translation's case is wrong in many languages."""
    return {
        JobState.SUBMITTING: (msg("Preparing"), msg("preparing")),
        JobState.POSTING: (msg("Sending"), msg("sending")),
        JobState.UNCERTAIN: (
            msg("Uncertain — check the gateway"),
            msg("uncertain, check the gateway"),
        ),
        JobState.QUEUED: (msg("Queued"), msg("queued")),
        JobState.RUNNING: (msg("Running"), msg("running")),
        JobState.PAUSED: (msg("Paused"), msg("paused")),
        JobState.COMPLETED: (msg("Completed"), msg("completed")),
        JobState.DOWNLOADED: (msg("Downloaded"), msg("downloaded")),
        JobState.FAILED: (msg("Failed"), msg("failed")),
        JobState.NO_VIDEO: (msg("Finished without a video"), msg("finished without a video")),
        JobState.MISSING: (
            msg("Not found at the gateway — kept"),
            msg("not found at the gateway, kept"),
        ),
    }


#: States `resume` picks up. UNCERTAIN is absent on purpose: only the user may resend.
RESUMABLE = (
    JobState.SUBMITTING,
    JobState.POSTING,
    JobState.QUEUED,
    JobState.RUNNING,
    JobState.PAUSED,
    JobState.COMPLETED,
    JobState.MISSING,
)


#: States whose clock runs: sent or being sent, and not done at the gateway yet.
IN_FLIGHT = frozenset({JobState.SUBMITTING, JobState.POSTING, JobState.QUEUED, JobState.RUNNING})


@dataclass(frozen=True)
class Job:
    id: str
    task_id: str | None
    state: JobState
    mode: Mode
    model: str
    prompt: str
    negative_prompt: str
    request: dict[str, Any]
    progress: int | None
    remote_status: str | None
    video_url: str | None
    video_path: str | None
    error_kind: str | None
    error_message: str | None
    replies: list[dict[str, Any]]
    poll_count: int
    created_at: float
    updated_at: float
    submitted_at: float | None
    completed_at: float | None
    downloaded_at: float | None
    link_seen_at: float | None
    # The downloaded clip checked against its request (core/checks); None: not checked yet.
    checks: tuple[Check, ...] | None = None
    group_id: str | None = None  # variants of one prompt, sent together, share it
    rating: int | None = None  # the creator's 1-5 stars; None: not rated

    def elapsed(self, now: float) -> float:
        """Seconds from submission (or creation) until completion; still counting while the
        job is in flight; frozen at the last update for a job that ended without completing."""
        start = self.submitted_at or self.created_at
        if self.completed_at is not None:
            end = self.completed_at
        elif self.state in IN_FLIGHT:
            end = now
        else:
            end = self.updated_at
        return max(0.0, end - start)


def new_job_id() -> str:
    return uuid.uuid4().hex[:12]
