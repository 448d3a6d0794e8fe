"""The thin QObject between the batch widgets and core's batch queue: builds the store and the
queue on first use, turns queue events into signals and owns the tasks that run batches."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from ...core.batch.pacer import Pacers, PacerStatus
from ...core.batch.preview import Preview, preview_file, typical_job_seconds
from ...core.batch.queue import BatchQueue, QueueEvent
from ...core.batch.rows import BatchItem, Defaults
from ...core.batch.sources import Source
from ...core.batch.store import STORE_NAME, Batch, BatchRow, BatchStore, RowState
from ...core.jobs.job import Job, JobState
from ...core.request.pricing import PriceTable
from ...core.services import Services
from ..feature_controller import FeatureController

log = logging.getLogger(__name__)

RECENT_JOBS = 50  # the finished jobs a typical job time is taken from (as `veo batch`)


class BatchController(FeatureController):
    changed = Signal(object)  # QueueEvent: a row or a batch changed (on the GUI thread: qasync)
    opened = Signal(object)  # Batch: made here, or found unfinished at start-up
    finished = Signal(object, object)  # Batch, list[BatchRow]: every row settled

    def __init__(
        self, services: Services, prices: Callable[[], PriceTable], parent: QObject | None = None
    ) -> None:
        super().__init__(services, prices, parent)
        self._queue: BatchQueue | None = None
        self._pacers: Pacers | None = None
        self._runs: dict[str, asyncio.Task[None]] = {}

    # -- the queue, built on first use (a window that never sees a batch never opens the file) --

    async def queue(self) -> BatchQueue:
        async with self._building:
            if self._queue is None:
                path = self.services.paths.data_dir / STORE_NAME
                store = await asyncio.to_thread(BatchStore, path)
                self._pacers = Pacers(self.services.settings.max_concurrent_jobs)
                self._queue = BatchQueue(store, self.services.runner, self._pacers)
                self._queue.subscribe(self.changed.emit)
        return self._queue

    @property
    def built(self) -> BatchQueue | None:
        return self._queue

    def pace(self) -> PacerStatus | None:
        """The gateway's pacer now (slots in use, limit, how long sends wait); None before any
        batch. Follows the jobs-at-once setting, which Settings may have changed."""
        if self._queue is None or self._pacers is None:
            return None
        pacer = self._queue.pacer()
        wanted = self.services.settings.max_concurrent_jobs
        if pacer.jobs_at_once != wanted:
            self._pacers.set_jobs_at_once(wanted)
        return pacer.status()

    # -- before anything is sent -----------------------------------------------------------------

    async def preview(self, path: Path, defaults: Defaults) -> Preview:
        """Read and check the file off the UI thread (nothing is sent). Raises BatchFileError."""
        journal = self.services.journal
        recent = await asyncio.to_thread(
            journal.newest, states=[JobState.DOWNLOADED], limit=RECENT_JOBS
        )
        return await asyncio.to_thread(
            preview_file,
            path,
            table=self.prices(),
            dialect=self.services.client.dialect(),
            jobs_at_once=self.services.settings.max_concurrent_jobs,
            job_seconds=typical_job_seconds(recent),
            defaults=defaults,
        )

    async def earlier(self, source: Source) -> tuple[Batch, list[BatchRow]] | None:
        """The last batch made from this very file (same path and contents), if any."""
        store = (await self.queue()).store
        batch = await asyncio.to_thread(store.find, source.path, source.sha256)
        if batch is None:
            return None
        return batch, await asyncio.to_thread(store.rows, batch.id)

    async def write_lines(self, lines: Sequence[str]) -> Path:
        """Pasted lines kept as a .txt batch file in the data folder (a batch names its file)."""
        folder = self.services.paths.data_dir / "batches"
        name = f"pasted-{time.strftime('%Y%m%d-%H%M%S')}-{len(lines)}.txt"

        def write() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text("".join(f"{line}\n" for line in lines), "utf-8")
            return path

        return await asyncio.to_thread(write)

    # -- sending ---------------------------------------------------------------------------------

    async def start(self, source: Source, items: Sequence[BatchItem]) -> Batch:
        """Keep the batch (rows that cannot be sent are noted as skipped) and start sending."""
        batch = await (await self.queue()).add(source, items)
        self.opened.emit(batch)
        self._run(batch.id)
        return batch

    def resume_all(self) -> None:
        """Start-up: reopen every batch with rows not settled and carry on (core squares each
        row with the journal first, so a row already sent is followed, never sent again)."""
        self._tasks.spawn(self._resume_all())

    async def _resume_all(self) -> None:
        queue = await self.queue()
        found = await asyncio.to_thread(_unfinished, queue.store)
        for batch in reversed(found):  # oldest first: the newest ends up shown
            self.opened.emit(batch)
            self._run(batch.id)

    def _run(self, batch_id: str) -> None:
        if batch_id not in self._runs:
            task = asyncio.ensure_future(self._follow(batch_id))
            self._runs[batch_id] = task
            self._tasks.adopt(task)
            task.add_done_callback(lambda _: self._runs.pop(batch_id, None))

    async def _follow(self, batch_id: str) -> None:
        queue = await self.queue()
        self.pace()
        try:
            rows = await queue.run(batch_id)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("batch %s stopped", batch_id)
            self.message.emit(self.tr("The batch stopped on an error; the log has the details."))
            return
        batch = await asyncio.to_thread(queue.store.get, batch_id)
        if batch is not None:
            self.finished.emit(batch, rows)

    def rows(self, batch_id: str) -> list[BatchRow]:
        """The batch's rows in sending order, as this process knows them."""
        assert self._queue is not None
        return self._queue.rows(batch_id)

    def load_progress(self, batch_id: str) -> None:
        """Announce the batch's jobs as the journal has them now (a panel just showed it)."""
        self._tasks.spawn(self._load_progress(batch_id))

    async def _load_progress(self, batch_id: str) -> None:
        queue = await self.queue()
        journal = self.services.journal
        rows = [r for r in queue.rows(batch_id) if r.state in (RowState.RUNNING, RowState.DONE)]

        def read() -> tuple[Batch | None, dict[str, Job]]:
            found = (journal.get(r.job_id) for r in rows)
            return queue.store.get(batch_id), {j.id: j for j in found if j is not None}

        batch, jobs = await asyncio.to_thread(read)
        if batch is None:
            return
        for row in queue.rows(batch_id):  # as they are now, after the read
            job = jobs.get(row.job_id)
            if job is not None:
                self.changed.emit(QueueEvent(batch, row, job))

    # -- the user's controls ---------------------------------------------------------------------

    @asyncSlot(str)
    async def pause(self, batch_id: str) -> None:
        await (await self.queue()).pause(batch_id)

    @asyncSlot(str)
    async def resume(self, batch_id: str) -> None:
        queue = await self.queue()
        await queue.resume(batch_id)
        self._run(batch_id)

    @asyncSlot(str, object)
    async def cancel(self, batch_id: str, keys: list[int]) -> None:
        done = await (await self.queue()).cancel(batch_id, keys)
        if len(done) < len(keys):
            self.message.emit(self.tr("Only rows not sent yet can be cancelled."))

    @asyncSlot(str, object)
    async def reorder(self, batch_id: str, keys: list[int]) -> None:
        await (await self.queue()).reorder(batch_id, keys)

    # -- quit ------------------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Stop sending and following (jobs go on at the gateway; the next start picks them up),
        before the journal closes."""
        tasks = self._tasks.close()
        queue, self._queue = self._queue, None  # closed once, however often asked
        if queue is not None:
            await queue.aclose()
        await asyncio.gather(*tasks, return_exceptions=True)
        if queue is not None:
            queue.store.close()


def _unfinished(store: BatchStore) -> list[Batch]:
    """Batches with a row not settled, newest first."""
    return [b for b in store.batches() if any(not r.state.settled for r in store.rows(b.id))]
