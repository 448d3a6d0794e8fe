"""What was spent on clips that failed a check against their request, and the CSV a creator
sends the gateway about them (Costs ▸ Spending; the CLI may use it too)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ..files import atomic_file
from ..jobs.job import Job
from ..request.pricing import PriceTable, job_cost
from .result import Check, failed

__all__ = ["CSV_COLUMNS", "FailedClip", "csv_rows", "failed_clips", "spent", "write_csv"]

CSV_COLUMNS = (
    "date",
    "job_id",
    "task_id",
    "mode",
    "model",
    "prompt",
    "failed_checks",
    "estimated_cost_usd",
)

# A spreadsheet runs a cell that starts with one of these as a formula; a prompt is user text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class FailedClip:
    job: Job
    failed: tuple[Check, ...]
    cost: Decimal | None  # None: the price table has no price for the job's model


def failed_clips(
    jobs: Iterable[Job], table: PriceTable, *, billed: bool = True
) -> list[FailedClip]:
    """The clips (in the given order) with at least one failed check, each priced at `table`;
    with `billed` False (offline demo jobs) each costs zero."""
    out: list[FailedClip] = []
    for job in jobs:
        bad = failed(job.checks)
        if not bad:
            continue
        out.append(FailedClip(job, tuple(bad), job_cost(job, table) if billed else Decimal(0)))
    return out


def spent(clips: Iterable[FailedClip]) -> Decimal:
    """The estimated total; a clip the table cannot price adds nothing."""
    return sum((c.cost for c in clips if c.cost is not None), Decimal(0))


def csv_rows(clips: Iterable[FailedClip]) -> list[list[str]]:
    """One row per clip under `CSV_COLUMNS`: local date and time, ids, what failed (in the
    user's language) and the estimate in dollars with two decimals (empty when unpriced)."""
    rows: list[list[str]] = []
    for c in clips:
        job = c.job
        when = datetime.fromtimestamp(job.completed_at or job.created_at)
        rows.append(
            [
                when.strftime("%Y-%m-%d %H:%M"),
                job.id,
                job.task_id or "",
                job.mode.value,
                job.model,
                _cell(job.prompt),
                "; ".join(check.message for check in c.failed),
                "" if c.cost is None else f"{c.cost.quantize(Decimal('0.01'))}",
            ]
        )
    return rows


def write_csv(clips: Iterable[FailedClip], path: Path) -> None:
    """The CSV, UTF-8 with a byte order mark (so a spreadsheet reads Chinese prompts right),
    written beside `path` and renamed over it: a failed write leaves no half file."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(clips))
    with atomic_file(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(text.getvalue())


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text
