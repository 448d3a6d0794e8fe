"""The thin QObject between widgets and the core runner: typed signals out, async slots in.
Widgets never call the runner directly, and every async slot resets its busy state in
`finally`, so a failure can never leave the window stuck."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from ...core.errors import InvalidInputError, SubmissionUncertainError, VeoError
from ...core.jobs.journal import Job, JobState, Journal
from ...core.jobs.runner import DownloadFailed, JobRunner
from ...core.request.models import GenerationRequest

log = logging.getLogger(__name__)


class JobController(QObject):
    job_changed = Signal(object)  # Job
    submitted = Signal(object)  # Job: accepted by the gateway
    submit_failed = Signal(str)  # what went wrong and what to do; the tab keeps its inputs
    message = Signal(str)  # for the status bar
    busy_changed = Signal(bool)
    job_finished = Signal(object)  # Job: downloaded, failed, uncertain or paused
    key_rejected = Signal(str)  # the gateway refused the key mid-job: ask the user for a new one

    def __init__(self, runner: JobRunner, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.journal = journal
        self._submitting = False
        self._tasks: set[asyncio.Task[object]] = set()
        self._seen: dict[str, float] = {}
        self._recheck: asyncio.Future[None] | None = None
        self.job_changed.connect(self._remember)
        self._unsubscribe = runner.subscribe(self.job_changed.emit)

    @property
    def submitting(self) -> bool:
        return self._submitting

    def close(self) -> None:
        self._unsubscribe()
        for task in [*self._tasks, *([self._recheck] if self._recheck else [])]:
            task.cancel()

    # -- submit --------------------------------------------------------------------------------

    @asyncSlot(object)
    async def submit(self, request: GenerationRequest) -> None:
        await self.submit_now(request)

    async def submit_now(self, request: GenerationRequest) -> Job | None:
        # One job per intent: a double click or a held Ctrl+Return lands here while the first
        # submit is still on its way, and is dropped.
        if self._submitting:
            return None
        self._submitting = True
        self.busy_changed.emit(True)
        try:
            job = await self.runner.submit(request)
        except SubmissionUncertainError as exc:
            self.submit_failed.emit(exc.message)
            return None
        except InvalidInputError as exc:
            self.submit_failed.emit(exc.message)
            return None
        except VeoError as exc:
            log.info("submit failed: %s (%s)", exc.message, exc.detail)
            self.submit_failed.emit(exc.message)
            return None
        finally:
            self._submitting = False
            self.busy_changed.emit(False)
        self.submitted.emit(job)
        self.follow(job.id)
        return job

    # -- follow --------------------------------------------------------------------------------

    def follow(self, job_id: str) -> None:
        self._spawn(self._follow(job_id))

    async def _follow(self, job_id: str) -> None:
        try:
            job = await self.runner.watch(job_id)
        except DownloadFailed as exc:
            job = exc.job
        except VeoError as exc:
            # Network trouble for a long time: the job stays open in the journal.
            self.message.emit(exc.message)
            return
        if job.state is JobState.PAUSED and job.error_kind == "auth":
            text = self.tr(
                "The gateway rejected the API key; jobs are paused, not lost. "
                "Open Settings and enter a new key to carry on."
            )
            self.key_rejected.emit(text)
            self.message.emit(text)
        self.job_finished.emit(job)

    def resume_all(self) -> None:
        for job in self.journal.unfinished():
            self.follow(job.id)
        # Jobs the gateway said it did not know are asked again now and then (core's policy):
        # one loop for the window's life, apart from the tasks that follow single jobs.
        if self._recheck is None:
            self._recheck = asyncio.ensure_future(self.runner.recheck_missing())

    def check_again(self, job_id: str) -> None:
        """The user asks about a job the gateway said it did not know: one poll, now."""
        self._spawn(self._check_again(job_id))

    async def _check_again(self, job_id: str) -> None:
        try:
            job = await self.runner.check_once(job_id)
        except (VeoError, DownloadFailed) as exc:
            self.message.emit(str(exc))
            return
        if job.state is JobState.MISSING:
            self.message.emit(self.tr("The gateway still does not know this job."))
        elif not job.state.finished:
            self.follow(job.id)

    @asyncSlot(str)
    async def download(self, job_id: str) -> None:
        try:
            job = await self.runner.download(job_id)
        except DownloadFailed as exc:
            self.message.emit(exc.error.message)
            return
        except VeoError as exc:
            self.message.emit(exc.message)
            return
        self.job_finished.emit(job)

    def resume_paused(self) -> None:
        """After a new key: pick up every job that paused on a rejected key."""
        for job in self.journal.newest(states=[JobState.PAUSED]):
            self.follow(job.id)

    @asyncSlot()
    async def sync_external(self) -> None:
        """Pick up jobs another process (the `veo` CLI, a second window) wrote to the shared
        journal: announce rows that are new or changed since we last looked."""
        jobs = await asyncio.to_thread(self.journal.newest, limit=50)
        for job in jobs:
            if self._seen.get(job.id) != job.updated_at:
                self._seen[job.id] = job.updated_at
                self.job_changed.emit(job)

    def _remember(self, job: Job) -> None:
        self._seen[job.id] = job.updated_at

    def _spawn(self, coro: object) -> None:
        task = asyncio.ensure_future(coro)  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
