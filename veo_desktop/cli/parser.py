"""The `veo` command line: every command and option."""

from __future__ import annotations

import argparse

from ..core.gateway.dialects import Dialect
from ..core.jobs.job import JobState
from ..core.request.models import ASPECT_RATIOS, DEFAULT_MODEL, Mode, Model
from .batch import add_batch_parser
from .story import add_story_parser

# The simulator's dialects (simulator.DIALECTS), named here so `--help` never loads it.
SIM_DIALECTS = ("documented", "new-api", "quirky")


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
    p.add_argument(
        "--dialect",
        choices=SIM_DIALECTS,
        default="documented",
        help="with --demo: which kind of gateway the simulator plays",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    g = sub.add_parser("generate", help="create a video job")
    g.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.TEXT.value)
    said = g.add_mutually_exclusive_group()
    said.add_argument("--prompt", default="")
    said.add_argument(
        "--prompt-file",
        metavar="PATH|-",
        help="read the prompt from a UTF-8 text file, or from standard input with -",
    )
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
    g.add_argument("--seed", type=int, help="with --variants: the first take's seed")
    g.add_argument(
        "--variants",
        type=int,
        default=1,
        metavar="N",
        help="send N takes (1-4) that differ only in seed, as one group",
    )
    g.add_argument("--wait", action="store_true", help="follow the job and download the video")
    g.add_argument(
        "--json", action="store_true", help="print one JSON object (with --variants: a list)"
    )

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
    j.add_argument(
        "--checks-failed",
        action="store_true",
        help="only clips that failed a check against their request",
    )
    j.add_argument("--rated", action="store_true", help="only the takes you kept or rated (1-5)")
    j.add_argument("--group", metavar="G", help="only the takes of group G (`group` in --json)")

    ck = sub.add_parser(
        "check",
        help="check a downloaded clip against its request again (exit 4 if a check fails)",
    )
    ck.add_argument("job_id", metavar="JOB_ID")
    ck.add_argument("--json", action="store_true")

    k = sub.add_parser(
        "keep", help="keep a take: rate it (5 stars unless --rating), optionally trash the others"
    )
    k.add_argument("job_id", metavar="JOB_ID")
    k.add_argument(
        "--rating", type=int, choices=range(6), metavar="N", help="1-5 stars; 0 clears the rating"
    )
    k.add_argument(
        "--trash-others",
        action="store_true",
        help="move the other takes of its group (clips and sidecars) to the system trash",
    )
    k.add_argument("--json", action="store_true")

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
    s.add_argument("--quirky", action="store_true", help="same as --dialect quirky")
    s.add_argument(
        "--dialect",
        choices=SIM_DIALECTS,
        default="documented",
        help="documented: the gateway page; new-api: QuantumNous/new-api; quirky: every shape",
    )

    gw = sub.add_parser("gateway", help="show or set what is known about the gateway")
    gw.add_argument(
        "--dialect",
        choices=[*(d.value for d in Dialect), "auto"],
        help="send in this request dialect from now on ('auto' follows detection again)",
    )
    gw.add_argument(
        "--reset-habits",
        action="store_true",
        help="forget the tally of which clip checks failed at this gateway",
    )
    gw.add_argument("--json", action="store_true")

    add_batch_parser(sub)
    add_story_parser(sub)
    return p
