"""`veo generate`, `wait`, `download` and `resume`: sending jobs and following them."""

from __future__ import annotations

import argparse
import json
import sys

from ..core.context import Services
from ..core.errors import AuthError
from ..core.journal import Job, JobState, new_job_id
from ..core.models import GenerationRequest, Mode, Model
from ..core.pricing import PriceTable, estimate_request, format_money
from ..core.rules import Severity, check
from ..core.runner import DownloadFailed
from .common import EXIT_FAILED, EXIT_GATEWAY, EXIT_INPUT, EXIT_OK, CliError
from .library import find_in


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


async def generate(args: argparse.Namespace, services: Services) -> int:
    req = request_from(args, services)
    blocking = [f for f in check(req) if f.blocks]
    if blocking:
        raise CliError(" ".join(f.message for f in blocking), EXIT_INPUT)
    if not services.client.has_key():
        raise AuthError(
            "No API key for this gateway. Run `veo login` (or set VEO_API_KEY), "
            "or try `veo --demo generate ...`."
        )
    # What this gateway drops depends on its kind, learnt (once) from a free read.
    for f in check(req, await services.client.request_dialect()):
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
            summary = job.to_summary()
            if cost:
                summary["estimate_usd"] = cost[0]
            print(json.dumps(summary, ensure_ascii=False))
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
        print(json.dumps(job.to_summary(), ensure_ascii=False))
    elif job.state is JobState.DOWNLOADED:
        print(job.video_path)
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
        jobs = [await services.runner.check_once(j.id) for j in pending]
    if args.json:
        print(json.dumps([j.to_summary() for j in jobs], ensure_ascii=False))
    for j in jobs:
        if not args.json:
            tail = j.video_path or j.error_message or (f"{j.progress}%" if j.progress else "")
            print(f"{j.id}  {j.state.value}  {tail}")
    if any(j.state in (JobState.FAILED, JobState.NO_VIDEO) for j in jobs):
        return EXIT_FAILED
    unfinished = [j for j in jobs if j.state is not JobState.DOWNLOADED]
    return EXIT_GATEWAY if args.wait and unfinished else EXIT_OK
