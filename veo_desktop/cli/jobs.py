"""`veo generate`, `wait`, `download` and `resume`: sending jobs and following them."""

from __future__ import annotations

import argparse
import asyncio
import sys

from ..core.checks.habits import habits
from ..core.checks.result import failed
from ..core.errors import AuthError, InvalidInputError
from ..core.jobs.followups import extend_link
from ..core.jobs.job import Job, JobState, new_job_id
from ..core.jobs.runner import DownloadFailed
from ..core.request import images
from ..core.request.models import GenerationRequest, Mode, Model
from ..core.request.pricing import PriceTable, estimate_request, format_money
from ..core.request.rules import MAX_PROMPT_CHARS, Severity, check
from ..core.services import Services
from .common import EXIT_FAILED, EXIT_GATEWAY, EXIT_INPUT, EXIT_OK, CliError
from .library import find_in
from .output import print_json, summary, warn_failed_checks


def request_from(args: argparse.Namespace, services: Services) -> GenerationRequest:
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
        try:
            video = extend_link(source)
        except InvalidInputError as exc:
            raise CliError(f"--video {video}: {exc}", EXIT_INPUT) from None
    return GenerationRequest(
        mode=mode,
        model=Model.parse(args.model) or args.model,
        prompt=prompt_from(args),
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


def prompt_from(args: argparse.Namespace) -> str:
    """--prompt, or the text of --prompt-file (a file, or standard input for `-`)."""
    if not args.prompt_file:
        return str(args.prompt)
    name = "standard input" if args.prompt_file == "-" else args.prompt_file
    limit = MAX_PROMPT_CHARS * 4  # UTF-8 bytes: reading stops there, whatever the file is
    try:
        if args.prompt_file == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(args.prompt_file, "rb") as f:
                data = f.read(limit + 1)
    except (OSError, AttributeError) as exc:  # AttributeError: no stdin at all
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise CliError(
            f"--prompt-file {name}: cannot read it ({reason}). Give a readable text file, "
            "or - for standard input.",
            EXIT_INPUT,
        ) from None
    too_long = CliError(
        f"--prompt-file {name} is longer than {MAX_PROMPT_CHARS:,} characters. Shorten the "
        "prompt and try again.",
        EXIT_INPUT,
    )
    if len(data) > limit:
        raise too_long
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"--prompt-file {name} is not UTF-8 text (bad byte at {exc.start}). Save it as UTF-8 "
            "and try again.",
            EXIT_INPUT,
        ) from None
    if len(text) > MAX_PROMPT_CHARS:
        raise too_long
    return text.strip()


async def generate(args: argparse.Namespace, services: Services) -> int:
    req = request_from(args, services)
    blocking = [f for f in check(req) if f.blocks]
    if blocking:
        raise CliError(" ".join(f.message for f in blocking), EXIT_INPUT)
    # Local images are checked before the job is written: a bad path leaves no row behind.
    await asyncio.to_thread(images.check_local, [v for _, v in req.image_inputs()])
    if not services.client.has_key():
        raise AuthError(
            "No API key for this gateway. Run `veo login` (or set VEO_API_KEY), "
            "or try `veo --demo generate ...`."
        )
    # What this gateway drops depends on its kind, learnt (once) from a free read; what its
    # earlier clips failed to deliver is its habits' tally.
    dialect = await services.client.request_dialect()
    for f in check(req, dialect, habits(services.client.profiles, services.base_url)):
        if f.severity is Severity.WARNING:
            print(f"warning: {f.message}", file=sys.stderr)
    cost = estimate(req, services)
    if cost and not args.json:
        print(cost[1], file=sys.stderr)
    args.job_id = new_job_id()  # known before the POST, so a failure can still name the job
    job = await services.runner.submit(req, job_id=args.job_id)
    if not args.json:
        print(f"Submitted job {job.id} (task {job.task_id}).", file=sys.stderr)
    if not args.wait:
        if args.json:
            answer = summary(job)
            if cost:
                answer["estimate_usd"] = cost[0]
            print_json(answer)
        else:
            print(f"Follow it with `veo wait {job.id}`.", file=sys.stderr)
        return EXIT_OK
    return report(args, await follow(services, job.id, args.json))


def estimate(req: GenerationRequest, services: Services) -> tuple[str, str] | None:
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


async def follow(services: Services, job_id: str, quiet: bool) -> Job:
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


def report(args: argparse.Namespace, job: Job) -> int:
    code = EXIT_GATEWAY  # still open at the gateway (or lost to it for now): `veo wait` again
    if job.state is JobState.DOWNLOADED:
        code = EXIT_OK
    elif job.state in (JobState.FAILED, JobState.NO_VIDEO):
        code = EXIT_FAILED
    if getattr(args, "json", False):
        print_json(summary(job))
    elif job.state is JobState.DOWNLOADED:
        print(job.video_path)
    warn_failed_checks(job)
    if code != EXIT_OK:
        print(
            f"veo: job {job.id} is {job.state.value}: {job.error_message or ''}".rstrip(": "),
            file=sys.stderr,
        )
    return code


def find(services: Services, ref: str) -> Job:
    return find_in(services.journal, ref)


async def resume(args: argparse.Namespace, services: Services) -> int:
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
        jobs = [await check_once(services, j.id) for j in pending]
    if args.json:
        print_json([summary(j) for j in jobs])
    for j in jobs:
        warn_failed_checks(j)
        if not args.json:
            tail = j.video_path or j.error_message or (f"{j.progress}%" if j.progress else "")
            print(f"{j.id}  {j.state.value}  {tail}")
    if any(j.state in (JobState.FAILED, JobState.NO_VIDEO) for j in jobs):
        return EXIT_FAILED
    unfinished = [j for j in jobs if j.state is not JobState.DOWNLOADED]
    return EXIT_GATEWAY if args.wait and unfinished else EXIT_OK


async def check_once(services: Services, job_id: str) -> Job:
    """One step of `resume`; a download that failed leaves the job completed, as it says."""
    try:
        return await services.runner.check_once(job_id)
    except DownloadFailed as exc:
        return exc.job


async def check_clip(args: argparse.Namespace, services: Services) -> int:
    """`veo check JOB_ID`: the downloaded clip checked again against its request."""
    from ..core.checks.job_checks import checkable  # decodes video: loaded when needed

    job = find(services, args.job_id)
    if not checkable(job):
        raise CliError(
            f"Job {job.id} has no downloaded clip to check. `veo download {job.id}` first.",
            EXIT_INPUT,
        )
    job = await services.runner.check_clip(job)
    if job.checks is None:
        raise CliError(f"The clip of job {job.id} could not be checked; the log says why.", 1)
    if args.json:
        print_json(summary(job))
    else:
        for c in job.checks:
            print(f"{'ok  ' if c.ok else 'FAIL'}  {c.message}")
    warn_failed_checks(job)
    return EXIT_FAILED if failed(job.checks) else EXIT_OK
