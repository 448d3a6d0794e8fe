"""Sending a job whose id was given before its POST (a batch row, a storyboard take) at most once:
after a crash, or from a second process, a job the gateway took is followed, never sent again."""

from __future__ import annotations

import asyncio
import sqlite3

from ..request.models import GenerationRequest
from .download import DownloadFailed
from .job import Job, JobState
from .runner import JobRunner

#: Errors of a POST the gateway did not take (a 429, a rejected key, no credit, or a connection
#: that never opened): sending it again later is not a second job.
NOT_ACCEPTED = ("rate_limited", "auth", "out_of_credit", "network")


def not_accepted(job: Job) -> bool:
    """Whether the job's POST was definitely refused, so sending it again is its first job."""
    return job.state is JobState.FAILED and job.task_id is None and job.error_kind in NOT_ACCEPTED


async def send_once(
    runner: JobRunner,
    job_id: str,
    request: GenerationRequest | None,
    *,
    group_id: str | None = None,
) -> Job:
    """Write `request` under `job_id` and send it; or, when the job is written already, send it
    only if it never was or the gateway definitely refused it (else it is returned as it stands,
    to be followed). A refusal is raised as the gateway's error."""
    journal = runner.journal
    job = await asyncio.to_thread(journal.get, job_id)
    if job is None:
        assert request is not None  # a job not written yet is sent with its request
        try:
            return await runner.submit(request, job_id=job_id, group_id=group_id)
        except sqlite3.IntegrityError:  # another process wrote it first: it sends it
            job = await asyncio.to_thread(journal.get, job_id)
            if job is None:
                raise
            return job
    if not_accepted(job):
        again = await asyncio.to_thread(
            journal.claim,
            job.id,
            [JobState.FAILED],
            JobState.SUBMITTING,
            error_kind=None,
            error_message=None,
        )
        if not again:
            return await asyncio.to_thread(journal.get, job.id) or job
    elif job.state is not JobState.SUBMITTING:
        return job  # sent before: follow it
    try:
        return await runner.check_once(job.id)  # sends it (then one poll)
    except DownloadFailed as exc:
        return exc.job
