"""The job runner: submit, poll, download, and resume whatever a crash or a quit left open; each
step is in the journal before the next begins, and listeners hear of every change."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import Any

from ..errors import (
    GatewayError,
    InvalidInputError,
    SubmissionUncertainError,
    VeoError,
)
from ..gateway.client import GatewayClient
from ..gateway.dialects import request_body
from ..gateway.profiles import origin_of
from ..gateway.replies import JobSnapshot, RemoteStatus
from ..i18n import msg
from ..library.store import Library
from ..request import images
from ..request.models import GenerationRequest
from ..request.rules import errors as rule_errors
from . import checkpoints
from .download import DownloadFailed, Downloads
from .job import Job, JobState
from .journal import Journal
from .locks import ProcessLock
from .poll_step import Action, PollPolicy, download_retry_delay, first_watch, next_step

log = logging.getLogger(__name__)

Listener = Callable[[Job], None]


class JobRunner(Downloads):
    def __init__(
        self,
        client: GatewayClient,
        journal: Journal,
        library: Library,
        *,
        policy: PollPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
        max_concurrent: int = 3,
    ) -> None:
        self.client = client
        self.journal = journal
        self.library = library
        self.policy = policy or PollPolicy()
        self._sleep = sleep
        self._clock = clock
        self._listeners: list[Listener] = []
        # "Jobs at once": a job holds a slot from its POST until the gateway is done with it.
        self._limit = max(1, max_concurrent)
        self._active: set[str] = set()
        self._freed = asyncio.Event()
        self._watching: dict[str, asyncio.Task[Job]] = {}
        self._checking: set[asyncio.Future[Job]] = set()  # clip checks on worker threads

    def set_max_concurrent(self, n: int) -> None:
        """Settings changed: the new limit applies to every send from now on."""
        self._limit = max(1, n)
        self._freed.set()

    async def _take_slot(self, job_id: str) -> None:
        while len(self._active) >= self._limit:
            self._freed.clear()
            await self._freed.wait()
        self._active.add(job_id)

    def _free_slot(self, job_id: str) -> None:
        if job_id in self._active:
            self._active.discard(job_id)
            self._freed.set()

    # -- events --------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def _update(self, job_id: str, **fields: Any) -> Job:
        job = await asyncio.to_thread(self.journal.update, job_id, **fields)
        if job.state in _REMOTE_DONE:
            self._free_slot(job_id)
        self._emit(job)
        return job

    def _emit(self, job: Job) -> None:
        for listener in list(self._listeners):
            try:
                listener(job)
            except Exception:  # a broken listener must not stop a paid job
                log.exception("job listener failed")

    # -- submit --------------------------------------------------------------------------------

    async def run(self, request: GenerationRequest) -> Job:
        """Submit and follow to the end (downloaded, failed, or paused)."""
        job = await self.submit(request)
        return await self.watch(job.id)

    async def submit(
        self, request: GenerationRequest, *, job_id: str | None = None, group_id: str | None = None
    ) -> Job:
        """Write the job, prepare its images, send it once. Raises `InvalidInputError` (nothing
        written, nothing sent) or the gateway's error (the job's row, under `job_id` when given,
        says what happened)."""
        problems = rule_errors(request)
        if problems:
            raise InvalidInputError(problems[0].message)
        # A FIFO, a device or a huge file is refused before any row is written (no decoding).
        await asyncio.to_thread(images.check_local, [v for _, v in request.image_inputs()])
        job = await asyncio.to_thread(
            self.journal.create,
            mode=request.mode,
            model=request.model_id,
            prompt=request.prompt,
            negative_prompt=request.negative_prompt or "",
            request=request.to_record(),
            job_id=job_id,
            group_id=group_id,
        )
        self._emit(job)
        return await self._send(job)

    async def _send(self, job: Job) -> Job:
        """Prepare and POST a job that was never sent. The send lock is held from before the
        claim until the answer is committed: while it is held, another process that reads
        "submitting" or "posting" knows the sender is alive and waits for its answer."""
        sending = self._lock(job.id, "send")
        if not await asyncio.to_thread(sending.try_acquire):
            return job  # another process is sending it
        try:
            current = await asyncio.to_thread(self.journal.get, job.id)
            if current is None or current.state is not JobState.SUBMITTING:
                return current or job  # sent (or removed) by another process meanwhile
            return await self._send_locked(current, sending)
        finally:
            sending.release()

    async def _send_locked(self, job: Job, sending: ProcessLock) -> Job:
        request = GenerationRequest.from_record(job.request)
        await checkpoints.reached("encoding")
        try:
            prepared = await images.prepare_images([v for _, v in request.image_inputs()])
        except Exception:
            # Nothing was sent: the job never existed for the gateway, so it leaves no row
            # (never one stuck in "submitting", whatever went wrong while preparing).
            await asyncio.to_thread(self.journal.delete, job.id)
            raise
        wire = _with_wire_images(request, [p.wire for p in prepared])
        # Which fields the gateway reads depends on its kind: the body and the record say so.
        dialect = await self.client.request_dialect()
        record = {
            **job.request,
            "image_sha256": [p.sha256 for p in prepared],
            "dialect": dialect.value,
            # Where it was sent: the clip checks count toward this gateway's habits.
            "gateway": origin_of(self.client.base_url),
        }
        await self._take_slot(job.id)
        try:
            claimed = await asyncio.to_thread(
                self.journal.claim, job.id, [JobState.SUBMITTING], JobState.POSTING
            )
            if not claimed:  # the lock could not be made (read-only dir) and another won
                self._free_slot(job.id)
                current = await asyncio.to_thread(self.journal.get, job.id)
                assert current is not None
                return current
            await self._update(job.id, request=record)
            try:
                snap = await self.client.create(request_body(wire, dialect))
            except SubmissionUncertainError as exc:
                await self._update(
                    job.id, state=JobState.UNCERTAIN, error_kind=exc.kind, error_message=exc.message
                )
                raise
            except VeoError as exc:
                # A definite "no" (or a connection that never opened): not accepted, not billed.
                await self._update(
                    job.id, state=JobState.FAILED, error_kind=exc.kind, error_message=exc.message
                )
                raise
            # The task id first, in one commit: until it is on disk a kill leaves the job
            # "posting", which only the user may resolve.
            try:
                accepted = await self._update(
                    job.id,
                    task_id=snap.task_id,
                    state=_state_for(snap),
                    progress=snap.progress,
                    remote_status=snap.raw_status,
                    submitted_at=self._clock(),
                )
            except sqlite3.IntegrityError:
                return await self._task_id_taken(job, snap)
            sending.release()
            await asyncio.to_thread(self.journal.record_reply, job.id, dict(snap.raw))
            await checkpoints.reached("posted")
            return accepted
        except BaseException:
            self._free_slot(job.id)
            raise

    # -- follow --------------------------------------------------------------------------------

    async def watch(self, job_id: str) -> Job:
        """Follow one job to downloaded / failed / uncertain / paused. Concurrent callers share
        one watcher, so one job is never polled twice over."""
        task = self._watching.get(job_id)
        if task is None or task.done():
            task = asyncio.ensure_future(self._watch(job_id))
            self._watching[job_id] = task
        return await asyncio.shield(task)

    async def check_once(self, job_id: str) -> Job:
        """One step for each open job: send what was never sent, poll once, download what is
        ready. Used by `veo resume` without --wait."""
        return await self._watch(job_id, once=True)

    def stop_watching(self, job_id: str) -> None:
        task = self._watching.pop(job_id, None)
        if task:
            task.cancel()

    async def _watch(self, job_id: str, once: bool = False) -> Job:
        watch = first_watch(self.policy)
        while True:
            job = await asyncio.to_thread(self.journal.get, job_id)
            if job is None:
                raise InvalidInputError(msg("No job {job_id} in the journal.", job_id=job_id))
            if job.state.finished:
                return job
            if job.state is JobState.SUBMITTING:
                job = await self._send(job)
                if job.state in (JobState.SUBMITTING, JobState.POSTING):
                    if once:  # another process is sending it
                        return job
                    await self._sleep(min(watch.delay, 1.0))
                continue
            if job.state is JobState.POSTING:
                abandoned = await self._claim_abandoned_post(job)
                if abandoned is not None:
                    return abandoned
                if once:
                    return job
                # Another process (a second window, the CLI) is sending it: await its answer.
                await self._sleep(min(watch.delay, 1.0))
                continue
            assert job.task_id is not None
            if job.state is JobState.COMPLETED:
                return await self._download_retrying(job, None, once)
            outcome: JobSnapshot | GatewayError
            try:
                outcome = await self.client.get(job.task_id)
            except GatewayError as exc:
                outcome = exc
            step = next_step(job, outcome, self._clock(), self.policy, watch)
            watch = step.watch
            if isinstance(outcome, JobSnapshot):
                # The reply, the poll count and what they changed: one transaction.
                step.updates.update(reply=dict(outcome.raw), poll_count=job.poll_count + 1)
            elif step.action is not Action.GIVE_UP:
                log.info("poll of %s: %s (%s)", job.id, outcome.kind, outcome.detail)
            if step.updates:
                job = await self._update(job.id, **step.updates)
            if step.action is Action.DOWNLOAD:
                snap = outcome if isinstance(outcome, JobSnapshot) else None
                return await self._download_retrying(job, snap, once)
            if step.action is Action.END:
                return job
            if step.action is Action.GIVE_UP:
                assert step.error is not None
                raise step.error  # the job stays open in the journal: `resume` picks it up
            if once:
                return job
            await self._sleep(step.delay)

    async def _download_retrying(self, job: Job, snap: JobSnapshot | None, once: bool) -> Job:
        """Download; a failure is tried again on its own while the link is likely valid (core's
        policy, for the app and `veo` alike). Raises `DownloadFailed` when it stops trying."""
        tries = 0
        while True:
            try:
                return await self._download(job, snap)
            except DownloadFailed as exc:
                delay = download_retry_delay(exc.job, tries, self._clock(), self.policy)
                if once or delay is None:
                    raise
                log.info("download of %s failed; trying again in %.0fs", job.id, delay)
                await self._sleep(delay)
                tries, snap = tries + 1, None  # a fresh link is asked for next time
                latest = await asyncio.to_thread(self.journal.get, job.id)
                job = latest or exc.job
                if job.state is not JobState.COMPLETED:
                    return job  # fetched meanwhile (Download again, another process)

    async def recheck_missing(self) -> None:
        """Forever: ask the gateway again, now and then, about each job it said it did not know
        (a busy gateway's database can lag far behind its replies)."""
        while True:
            await self._sleep(self.policy.missing_recheck_seconds)
            missing = await asyncio.to_thread(self.journal.newest, states=[JobState.MISSING])
            for job in missing:
                if job.id not in self._watching or self._watching[job.id].done():
                    try:
                        await self.check_once(job.id)
                    except (VeoError, DownloadFailed) as exc:
                        log.info("re-check of %s stopped: %s", job.id, exc)

    async def _task_id_taken(self, job: Job, snap: JobSnapshot) -> Job:
        """The gateway answered with a task id another job already holds: this POST may or may
        not have made a new job (a gateway that deduplicates, or a replayed reply)."""
        holder = await asyncio.to_thread(self.journal.find, snap.task_id or "")
        await self._update(
            job.id,
            state=JobState.UNCERTAIN,
            submitted_at=self._clock(),
            error_kind="submission_uncertain",
            error_message=msg(
                "The gateway answered with task {task_id}, which job {other} already has, so "
                "this send may not have started a new job. It was not sent again: check the "
                "gateway's task list before resending.",
                task_id=snap.task_id or "?",
                other=holder.id if holder else "?",
            ),
        )
        await asyncio.to_thread(self.journal.record_reply, job.id, dict(snap.raw))
        raise SubmissionUncertainError(
            msg(
                "The gateway answered with a task id another job already has. This job was not "
                "sent again: check the gateway's task list before resending."
            ),
            detail=f"task id {snap.task_id} already in the journal",
        )

    def _lock(self, job_id: str, step: str) -> ProcessLock:
        return ProcessLock(self.journal.path.parent / "locks" / f"{job_id}.{step}.lock")

    async def _claim_abandoned_post(self, job: Job) -> Job | None:
        """A job left "posting" by a process that died mid-send (its lock is free) may be billed:
        mark it uncertain, for the user to decide. None while a live sender holds the lock."""
        sending = self._lock(job.id, "send")
        if not await asyncio.to_thread(sending.try_acquire):
            return None
        try:
            marked = await asyncio.to_thread(
                self.journal.claim,
                job.id,
                [JobState.POSTING],
                JobState.UNCERTAIN,
                error_kind="submission_uncertain",
                error_message=msg(
                    "Veo Desktop stopped while this job was being sent, so it may "
                    "or may not have reached the gateway. It was not sent again: check the "
                    "gateway's task list, then resend it yourself if it is not there."
                ),
            )
        finally:
            sending.release()
        current = await asyncio.to_thread(self.journal.get, job.id)
        assert current is not None
        if marked:
            self._emit(current)
        return current if marked or current.state.finished else None

    # -- resume --------------------------------------------------------------------------------

    async def resume_all(self) -> list[Job]:
        """Finish every job a crash or quit left open (oldest first, concurrently)."""
        jobs = await asyncio.to_thread(self.journal.unfinished)
        results = await asyncio.gather(*(self._resume_one(j) for j in jobs))
        return list(results)

    async def _resume_one(self, job: Job) -> Job:
        try:
            return await self.watch(job.id)
        except (VeoError, DownloadFailed) as exc:
            log.info("resume of %s stopped: %s", job.id, exc)
            current = await asyncio.to_thread(self.journal.get, job.id)
            return current or job


_REMOTE_DONE = (
    JobState.COMPLETED,
    JobState.DOWNLOADED,
    JobState.FAILED,
    JobState.UNCERTAIN,
    JobState.PAUSED,
)


def _state_for(snap: JobSnapshot) -> JobState:
    return JobState.QUEUED if snap.status is RemoteStatus.QUEUED else JobState.RUNNING


def _with_wire_images(req: GenerationRequest, wires: list[str]) -> GenerationRequest:
    it = iter(wires)
    fields = [f for f, _ in req.image_inputs()]
    image = last = None
    refs: list[str] = []
    for f in fields:
        v = next(it)
        if f == "image":
            image = v
        elif f == "last_image":
            last = v
        else:
            refs.append(v)
    return req.with_images(
        image if image is not None else req.image,
        last if last is not None else req.last_image,
        tuple(refs) if refs else req.images,
    )
