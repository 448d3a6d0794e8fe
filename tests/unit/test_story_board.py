"""A storyboard as the user makes it: read from a JSON file (paths relative to it, "continue" on
for every shot after the first), edited (add, duplicate, move, delete) and kept across a restart,
saved and opened again, with each shot's request and the board's cost known before sending."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from veo_desktop.core.request.models import Mode
from veo_desktop.core.request.pricing import PriceTable
from veo_desktop.core.story.board import (
    Board,
    Settings,
    Trim,
    add_shot,
    continues,
    delete_shot,
    dependents,
    duplicate_shot,
    edit_shot,
    move_shot,
    new_shot,
    problems,
    request_for,
)
from veo_desktop.core.story.board_file import StoryFileError, read_board_file, write_board_file
from veo_desktop.core.story.cost import board_cost
from veo_desktop.core.story.progress import ShotState, board_status
from veo_desktop.core.story.store import StoryStore

LIGHTHOUSE = {
    "title": "Lighthouse",
    "model": "veo3.1-fast-video-720p",
    "aspect_ratio": "16:9",
    "shots": [
        {"prompt": "a lighthouse at dawn"},
        {"prompt": "the same at noon"},
        {"prompt": "then at dusk", "duration": 6},
    ],
}


def story_file(folder: Path, doc: object, name: str = "board.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 36), (200, 30, 30)).save(path)
    return path


def test_the_lighthouse_file_is_three_shots_each_after_the_first_continuing(
    tmp_path: Path,
) -> None:
    board = read_board_file(story_file(tmp_path, LIGHTHOUSE))
    assert board.title == "Lighthouse" and board.settings.model == "veo3.1-fast-video-720p"
    assert [s.prompt for s in board.shots] == [
        "a lighthouse at dawn",
        "the same at noon",
        "then at dusk",
    ]
    assert [continues(board, i) for i in range(3)] == [False, True, True]
    assert [s.id for s in dependents(board, board.shots[0].id)] == [
        board.shots[1].id,
        board.shots[2].id,
    ]
    assert board.source == str(tmp_path / "board.json") and board.sha256
    # A chained shot sends the last frame of the take before as its start image.
    req = request_for(board, board.shots[2], "/lib/dawn-last.png")
    assert (req.mode, req.image, req.duration) == (Mode.IMAGE, "/lib/dawn-last.png", 6)
    assert request_for(board, board.shots[0]).mode is Mode.TEXT
    assert problems(board) == []


def test_image_paths_are_relative_to_the_file_and_a_shot_may_start_on_its_own(
    tmp_path: Path,
) -> None:
    png(tmp_path / "frames" / "start.png")
    png(tmp_path / "frames" / "end.png")
    doc = {
        "title": "t",
        "shots": [
            {"prompt": "one", "image": "frames/start.png"},
            {"prompt": "two", "last_image": "frames/end.png"},
            {"prompt": "three", "image": "frames/start.png", "continue": False},
        ],
    }
    board = read_board_file(story_file(tmp_path, doc))
    assert board.shots[0].image == str(tmp_path / "frames" / "start.png")
    first, second, third = (request_for(board, s, "/prev-last.png") for s in board.shots)
    assert first.mode is Mode.IMAGE and first.image == str(tmp_path / "frames" / "start.png")
    # Continuing with an end frame of its own: First + Last from the frame before.
    assert (second.mode, second.image) == (Mode.FRAMES, "/prev-last.png")
    assert second.last_image == str(tmp_path / "frames" / "end.png")
    assert not continues(board, 2) and third.image == str(tmp_path / "frames" / "start.png")


@pytest.mark.parametrize(
    ("shot", "words"),
    [
        ({"prompt": "two", "image": "start.png"}, "Shot 2 has its own start image"),
        ({"prompt": "two", "image": "gone.png", "continue": False}, "Shot 2: the image"),
        ({"prompt": "two", "duration": "eight"}, "duration must be 4, 6 or 8"),
        ({"prompt": "two", "sound": True}, "fields a storyboard does not read: sound"),
    ],
)
def test_a_shot_that_cannot_be_read_is_named_and_nothing_is_made(
    tmp_path: Path, shot: dict[str, object], words: str
) -> None:
    png(tmp_path / "start.png")
    path = story_file(tmp_path, {"title": "t", "shots": [{"prompt": "one"}, shot]})
    with pytest.raises(StoryFileError) as caught:
        read_board_file(path)
    assert words in caught.value.message


def test_rule_errors_name_the_shot(tmp_path: Path) -> None:
    doc = {"title": "t", "shots": [{"prompt": "one"}, {"prompt": "  ", "duration": 5}]}
    found = problems(read_board_file(story_file(tmp_path, doc)))
    assert found and all(line.startswith("Shot 2: ") for line in found)
    assert any("Duration must be 4, 6 or 8" in line for line in found)
    assert problems(Board("", "empty", Settings(), ())) != []


def test_edits_are_kept_across_a_restart_and_never_undo_a_take(tmp_path: Path) -> None:
    store = StoryStore(tmp_path / "stories.sqlite3")
    board = store.create(read_board_file(story_file(tmp_path, LIGHTHOUSE)))
    dawn, noon, dusk = board.shots
    board = store.assign_takes(board.id, {dawn.id: None})
    take = board.shot(dawn.id).takes[0].job_id
    store.choose(board.id, dawn.id, take)
    store.set_trim(board.id, dawn.id, Trim(0.5, 7.0))
    # The user edits a copy read before the take was chosen: the take, choice and trim stay.
    edited = duplicate_shot(board, noon.id)
    edited = move_shot(edited, dusk.id, 0)
    edited = delete_shot(edited, noon.id)
    edited = add_shot(edited, new_shot("night falls", continue_from_previous=False))
    edited = edit_shot(edited, dawn.id, prompt="a lighthouse at first light")
    store.save(edited)
    store.close()

    again = StoryStore(tmp_path / "stories.sqlite3").get(board.id)
    assert again is not None
    assert [s.prompt for s in again.shots] == [
        "then at dusk",
        "a lighthouse at first light",
        "the same at noon",  # the duplicate, without takes
        "night falls",
    ]
    kept = again.shot(dawn.id)
    assert [t.job_id for t in kept.takes] == [take] and kept.chosen == take
    assert kept.trim == Trim(0.5, 7.0)
    assert again.shots[2].takes == () and again.shots[2].id != noon.id
    # Each shot keeps its own switch: dusk, now first, starts on its own; dawn's was off.
    assert [continues(again, i) for i in range(4)] == [False, False, True, False]


def test_a_shot_gets_one_new_take_even_when_two_ask_at_once(tmp_path: Path) -> None:
    store = StoryStore(tmp_path / "stories.sqlite3")
    board = store.create(read_board_file(story_file(tmp_path, LIGHTHOUSE)))
    shot = board.shots[0].id
    board = store.assign_takes(board.id, {shot: None})
    board = store.assign_takes(board.id, {shot: None})  # a second process, a moment late
    assert len(board.shot(shot).takes) == 1
    first = board.shot(shot).takes[0].job_id
    board = store.assign_takes(board.id, {shot: first})  # regenerate: the earlier take stays
    assert board.shot(shot).takes[0].job_id == first
    assert len(board.shot(shot).takes) == 2


def test_saved_and_opened_again_as_a_file(tmp_path: Path) -> None:
    png(tmp_path / "frames" / "end.png")
    doc = {**LIGHTHOUSE, "audio": False}
    doc["shots"] = [*LIGHTHOUSE["shots"], {"prompt": "night", "last_image": "frames/end.png"}]
    store = StoryStore(tmp_path / "stories.sqlite3")
    board = store.create(read_board_file(story_file(tmp_path, doc)))
    board = store.assign_takes(board.id, {board.shots[0].id: None})
    take = board.shots[0].takes[0].job_id
    board = store.choose(board.id, board.shots[0].id, take)
    board = store.set_trim(board.id, board.shots[0].id, Trim(1.0, None))
    saved = write_board_file(board, tmp_path / "out" / "saved.json")
    text = json.loads(saved.read_text("utf-8"))
    assert text["shots"][3]["last_image"] == "../frames/end.png"

    known = read_board_file(saved, known_job=lambda job_id: job_id == take)
    assert [s.prompt for s in known.shots] == [s.prompt for s in board.shots]
    assert known.settings == Settings("veo3.1-fast-video-720p", "16:9", 8, False)
    assert known.shots[3].last_image == str(tmp_path / "frames" / "end.png")
    assert known.shots[0].chosen == take and known.shots[0].trim == Trim(1.0, None)
    assert known.shots[2].overrides == {"duration": 6}
    # On a machine whose journal never had that job, the take is not carried over: it would
    # otherwise look unsent and be sent.
    stranger = read_board_file(saved)
    assert stranger.shots[0].takes == () and stranger.shots[0].chosen is None


def test_the_cost_of_the_shots_to_send_is_known_before_sending(tmp_path: Path) -> None:
    store = StoryStore(tmp_path / "stories.sqlite3")
    board = store.create(read_board_file(story_file(tmp_path, LIGHTHOUSE)))
    status = board_status(board, lambda _: None)
    assert [s.state for s in status.shots] == [ShotState.NEW] * 3
    cost = board_cost(status, PriceTable.DEFAULT)
    # Fast 720p with sound (upstream's default): 8 s + 8 s + 6 s at $0.10 a second.
    assert [i for i, _ in cost.shots] == [0, 1, 2]
    assert cost.total == Decimal("2.20") and cost.unpriced == 0
