"""`veo batch FILE`: many jobs from a .txt, .csv or .jsonl file, checked and priced first, then
sent through the paced queue; a re-run of the same file picks up where it stopped."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..core.batch.pacer import Pacers
from ..core.batch.preview import (
    DEFAULT_JOB_SECONDS,
    Preview,
    preview_file,
    typical_job_seconds,
)
from ..core.batch.queue import BatchQueue, QueueEvent
from ..core.batch.rows import BatchItem
from ..core.batch.store import STORE_NAME, Batch, BatchRow, BatchStore, RowState
from ..core.config import SharedSettings, gateway_url
from ..core.gateway.dialects import Dialect
from ..core.gateway.profiles import GatewayProfiles
from ..core.jobs.job import Job, JobState
from ..core.jobs.journal import Journal
from ..core.request.pricing import PriceTable, format_money
from ..core.request.rules import check
from ..core.services import Services
from .common import (
    EXIT_FAILED,
    EXIT_GATEWAY,
    EXIT_INPUT,
    EXIT_OK,
    paths_for,
    require_key,
    say,
    say_recovery,
    services_for,
)
from .output import print_json, summary

RECENT_JOBS = 50  # the finished jobs a typical job time is taken from


def add_batch_parser(sub: Any) -> None:
    b = sub.add_parser("batch", help="send many jobs from a .txt, .csv or .jsonl file")
    b.add_argument("file", metavar="FILE", help="one prompt per line (.txt), or .csv / .jsonl")
    b.add_argument("--wait", action="store_true", help="follow every job and download the clips")
    b.add_argument("--json", action="store_true", help="print JSON (a list of the rows' jobs)")
    b.add_argument(
        "--skip-invalid", action="store_true", help="send the rows that can be sent, skip the rest"
    )
    b.add_argument(
        "--dry-run", action="store_true", help="show the rows, their findings and the cost only"
    )
    b.add_argument(
        "--again",
        action="store_true",
        help="start a new batch even if this file, unchanged, was run before",
    )


async def batch(args: argparse.Namespace) -> int:
    if args.dry_run:
        return await asyncio.to_thread(dry_run, args)
    services = await services_for(args)
    say_recovery(services.journal)
    store = BatchStore(services.paths.data_dir / STORE_NAME)
    queue = BatchQueue(store, services.runner, Pacers(services.settings.max_concurrent_jobs))
    try:
        return await run(args, services, queue)
    except asyncio.CancelledError:
        print(
            f"veo: stopped. Sent jobs keep running at the gateway; `veo batch {args.file}` "
            "again picks the batch up.",
            file=sys.stderr,
        )
        raise
    finally:
        await queue.aclose()
        store.close()
        await services.aclose()


# -- preview ---------------------------------------------------------------------------------------


def dry_run(args: argparse.Namespace) -> int:
    """The preview, offline: the gateway's dialect and pace as last known here."""
    paths = paths_for(args)
    settings = SharedSettings.load(paths.config_file)
    base = gateway_url(args.base_url, settings)
    profiles = GatewayProfiles(paths.data_dir / "gateways.json")
    job_seconds = DEFAULT_JOB_SECONDS
    if paths.journal.exists():
        journal = Journal(paths.journal, backups=None)
        try:
            job_seconds = typical_job_seconds(_recent(journal))
        finally:
            journal.close()
    preview = preview_file(
        Path(args.file),
        table=PriceTable.load(paths.prices_file),
        dialect=profiles.dialect(base) if base else Dialect.DOCUMENTED,
        jobs_at_once=settings.max_concurrent_jobs,
        job_seconds=job_seconds,
    )
    if args.json:
        print_json(preview_json(preview))
    else:
        show_preview(preview)
    return EXIT_INPUT if preview.blocked and not args.skip_invalid else EXIT_OK


def _recent(journal: Journal) -> list[Job]:
    return journal.newest(states=[JobState.DOWNLOADED], limit=RECENT_JOBS)


def show_preview(preview: Preview) -> None:
    print(f"{'LINE':>5}  {'MODE':<9}  {'MODEL':<24}  {'S':>2}  {'AUDIO':<5}  {'COST':>6}  PROMPT")
    for item, cost in zip(preview.items, preview.costs, strict=True):
        req = item.request
        audio = {True: "on", False: "off", None: "on*"}[req.generate_audio]
        money = format_money(cost) if cost is not None else "-"
        prompt = req.prompt.replace("\n", " ")
        prompt = prompt if len(prompt) <= 60 else prompt[:59] + "…"
        print(
            f"{item.line:>5}  {req.mode.value:<9}  {req.model_id:<24}  {req.duration or '':>2}  "
            f"{audio:<5}  {money:>6}  {prompt}"
        )
        for reason in item.reasons:
            print(f"{'':7}error: {reason}")
    for line in grouped_warnings(preview.items):
        print(line)
    for note in preview.source.notes:
        print(f"note: {note}")
    print(outline(preview))


def outline(preview: Preview) -> str:
    n, bad = len(preview.sendable), len(preview.blocked)
    text = f"{n} of {len(preview.items)} rows can be sent"
    text += f" ({bad} cannot)." if bad else "."
    text += f" Estimated cost {format_money(preview.cost)}"
    if preview.unpriced:
        text += f" (+{preview.unpriced} rows without a price)"
    text += (
        " (the gateway may charge differently). "
        f"About {_duration(preview.eta_seconds)} at {preview.jobs_at_once} jobs at once "
        f"(a job takes about {_duration(preview.job_seconds)} here)."
    )
    return text


def grouped_warnings(items: tuple[BatchItem, ...] | list[BatchItem]) -> list[str]:
    """Each warning once, with the lines it is about (a 500-row file shares most of them)."""
    lines: dict[str, list[int]] = {}
    for item in items:
        for text in item.warnings:
            lines.setdefault(text, []).append(item.line)
    return [
        f"warning (line{'s' if len(at) > 1 else ''} {_lines(at)}): {t}" for t, at in lines.items()
    ]


def _lines(at: list[int]) -> str:
    return ", ".join(map(str, at[:10])) + (f" and {len(at) - 10} more" if len(at) > 10 else "")


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return f"{round(seconds)} s"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def preview_json(preview: Preview) -> dict[str, Any]:
    rows = []
    for item, cost in zip(preview.items, preview.costs, strict=True):
        req = item.request
        rows.append(
            {
                "line": item.line,
                "mode": req.mode.value,
                "model": req.model_id,
                "prompt": req.prompt,
                "negative_prompt": req.negative_prompt,
                "duration": req.duration,
                "aspect_ratio": req.aspect_ratio,
                "audio": req.generate_audio,
                "seed": req.seed,
                "image": req.image,
                "last_image": req.last_image,
                "refs": list(req.images),
                "estimate_usd": _usd(cost),
                "sendable": not item.blocked,
                "errors": item.reasons,
                "warnings": item.warnings,
            }
        )
    return {
        "file": str(preview.source.path),
        "sha256": preview.source.sha256,
        "rows": rows,
        "sendable": len(preview.sendable),
        "blocked": len(preview.blocked),
        "estimate_usd": _usd(preview.cost),
        "unpriced": preview.unpriced,
        "eta_seconds": preview.eta_seconds,
        "jobs_at_once": preview.jobs_at_once,
        "job_seconds": preview.job_seconds,
        "notes": list(preview.source.notes),
    }


def _usd(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


# -- sending ---------------------------------------------------------------------------------------


async def run(args: argparse.Namespace, services: Services, queue: BatchQueue) -> int:
    journal = services.journal
    preview = await asyncio.to_thread(
        preview_file,
        Path(args.file),
        table=PriceTable.load(services.paths.prices_file),
        dialect=services.client.dialect(),
        jobs_at_once=services.settings.max_concurrent_jobs,
        job_seconds=typical_job_seconds(await asyncio.to_thread(_recent, journal)),
    )
    source = preview.source
    found = None if args.again else queue.store.find(source.path, source.sha256)
    if found is None and preview.blocked and not args.skip_invalid:
        return refuse(args, preview)
    require_key(services, "batch")
    if found is not None:
        batch = found
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(batch.created_at))
        say(
            args,
            f"Picking up batch {batch.id} of {source.path.name} (started {when}); "
            "--again starts a new one.",
        )
        if batch.paused:  # it stopped for the key, the credit or the network: try again
            await queue.resume(batch.id)
    else:
        for item in preview.blocked:
            say(args, f"skipped: {item.describe()}")
        if not preview.sendable:
            return refuse(args, preview)
        # What this gateway drops depends on its kind, learnt (once) from a free read.
        dialect = await services.client.request_dialect()
        warned = [
            BatchItem(i.line, i.request, i.problems, tuple(check(i.request, dialect)))
            for i in preview.sendable
        ]
        for line in grouped_warnings(warned):
            say(args, line)
        say(args, outline(preview))
        batch = await queue.add(source, preview.items)
        say(args, f"Batch {batch.id}: {len(preview.sendable)} jobs from {source.path.name}.")
    unsubscribe = queue.subscribe(progress(args))
    try:
        rows = await queue.run(batch.id, follow=args.wait, stop_when_paused=True)
    finally:
        unsubscribe()
    return report(args, services, queue.store.get(batch.id) or batch, rows)


def refuse(args: argparse.Namespace, preview: Preview) -> int:
    """Invalid rows: nothing is sent; each named by its line, one line each."""
    blocked = preview.blocked
    for item in blocked:
        print(f"veo: {item.describe()}", file=sys.stderr)
    print(
        f"veo: {len(blocked)} of {len(preview.items)} rows cannot be sent, so nothing was sent. "
        "Fix them, or pass --skip-invalid to send the others.",
        file=sys.stderr,
    )
    if args.json:
        print_json(
            {
                "status": "not_sent",
                "error": f"{len(blocked)} rows cannot be sent",
                "error_kind": "invalid_input",
                "rows": [{"line": i.line, "errors": i.reasons} for i in blocked],
            }
        )
    return EXIT_INPUT


def progress(args: argparse.Namespace) -> Any:
    last: dict[int, str] = {}

    def show(event: QueueEvent) -> None:
        row = event.row
        if args.json or row is None:
            return
        if event.job is not None:
            what = event.job.state.value
        elif row.state in (RowState.WAITING, RowState.FAILED, RowState.CANCELLED):
            what = f"{row.state.value}: {row.note}" if row.note else row.state.value
        else:
            return
        if last.get(row.key) != what:
            last[row.key] = what
            print(f"[line {row.line}] {what}", file=sys.stderr)

    return show


def report(args: argparse.Namespace, services: Services, batch: Batch, rows: list[BatchRow]) -> int:
    ordered = sorted(rows, key=lambda r: r.line)
    jobs = [services.journal.get(r.job_id) for r in ordered]
    if args.json:
        print_json([row_summary(r, j) for r, j in zip(ordered, jobs, strict=True)])
    else:
        for r, j in zip(ordered, jobs, strict=True):
            tail = (j.video_path if j else None) or r.note or ""
            print(f"line {r.line}  {(j.state.value if j else r.state.value)}  {tail}".rstrip())
    if batch.paused:
        print(
            f"veo: batch {batch.id} stopped: {batch.note or 'paused'} Then run "
            f"`veo batch {args.file}` again to send the rest.",
            file=sys.stderr,
        )
        return EXIT_GATEWAY
    if any(r.state is RowState.FAILED for r in rows):
        return EXIT_FAILED
    if args.wait and any(r.state not in (RowState.DONE, RowState.CANCELLED) for r in rows):
        return EXIT_GATEWAY  # still open at the gateway: `veo resume --wait` follows them
    if not args.wait:
        say(args, f"Every row was sent. Follow them with `veo batch {args.file} --wait`.")
    return EXIT_OK


def row_summary(row: BatchRow, job: Job | None) -> dict[str, Any]:
    """`veo jobs --json`'s object for the row's job (one not sent yet gets the same keys), and
    the row's line in the file."""
    if job is not None:
        return {**summary(job), "line": row.line}
    req = row.request
    # The same keys as a job's (built by `summary` itself), for a row with no job yet.
    unsent = Job(
        id=row.job_id,
        task_id=None,
        state=JobState.FAILED,
        mode=req.mode,
        model=req.model_id,
        prompt=req.prompt,
        negative_prompt=req.negative_prompt or "",
        request=req.to_record(),
        progress=None,
        remote_status=None,
        video_url=None,
        video_path=None,
        error_kind=row.error_kind,
        error_message=row.note,
        replies=[],
        poll_count=0,
        created_at=0.0,
        updated_at=0.0,
        submitted_at=None,
        completed_at=None,
        downloaded_at=None,
        link_seen_at=None,
    )
    status = "cancelled" if row.state is RowState.CANCELLED else "not_sent"
    return {**summary(unsent), "status": status, "created_at": None, "line": row.line}
