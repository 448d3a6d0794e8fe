"""What a batch will do before anything is sent: its rows with their findings, what it should
cost, and how long it should take at the gateway's pace."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..gateway.dialects import Dialect
from ..jobs.job import Job, JobState
from ..request.pricing import PriceTable, estimate_request
from .rows import DEFAULTS, BatchItem, Defaults, file_checker, make_item
from .sources import Source, read_source

#: A job's time at the gateway, POST to done, until this gateway has finished some: Veo Fast
#: clips usually take one to two minutes, Standard ones two to four.
DEFAULT_JOB_SECONDS = 120.0


@dataclass(frozen=True)
class Preview:
    source: Source
    items: tuple[BatchItem, ...]
    costs: tuple[Decimal | None, ...]  # per item; None: no price known for it
    jobs_at_once: int
    job_seconds: float  # a typical job's time at this gateway

    @property
    def sendable(self) -> list[BatchItem]:
        return [i for i in self.items if not i.blocked]

    @property
    def blocked(self) -> list[BatchItem]:
        return [i for i in self.items if i.blocked]

    @property
    def cost(self) -> Decimal:
        """The estimate for the rows that can be sent."""
        return sum(
            (c for i, c in zip(self.items, self.costs, strict=True) if c and not i.blocked),
            Decimal(0),
        )

    @property
    def unpriced(self) -> int:
        """Sendable rows the price table has no price for (not in `cost`)."""
        pairs = zip(self.items, self.costs, strict=True)
        return sum(1 for i, c in pairs if c is None and not i.blocked)

    @property
    def eta_seconds(self) -> float:
        return estimated_seconds(len(self.sendable), self.jobs_at_once, self.job_seconds)


def preview_file(
    path: Path,
    *,
    table: PriceTable,
    dialect: Dialect = Dialect.DOCUMENTED,
    jobs_at_once: int = 3,
    job_seconds: float = DEFAULT_JOB_SECONDS,
    defaults: Defaults = DEFAULTS,
) -> Preview:
    """Read the batch file at `path` and check every row (no image is decoded, nothing is sent).
    Raises BatchFileError when the file cannot be a batch at all."""
    source = read_source(path)
    exists = file_checker()
    base = source.path.parent
    items = tuple(make_item(r, base, dialect, defaults, exists) for r in source.records)
    return Preview(source, items, costs_of(items, table), max(1, jobs_at_once), job_seconds)


def costs_of(items: Iterable[BatchItem], table: PriceTable) -> tuple[Decimal | None, ...]:
    out: list[Decimal | None] = []
    for item in items:
        est = estimate_request(table, item.request)
        out.append(est.amount if est is not None else None)
    return tuple(out)


def estimated_seconds(rows: int, jobs_at_once: int, job_seconds: float) -> float:
    """Rows go through in waves of `jobs_at_once`, each about a job long."""
    return math.ceil(rows / max(1, jobs_at_once)) * job_seconds


def typical_job_seconds(jobs: Iterable[Job], default: float = DEFAULT_JOB_SECONDS) -> float:
    """The median POST-to-done time of finished jobs (the newest the caller hands over), or
    `default` when there are none."""
    spans = [
        j.completed_at - j.submitted_at
        for j in jobs
        if j.state in (JobState.COMPLETED, JobState.DOWNLOADED)
        and j.submitted_at
        and j.completed_at
        and j.completed_at > j.submitted_at
    ]
    return statistics.median(spans) if spans else default
