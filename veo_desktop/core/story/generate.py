"""Generating a board: each shot without a take sent once, a chained one from the exact last frame
of the take before; job ids kept before each POST, so a run after a crash never sends twice."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..errors import (
    AuthError,
    InvalidInputError,
    NetworkError,
    OutOfCreditError,
    RateLimitedError,
    VeoError,
)
from ..i18n import msg
from ..jobs.download import DownloadFailed
from ..jobs.followups import chain_frame
from ..jobs.job import Job, JobState
from ..jobs.runner import JobRunner
from ..jobs.send_once import send_once
from ..request.models import GenerationRequest
from ..shared_runs import shared_run
from .board import Board, Take, continues, problems, request_for
from .cost import retryable
from .progress import BoardStatus, ShotState, ShotStatus, board_status, unsent
from .store import StoryStore

log = logging.getLogger(__name__)

#: Refusals every further send would meet too: the board stops sending (the shot waits).
STOPPING = (AuthError, OutOfCreditError, NetworkError, RateLimitedError)


@dataclass(frozen=True)
class StoryEvent:
    """A change: `shot` is the shot that changed (None: the board as a whole)."""

    status: BoardStatus
    shot: ShotStatus | None = None


Listener = Callable[[StoryEvent], None]


@dataclass
class _Run:
    board: Board
    follow: bool
    only: frozenset[str] | None
    jobs: dict[str, Job | None]
    note: str | None = None  # why sending stopped
    done: dict[str, asyncio.Future[Job | None]] = field(default_factory=dict)

    def status(self) -> BoardStatus:
        return board_status(self.board, self.jobs.get, self.note)


class BoardRunner:
    """Generates boards from `store` through `runner`. Listeners hear of every shot's change and
    of the board's progress (plain data, on the event loop)."""

    def __init__(self, store: StoryStore, runner: JobRunner) -> None:
        self.store = store
        self.runner = runner
        self._listeners: list[Listener] = []
        self._runs: dict[tuple[str, frozenset[str] | None], asyncio.Future[BoardStatus]] = {}
        self._by_job: dict[str, _Run] = {}
        self._tasks: set[asyncio.Task[Job | None]] = set()
        self._unsubscribe = runner.subscribe(self._on_job)

    async def aclose(self) -> None:
        """Stop sending and following (sent jobs go on at the gateway; the next Generate or
        `veo story run` picks the board up). Before the journal closes."""
        self._unsubscribe()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def status(self, board_id: str) -> BoardStatus:
        """Where each shot stands now, by the journal."""
        board = await asyncio.to_thread(self._board, board_id)
        jobs = await asyncio.to_thread(self._jobs, board)
        return board_status(board, jobs.get)

    async def generate(
        self, board_id: str, *, follow: bool = True, retry_failed: bool = False
    ) -> BoardStatus:
        """Send every shot without a take (with `retry_failed`, also those whose take failed)
        and every take not sent yet; with `follow`, until each shot is done, failed or blocked.
        Without it, returns once each shot that can be sent now is sent. Raises
        InvalidInputError, with nothing sent, when a shot cannot be sent as it stands."""
        board = await asyncio.to_thread(self._board, board_id)
        bad = problems(board)
        if bad:
            raise InvalidInputError(" ".join(bad))
        status = await self.status(board_id)
        wanted = {
            s.shot.id: s.shot.latest.job_id if s.shot.latest else None
            for s in status.shots
            if s.shot.latest is None
            or (retry_failed and s.state is ShotState.FAILED and retryable(s))
        }
        if wanted:
            await asyncio.to_thread(self.store.assign_takes, board_id, wanted)
        return await self._start(board_id, follow, None)

    async def regenerate(self, board_id: str, shot_id: str, *, follow: bool = True) -> BoardStatus:
        """A new take of one shot (its earlier takes stay, and the chosen one stays chosen)."""
        status = await self.status(board_id)
        shot = status.board.shot(shot_id)
        latest = shot.latest.job_id if shot.latest else None
        await asyncio.to_thread(self.store.assign_takes, board_id, {shot_id: latest})
        return await self._start(board_id, follow, frozenset({shot_id}))

    async def resume_all(self) -> list[BoardStatus]:
        """Finish every board a crash or quit left part-way (a take sent, or given its job id
        and waiting to be sent): what the app does when it starts."""
        boards = await asyncio.to_thread(self.store.boards)
        open_ids = []
        for board in boards:
            status = await self.status(board.id)
            if any(s.state in (ShotState.WAITING, ShotState.RUNNING) for s in status.shots):
                open_ids.append(board.id)
        return list(await asyncio.gather(*(self._start(b, True, None) for b in open_ids)))

    # -- running ---------------------------------------------------------------------------------

    async def _start(self, board_id: str, follow: bool, only: frozenset[str] | None) -> BoardStatus:
        return await shared_run(
            self._runs, (board_id, only), lambda: self._run(board_id, follow, only)
        )

    async def _run(self, board_id: str, follow: bool, only: frozenset[str] | None) -> BoardStatus:
        board = await asyncio.to_thread(self._board, board_id)
        run = _Run(board, follow, only, await asyncio.to_thread(self._jobs, board))
        await self._choose_downloaded(run)
        loop = asyncio.get_running_loop()
        run.done = {s.id: loop.create_future() for s in board.shots}
        for shot in board.shots:
            if shot.latest is not None:
                self._by_job[shot.latest.job_id] = run
        self._emit(run)
        tasks = [asyncio.ensure_future(self._shot(run, i)) for i in range(len(board.shots))]
        self._tasks.update(tasks)
        try:
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            self._tasks.difference_update(tasks)
            for shot in board.shots:
                if shot.latest is not None and self._by_job.get(shot.latest.job_id) is run:
                    del self._by_job[shot.latest.job_id]
        for outcome in outcomes:
            if isinstance(outcome, BaseException):  # every shot had its turn first
                raise outcome
        self._emit(run)
        return run.status()

    async def _shot(self, run: _Run, index: int) -> Job | None:
        shot = run.board.shots[index]
        outcome: Job | None = None
        try:
            if run.only is None or shot.id in run.only:
                await self._take(run, index)
            outcome = await self._chosen(run, shot.id)
        finally:
            run.done[shot.id].set_result(outcome)
        return outcome

    async def _take(self, run: _Run, index: int) -> None:
        """Send the shot's latest take if it was never taken, and follow it."""
        shot = run.board.shots[index]
        take = shot.latest
        if take is None:
            return
        job = run.jobs.get(take.job_id)
        if unsent(job) and take.note is None:
            if continues(run.board, index):
                before = await asyncio.shield(run.done[run.board.shots[index - 1].id])
                if before is None:  # failed, blocked, or not done yet (not following)
                    self._emit(run, shot.id)
                    return
                job = await self._send_chained(run, index, before)
            else:
                job = await self._send(run, index, request_for(run.board, shot))
        if job is None:
            return
        if run.follow and not job.state.finished:
            job = await self._follow(run, index, job)
        run.jobs[job.id] = job
        if job.state is JobState.DOWNLOADED:
            run.board = await asyncio.to_thread(
                self.store.choose_if_none, run.board.id, shot.id, job.id
            )
        self._emit(run, shot.id)

    async def _send_chained(self, run: _Run, index: int, before: Job) -> Job | None:
        shot = run.board.shots[index]
        take = shot.latest
        assert take is not None
        if run.jobs.get(take.job_id) is None:  # its request is not written yet
            try:
                frame = await asyncio.to_thread(chain_frame, before, self.runner.library, "last")
            except (InvalidInputError, ValueError, OSError) as exc:
                text = exc.message if isinstance(exc, VeoError) else str(exc)
                note = msg(
                    "The last frame of the shot before could not be read: {error}", error=text
                )
                await self._note(run, index, note)
                return None
            await asyncio.to_thread(
                self.store.update_take, take.job_id, start_frame=str(frame), source_job=before.id
            )
            run.board = _with_take(run.board, shot.id, replace(take, start_frame=str(frame)))
            return await self._send(run, index, request_for(run.board, shot, str(frame)))
        return await self._send(run, index, None)

    async def _send(self, run: _Run, index: int, request: GenerationRequest | None) -> Job | None:
        """Send the take once, under its own job id: a job that exists is sent only if it never
        was (or the gateway definitely refused it)."""
        shot = run.board.shots[index]
        take = shot.latest
        assert take is not None
        if run.note is not None:
            return None  # the board stopped sending: it waits for the next run
        journal = self.runner.journal
        self._by_job[take.job_id] = run
        group = f"story-{run.board.id}-{shot.id}"
        try:
            job = await send_once(self.runner, take.job_id, request, group_id=group)
        except STOPPING as exc:
            run.note = exc.message
            await self._refresh(run, take.job_id)
            self._emit(run, shot.id)
            return None
        except VeoError as exc:
            if await asyncio.to_thread(journal.get, take.job_id) is None:  # nothing written
                await self._note(run, index, exc.message)
            else:
                await self._refresh(run, take.job_id)
                self._emit(run, shot.id)
            return None
        except Exception as exc:  # ours (a full disk, a bug): stop sending, keep the take
            log.exception("story shot %s could not be sent", shot.id)
            run.note = msg(
                "Veo Desktop could not send a shot ({error}), so generating stopped. The log "
                "has the details.",
                error=type(exc).__name__,
            )
            self._emit(run, shot.id)
            return None
        run.jobs[job.id] = job
        self._emit(run, shot.id)
        return job

    async def _follow(self, run: _Run, index: int, job: Job) -> Job:
        try:
            return await self.runner.watch(job.id)
        except DownloadFailed as exc:
            return exc.job
        except Exception as exc:  # the watcher stopped (no answer for long): the job stays open
            shot = run.board.shots[index].id
            log.info("story shot %s: %s", shot, exc, exc_info=not isinstance(exc, VeoError))
            latest = await asyncio.to_thread(self.runner.journal.get, job.id)
            return latest or job

    async def _chosen(self, run: _Run, shot_id: str) -> Job | None:
        chosen = run.board.shot(shot_id).chosen
        job = run.jobs.get(chosen) if chosen else None
        return job if job is not None and job.state is JobState.DOWNLOADED else None

    async def _choose_downloaded(self, run: _Run) -> None:
        """A shot whose take was downloaded just before a crash gets it chosen now."""
        for shot in run.board.shots:
            done = [t for t in shot.takes if _downloaded(run.jobs.get(t.job_id))]
            if shot.chosen is None and done:
                run.board = await asyncio.to_thread(
                    self.store.choose_if_none, run.board.id, shot.id, done[0].job_id
                )

    async def _note(self, run: _Run, index: int, note: str) -> None:
        """The take could not be sent and nothing reached the gateway: the shot failed."""
        shot = run.board.shots[index]
        take = shot.latest
        assert take is not None
        await asyncio.to_thread(self.store.update_take, take.job_id, note=note)
        run.board = _with_take(run.board, shot.id, replace(take, note=note))
        self._emit(run, shot.id)

    async def _refresh(self, run: _Run, job_id: str) -> None:
        run.jobs[job_id] = await asyncio.to_thread(self.runner.journal.get, job_id)

    # -- reading ---------------------------------------------------------------------------------

    def _board(self, board_id: str) -> Board:
        board = self.store.get(board_id)
        if board is None:
            raise InvalidInputError(msg("No storyboard {id}.", id=board_id))
        return board

    def _jobs(self, board: Board) -> dict[str, Job | None]:
        ids = {t.job_id for s in board.shots for t in s.takes}
        return {job_id: self.runner.journal.get(job_id) for job_id in ids}

    # -- events ----------------------------------------------------------------------------------

    def _on_job(self, job: Job) -> None:
        run = self._by_job.get(job.id)
        if run is None:
            return
        run.jobs[job.id] = job
        for shot in run.board.shots:
            if shot.latest is not None and shot.latest.job_id == job.id:
                self._emit(run, shot.id)

    def _emit(self, run: _Run, shot_id: str | None = None) -> None:
        status = run.status()
        shot = status.shots[run.board.index(shot_id)] if shot_id is not None else None
        event = StoryEvent(status, shot)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not stop a board
                log.exception("story listener failed")


def _downloaded(job: Job | None) -> bool:
    return job is not None and job.state is JobState.DOWNLOADED


def _with_take(board: Board, shot_id: str, take: Take) -> Board:
    shots = tuple(
        replace(s, takes=(*s.takes[:-1], take)) if s.id == shot_id else s for s in board.shots
    )
    return replace(board, shots=shots)
