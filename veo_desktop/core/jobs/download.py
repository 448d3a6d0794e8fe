"""The download half of the job runner: a completed job's clip into the library, with fresh
links for expired ones and the content route's "finished without a video"."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import DownloadError, GatewayError, InvalidInputError, VeoError
from ..gateway.client import GatewayClient, LinkExpiredError
from ..gateway.replies import JobSnapshot
from ..i18n import msg
from ..library.store import Library, sha256_file
from ..links import is_inline
from . import checkpoints
from .job import Job, JobState
from .journal import Journal
from .locks import ProcessLock
from .poll_step import PollPolicy, content_step, storable

log = logging.getLogger(__name__)


class DownloadFailed(Exception):
    """The job completed but its video could not be saved; `job` carries the message."""

    def __init__(self, job: Job, error: VeoError) -> None:
        super().__init__(error.message)
        self.job = job
        self.error = error


class Downloads:
    """Mixed into `JobRunner`, whose journal, client, clock and locks it uses."""

    client: GatewayClient
    journal: Journal
    library: Library
    policy: PollPolicy
    _clock: Callable[[], float]
    _sleep: Callable[[float], Awaitable[None]]
    _checking: set[asyncio.Future[Job]]
    _watching: dict[str, asyncio.Task[Job]]

    async def _update(self, job_id: str, **fields: Any) -> Job:
        raise NotImplementedError

    def _lock(self, job_id: str, step: str) -> ProcessLock:
        raise NotImplementedError

    def _emit(self, job: Job) -> None:
        raise NotImplementedError

    async def download(self, job_id: str) -> Job:
        job = await asyncio.to_thread(self.journal.find, job_id)
        if job is None:
            raise InvalidInputError(msg("No job “{job_id}”. `veo jobs` lists them.", job_id=job_id))
        if job.state is JobState.DOWNLOADED:
            clip = Path(job.video_path) if job.video_path else None
            kept = clip is not None and await asyncio.to_thread(clip.is_file)
            if kept:
                return job
            # The clip was deleted or moved: it is paid for, so fetch it again (links and
            # upstream copies expire, so this may fail; then the message says so).
            job = await self._update(job.id, state=JobState.COMPLETED, video_path=None)
        if job.state is not JobState.COMPLETED:
            raise InvalidInputError(
                msg(
                    "Job {job_id} is {state}; only a completed job can be downloaded.",
                    job_id=job.id,
                    state=job.state.label,
                )
            )
        return await self._download(job, None)

    async def _download(self, job: Job, snap: JobSnapshot | None) -> Job:
        assert job.task_id is not None
        dest = self.library.path_for(job)
        # One downloader per clip across processes: two writers on one .part file would
        # interleave their bytes into a file that still starts like an MP4.
        fetching = self._lock(job.id, "download")
        await fetching.acquire()
        try:
            job = await self._download_locked(job, snap, dest)
        finally:
            fetching.release(remove=await asyncio.to_thread(dest.exists))
        if job.state is JobState.DOWNLOADED and job.checks is None:
            job = await self.check_clip(job)
        return job

    async def check_clip(self, job: Job) -> Job:
        """Check the downloaded clip against its request (core/checks) and keep the outcome.
        A check that cannot run is logged: it never turns a saved, paid clip into a failure."""
        if job.state is not JobState.DOWNLOADED or not job.video_path:
            raise InvalidInputError(
                msg("Job {job_id} has no downloaded clip to check.", job_id=job.id)
            )
        try:
            # Imported here: the checks decode video (PyAV) and the runner starts without them.
            from ..checks.job_checks import check_job

            work = functools.partial(
                check_job,
                job,
                self.journal,
                self.library,
                self.client.profiles,
                self.client.base_url,
            )
            done = asyncio.get_running_loop().run_in_executor(None, work)
            # Kept until the thread ends, even when whoever awaits is cancelled: `settle` lets
            # a closing app wait for it before the journal it writes to is closed.
            self._checking.add(done)
            done.add_done_callback(self._checking.discard)
            checked = await asyncio.shield(done)
        except Exception:
            log.exception("clip checks of %s could not run", job.id)
            return job
        self._emit(checked)
        return checked

    async def settle(self) -> None:
        """Stop following jobs (they stay open in the journal for `resume`) and wait for the
        clip checks still running on worker threads: call it before closing the journal."""
        watchers = [t for t in self._watching.values() if not t.done()]
        for task in watchers:
            task.cancel()
        if watchers:
            await asyncio.gather(*watchers, return_exceptions=True)
        if self._checking:
            await asyncio.wait(list(self._checking))

    async def _download_locked(self, job: Job, snap: JobSnapshot | None, dest: Path) -> Job:
        assert job.task_id is not None
        if not await asyncio.to_thread(dest.exists):
            address = snap.video_url if snap else None
            if snap is None:
                address = await self._fresh_address(job)
            refreshes = content_tries = 0
            first_failed: float | None = None
            while True:
                try:
                    await self.client.download(address, job.task_id, dest)
                    await checkpoints.reached("renamed")
                    break
                except LinkExpiredError:
                    if refreshes == self.policy.link_refreshes:
                        return await self._download_failed(
                            job,
                            DownloadError(
                                msg("The video link keeps expiring. Choose Download again later.")
                            ),
                        )
                    refreshes += 1
                    address = await self._fresh_address(job)
                except GatewayError as exc:  # only the gateway's own origin answers with these
                    now = self._clock()
                    first_failed = first_failed if first_failed is not None else now
                    step = content_step(exc, first_failed, now, content_tries, self.policy)
                    if step is None:
                        return await self._download_failed(job, exc)
                    if not step.retry:
                        log.warning("job %s has no video: %s", job.id, exc.detail or exc.message)
                        return await self._update(job.id, **step.updates)
                    content_tries += 1
                    log.info(
                        "clip of %s not handed over (%s); again in %.0fs",
                        job.id,
                        exc.kind,
                        step.delay,
                    )
                    await self._sleep(step.delay)
                except DownloadError as exc:
                    return await self._download_failed(job, exc)
        digest = await asyncio.to_thread(sha256_file, dest)
        now = self._clock()
        latest = await asyncio.to_thread(self.journal.get, job.id)
        job = latest or job
        # Sidecar first, then the journal: a kill between the two still leaves a complete clip
        # that `resume` recognises (dest exists) and finishes without downloading again.
        done = replace(job, downloaded_at=now)
        await asyncio.to_thread(self.library.write_sidecar, done, dest, sha256=digest)
        return await self._update(
            job.id,
            state=JobState.DOWNLOADED,
            video_path=str(dest),
            downloaded_at=now,
            error_kind=None,
            error_message=None,
        )

    async def _fresh_address(self, job: Job) -> str | None:
        """Poll once for the current link: links expire and `data:` videos are not stored."""
        assert job.task_id is not None
        try:
            snap = await self.client.get(job.task_id)
        except GatewayError:
            stored = job.video_url
            return stored if stored and not is_inline(stored) else None
        await asyncio.to_thread(self.journal.record_reply, job.id, dict(snap.raw))
        await self._update(job.id, video_url=storable(snap.video_url), link_seen_at=self._clock())
        return snap.video_url

    async def _download_failed(self, job: Job, exc: VeoError) -> Job:
        # The job stays completed: the clip is paid for and can be fetched again.
        log.warning("download of %s failed: %s (%s)", job.id, exc.message, exc.detail)
        updated = await self._update(job.id, error_kind=exc.kind, error_message=exc.message)
        raise DownloadFailed(updated, exc)
