"""What every `veo` command shares: exit codes, the one error type, and how the data dir,
the gateway and the services are found from the options."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..core.config import SharedSettings, gateway_url
from ..core.errors import AuthError, StorageError
from ..core.jobs.journal import Journal
from ..core.jobs.journal_recovery import storage_error
from ..core.jobs.poll_step import PollPolicy
from ..core.paths import Paths, resolve_paths
from ..core.services import Services, build_services

#: 2: invalid input, nothing sent; 3: gateway, key or network trouble (or a local folder that
#: cannot be used); 4: the job failed or finished without a video.
EXIT_OK, EXIT_INPUT, EXIT_GATEWAY, EXIT_FAILED = 0, 2, 3, 4


class CliError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def paths_for(args: argparse.Namespace) -> Paths:
    try:
        return resolve_paths(args.data_dir, demo=args.demo)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop in the path
        given = args.data_dir or os.environ.get("VEO_DATA_DIR")
        raise storage_error(Path(given or "."), exc) from exc


def ensured(paths: Paths) -> Paths:
    """`paths` with every folder made; a StorageError naming the folder that cannot be."""
    try:
        return paths.ensure()
    except OSError as exc:
        raise storage_problem(exc, paths.data_dir) from exc


def storage_problem(exc: OSError, folder: Path) -> StorageError:
    """One line for a local folder or file that cannot be made or written (`folder` when the
    error names none): which one, and what to do."""
    path = Path(exc.filename) if exc.filename else folder
    if isinstance(exc, NotADirectoryError | FileExistsError):
        blocker = next((p for p in (path, *path.parents) if p.is_file()), None)
        if blocker is not None:
            return StorageError(
                f"Cannot make the folder {path}: {blocker} is a file, not a folder. Choose "
                "another data folder (--data-dir or VEO_DATA_DIR).",
                detail=f"{type(exc).__name__}: {exc}",
            )
    return storage_error(path, exc)


def base_url_for(args: argparse.Namespace, paths: Paths) -> str:
    base = gateway_url(args.base_url, SharedSettings.load(paths.config_file))
    if not base:
        raise CliError(
            "No gateway set. Pass --base-url https://your-gateway (or set "
            "VEO_BASE_URL), or try the offline demo with `veo --demo ...`.",
            EXIT_INPUT,
        )
    return base


def poll_policy() -> PollPolicy | None:
    """`VEO_POLL_SECONDS` polls at a fixed, faster pace: meant for a local simulator."""
    text = os.environ.get("VEO_POLL_SECONDS", "").strip()
    try:
        seconds = float(text) if text else 0.0
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        return None
    return PollPolicy(first_delay=seconds, factor=1.0, max_delay=seconds)


async def services_for(args: argparse.Namespace) -> Services:
    paths = paths_for(args)
    if args.demo:
        # The simulator loads PyAV and Pillow: import it only when the demo is asked for.
        from ..demo import build_demo_services

        return build_demo_services(
            ensured(paths),
            job_seconds=4.0,
            policy=poll_policy(),
            dialect=args.dialect,
        )
    base_url = base_url_for(args, paths)
    return build_services(
        base_url, paths=ensured(paths), policy=poll_policy(), keystore=args.keystore
    )


def say_recovery(journal: Journal) -> None:
    """If opening the journal found it damaged and recovered it, say what happened (once)."""
    if journal.recovery is not None:
        print(f"veo: {journal.recovery.message}", file=sys.stderr)


def open_journal(args: argparse.Namespace) -> tuple[Paths, Journal]:
    """The data dir's paths (folders made) and its journal, for commands that need no gateway;
    a journal found damaged and recovered is said so."""
    paths = ensured(paths_for(args))
    journal = Journal(paths.journal, library_dir=paths.library_dir)
    say_recovery(journal)
    return paths, journal


def require_key(services: Services, command: str) -> None:
    """An AuthError before anything is written when the gateway has no API key."""
    if not services.client.has_key():
        raise AuthError(
            "No API key for this gateway. Run `veo login` (or set VEO_API_KEY), "
            f"or try `veo --demo {command} ...`."
        )


def say(args: argparse.Namespace, text: str) -> None:
    """A progress line on stderr, left out with --json."""
    if not args.json:
        print(text, file=sys.stderr)
