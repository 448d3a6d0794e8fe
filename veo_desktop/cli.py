"""`veo`: the command-line front end over the same core, journal and library as the app.

Exit codes: 0 success, 2 invalid input (nothing sent), 3 gateway / auth / network trouble,
4 the job failed. Errors are one readable line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .core.config import SharedSettings, normalize_base_url, normalize_key
from .core.context import Services, build_services
from .core.errors import (
    AuthError,
    InvalidInputError,
    SecretStoreError,
    VeoError,
)
from .core.journal import Job, JobState, Journal, new_job_id
from .core.logs import setup_logging
from .core.models import ASPECT_RATIOS, DEFAULT_MODEL, GenerationRequest, Mode, Model
from .core.paths import Paths, resolve_paths
from .core.pricing import PriceTable, estimate_request, format_money
from .core.rules import Severity, check
from .core.runner import DownloadFailed, PollPolicy
from .core.secrets import KeyStore

EXIT_OK, EXIT_INPUT, EXIT_GATEWAY, EXIT_FAILED = 0, 2, 3, 4


class CliError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="veo", description="Generate video with Veo 3.1 through an OpenAI-style gateway."
    )
    p.add_argument("--base-url", help="gateway base URL (env VEO_BASE_URL)")
    p.add_argument("--data-dir", help="where the journal and library live (env VEO_DATA_DIR)")
    p.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in offline simulator (no key, no network)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    g = sub.add_parser("generate", help="create a video job")
    g.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.TEXT.value)
    g.add_argument("--prompt", default="")
    g.add_argument(
        "--model", default=DEFAULT_MODEL.value, help="one of: " + ", ".join(m.value for m in Model)
    )
    g.add_argument("--image", help="start frame: file path or URL")
    g.add_argument("--last-image", help="end frame: file path or URL")
    g.add_argument("--ref", action="append", default=[], help="reference image (2-3 times)")
    g.add_argument("--video", help="video to extend: URL or a job id")
    g.add_argument("--aspect-ratio", choices=ASPECT_RATIOS, default="16:9")
    g.add_argument("--duration", type=int, default=8, help="4, 6 or 8 seconds")
    g.add_argument("--audio", dest="audio", action="store_true", default=None)
    g.add_argument("--no-audio", dest="audio", action="store_false")
    g.add_argument("--negative-prompt")
    g.add_argument("--seed", type=int)
    g.add_argument("--wait", action="store_true", help="follow the job and download the video")
    g.add_argument("--json", action="store_true", help="print one JSON object")

    j = sub.add_parser("jobs", help="list jobs, newest first")
    j.add_argument("--json", action="store_true")
    j.add_argument("--limit", type=int, default=50)
    j.add_argument(
        "--search",
        metavar="TEXT",
        default="",
        help="words in the prompt or negative prompt (works offline)",
    )
    j.add_argument("--mode", choices=[m.value for m in Mode], action="append")
    j.add_argument("--model", action="append")
    j.add_argument("--status", choices=[s.value for s in JobState], action="append")
    j.add_argument("--oldest-first", action="store_true")

    fr = sub.add_parser("frame", help="save the first or last frame of a clip as a PNG")
    fr.add_argument("job_id", metavar="JOB_ID")
    which = fr.add_mutually_exclusive_group()
    which.add_argument("--last", dest="which", action="store_const", const="last", default="last")
    which.add_argument("--first", dest="which", action="store_const", const="first")
    fr.add_argument("-o", "--output", help="PNG path (default: beside the clip)")

    im = sub.add_parser("import", help="rebuild the journal from a library folder's sidecars")
    im.add_argument("folder", nargs="?", help="default: the library folder")

    w = sub.add_parser("wait", help="follow a job to the end and download it")
    w.add_argument("job_id", metavar="JOB_ID")
    w.add_argument("--json", action="store_true")

    r = sub.add_parser("resume", help="finish every job a crash or quit left open")
    r.add_argument("--wait", action="store_true")
    r.add_argument("--json", action="store_true")

    d = sub.add_parser("download", help="download a completed job's video")
    d.add_argument("job_id", metavar="JOB_ID")
    d.add_argument("--json", action="store_true")

    sub.add_parser("login", help="store the API key in the system keyring")
    sub.add_parser("logout", help="remove the API key from the system keyring")

    s = sub.add_parser("simulate", help="run the offline gateway simulator")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--job-seconds", type=float, default=8.0)
    s.add_argument("--quirky", action="store_true", help="answer like messy real gateways")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.keystore = KeyStore()
    try:
        setup_logging(_paths(args).log_dir, verbose=args.verbose, secrets=args.keystore.known)
    except OSError:
        logging.basicConfig(level=logging.WARNING)  # an unwritable log dir must not stop work
    try:
        if args.command == "simulate":
            return _simulate(args)
        return asyncio.run(_dispatch(args))
    except CliError as exc:
        _fail_json(args, str(exc), "invalid_input")
        print(f"veo: {exc}", file=sys.stderr)
        return exc.code
    except VeoError as exc:
        _fail_json(args, exc.message, exc.kind)
        print(f"veo: {exc.message}", file=sys.stderr)
        return _exit_code(exc)
    except KeyboardInterrupt:
        print(
            "veo: stopped. Jobs keep running at the gateway; `veo resume --wait` picks them up.",
            file=sys.stderr,
        )
        return 130


def _fail_json(args: argparse.Namespace, message: str, kind: str) -> None:
    """With --json, a failure still prints one object: the job's row when one was written."""
    if not getattr(args, "json", False):
        return
    summary: dict[str, object] = {
        "id": None,
        "task_id": None,
        "status": "not_sent",
        "video_path": None,
        "error": message,
        "error_kind": kind,
    }
    job_id = getattr(args, "job_id", None)
    if job_id and args.command == "generate":
        with contextlib.suppress(Exception):
            from .core.journal import Journal

            journal = Journal(_paths(args).journal)
            job = journal.get(job_id)
            journal.close()
            if job is not None:
                summary = {**job.to_summary(), "error": message, "error_kind": kind}
    print(json.dumps(summary, ensure_ascii=False))


def _exit_code(exc: VeoError) -> int:
    if isinstance(exc, InvalidInputError):
        return EXIT_INPUT
    return EXIT_GATEWAY


# -- setup -------------------------------------------------------------------------------------


def _paths(args: argparse.Namespace) -> Paths:
    paths = resolve_paths(args.data_dir)
    given = bool(args.data_dir or os.environ.get("VEO_DATA_DIR"))
    if not args.demo:
        return paths
    from .demo import demo_paths

    return demo_paths(paths, given)


def _base_url(args: argparse.Namespace, paths: Paths) -> str:
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


def _poll_policy() -> PollPolicy | None:
    """`VEO_POLL_SECONDS` polls at a fixed, faster pace: meant for a local simulator."""
    text = os.environ.get("VEO_POLL_SECONDS", "").strip()
    try:
        seconds = float(text) if text else 0.0
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        return None
    return PollPolicy(first_delay=seconds, factor=1.0, max_delay=seconds)


async def _services(args: argparse.Namespace) -> Services:
    paths = _paths(args)
    if args.demo:
        # The simulator loads PyAV and Pillow: import it only when the demo is asked for.
        from .demo import build_demo_services

        return build_demo_services(paths, max_height=360, job_seconds=4.0, policy=_poll_policy())
    return build_services(
        _base_url(args, paths), paths=paths, policy=_poll_policy(), keystore=args.keystore
    )


# -- commands ----------------------------------------------------------------------------------


async def _dispatch(args: argparse.Namespace) -> int:
    if args.command in ("login", "logout"):
        return await _login(args) if args.command == "login" else _logout(args)
    if args.command in ("jobs", "frame", "import"):
        return await asyncio.to_thread(_offline, args)  # the library works without a gateway
    services = await _services(args)
    try:
        if args.command == "generate":
            return await _generate(args, services)
        if args.command == "wait":
            job = _find(services, args.job_id)
            return _report(args, await _follow(services, job.id, args.json))
        if args.command == "download":
            job = _find(services, args.job_id)
            try:
                job = await services.runner.download(job.id)
            except DownloadFailed as exc:
                job = exc.job
            return _report(args, job)
        if args.command == "resume":
            return await _resume(args, services)
        raise CliError(f"unknown command {args.command}", EXIT_INPUT)  # argparse prevents it
    finally:
        await services.aclose()


def _request(args: argparse.Namespace, services: Services) -> GenerationRequest:
    mode = Mode(args.mode)
    video = args.video
    if video and not video.lower().startswith(("http://", "https://")):
        source = services.journal.find(video)
        if source is None:
            raise CliError(
                f"--video {video}: not a URL and no such job. Give the video's URL "
                "or a job id from `veo jobs`.",
                EXIT_INPUT,
            )
        if not source.video_url or source.video_url.startswith("data:"):
            raise CliError(
                f"Job {source.id} has no video link to extend. Pick a job that completed recently.",
                EXIT_INPUT,
            )
        video = source.video_url
    return GenerationRequest(
        mode=mode,
        model=Model.parse(args.model) or args.model,
        prompt=args.prompt,
        image=args.image,
        last_image=args.last_image,
        images=tuple(args.ref),
        video=video,
        aspect_ratio=args.aspect_ratio,
        duration=None if mode is Mode.EXTEND else args.duration,
        generate_audio=args.audio,
        negative_prompt=args.negative_prompt,
        seed=args.seed,
    )


async def _generate(args: argparse.Namespace, services: Services) -> int:
    req = _request(args, services)
    findings = check(req)
    for f in findings:
        if f.severity is Severity.WARNING:
            print(f"warning: {f.message}", file=sys.stderr)
    blocking = [f for f in findings if f.blocks]
    if blocking:
        raise CliError(" ".join(f.message for f in blocking), EXIT_INPUT)
    if not services.client.has_key():
        raise AuthError(
            "No API key for this gateway. Run `veo login` (or set VEO_API_KEY), "
            "or try `veo --demo generate ...`."
        )
    cost = _estimate(req, services)
    if cost and not args.json:
        print(cost[1], file=sys.stderr)
    args.job_id = new_job_id()  # known before the POST, so a failure can still name the job
    job = await services.runner.submit(req, job_id=args.job_id)
    if not args.json:
        print(f"Submitted job {job.id} (task {job.task_id}).", file=sys.stderr)
    if not args.wait:
        if args.json:
            summary = job.to_summary()
            if cost:
                summary["estimate_usd"] = cost[0]
            print(json.dumps(summary, ensure_ascii=False))
        else:
            print(f"Follow it with `veo wait {job.id}`.", file=sys.stderr)
        return EXIT_OK
    return _report(args, await _follow(services, job.id, args.json))


def _estimate(req: GenerationRequest, services: Services) -> tuple[str, str] | None:
    """(amount as a decimal string, the line shown) at the user's price table, or None."""
    table = PriceTable.load(services.paths.prices_file)
    est = estimate_request(table, req)
    if est is None:
        return None
    sound = "with audio" if est.audio else "without audio"
    line = (
        f"Estimated cost: {format_money(est.amount)} ({est.seconds} s of {est.model_id} {sound}, "
        f"at {'list prices' if table == PriceTable.DEFAULT else 'your price table'}; "
        "your gateway may charge differently)."
    )
    return f"{est.amount:.2f}", line


async def _follow(services: Services, job_id: str, quiet: bool) -> Job:
    last: dict[str, tuple[str, int | None]] = {}

    def show(job: Job) -> None:
        key = (job.state.value, job.progress)
        if quiet or job.id != job_id or last.get(job.id) == key:
            return
        last[job.id] = key
        pct = f" {job.progress}%" if job.progress is not None and not job.state.finished else ""
        print(f"[{job.id}] {job.state.value}{pct}", file=sys.stderr)

    unsubscribe = services.runner.subscribe(show)
    try:
        return await services.runner.watch(job_id)
    except DownloadFailed as exc:
        return exc.job
    finally:
        unsubscribe()


def _report(args: argparse.Namespace, job: Job) -> int:
    code = {JobState.DOWNLOADED: EXIT_OK, JobState.FAILED: EXIT_FAILED}.get(job.state, EXIT_GATEWAY)
    if getattr(args, "json", False):
        print(json.dumps(job.to_summary(), ensure_ascii=False))
    elif job.state is JobState.DOWNLOADED:
        print(job.video_path)
    if code != EXIT_OK:
        print(
            f"veo: job {job.id} is {job.state.value}: {job.error_message or ''}".rstrip(": "),
            file=sys.stderr,
        )
    return code


def _find(services: Services, ref: str) -> Job:
    return _find_in(services.journal, ref)


def _offline(args: argparse.Namespace) -> int:
    """Commands that only read or write local files: no gateway, key or network needed."""
    from .core.journal import Journal
    from .core.library import reimport

    paths = _paths(args).ensure()
    journal = Journal(paths.journal)
    try:
        if args.command == "jobs":
            return _jobs(args, journal)
        job_ref = getattr(args, "job_id", None)
        if args.command == "frame":
            return _frame(args, _find_in(journal, job_ref or ""))
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


def _find_in(journal: Journal, ref: str) -> Job:
    job = journal.find(ref)
    if job is None:
        raise CliError(f"No job “{ref}”. `veo jobs` lists them.", EXIT_INPUT)
    return job


def _frame(args: argparse.Namespace, job: Job) -> int:
    from .core.frames import save_frame_png

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


def _jobs(args: argparse.Namespace, journal: Journal) -> int:
    jobs = journal.search(
        args.search,
        modes=[Mode(m) for m in args.mode or []] or None,
        models=args.model or None,
        states=[JobState(s) for s in args.status or []] or None,
        oldest_first=args.oldest_first,
        limit=args.limit,
    )
    if args.json:
        print(json.dumps([j.to_summary() for j in jobs], ensure_ascii=False))
        return EXIT_OK
    if not jobs:
        print(
            "No jobs match."
            if args.search or args.mode or args.model or args.status
            else "No jobs yet. Start one with `veo generate --prompt ...`."
        )
    for j in jobs:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(j.created_at))
        pct = f"{j.progress}%" if j.progress is not None else ""
        prompt = j.prompt if len(j.prompt) <= 50 else j.prompt[:49] + "…"
        print(
            f"{j.id}  {when}  {j.state.value:<10} {pct:>4}  {j.mode.value:<9} "
            f"{j.model:<24} {prompt}"
        )
    return EXIT_OK


async def _resume(args: argparse.Namespace, services: Services) -> int:
    pending = services.journal.unfinished()
    if not pending:
        if not args.json:
            print("Nothing to resume.", file=sys.stderr)
        else:
            print("[]")
        return EXIT_OK
    if args.wait:
        jobs = await services.runner.resume_all()
    else:
        jobs = [await services.runner.check_once(j.id) for j in pending]
    if args.json:
        print(json.dumps([j.to_summary() for j in jobs], ensure_ascii=False))
    for j in jobs:
        if not args.json:
            tail = j.video_path or j.error_message or (f"{j.progress}%" if j.progress else "")
            print(f"{j.id}  {j.state.value}  {tail}")
    if any(j.state is JobState.FAILED for j in jobs):
        return EXIT_FAILED
    unfinished = [j for j in jobs if j.state is not JobState.DOWNLOADED]
    return EXIT_GATEWAY if args.wait and unfinished else EXIT_OK


async def _login(args: argparse.Namespace) -> int:
    paths = resolve_paths(args.data_dir).ensure()
    base = _base_url(args, paths)
    store: KeyStore = args.keystore
    if not store.available():
        from .core.secrets import no_keyring_message

        raise SecretStoreError(no_keyring_message())
    raw = getpass.getpass(f"API key for {base}: ") if sys.stdin.isatty() else sys.stdin.readline()
    key = normalize_key(raw)
    if not key:
        raise CliError("No key entered; nothing was stored.", EXIT_INPUT)
    services = build_services(base, paths=paths, key=lambda: key)
    try:
        await services.client.check_key()
    except AuthError:
        raise
    except VeoError as exc:
        print(
            f"warning: could not check the key now ({exc.message}); storing it anyway.",
            file=sys.stderr,
        )
    finally:
        await services.aclose()
    store.set(base, key)
    settings = SharedSettings.load(paths.config_file)
    if settings.base_url != base:
        settings.base_url = base
        settings.save(paths.config_file)
    print(f"Key stored in the system keyring ({store.backend_name()}) for {base}.")
    return EXIT_OK


def _logout(args: argparse.Namespace) -> int:
    paths = resolve_paths(args.data_dir)
    base = _base_url(args, paths)
    removed = args.keystore.delete(base)
    print(f"Key for {base} removed." if removed else f"No key was stored for {base}.")
    return EXIT_OK


def _simulate(args: argparse.Namespace) -> int:
    from .simulator import Faults, serve_forever

    faults = Faults.quirky(seed=None) if args.quirky else Faults()
    serve_forever(port=args.port, faults=faults, job_seconds=args.job_seconds)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
