"""The shape of `veo`'s `--json` answers: one object per job, printed as one line of UTF-8."""

from __future__ import annotations

import json
import sys
from typing import Any

from ..core.checks.result import failed
from ..core.jobs.job import Job, JobState

#: States whose error message is part of the answer even when it is empty (null).
_ERROR_STATES = (
    JobState.FAILED,
    JobState.UNCERTAIN,
    JobState.PAUSED,
    JobState.NO_VIDEO,
    JobState.MISSING,
)


def summary(job: Job) -> dict[str, Any]:
    """The object `veo jobs --json`, `generate --json`, `wait --json` and `resume --json` print
    for a job."""
    return {
        "id": job.id,
        "task_id": job.task_id,
        "status": job.state.value,
        "mode": job.mode.value,
        "model": job.model,
        "prompt": job.prompt,
        "seed": job.request.get("seed"),
        "group": job.group_id,
        "rating": job.rating,
        "progress": job.progress,
        "created_at": job.created_at,
        "video_path": job.video_path,
        "error": job.error_message if job.state in _ERROR_STATES or job.error_message else None,
        "error_kind": job.error_kind,
        # The clip against its request (core/checks); null until the clip has been checked.
        "checks": None if job.checks is None else [c.to_json() for c in job.checks],
    }


def warn_failed_checks(job: Job) -> None:
    """One stderr line per check the clip failed: it was paid for, so say it plainly."""
    for check in failed(job.checks):
        print(f"veo: warning: job {job.id}: {check.message}", file=sys.stderr)


def print_json(value: object) -> None:
    """One line on stdout, non-ASCII kept as is (prompts are often Chinese)."""
    print(json.dumps(value, ensure_ascii=False))
