"""`veo`'s entry point: parse, run one command, turn every error into one line and an exit code."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from ..core.errors import InvalidInputError, VeoError
from ..core.jobs.download import DownloadFailed
from ..core.jobs.journal import Journal
from ..core.logs import setup_console_logging, setup_logging
from ..core.secrets import KeyStore
from .account import gateway, login, logout, simulate
from .batch import batch
from .common import (
    EXIT_GATEWAY,
    EXIT_INPUT,
    CliError,
    paths_for,
    say_recovery,
    services_for,
    storage_problem,
)
from .jobs import check_clip, find, follow, generate, keep, report, resume
from .library import offline
from .output import print_json
from .output import summary as job_summary
from .parser import build_parser
from .story import story

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.keystore = KeyStore()
    start_logging(args)
    try:
        if args.command == "simulate":
            return simulate(args)
        if args.command == "gateway":
            return asyncio.run(gateway(args))
        if args.command == "batch":
            return asyncio.run(batch(args))
        if args.command == "story":
            return asyncio.run(story(args))
        return asyncio.run(dispatch(args))
    except CliError as exc:
        fail_json(args, str(exc), "invalid_input")
        print(f"veo: {exc}", file=sys.stderr)
        return exc.code
    except VeoError as exc:
        fail_json(args, exc.message, exc.kind)
        print(f"veo: {exc.message}", file=sys.stderr)
        return exit_code(exc)
    except OSError as exc:
        if not exc.filename:  # not about a file: something unexpected
            return unexpected(exc)
        # A folder or file of ours that cannot be made or written (read-only, full, a file in
        # the way): say which, not how the code got there.
        problem = storage_problem(exc, Path(exc.filename))
        log.warning("%s (%s)", problem.message, problem.detail)
        fail_json(args, problem.message, problem.kind)
        print(f"veo: {problem.message}", file=sys.stderr)
        return exit_code(problem)
    except Exception as exc:
        return unexpected(exc)
    except KeyboardInterrupt:
        print(
            "veo: stopped. Jobs keep running at the gateway; `veo resume --wait` picks them up.",
            file=sys.stderr,
        )
        return 130


def start_logging(args: argparse.Namespace) -> None:
    """Records go to the log file; to stderr only with --verbose, so a failing command prints
    its one line and nothing before it."""
    try:
        setup_logging(
            paths_for(args).log_dir,
            verbose=args.verbose,
            console=args.verbose,
            secrets=args.keystore.known,
        )
    except (OSError, VeoError):  # no log folder: the command itself says why, if it needs one
        setup_console_logging(verbose=args.verbose, secrets=args.keystore.known)
    # Python's warnings (Pillow's on a huge image, say) are log records too, not stderr lines.
    logging.captureWarnings(True)


def unexpected(exc: Exception) -> int:
    """A bug of ours: one line here, the traceback in the log."""
    log.error("unexpected error", exc_info=exc)
    print(
        f"veo: unexpected error ({type(exc).__name__}: {exc}). Nothing is re-sent on its "
        "own: `veo jobs` lists every job. The log has the details.",
        file=sys.stderr,
    )
    return 1


def fail_json(args: argparse.Namespace, message: str, kind: str) -> None:
    """With --json, a failure still prints one object, with the job's id and its state as the
    journal has it. "not_sent" only when the journal proves it: its row is written before any
    POST, so a `generate` whose row is gone (or never made) sent nothing."""
    if not getattr(args, "json", False):
        return
    ref = getattr(args, "job_id", None)
    summary: dict[str, object] = {
        "id": ref,
        "task_id": None,
        "status": "not_sent" if ref is None and args.command == "generate" else "unknown",
        "video_path": None,
        "error": message,
        "error_kind": kind,
    }
    if ref:
        try:
            journal = Journal(paths_for(args).journal)
            try:
                job = journal.find(ref)
            finally:
                journal.close()
        except Exception:  # unreadable: "unknown" says so; the message says why
            job = None
            log.warning("could not read the journal for --json", exc_info=True)
        else:
            if job is not None:
                summary = {**job_summary(job), "error": message, "error_kind": kind}
            elif args.command == "generate":
                summary["status"] = "not_sent"
    print_json(summary)


def exit_code(exc: VeoError) -> int:
    if isinstance(exc, InvalidInputError):
        return EXIT_INPUT
    return EXIT_GATEWAY


async def dispatch(args: argparse.Namespace) -> int:
    if args.command in ("login", "logout"):
        return await login(args) if args.command == "login" else logout(args)
    if args.command == "keep":
        return await asyncio.to_thread(keep, args)  # local files only, like `jobs`
    if args.command in ("jobs", "frame", "import"):
        return await asyncio.to_thread(offline, args)  # the library works without a gateway
    services = await services_for(args)
    say_recovery(services.journal)
    try:
        if args.command == "generate":
            return await generate(args, services)
        if args.command == "wait":
            job = find(services, args.job_id)
            return report(args, await follow(services, job.id, args.json))
        if args.command == "download":
            job = find(services, args.job_id)
            try:
                job = await services.runner.download(job.id)
            except DownloadFailed as exc:
                job = exc.job
            return report(args, job)
        if args.command == "resume":
            return await resume(args, services)
        if args.command == "check":
            return await check_clip(args, services)
        raise CliError(f"unknown command {args.command}", EXIT_INPUT)  # argparse prevents it
    finally:
        await services.aclose()
