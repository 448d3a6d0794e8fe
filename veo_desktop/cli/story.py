"""`veo story`: a storyboard from a JSON file generated as a chain of shots (`run`; a re-run picks
the same board up), the boards kept here (`list`, `show`), and one film of a board (`export`)."""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.jobs.journal import Journal
from ..core.request.pricing import PriceTable, format_money
from ..core.story.board import Board, continues, problems
from ..core.story.board_file import file_sha256, read_board_file
from ..core.story.cost import board_cost
from ..core.story.export import export_board, sidecar_path
from ..core.story.generate import BoardRunner, StoryEvent
from ..core.story.progress import BoardStatus, ShotState, ShotStatus, board_status
from ..core.story.store import STORE_NAME, StoryStore
from .common import (
    EXIT_FAILED,
    EXIT_GATEWAY,
    EXIT_INPUT,
    EXIT_OK,
    CliError,
    open_journal,
    require_key,
    say,
    say_recovery,
    services_for,
)
from .output import print_json, summary, warn_failed_checks


def add_story_parser(sub: Any) -> None:
    st = sub.add_parser(
        "story", help="storyboards: shots made in order, each from the last frame of the one before"
    )
    actions = st.add_subparsers(dest="story_command", required=True, metavar="ACTION")
    r = actions.add_parser(
        "run", help="make a board from a JSON file (or take a board's id), send it"
    )
    r.add_argument("file", metavar="FILE.json|ID", help="the storyboard file, or a board's id")
    r.add_argument(
        "--wait",
        action="store_true",
        help="follow every shot to its clip (a chained shot is sent once the one before is in)",
    )
    r.add_argument("--json", action="store_true", help='print {"id", "shots": [{"job": ...}]}')
    r.add_argument(
        "--retry-failed", action="store_true", help="send a new take of each shot whose take failed"
    )
    r.add_argument(
        "--again",
        action="store_true",
        help="make a new board even if this file, unchanged, was run before",
    )
    ls = actions.add_parser("list", help="the boards kept here, newest first")
    ls.add_argument("--json", action="store_true")
    sh = actions.add_parser("show", help="a board's shots, their takes and where each stands")
    sh.add_argument("board_id", metavar="ID")
    sh.add_argument("--json", action="store_true")
    ex = actions.add_parser("export", help="one MP4 of the board's chosen takes, in order")
    ex.add_argument("board_id", metavar="ID")
    ex.add_argument("-o", "--output", required=True, metavar="FILM.mp4")
    ex.add_argument(
        "--reencode", action="store_true", help="re-encode even where a stream copy would do"
    )
    ex.add_argument("--json", action="store_true")


async def story(args: argparse.Namespace) -> int:
    if args.story_command == "run":
        return await run(args)
    paths, journal = open_journal(args)
    store = StoryStore(paths.data_dir / STORE_NAME)
    try:
        if args.story_command == "list":
            return list_boards(args, store, journal)
        board = find_board(store, args.board_id)
        if args.story_command == "show":
            return report(args, board_status(board, journal.get), show_all=True)
        return await export(args, board, journal)
    finally:
        store.close()
        journal.close()


def find_board(store: StoryStore, ref: str) -> Board:
    board = store.find(ref)
    if board is None:
        raise CliError(f"No storyboard {ref}. `veo story list` shows them.", EXIT_INPUT)
    return board


# -- run -------------------------------------------------------------------------------------------


async def run(args: argparse.Namespace) -> int:
    services = await services_for(args)
    say_recovery(services.journal)
    store = StoryStore(services.paths.data_dir / STORE_NAME)
    boards = BoardRunner(store, services.runner)
    try:
        board = await asyncio.to_thread(board_for, args, store, services.journal)
        status = await boards.status(board.id)
        cost = board_cost(status, PriceTable.load(services.paths.prices_file), args.retry_failed)
        if cost.shots:
            require_key(services, "story run")
            say(args, cost_line(len(cost.shots), cost.total, cost.unpriced))
        unsubscribe = boards.subscribe(progress(args))
        try:
            status = await boards.generate(
                board.id, follow=args.wait, retry_failed=args.retry_failed
            )
        finally:
            unsubscribe()
        return report(args, status)
    except asyncio.CancelledError:
        print(
            f"veo: stopped. Sent shots keep running at the gateway; `veo story run {args.file}` "
            "again picks the board up.",
            file=sys.stderr,
        )
        raise
    finally:
        await boards.aclose()
        store.close()
        await services.aclose()


def board_for(args: argparse.Namespace, store: StoryStore, journal: Journal) -> Board:
    """The board a file made before (same path, same bytes), else a new one from it; or the
    board whose id was given."""
    path = Path(args.file).expanduser()
    if not path.is_file():
        board = store.find(args.file)
        if board is None:
            raise CliError(
                f"{args.file}: no such file, and no storyboard with that id "
                "(`veo story list` shows them).",
                EXIT_INPUT,
            )
        return board
    path = path.resolve()
    found = None if args.again else store.find_file(path, file_sha256(path))
    if found is not None:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(found.created_at))
        say(
            args,
            f"Picking up board {found.id} of {path.name} (made {when}); --again makes a new one.",
        )
        return found
    draft = read_board_file(path, known_job=lambda job_id: journal.get(job_id) is not None)
    bad = problems(draft)
    if bad:
        for line in bad:
            print(f"veo: {line}", file=sys.stderr)
        raise CliError(
            f"{len(bad)} problem(s) in {path.name}, so nothing was sent. Fix them and run again.",
            EXIT_INPUT,
        )
    board = store.create(draft)
    chained = sum(continues(board, i) for i in range(len(board.shots)))
    say(
        args,
        f"Board {board.id}: {len(board.shots)} shots from {path.name}, {chained} continuing "
        "from the shot before.",
    )
    return board


def cost_line(shots: int, total: Any, unpriced: int) -> str:
    extra = f" (+{unpriced} shots without a price)" if unpriced else ""
    return (
        f"Estimated cost: {format_money(total)} for {shots} shot{'s' if shots != 1 else ''}"
        f"{extra} (your gateway may charge differently)."
    )


def progress(args: argparse.Namespace) -> Callable[[StoryEvent], None]:
    last: dict[str, str] = {}

    def show(event: StoryEvent) -> None:
        s = event.shot
        if args.json or s is None:
            return
        what = s.state.value
        if s.state is ShotState.RUNNING and s.job is not None:
            what = s.job.state.value + (f" {s.job.progress}%" if s.job.progress else "")
        elif s.note and s.state in (ShotState.FAILED, ShotState.BLOCKED):
            what += f": {s.note}"
        if last.get(s.shot.id) != what:
            last[s.shot.id] = what
            print(f"[shot {s.index + 1}] {what}", file=sys.stderr)

    return show


def report(args: argparse.Namespace, status: BoardStatus, show_all: bool = False) -> int:
    board = status.board
    if args.json:
        print_json(board_json(status))
    else:
        if show_all:
            s = board.settings
            print(f"{board.title}  (board {board.id}: {s.model}, {s.aspect_ratio}, {s.duration} s)")
        for shot in status.shots:
            print(shot_line(shot, show_all))
    if show_all:
        return EXIT_OK
    for shot in status.shots:
        if shot.chosen is not None:
            warn_failed_checks(shot.chosen)
    again = f"veo story run {args.file}"
    if status.note:
        print(
            f"veo: board {board.id} stopped: {status.note} Then run `{again}` again.",
            file=sys.stderr,
        )
        return EXIT_GATEWAY
    if status.count(ShotState.FAILED) or status.count(ShotState.BLOCKED):
        print(
            f"veo: {status.count(ShotState.FAILED)} shot(s) failed and "
            f"{status.count(ShotState.BLOCKED)} waiting on them were not sent; "
            f"`{again} --retry-failed` sends a new take of each failed shot.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if status.finished:
        say(args, f"Every shot is done: `veo story export {board.id} -o FILM.mp4` makes the film.")
        return EXIT_OK
    if args.wait:
        return EXIT_GATEWAY  # still open at the gateway: a re-run follows them
    say(
        args,
        f"Sent every shot that can go now. A chained shot goes once the shot before is "
        f"downloaded: `{again} --wait` follows the board to the end.",
    )
    return EXIT_OK


def shot_line(s: ShotStatus, detailed: bool) -> str:
    job = s.chosen or s.job
    tail = (job.video_path if job and s.state is ShotState.DONE else None) or s.note or ""
    line = f"shot {s.index + 1}  {s.state.value:<8} {tail}".rstrip()
    if detailed:
        link = "  ← continues" if s.shot.continue_from_previous and s.index else ""
        takes = ", ".join(
            t.job_id + ("*" if t.job_id == s.shot.chosen else "") for t in s.shot.takes
        )
        line += f"\n        {s.shot.prompt}{link}\n        takes: {takes or '-'}"
        if not s.shot.trim.whole:
            line += f"  trim {s.shot.trim.start:g}-{s.shot.trim.end or 'end'}"
    return line


def board_json(status: BoardStatus) -> dict[str, Any]:
    """The board and, for each shot, its job as `veo jobs --json` prints it (the chosen take's
    once downloaded, else its latest take's; null before any was written)."""
    board = status.board
    shots = []
    for s in status.shots:
        job = s.chosen or s.job
        take = next((t for t in s.shot.takes if job and t.job_id == job.id), None)
        shots.append(
            {
                "id": s.shot.id,
                "prompt": s.shot.prompt,
                "state": s.state.value,
                "note": s.note,
                "continues": continues(board, s.index),
                "takes": [t.job_id for t in s.shot.takes],
                "chosen": s.shot.chosen,
                "trim": s.shot.trim.to_json(),
                "start_frame": take.start_frame if take else None,
                "job": summary(job) if job is not None else None,
            }
        )
    return {
        "id": board.id,
        "title": board.title,
        "source": board.source,
        "settings": board.settings.to_json(),
        "progress": round(status.progress, 3),
        "shots": shots,
    }


# -- list, export ----------------------------------------------------------------------------------


def list_boards(args: argparse.Namespace, store: StoryStore, journal: Journal) -> int:
    rows = []
    for board in store.boards():
        status = board_status(board, journal.get)
        rows.append((board, status.count(ShotState.DONE)))
    if args.json:
        print_json(
            [
                {
                    "id": b.id,
                    "title": b.title,
                    "shots": len(b.shots),
                    "done": done,
                    "created_at": b.created_at,
                    "source": b.source,
                }
                for b, done in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("No storyboards yet. `veo story run FILE.json` makes one.", file=sys.stderr)
    for b, done in rows:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(b.created_at))
        print(f"{b.id}  {when}  {done}/{len(b.shots)} done  {b.title}")
    return EXIT_OK


async def export(args: argparse.Namespace, board: Board, journal: Journal) -> int:
    dest = Path(args.output).expanduser().resolve()
    stop = threading.Event()
    shown = [-1]

    def show(fraction: float) -> None:
        tenth = int(fraction * 10)
        if not args.json and tenth > shown[0]:
            shown[0] = tenth
            print(f"exporting {tenth * 10}%", file=sys.stderr)

    try:
        film = await asyncio.to_thread(
            export_board,
            board,
            journal.get,
            dest,
            progress=show,
            cancelled=stop.is_set,
            reencode=args.reencode,
        )
    except asyncio.CancelledError:
        stop.set()  # the worker sees it at its next frame and removes its unfinished file
        raise
    if args.json:
        print_json(
            {
                "id": board.id,
                "film": str(film.path),
                "sidecar": str(sidecar_path(film.path)),
                "method": film.method,
                "duration_s": round(film.duration_s, 3),
            }
        )
    else:
        how = "stream copy" if film.method == "copy" else "re-encoded"
        print(
            f"Film: {film.duration_s:.1f} s, {how}; shots listed in {sidecar_path(film.path)}.",
            file=sys.stderr,
        )
        print(film.path)
    return EXIT_OK
