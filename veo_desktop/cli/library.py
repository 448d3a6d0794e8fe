"""`veo jobs`, `frame` and `import`: the local library, no gateway needed."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..core.checks.result import failed
from ..core.config import SharedSettings
from ..core.jobs.job import Job, JobState
from ..core.jobs.journal import Journal
from ..core.request.models import Mode
from .common import EXIT_INPUT, EXIT_OK, CliError, open_journal
from .output import print_json, summary


def offline(args: argparse.Namespace) -> int:
    """Commands that only read or write local files: no gateway, key or network needed."""
    from ..core.library.store import reimport

    paths, journal = open_journal(args)
    try:
        if args.command == "jobs":
            return jobs(args, journal)
        job_ref = getattr(args, "job_id", None)
        if args.command == "frame":
            return frame(args, find_in(journal, job_ref or ""))
        settings = SharedSettings.load(paths.config_file)
        folder = Path(args.folder or settings.library_dir or paths.library_dir).expanduser()
        if not folder.is_dir():
            raise CliError(
                f"{folder} is not a folder. Give the library folder to import.", EXIT_INPUT
            )
        added = reimport(folder, journal)
        print(f"Imported {len(added)} clip(s) from {folder}.")
        return EXIT_OK
    finally:
        journal.close()


def find_in(journal: Journal, ref: str) -> Job:
    job = journal.find(ref)
    if job is None:
        raise CliError(f"No job “{ref}”. `veo jobs` lists them.", EXIT_INPUT)
    return job


def frame(args: argparse.Namespace, job: Job) -> int:
    from ..core.library.frames import save_frame_png

    if not job.video_path or not Path(job.video_path).is_file():
        raise CliError(
            f"Job {job.id} has no downloaded clip. `veo download {job.id}` first.", EXIT_INPUT
        )
    video = Path(job.video_path)
    out = Path(args.output) if args.output else video.with_name(f"{video.stem}-{args.which}.png")
    try:
        save_frame_png(video, args.which, out)
    except ValueError as exc:
        raise CliError(f"Could not read the clip: {exc}", EXIT_INPUT) from None
    print(out)
    return EXIT_OK


def jobs(args: argparse.Namespace, journal: Journal) -> int:
    jobs = journal.search(
        args.search,
        modes=[Mode(m) for m in args.mode or []] or None,
        models=args.model or None,
        states=[JobState(s) for s in args.status or []] or None,
        checks_failed=args.checks_failed,
        rated=args.rated,
        group_id=args.group,
        oldest_first=args.oldest_first,
        limit=args.limit,
    )
    if args.json:
        print_json([summary(j) for j in jobs])
        return EXIT_OK
    if not jobs:
        print(
            "No jobs match."
            if args.search
            or args.mode
            or args.model
            or args.status
            or args.checks_failed
            or args.rated
            or args.group
            else "No jobs yet. Start one with `veo generate --prompt ...`."
        )
    for j in jobs:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(j.created_at))
        pct = f"{j.progress}%" if j.progress is not None else ""
        bad = len(failed(j.checks))
        flag = f"  [{bad} check{'s' if bad > 1 else ''} failed]" if bad else ""
        prompt = j.prompt if len(j.prompt) <= 50 else j.prompt[:49] + "…"
        print(
            f"{j.id}  {when}  {j.state.value:<10} {pct:>4}  {j.mode.value:<9} "
            f"{j.model:<24} {prompt}{flag}"
        )
    return EXIT_OK
