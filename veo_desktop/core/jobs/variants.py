"""Takes: one prompt sent as 1-4 variants that differ only in seed (one group of jobs, each its own
row before its own POST, so `resume` never sends one twice), and keeping the best of them."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from ..errors import InvalidInputError, VeoError
from ..i18n import msg
from ..library.store import Library
from ..request.models import SEED_MAX, GenerationRequest
from ..request.pricing import Estimate, PriceTable, estimate_request
from .job import Job, new_job_id
from .journal import Journal
from .runner import JobRunner

__all__ = [
    "KEEP_RATING",
    "MAX_RATING",
    "MAX_TAKES",
    "Takes",
    "TakesCost",
    "VariantsStopped",
    "other_takes",
    "pick_seeds",
    "plan_takes",
    "rate_take",
    "submit_variants",
    "takes_cost",
]

MAX_TAKES = 4
MAX_RATING = 5
#: Keeping a take that has no rating of its own gives it full marks: it is the one picked.
KEEP_RATING = MAX_RATING


class VariantsStopped(VeoError):
    """Sending stopped part-way through a group: `sent` were accepted and keep running, `stopped`
    is the take that was refused (its row says why; None if it left no row) and `unsent`
    takes were never written. The cause is the error that stopped it."""

    def __init__(self, error: VeoError, sent: list[Job], stopped: Job | None, total: int) -> None:
        super().__init__(
            msg(
                "{sent} of {total} takes were sent and keep running; take {number} was not "
                "sent: {reason}",
                sent=len(sent),
                total=total,
                number=len(sent) + 1,
                reason=error.message,
            ),
            detail=error.detail,
        )
        self.kind = error.kind
        self.error = error
        self.sent = sent
        self.stopped = stopped
        self.unsent = total - len(sent) - (1 if stopped is not None else 0)


def pick_seeds(
    n: int, first: int | None = None, *, draw: Callable[[int], int] = secrets.randbelow
) -> list[int]:
    """`n` distinct seeds in 0..SEED_MAX: `first` (the one the user chose) first when given, the
    rest drawn at random."""
    seeds = [first] if first is not None else []
    while len(seeds) < n:
        seed = draw(SEED_MAX + 1)
        if seed not in seeds:
            seeds.append(seed)
    return seeds[:n]


@dataclass(frozen=True)
class Takes:
    """What a group will be, decided before anything is written: its id, and per take the job
    id and the request (the user's, with the take's seed)."""

    group_id: str
    job_ids: tuple[str, ...]
    requests: tuple[GenerationRequest, ...]

    @property
    def seeds(self) -> list[int | None]:
        return [r.seed for r in self.requests]


def plan_takes(request: GenerationRequest, n: int) -> Takes:
    """The group of `n` takes of `request` (1 to MAX_TAKES). Raises InvalidInputError."""
    if not 1 <= n <= MAX_TAKES:
        raise InvalidInputError(
            msg("Ask for 1 to {most} takes at once (not {n}).", most=MAX_TAKES, n=n)
        )
    seeds = pick_seeds(n, request.seed)
    return Takes(
        group_id=uuid.uuid4().hex[:12],
        job_ids=tuple(new_job_id() for _ in range(n)),
        requests=tuple(replace(request, seed=s) for s in seeds),
    )


async def submit_variants(
    runner: JobRunner,
    request: GenerationRequest,
    n: int,
    *,
    takes: Takes | None = None,
    on_sent: Callable[[Job], None] | None = None,
) -> list[Job]:
    """Send `n` takes of `request` one after another, as one group; returns them, oldest first.
    `on_sent` hears of each take as soon as the gateway accepts it.

    Each take waits for a "jobs at once" slot like any job, and a slot frees only while the job
    holding it is followed: so each take is followed (`runner.watch`) from the moment it is
    accepted, and goes on being followed after this returns (join it with `runner.watch`, or
    end it with `runner.stop_watching`).

    A take that is refused stops the sending: if none was sent, its error is raised as it is
    (nothing runs); otherwise `VariantsStopped` says which were sent and which were not."""
    plan = takes if takes is not None else plan_takes(request, n)
    sent: list[Job] = []
    for job_id, take in zip(plan.job_ids, plan.requests, strict=True):
        try:
            job = await runner.submit(take, job_id=job_id, group_id=plan.group_id)
        except VeoError as exc:
            if not sent:
                raise
            stopped = await asyncio.to_thread(runner.journal.get, job_id)
            raise VariantsStopped(exc, sent, stopped, len(plan.job_ids)) from exc
        sent.append(job)
        _follow(runner, job.id)
        if on_sent is not None:
            on_sent(job)
    return sent


def _follow(runner: JobRunner, job_id: str) -> None:
    """Start the runner's one watcher of the job; whoever cares joins it with `watch`, so what
    it ends with (an error too) is theirs to read, not this task's."""
    task = asyncio.ensure_future(runner.watch(job_id))
    task.add_done_callback(lambda t: None if t.cancelled() else t.exception())


@dataclass(frozen=True)
class TakesCost:
    """One take's estimate and what `n` of them come to."""

    each: Estimate
    n: int

    @property
    def total(self) -> Decimal:
        return self.each.amount * self.n


def takes_cost(table: PriceTable, request: GenerationRequest, n: int) -> TakesCost | None:
    """The estimate for `n` takes of `request` (they differ only in seed, so cost the same)."""
    each = estimate_request(table, request)
    return None if each is None else TakesCost(each, max(1, n))


def rate_take(journal: Journal, library: Library, job: Job, rating: int | None) -> Job:
    """Rate a take 1-5 (None clears it) in the journal and in its clip's sidecar, so the rating
    survives a rebuilt journal. Raises InvalidInputError for another number."""
    if rating is not None and not 1 <= rating <= MAX_RATING:
        raise InvalidInputError(
            msg("A rating is 1 to {most} stars (0 clears it), not {n}.", most=MAX_RATING, n=rating)
        )
    rated = journal.update(job.id, rating=rating)
    if job.video_path:
        library.update_sidecar(Path(job.video_path), rating=rating)
    return rated


def other_takes(journal: Journal, job: Job) -> list[Job]:
    """The rest of the job's group (what "keep this take, trash the others" trashes)."""
    if not job.group_id:
        return []
    return [j for j in journal.group(job.group_id) if j.id != job.id]
