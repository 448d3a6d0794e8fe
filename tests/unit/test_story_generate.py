"""Generating a board over the real runner, journal and store, against a scripted gateway: a
chained shot is sent only once the take before it is downloaded, with that take's exact last
frame; independent shots go together; a failed shot stops only the shots continuing from it; a
second run after a stop sends each shot once; and listeners see each shot and the board move."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image, ImageChops

from tests.clips import tiny_mp4_bytes
from tests.scripted import Clock, scripted_runner
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.library.frames import extract_frame
from veo_desktop.core.story.board import Board, Settings, new_shot
from veo_desktop.core.story.generate import BoardRunner, StoryEvent
from veo_desktop.core.story.progress import ShotState
from veo_desktop.core.story.store import StoryStore

MP4 = tiny_mp4_bytes()


class Gateway:
    """Takes each POST as task t1, t2, ... (or refuses the next `refuse` for lack of credit);
    a task whose prompt is in `fail` fails, the others complete once `hold` POSTs have come
    (or after 20 polls); their clips download from a CDN."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []  # ("post" | "refused", prompt), ("clip", prompt)
        self.bodies: dict[str, dict[str, Any]] = {}
        self.polls: dict[str, int] = {}
        self.fail: set[str] = set()
        self.refuse = 0
        self.hold = 0

    def posts(self) -> list[str]:
        return [p for what, p in self.log if what == "post"]

    def __call__(self, req: httpx.Request) -> httpx.Response:
        if req.url.host == "cdn.example":
            task = req.url.path.strip("/").removesuffix(".mp4")
            self.log.append(("clip", self.bodies[task]["prompt"]))
            return httpx.Response(200, content=MP4)
        if req.method == "POST":
            body = json.loads(req.content)
            if self.refuse:
                self.refuse -= 1
                self.log.append(("refused", body["prompt"]))
                err = {"message": "user quota is not enough", "code": "insufficient_user_quota"}
                return httpx.Response(403, json={"error": err})
            task = f"t{len(self.bodies) + 1}"
            self.bodies[task] = body
            self.log.append(("post", body["prompt"]))
            return httpx.Response(200, json={"id": task, "status": "queued"})
        task = req.url.path.rsplit("/", 1)[-1]
        if task not in self.bodies:  # the dialect probe
            return httpx.Response(404, json={"error": {"message": "task not exist"}})
        self.polls[task] = self.polls.get(task, 0) + 1
        if self.bodies[task]["prompt"] in self.fail:
            err = {"message": "upstream failed"}
            return httpx.Response(200, json={"id": task, "status": "failed", "error": err})
        if len(self.bodies) < self.hold and self.polls[task] < 20:
            return httpx.Response(200, json={"id": task, "status": "running", "progress": 40})
        link = f"https://cdn.example/{task}.mp4"
        return httpx.Response(200, json={"id": task, "status": "completed", "video_url": link})


class Rig:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.clock = Clock()
        self.gateway = Gateway()
        self.journal = Journal(tmp_path / "journal.sqlite3")
        self.store = StoryStore(tmp_path / "stories.sqlite3")
        self.boards = self.restart()
        self.events: list[StoryEvent] = []

    def restart(self) -> BoardRunner:
        """A new runner over the same files: what the next process starts with."""
        runner = scripted_runner(self.gateway, self.journal, self.tmp / "lib", self.clock)
        self.boards = BoardRunner(self.store, runner)
        self.boards.subscribe(lambda e: self.events.append(e))
        return self.boards

    def board(self, *shots: tuple[str, bool]) -> Board:
        made = tuple(new_shot(p, continue_from_previous=c) for p, c in shots)
        return self.store.create(Board("", "t", Settings(duration=4, audio=False), made))

    async def close(self) -> None:
        await self.boards.aclose()
        await self.boards.runner.settle()
        self.journal.close()
        self.store.close()


def sent_image(body: dict[str, Any]) -> Image.Image:
    data = base64.b64decode(str(body["image"]).split(",", 1)[1])
    return Image.open(io.BytesIO(data)).convert("RGB")


LIGHTHOUSE = (("a lighthouse at dawn", False), ("the same at noon", True), ("then at dusk", True))


@pytest.mark.asyncio
async def test_chained_shots_go_in_order_each_from_the_exact_last_frame_before(
    tmp_path: Path,
) -> None:
    rig = Rig(tmp_path)
    board = rig.board(*LIGHTHOUSE)
    status = await rig.boards.generate(board.id)
    assert [s.state for s in status.shots] == [ShotState.DONE] * 3 and status.finished
    # Shot 2 is sent after shot 1's clip is in, shot 3 after shot 2's: one POST each.
    assert rig.gateway.log == [
        ("post", "a lighthouse at dawn"),
        ("clip", "a lighthouse at dawn"),
        ("post", "the same at noon"),
        ("clip", "the same at noon"),
        ("post", "then at dusk"),
        ("clip", "then at dusk"),
    ]
    bodies = list(rig.gateway.bodies.values())
    assert "image" not in bodies[0]
    for before, after, shot in zip(status.shots[:-1], bodies[1:], status.shots[1:], strict=True):
        assert before.chosen is not None and before.chosen.video_path
        clip = Path(before.chosen.video_path)
        sent = sent_image(after)
        assert ImageChops.difference(sent, extract_frame(clip, "last")).getbbox() is None
        take = shot.shot.takes[0]
        assert take.start_frame == str(clip.with_name(f"{clip.stem}-last.png"))
        assert take.source_job == before.chosen.id
        assert shot.chosen is not None and shot.chosen.request["image"] == take.start_frame
    # Each shot's take is chosen for the film, and its job is grouped as the shot's takes.
    assert all(s.shot.chosen == s.shot.takes[0].job_id for s in status.shots)
    assert len({s.chosen.group_id for s in status.shots if s.chosen}) == 3
    await rig.close()


@pytest.mark.asyncio
async def test_independent_shots_are_sent_together(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.gateway.hold = 3  # no clip is finished until all three were sent
    board = rig.board(("one", False), ("two", False), ("three", False))
    status = await rig.boards.generate(board.id)
    assert status.finished
    assert [what for what, _ in rig.gateway.log[:3]] == ["post"] * 3
    assert all(polls < 20 for polls in rig.gateway.polls.values())  # none waited to the cap
    await rig.close()


@pytest.mark.asyncio
async def test_a_failed_shot_stops_only_the_shots_that_continue_from_it(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.gateway.fail = {"noon"}
    board = rig.board(("dawn", False), ("noon", True), ("dusk", True), ("night", False))
    status = await rig.boards.generate(board.id)
    assert [s.state for s in status.shots] == [
        ShotState.DONE,
        ShotState.FAILED,
        ShotState.BLOCKED,
        ShotState.DONE,
    ]
    assert sorted(rig.gateway.posts()) == ["dawn", "night", "noon"]  # dusk never sent
    assert status.shots[1].note == "upstream failed"
    assert status.shots[2].note and "Shot 2" in status.shots[2].note
    assert status.settled and not status.finished

    # A second Generate sends nothing new; --retry-failed gives the failed shot a new take,
    # and the shot continuing from it goes once that one is in.
    again = await rig.restart().generate(board.id)
    assert len(rig.gateway.posts()) == 3 and again.shots[2].state is ShotState.BLOCKED
    rig.gateway.fail = set()
    retried = await rig.boards.generate(board.id, retry_failed=True)
    assert retried.finished
    assert rig.gateway.posts()[3:] == ["noon", "dusk"]
    assert len(retried.shots[1].shot.takes) == 2  # the failed take is kept
    await rig.close()


@pytest.mark.asyncio
async def test_a_board_stopped_part_way_is_finished_by_the_next_run_with_one_post_each(
    tmp_path: Path,
) -> None:
    rig = Rig(tmp_path)
    board = rig.board(*LIGHTHOUSE)
    # Without following, only what can go now is sent: shot 1 (2 and 3 wait for its clip).
    first = await rig.boards.generate(board.id, follow=False)
    assert [s.state for s in first.shots] == [
        ShotState.RUNNING,
        ShotState.WAITING,
        ShotState.WAITING,
    ]
    assert rig.gateway.posts() == ["a lighthouse at dawn"]
    await rig.boards.aclose()
    # The next process finds the board in the store and its jobs in the journal: the app
    # finishes every board left part-way when it starts.
    [done] = await rig.restart().resume_all()
    assert done.finished
    assert rig.gateway.posts() == [p for p, _ in LIGHTHOUSE]
    ids = [s.shot.takes[0].job_id for s in done.shots]
    assert [s.shot.takes[0].job_id for s in first.shots] == ids  # given before any POST
    assert all(len(s.shot.takes) == 1 for s in done.shots)
    await rig.close()


@pytest.mark.asyncio
async def test_no_credit_stops_the_board_and_the_next_run_sends_the_same_take(
    tmp_path: Path,
) -> None:
    rig = Rig(tmp_path)
    rig.gateway.refuse = 1
    board = rig.board(*LIGHTHOUSE)
    stopped = await rig.boards.generate(board.id)
    assert stopped.note and "credit" in stopped.note.lower()
    assert [s.state for s in stopped.shots] == [ShotState.WAITING] * 3
    assert rig.gateway.log == [("refused", "a lighthouse at dawn")]
    done = await rig.restart().generate(board.id)  # topped up
    assert done.finished and rig.gateway.posts() == [p for p, _ in LIGHTHOUSE]
    # The refused take was sent again under its own job id: it is still the shot's only take.
    assert [len(s.shot.takes) for s in done.shots] == [1, 1, 1]
    await rig.close()


@pytest.mark.asyncio
async def test_listeners_see_each_shot_and_the_board_progress(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    board = rig.board(*LIGHTHOUSE)
    await rig.boards.generate(board.id)
    noon = board.shots[1].id
    states = [e.shot.state for e in rig.events if e.shot is not None and e.shot.shot.id == noon]
    seen = list(dict.fromkeys(states))
    assert seen == [ShotState.WAITING, ShotState.RUNNING, ShotState.DONE]
    progress = [e.status.progress for e in rig.events]
    assert progress[0] == 0.0 and progress[-1] == 1.0
    assert rig.events[-1].shot is None and rig.events[-1].status.finished
    await rig.close()


@pytest.mark.asyncio
async def test_regenerating_a_shot_keeps_its_takes_and_the_one_chosen(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    board = rig.board(("dawn", False), ("noon", True))
    first = await rig.boards.generate(board.id)
    chosen = first.shots[0].shot.chosen
    again = await rig.boards.regenerate(board.id, board.shots[0].id)
    takes = again.shots[0].shot.takes
    assert len(takes) == 2 and takes[0].job_id == chosen
    assert again.shots[0].shot.chosen == chosen  # the user picks the new one if they want it
    assert again.shots[0].job is not None and again.shots[0].job.id == takes[1].job_id
    assert rig.gateway.posts() == ["dawn", "noon", "dawn"]  # its dependents are left alone
    await rig.close()
