"""The thin QObject between the widgets and core: typed signals out, async slots in. The window
and dialogs reach the runner, the journal and the library only through it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from ...core.checks import habits as gateway_habits
from ...core.checks.habits import Habit
from ...core.checks.result import check_label, failed
from ...core.config import SharedSettings
from ...core.errors import InvalidInputError, SubmissionUncertainError, VeoError
from ...core.gateway.dialects import Dialect
from ...core.jobs.download import DownloadFailed
from ...core.jobs.followups import chain_frame, trash_job_files
from ...core.jobs.job import Job, JobState
from ...core.jobs.journal import Journal
from ...core.jobs.journal_recovery import Recovery
from ...core.jobs.runner import JobRunner
from ...core.jobs.variants import KEEP_RATING, other_takes, rate_take, submit_variants
from ...core.library.search import LibraryFilter
from ...core.owned_tasks import OwnedTasks
from ...core.request.models import GenerationRequest
from ...core.services import library_folder
from ..i18n import arg

log = logging.getLogger(__name__)


class JobController(QObject):
    job_changed = Signal(object)  # Job
    submitted = Signal(object)  # Job: accepted by the gateway
    submit_failed = Signal(str)  # what went wrong and what to do; the tab keeps its inputs
    message = Signal(str)  # for the status bar
    busy_changed = Signal(bool)
    deleted = Signal(str)  # job id: its files are in the trash and its row is gone
    key_rejected = Signal(str)  # the gateway refused the key mid-job: ask the user for a new one

    def __init__(self, runner: JobRunner, journal: Journal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.journal = journal
        self._submitting = False
        self._tasks = OwnedTasks()
        self._seen: dict[str, float] = {}
        # The re-check of missing jobs runs for ever: kept apart, so _tasks is the work at hand.
        self._recheck = OwnedTasks()
        self.job_changed.connect(self._remember)
        self._unsubscribe = runner.subscribe(self.job_changed.emit)

    @property
    def submitting(self) -> bool:
        return self._submitting

    def close(self) -> None:
        self._unsubscribe()
        self._tasks.close()
        self._recheck.close()

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

    @asyncSlot(object, int)
    async def submit_variants(self, request: GenerationRequest, n: int) -> None:
        await self.submit_takes_now(request, n)

    async def submit_takes_now(self, request: GenerationRequest, n: int) -> list[Job]:
        """Send `n` takes of the request as one group (one is a plain submit). Each take is
        announced (`submitted`) and followed as soon as it is accepted; a refusal part-way says
        in `submit_failed` which takes were sent. Returns the takes sent."""
        if n <= 1:
            job = await self.submit_now(request)
            return [job] if job else []
        if self._submitting:  # one group per intent, as for one job
            return []
        self._submitting = True
        self.busy_changed.emit(True)
        sent: list[Job] = []

        def accepted(job: Job) -> None:
            sent.append(job)
            self.submitted.emit(job)
            self.follow(job.id)

        try:
            await submit_variants(self.runner, request, n, on_sent=accepted)
        except VeoError as exc:  # VariantsStopped too: its message names what was sent
            log.info("takes stopped after %d: %s (%s)", len(sent), exc.message, exc.detail)
            self.submit_failed.emit(exc.message)
        finally:
            self._submitting = False
            self.busy_changed.emit(False)
        return sent

    # -- follow --------------------------------------------------------------------------------

    def follow(self, job_id: str) -> None:
        self._tasks.spawn(self._follow(job_id))

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

    def resume_all(self) -> None:
        """Follow every job the last run (or the CLI) left open."""
        self._tasks.spawn(self._follow_all(self.journal.unfinished))
        # Jobs the gateway said it did not know are asked again now and then (core's policy):
        # one loop for the window's life, apart from the tasks that follow single jobs.
        if not self._recheck:
            self._recheck.spawn(self.runner.recheck_missing())

    async def _follow_all(self, read: Callable[[], list[Job]]) -> None:
        for job in await asyncio.to_thread(read):  # a long journal is read off the UI thread
            self.follow(job.id)

    def check_again(self, job_id: str) -> None:
        """The user asks about a job the gateway said it did not know: one poll, now."""
        self._tasks.spawn(self._check_again(job_id))

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

    def check_clip(self, job: Job) -> None:
        """Check the clip against its request again (decoded off the UI thread); the row
        follows through `job_changed` and the status bar says what was found."""
        self._tasks.spawn(self._check_clip(job))

    async def _check_clip(self, job: Job) -> None:
        self.message.emit(self.tr("Checking the clip against its request…"))
        try:
            checked = await self.runner.check_clip(job)
        except VeoError as exc:
            self.message.emit(exc.message)
            return
        if checked is job or checked.checks is None:  # the runner could not check it
            self.message.emit(self.tr("The clip could not be checked; the log says why."))
            return
        bad = failed(checked.checks)
        if not bad:
            self.message.emit(self.tr("The clip matches its request."))
            return
        self.message.emit(
            arg(
                self.tr("The clip does not match its request: %1."),
                ", ".join(check_label(c.name, ok=False) for c in bad),
            )
        )

    @asyncSlot(str)
    async def download(self, job_id: str) -> None:
        try:
            await self.runner.download(job_id)
        except DownloadFailed as exc:
            self.message.emit(exc.error.message)
            return
        except VeoError as exc:
            self.message.emit(exc.message)

    def resume_paused(self) -> None:
        """After a new key: pick up every job that paused on a rejected key."""
        self._tasks.spawn(self._follow_all(lambda: self.journal.newest(states=[JobState.PAUSED])))

    # -- the library ---------------------------------------------------------------------------

    @property
    def recovery(self) -> Recovery | None:
        """What rebuilding a damaged journal at start-up found; None when it was whole."""
        return self.journal.recovery

    def page(self, where: LibraryFilter, offset: int, limit: int) -> list[Job]:
        """One page of the library through `where`, for the list model's paging (an indexed
        query of one page: the model asks from the UI thread, as Qt's fetchMore is)."""
        return where.fetch(self.journal, offset, limit)

    def job(self, job_id: str) -> Job | None:
        """One job as the journal has it now (an indexed read of one row)."""
        return self.journal.get(job_id)

    def takes_besides(self, job: Job) -> list[Job]:
        """The other takes of the job's group (none for a job sent alone)."""
        return other_takes(self.journal, job)

    async def all_jobs(self) -> list[Job]:
        """Every job, newest first, read off the UI thread."""
        return await asyncio.to_thread(self.journal.newest)

    async def chain_frame(self, job: Job, which: Literal["first", "last"]) -> Path:
        """The clip's first or last frame saved as a PNG beside it (decoded off the UI thread)."""
        return await asyncio.to_thread(chain_frame, job, self.runner.library, which)

    @asyncSlot(object)
    async def delete(self, job: Job) -> None:
        await self.delete_now(job)

    async def delete_now(self, job: Job) -> bool:
        """Move the job's files to the trash, then forget the job; nothing is forgotten if the
        trash refuses. Emits `deleted`, or says why not in `message` and returns False."""
        try:
            await asyncio.to_thread(trash_job_files, job)
        except OSError as exc:
            self.message.emit(
                arg(
                    self.tr("Could not move the files to the trash (%1); nothing was deleted."), exc
                )
            )
            return False
        self.runner.stop_watching(job.id)
        await asyncio.to_thread(self.journal.delete, job.id)
        self.deleted.emit(job.id)
        return True

    @asyncSlot(object)
    async def delete_all(self, jobs: list[Job]) -> None:
        """Trash each job in turn (a group's takes); stops at the first the trash refuses."""
        for job in jobs:
            if not await self.delete_now(job):
                return

    # -- takes ---------------------------------------------------------------------------------

    @asyncSlot(object, object)
    async def rate(self, job: Job, rating: int | None) -> None:
        await self.rate_now(job, rating)

    async def rate_now(self, job: Job, rating: int | None) -> Job | None:
        """Rate a take 1-5 stars (None clears), in the journal and the clip's sidecar; the row
        follows through `job_changed`."""
        try:
            rated = await asyncio.to_thread(
                rate_take, self.journal, self.runner.library, job, rating
            )
        except (VeoError, OSError, KeyError) as exc:  # KeyError: the job is gone meanwhile
            log.info("rating %s failed: %s", job.id, exc)
            self.message.emit(arg(self.tr("Could not rate the take: %1"), exc))
            return None
        self.job_changed.emit(rated)
        return rated

    @asyncSlot(object)
    async def keep(self, job: Job) -> None:
        await self.keep_now(job)

    async def keep_now(self, job: Job) -> list[str]:
        """Keep this take (its rating, or full marks if it has none) and move the other takes
        of its group to the trash. Returns the ids trashed."""
        rated = await self.rate_now(job, job.rating or KEEP_RATING)
        if rated is None:
            return []
        trashed: list[str] = []
        for other in await asyncio.to_thread(other_takes, self.journal, rated):
            if not await self.delete_now(other):
                break
            trashed.append(other.id)
        self.message.emit(
            self.tr("Kept this take; %n other take(s) moved to the trash.", "", len(trashed))
        )
        return trashed

    # -- settings ------------------------------------------------------------------------------

    def apply(
        self, settings: SharedSettings, config_file: Path, dialect: Dialect | None = None
    ) -> None:
        """Save the shared settings and make the running objects follow them: the gateway URL
        and its dialect, jobs at once, the download folder; then resume jobs paused on a key."""
        settings.save(config_file)
        client = self.runner.client
        client.reconfigure(settings.base_url)
        client.profiles.set_override(settings.base_url, dialect)
        self.runner.set_max_concurrent(settings.max_concurrent_jobs)
        self.runner.library.root = library_folder(settings, self.runner.library.root)
        self.resume_paused()

    def habits(self, base_url: str) -> list[Habit]:
        """What this gateway's checked clips showed, per mode and check (held in memory)."""
        return gateway_habits.habits(self.runner.client.profiles, base_url)

    async def forget_habits(self, base_url: str) -> None:
        """Start this gateway's tally afresh (the profiles file is written off the UI thread)."""
        await asyncio.to_thread(gateway_habits.clear, self.runner.client.profiles, base_url)

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
