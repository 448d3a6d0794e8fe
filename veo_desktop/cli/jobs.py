"""`veo generate` (one job, or takes with --variants), `wait`, `download`, `resume` and `keep`:
sending jobs, following them, and keeping the best take."""

from __future__ import annotations

import argparse
import asyncio
import sys

from ..core.checks.habits import habits
from ..core.checks.result import failed
from ..core.errors import InvalidInputError
from ..core.jobs.download import DownloadFailed
from ..core.jobs.followups import extend_link, trash_job_files
from ..core.jobs.job import Job, JobState, new_job_id
from ..core.jobs.journal import Journal
from ..core.jobs.variants import (
    KEEP_RATING,
    MAX_RATING,
    VariantsStopped,
    other_takes,
    plan_takes,
    rate_take,
    submit_variants,
    takes_cost,
)
from ..core.library.store import Library
from ..core.request import images
from ..core.request.models import GenerationRequest, Mode, Model
from ..core.request.pricing import PriceTable, format_money
from ..core.request.rules import MAX_PROMPT_CHARS, Severity, check
from ..core.services import Services
from .common import (
    EXIT_FAILED,
    EXIT_GATEWAY,
    EXIT_INPUT,
    EXIT_OK,
    CliError,
    open_journal,
    require_key,
)
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
    require_key(services, "generate")
    # What this gateway drops depends on its kind, learnt (once) from a free read; what its
    # earlier clips failed to deliver is its habits' tally.
    dialect = await services.client.request_dialect()
    for f in check(req, dialect, habits(services.client.profiles, services.base_url)):
        if f.severity is Severity.WARNING:
            print(f"warning: {f.message}", file=sys.stderr)
    if args.variants != 1:
        return await generate_takes(args, services, req)
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


def estimate(req: GenerationRequest, services: Services, n: int = 1) -> tuple[str, str] | None:
    """(one take's amount as a decimal string, the line shown) at the user's price table, or
    None; for `n` takes the line shows their total."""
    table = PriceTable.load(services.paths.prices_file)
    cost = takes_cost(table, req, n)
    if cost is None:
        return None
    est = cost.each
    sound = "with audio" if est.audio else "without audio"
    amount = format_money(est.amount)
    if n > 1:
        amount = f"{n} × {amount} = {format_money(cost.total)}"
    line = (
        f"Estimated cost: {amount} ({est.seconds} s of {est.model_id} {sound}"
        f"{' each' if n > 1 else ''}, "
        f"at {'list prices' if table == PriceTable.DEFAULT else 'your price table'}; "
        "your gateway may charge differently)."
    )
    return f"{est.amount:.2f}", line


async def generate_takes(
    args: argparse.Namespace, services: Services, req: GenerationRequest
) -> int:
    """`generate --variants N`: N takes of the request as one group; one line (or one JSON
    object in a list) per take."""
    try:
        plan = plan_takes(req, args.variants)
    except InvalidInputError as exc:
        raise CliError(f"--variants {args.variants}: {exc}", EXIT_INPUT) from None
    n = len(plan.job_ids)
    cost = estimate(req, services, n)
    if cost and not args.json:
        print(cost[1], file=sys.stderr)
    args.job_id = plan.job_ids[0]  # a failure before the first is accepted names it

    def sent(job: Job) -> None:
        if not args.json:
            number = plan.job_ids.index(job.id) + 1
            print(
                f"Submitted take {number} of {n}: job {job.id} (task {job.task_id}, "
                f"seed {job.request.get('seed')}).",
                file=sys.stderr,
            )

    code = EXIT_OK
    try:
        jobs = await submit_variants(services.runner, req, n, takes=plan, on_sent=sent)
    except VariantsStopped as exc:
        print(f"veo: {exc.message}", file=sys.stderr)
        code = EXIT_INPUT if isinstance(exc.error, InvalidInputError) else EXIT_GATEWAY
        jobs = exc.sent
    if args.wait:
        jobs = list(await asyncio.gather(*(follow(services, j.id, args.json) for j in jobs)))
    else:
        for job in jobs:  # followed while the takes were sent; `veo wait` carries on
            services.runner.stop_watching(job.id)
    # The group as the journal has it: a take refused part-way is in it, with its reason.
    group = await asyncio.to_thread(services.journal.group, plan.group_id)
    if args.json:
        answers = [summary(j) for j in group]
        if cost and not args.wait:
            for answer in answers:
                answer["estimate_usd"] = cost[0]
        print_json(answers)
    else:
        for number, job in enumerate(group, start=1):
            print(take_line(number, job))
    if not args.wait:
        if not args.json and jobs:
            print(f"Follow them with `veo wait JOB_ID` (group {plan.group_id}).", file=sys.stderr)
        return code
    codes = [report_code(j) for j in jobs]
    for job in jobs:
        warn_failed_checks(job)
    return max([code, *codes])


def take_line(number: int, job: Job) -> str:
    """One take for people: its number, job, seed, state and clip (or what went wrong)."""
    tail = job.video_path or job.error_message or ""
    return (
        f"take {number}  {job.id}  seed {job.request.get('seed')}  {job.state.value:<10} {tail}"
    ).rstrip()


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


def report_code(job: Job) -> int:
    """The exit code a followed job ends `veo` with."""
    if job.state is JobState.DOWNLOADED:
        return EXIT_OK
    if job.state in (JobState.FAILED, JobState.NO_VIDEO):
        return EXIT_FAILED
    return EXIT_GATEWAY  # still open at the gateway (or lost to it for now): `veo wait` again


def report(args: argparse.Namespace, job: Job) -> int:
    code = report_code(job)
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


def find(where: Services | Journal, ref: str) -> Job:
    return find_in(where if isinstance(where, Journal) else where.journal, ref)


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


def keep(args: argparse.Namespace) -> int:
    """`veo keep JOB_ID [--rating N] [--trash-others]`: rate a take (its sidecar too) and move
    the rest of its group to the system trash. Local files only: no gateway needed."""
    paths, journal = open_journal(args)
    try:
        job = find(journal, args.job_id)
        rating = args.rating if args.rating is not None else job.rating or KEEP_RATING
        job = rate_take(journal, Library(paths.library_dir), job, rating or None)
        trashed: list[str] = []
        for other in other_takes(journal, job) if args.trash_others else []:
            try:
                trash_job_files(other)
            except OSError as exc:
                raise CliError(
                    f"Could not move the files of job {other.id} to the trash ({exc}); it "
                    f"stays in the list. {len(trashed)} other take(s) were trashed.",
                    EXIT_GATEWAY,
                ) from None
            journal.delete(other.id)
            trashed.append(other.id)
    finally:
        journal.close()
    if args.json:
        print_json({**summary(job), "trashed": trashed})
        return EXIT_OK
    stars = f"{'★' * job.rating}{'☆' * (MAX_RATING - job.rating)}" if job.rating else "no rating"
    print(f"Kept job {job.id} ({stars}).")
    if trashed:
        print(f"Moved {len(trashed)} other take(s) to the trash: {', '.join(trashed)}.")
    return EXIT_OK
