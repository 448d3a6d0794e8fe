"""What every `veo` command shares: exit codes, the one error type, and how the data dir,
the gateway and the services are found from the options."""

from __future__ import annotations

import argparse
import os

from ..core.config import SharedSettings, normalize_base_url
from ..core.context import Services, build_services
from ..core.paths import Paths, resolve_paths
from ..core.runner import PollPolicy

EXIT_OK, EXIT_INPUT, EXIT_GATEWAY, EXIT_FAILED = 0, 2, 3, 4


class CliError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def paths_for(args: argparse.Namespace) -> Paths:
    paths = resolve_paths(args.data_dir)
    given = bool(args.data_dir or os.environ.get("VEO_DATA_DIR"))
    if not args.demo:
        return paths
    from ..demo import demo_paths

    return demo_paths(paths, given)


def base_url_for(args: argparse.Namespace, paths: Paths) -> str:
    text = args.base_url or os.environ.get("VEO_BASE_URL") or ""
    settings = SharedSettings.load(paths.config_file)
    text = text or settings.base_url
    if not text:
        raise CliError(
            "No gateway set. Pass --base-url https://your-gateway (or set "
            "VEO_BASE_URL), or try the offline demo with `veo --demo ...`.",
            EXIT_INPUT,
        )
    return normalize_base_url(text, allow_insecure_http=settings.allow_insecure_http)


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
            paths, max_height=360, job_seconds=4.0, policy=poll_policy(), dialect=args.dialect
        )
    return build_services(
        base_url_for(args, paths), paths=paths, policy=poll_policy(), keystore=args.keystore
    )
