"""The batch queue: sends each waiting row once, paced per gateway, and follows it to the end.
After a restart a row whose job is in the journal is followed, never sent again."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from ..errors import AuthError, NetworkError, OutOfCreditError, RateLimitedError, VeoError
from ..i18n import msg
from ..jobs.download import DownloadFailed
from ..jobs.job import Job, JobState
from ..jobs.runner import JobRunner
from ..jobs.send_once import not_accepted, send_once
from ..shared_runs import shared_run
from .pacer import Pacer, Pacers, Ticket
from .rows import BatchItem
from .sources import Source
from .store import Batch, BatchRow, BatchStore, RowState

log = logging.getLogger(__name__)

#: States in which the gateway no longer runs the job: its slot is free (as the runner's).
REMOTE_DONE = (
    JobState.COMPLETED,
    JobState.DOWNLOADED,
    JobState.FAILED,
    JobState.UNCERTAIN,
    JobState.PAUSED,
    JobState.NO_VIDEO,
)
#: Of those, the ones every further send would meet too: the queue pauses for the user.
PAUSING = (AuthError, OutOfCreditError, NetworkError)


@dataclass(frozen=True)
class QueueEvent:
    batch: Batch
    row: BatchRow | None  # None: the batch itself changed (paused, resumed)
    job: Job | None = None  # the row's job, when the runner reported a change to it


Listener = Callable[[QueueEvent], None]
Step = Callable[[BatchRow, Ticket], Awaitable[None]]


def reconciled(row: BatchRow, job: Job | None) -> tuple[RowState, str | None, str | None]:
    """A stored row's (state, note, error kind) by its job in the journal, which is the truth
    after a crash: only a row whose job was never taken waits to be sent."""
    if row.state is RowState.CANCELLED:
        return row.state, row.note, row.error_kind
    if job is None:
        if row.state in (RowState.WAITING, RowState.SENDING):
            return RowState.WAITING, row.note, row.error_kind
        if row.state is RowState.FAILED:  # failed before its job was written (an image)
            return row.state, row.note, row.error_kind
        gone = msg("Its job is no longer in the journal (moved to the trash?).")
        return (RowState.DONE if row.state is RowState.DONE else RowState.FAILED), gone, None
    if not_accepted(job) or job.state is JobState.SUBMITTING:
        return RowState.WAITING, row.note, row.error_kind
    return _row_state(job)


def _row_state(job: Job) -> tuple[RowState, str | None, str | None]:
    if job.state is JobState.DOWNLOADED:
        return RowState.DONE, None, None
    if job.state in (JobState.FAILED, JobState.NO_VIDEO, JobState.UNCERTAIN):
        return RowState.FAILED, job.error_message, job.error_kind
    return RowState.RUNNING, job.error_message, job.error_kind


class BatchQueue:
    """Runs batches from `store` through `runner`, paced by the gateway's pacer in `pacers`.
    Listeners hear of every row and batch change (plain data, on the event loop)."""

    def __init__(self, store: BatchStore, runner: JobRunner, pacers: Pacers) -> None:
        self.store = store
        self.runner = runner
        self.pacers = pacers
        self._batches: dict[str, Batch] = {}
        self._rows: dict[str, dict[int, BatchRow]] = {}  # this process's copy, written through
        self._by_job: dict[str, tuple[str, int]] = {}
        self._tickets: dict[str, Ticket] = {}  # job id -> the slot its job holds
        self._tasks: dict[str, asyncio.Task[None]] = {}  # job id -> its sender and follower
        self._running: dict[str, asyncio.Future[list[BatchRow]]] = {}
        self._listeners: list[Listener] = []
        self._version = 0
        self._changed = asyncio.Event()
        self._unsubscribe = runner.subscribe(self._on_job)

    async def aclose(self) -> None:
        """Stop sending and following (the jobs go on at the gateway; the next run, `veo
        resume` or the app picks them up). Before the journal closes."""
        self._unsubscribe()
        runs = list(self._running.values())
        for run in runs:
            run.cancel()  # first: a run loop starts new sends as the slots below free up
        tasks = list(self._tasks.items())
        for job_id, task in tasks:
            task.cancel()
            self.runner.stop_watching(job_id)
        await asyncio.gather(*runs, *(t for _, t in tasks), return_exceptions=True)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def pacer(self) -> Pacer:
        return self.pacers.for_gateway(self.runner.client.base_url)

    # -- making and reading batches ----------------------------------------------------------------

    async def add(self, source: Source, items: Sequence[BatchItem]) -> Batch:
        """Keep a new batch of the items that can be sent (the others are noted as skipped)."""
        rows = [(i.line, i.request) for i in items if not i.blocked]
        skipped = [i.line for i in items if i.blocked]
        batch = await asyncio.to_thread(
            self.store.create, source.path, source.sha256, rows, skipped
        )
        self._emit(QueueEvent(batch, None))
        return batch

    def rows(self, batch_id: str) -> list[BatchRow]:
        """The batch's rows in sending order, as this process knows them."""
        if batch_id not in self._rows:
            return self.store.rows(batch_id)
        return sorted(self._rows[batch_id].values(), key=lambda r: (r.position, r.key))

    async def open(self, batch_id: str) -> list[BatchRow]:
        """Load the batch and square each row with its job in the journal."""
        batch = await asyncio.to_thread(self.store.get, batch_id)
        if batch is None:
            raise KeyError(batch_id)
        rows = await asyncio.to_thread(self._reconcile, batch_id)
        self._batches[batch_id] = batch
        self._rows[batch_id] = {r.key: r for r in rows}
        self._by_job.update({r.job_id: (batch_id, r.key) for r in rows})
        return self.rows(batch_id)

    def _reconcile(self, batch_id: str) -> list[BatchRow]:
        out = []
        for row in self.store.rows(batch_id):
            state, note, kind = reconciled(row, self.runner.journal.get(row.job_id))
            if (state, note, kind) != (row.state, row.note, row.error_kind):
                row = self.store.set_state(batch_id, row.key, state, note, kind)
            out.append(row)
        return out

    # -- the user's controls -----------------------------------------------------------------------

    async def pause(self, batch_id: str, note: str | None = None) -> None:
        """No new row is sent until `resume`; rows already sent go on."""
        await self._set_paused(batch_id, True, note)

    async def resume(self, batch_id: str) -> None:
        await self._set_paused(batch_id, False, None)

    async def _set_paused(self, batch_id: str, paused: bool, note: str | None) -> None:
        batch = await asyncio.to_thread(self.store.set_paused, batch_id, paused, note)
        self._batches[batch_id] = batch
        self._emit(QueueEvent(batch, None))
        self._bump()  # a run asleep with nothing in flight wakes to send on resume

    async def cancel(self, batch_id: str, keys: Sequence[int]) -> list[BatchRow]:
        """Cancel the rows among `keys` not sent yet; returns those cancelled."""
        if batch_id not in self._rows:
            await self.open(batch_id)
        # Claimed here, before any await, so the sender cannot pick them meanwhile.
        claimed = [self._rows[batch_id][k] for k in keys if k in self._rows[batch_id]]
        claimed = [r for r in claimed if r.state is RowState.WAITING]
        for row in claimed:
            self._rows[batch_id][row.key] = replace(row, state=RowState.CANCELLED)
        done = []
        for row in claimed:
            if await asyncio.to_thread(self._unsend, row.job_id):
                done.append(await self._set(row, RowState.CANCELLED))
                continue
            # Another process is sending it this very moment: it runs, and is followed there.
            job = await asyncio.to_thread(self.runner.journal.get, row.job_id)
            await self._set(row, *(_row_state(job) if job else (RowState.WAITING, None, None)))
        return done

    def _unsend(self, job_id: str) -> bool:
        """Make sure the row's job is never sent (a crash may have left it written, unsent)."""
        journal = self.runner.journal
        job = journal.get(job_id)
        note = msg("Cancelled in its batch before the gateway took it; nothing was billed.")
        if job is None:
            return True
        if job.state is JobState.SUBMITTING:
            return journal.claim(
                job_id,
                [JobState.SUBMITTING],
                JobState.FAILED,
                error_kind="cancelled",
                error_message=note,
            )
        if not_accepted(job):
            journal.update(job_id, error_kind="cancelled", error_message=note)
            return True
        return False

    async def reorder(self, batch_id: str, keys: Sequence[int]) -> None:
        """Put the waiting rows `keys` in this order (in the places they hold between them)."""
        if batch_id not in self._rows:
            await self.open(batch_id)
        rows = self._rows[batch_id]
        moving = [rows[k] for k in dict.fromkeys(keys) if k in rows]
        moving = [r for r in moving if r.state is RowState.WAITING]
        places = sorted(r.position for r in moving)
        for row, place in zip(moving, places, strict=True):
            rows[row.key] = replace(row, position=place)
        await asyncio.to_thread(self.store.reorder, batch_id, [r.key for r in moving])
        for row in moving:
            self._emit(QueueEvent(self._batches[batch_id], rows[row.key]))
        self._bump()

    # -- running -----------------------------------------------------------------------------------

    async def run(
        self, batch_id: str, *, follow: bool = True, stop_when_paused: bool = False
    ) -> list[BatchRow]:
        """Send the batch's waiting rows as the pacer allows and follow each job. Returns when
        every row has settled (`follow`) or been sent (not `follow`; their jobs go on), or
        with `stop_when_paused` once the batch is paused and nothing of it is in flight."""
        return await shared_run(
            self._running, batch_id, lambda: self._run(batch_id, follow, stop_when_paused)
        )

    async def _run(self, batch_id: str, follow: bool, stop_when_paused: bool) -> list[BatchRow]:
        pacer = self.pacer()
        for row in await self.open(batch_id):
            if row.state is RowState.RUNNING and row.job_id not in self._tasks:
                self._start(row, pacer.hold(), self._follow_only)
        while True:
            seen = self._version
            rows = self.rows(batch_id)
            active = [r for r in rows if r.job_id in self._tasks]
            sending = [r for r in active if r.state is RowState.SENDING]
            waiting = [r for r in rows if r.state is RowState.WAITING]
            if self._batches[batch_id].paused:
                if stop_when_paused and not active:
                    return rows
            elif not waiting:
                if not active or not (follow or sending):
                    return rows
            else:
                ticket = await pacer.acquire()
                # The wait may have been long: pick the first row waiting now.
                waiting = [r for r in self.rows(batch_id) if r.state is RowState.WAITING]
                if self._batches[batch_id].paused or not waiting:
                    pacer.release(ticket)
                    continue
                row = await self._set(waiting[0], RowState.SENDING)
                self._start(row, ticket, self._send)
                continue
            await self._wait_change(seen)

    def _start(self, row: BatchRow, ticket: Ticket, step: Step) -> None:
        async def go() -> None:
            try:
                await step(row, ticket)
            finally:
                ticket.release()
                self._tickets.pop(row.job_id, None)
                self._tasks.pop(row.job_id, None)
                self._bump()

        self._tasks[row.job_id] = asyncio.ensure_future(go())

    async def _send(self, row: BatchRow, ticket: Ticket) -> None:
        pacer = ticket.pacer
        try:
            job = await send_once(self.runner, row.job_id, row.request)
        except RateLimitedError as exc:
            pacer.refused(ticket, exc.retry_after)
            note = msg("The gateway was busy (HTTP 429) and did not take it; it is sent again.")
            await asyncio.to_thread(self._note_refusal, row.job_id, note)
            await self._set(row, RowState.WAITING, note, exc.kind)
            return
        except PAUSING as exc:
            await self._set(row, RowState.WAITING, exc.message, exc.kind)
            await self.pause(row.batch_id, exc.message)
            return
        except VeoError as exc:  # a definite no (a bad request), an image, or uncertain
            await self._set(row, RowState.FAILED, exc.message, exc.kind)
            return
        except Exception as exc:  # ours (a full disk, a bug): stop sending, keep the row
            log.exception("batch row %s could not be sent", row.job_id)
            note = msg(
                "Veo Desktop could not send this row ({error}), so the batch is paused. The log "
                "has the details.",
                error=type(exc).__name__,
            )
            await self._set(row, RowState.WAITING, note, "error")
            await self.pause(row.batch_id, note)
            return
        pacer.accepted(ticket)
        row = await self._set(row, RowState.RUNNING)
        await self._follow(row, ticket, job)

    def _note_refusal(self, job_id: str, note: str) -> None:
        self.runner.journal.update(job_id, error_message=note)

    async def _follow_only(self, row: BatchRow, ticket: Ticket) -> None:
        job = await asyncio.to_thread(self.runner.journal.get, row.job_id)
        if job is not None:
            await self._follow(row, ticket, job)

    async def _follow(self, row: BatchRow, ticket: Ticket, job: Job) -> None:
        if job.state in REMOTE_DONE:
            ticket.release()
        else:
            self._tickets[job.id] = ticket  # freed when the runner reports it done
        try:
            job = await self.runner.watch(job.id)
        except DownloadFailed as exc:
            job = exc.job
        except Exception as exc:  # the watcher stopped (no answer for long): the job stays open
            log.info("batch row %s: %s", row.job_id, exc, exc_info=not isinstance(exc, VeoError))
            latest = await asyncio.to_thread(self.runner.journal.get, job.id)
            job = latest or job
        await self._set(row, *_row_state(job))

    # -- events ------------------------------------------------------------------------------------

    def _on_job(self, job: Job) -> None:
        where = self._by_job.get(job.id)
        if where is None:
            return
        if job.state in REMOTE_DONE and job.id in self._tickets:
            self._tickets.pop(job.id).release()
        batch_id, key = where
        row = self._rows.get(batch_id, {}).get(key)
        if row is not None:
            self._emit(QueueEvent(self._batches[batch_id], row, job))

    async def _set(
        self, row: BatchRow, state: RowState, note: str | None = None, kind: str | None = None
    ) -> BatchRow:
        # This process's copy first (no await before it), then the file.
        new = replace(row, state=state, note=note, error_kind=kind)
        self._rows.setdefault(row.batch_id, {})[row.key] = new
        await asyncio.to_thread(self.store.set_state, row.batch_id, row.key, state, note, kind)
        self._emit(QueueEvent(self._batches[row.batch_id], new))
        self._bump()
        return new

    def _emit(self, event: QueueEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not stop a batch
                log.exception("batch listener failed")

    def _bump(self) -> None:
        self._version += 1
        self._changed.set()

    async def _wait_change(self, seen: int) -> None:
        while self._version == seen:
            self._changed.clear()
            await self._changed.wait()
