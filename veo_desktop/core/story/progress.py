"""Where each shot of a board stands, read from its takes and their jobs in the journal (the truth
after a crash), and the board's progress as a whole: plain data for listeners and the CLI."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..i18n import msg
from ..jobs.job import Job, JobState
from ..jobs.send_once import not_accepted
from .board import Board, Shot, continues

_GAVE_UP = (JobState.FAILED, JobState.NO_VIDEO, JobState.UNCERTAIN)


class ShotState(StrEnum):
    NEW = "new"  # no take yet
    WAITING = "waiting"  # a take is given its job id but not sent: its turn, or the shot before
    RUNNING = "running"  # the gateway has it, or its download is still to come
    DONE = "done"  # the film has a downloaded take for it
    FAILED = "failed"  # its take failed, and it has no other to use
    BLOCKED = "blocked"  # the shot it continues from failed: it was not sent

    @property
    def label(self) -> str:
        return {
            ShotState.NEW: msg("Not generated"),
            ShotState.WAITING: msg("Waiting"),
            ShotState.RUNNING: msg("Generating"),
            ShotState.DONE: msg("Done"),
            ShotState.FAILED: msg("Failed"),
            ShotState.BLOCKED: msg("Blocked by the shot before"),
        }[self]


@dataclass(frozen=True)
class ShotStatus:
    shot: Shot
    index: int
    state: ShotState
    job: Job | None  # the job of its latest take, when the journal has one
    chosen: Job | None  # the job of the take the film uses, when downloaded
    note: str | None  # why it failed, waits or is blocked

    @property
    def progress(self) -> float:
        """0..1: done 1, a running take its gateway progress, else 0."""
        if self.state is ShotState.DONE:
            return 1.0
        if self.state is ShotState.RUNNING and self.job is not None and self.job.progress:
            return min(1.0, max(0.0, self.job.progress / 100)) * 0.95  # the download is left
        return 0.0


@dataclass(frozen=True)
class BoardStatus:
    board: Board
    shots: tuple[ShotStatus, ...]
    note: str | None = None  # why generating stopped (a rejected key, no credit, no network)

    @property
    def progress(self) -> float:
        return sum(s.progress for s in self.shots) / len(self.shots) if self.shots else 1.0

    def count(self, state: ShotState) -> int:
        return sum(s.state is state for s in self.shots)

    @property
    def finished(self) -> bool:
        """Every shot is done: the film can be made."""
        return all(s.state is ShotState.DONE for s in self.shots)

    @property
    def settled(self) -> bool:
        """Nothing of the board is sent or waiting to be: each shot done, failed or blocked."""
        return all(
            s.state in (ShotState.DONE, ShotState.FAILED, ShotState.BLOCKED) for s in self.shots
        )


def unsent(job: Job | None) -> bool:
    """A take whose job the gateway never took: it may (still) be sent."""
    return job is None or job.state is JobState.SUBMITTING or not_accepted(job)


def board_status(
    board: Board, job: Callable[[str], Job | None], note: str | None = None
) -> BoardStatus:
    """Each shot's state by its takes' jobs (`job` looks one up in the journal)."""
    out: list[ShotStatus] = []
    for i, shot in enumerate(board.shots):
        latest = job(shot.latest.job_id) if shot.latest else None
        chosen = job(shot.chosen) if shot.chosen else None
        if chosen is not None and chosen.state is not JobState.DOWNLOADED:
            chosen = None
        state, why = _state(shot, latest, chosen)
        before = out[-1] if out else None
        if (
            continues(board, i)
            and before is not None
            and before.state in (ShotState.FAILED, ShotState.BLOCKED)
            and state in (ShotState.NEW, ShotState.WAITING)
        ):
            state = ShotState.BLOCKED
            why = msg("Shot {n}, which it continues from, did not finish.", n=i)
        out.append(ShotStatus(shot, i, state, latest, chosen, why))
    return BoardStatus(board, tuple(out), note)


def _state(shot: Shot, job: Job | None, chosen: Job | None) -> tuple[ShotState, str | None]:
    take = shot.latest
    if take is None:
        return (ShotState.DONE, None) if chosen else (ShotState.NEW, None)
    if job is not None and not unsent(job) and not job.state.finished:
        return ShotState.RUNNING, job.error_message  # a regenerated take too
    if chosen is not None:
        return ShotState.DONE, None
    if job is not None and job.state is JobState.DOWNLOADED:
        return ShotState.DONE, None
    if job is not None and job.state in _GAVE_UP and not not_accepted(job):
        return ShotState.FAILED, job.error_message or job.state.label
    if take.note:  # refused before anything was written or sent (an image, a lost frame)
        return ShotState.FAILED, take.note
    return ShotState.WAITING, job.error_message if job is not None else None


def job_map(jobs: Mapping[str, Job | None]) -> Callable[[str], Job | None]:
    return lambda job_id: jobs.get(job_id)
