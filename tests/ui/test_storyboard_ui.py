"""The Storyboard tab as a user meets it: a three-shot lighthouse board written in the window and
made with one Generate (its cost asked first), shots 2 and 3 starting on the exact last frame
of the take before; the film plays the takes one after another, trims stay on the board, and
Export writes one MP4 as long as its takes; a board left part-way finishes at the next start."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from pathlib import Path

import av
import pytest
import pytest_asyncio
from PIL import Image, ImageChops
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from veo_desktop.core.library.frames import extract_frame
from veo_desktop.core.request.pricing import format_money
from veo_desktop.core.story.board import Board, Settings, Trim, new_shot
from veo_desktop.core.story.progress import ShotState, board_status
from veo_desktop.core.story.store import STORE_NAME, StoryStore
from veo_desktop.ui.story.film_window import FilmWindow
from veo_desktop.ui.story.shot_model import ShotListModel
from veo_desktop.ui.story.view import StoryView
from veo_desktop.ui.story.wiring import StoryUi

from .conftest import wait_until
from .helpers import Rig, make_rig

LIGHTHOUSE = ("a lighthouse at dawn", "the same at noon", "then at dusk")


@pytest_asyncio.fixture
async def srig(rig: Rig) -> AsyncIterator[Rig]:
    """The rig, with the storyboard stopped before the journal closes (as the app quits)."""
    yield rig
    await rig.window.story.aclose()


async def quiet(rig: Rig) -> None:
    """A test's last step: the window's timers stop, clip checks finish and the storyboard's
    tasks end while the event loop still runs (pytest-qt processes Qt events after the test,
    when no asyncio loop runs: a task step left for then fails)."""
    for timer in rig.window.findChildren(QTimer):
        timer.stop()
    await rig.services.runner.settle()
    await rig.window.story.aclose()
    await asyncio.sleep(0.2)


async def write_board(
    story: StoryUi, prompts: tuple[str, ...] = LIGHTHOUSE, *, keep_last: bool = True
) -> StoryView:
    """New, then each prompt typed into its shot (Add shot between them), 4 s shots; without
    `keep_last` the last prompt is typed and not yet kept (what Ctrl+Return comes right after)."""
    view = story.show()
    view.bar.new.click()
    await wait_until(lambda: view.model.rowCount() == 1 and view.editor.shot_id is not None)
    duration = view.bar.settings.combos["duration"]
    duration.setCurrentIndex(duration.findData(4))
    await wait_until(lambda: view.status is not None and view.status.board.settings.duration == 4)
    for n, prompt in enumerate(prompts):
        if n:
            view.add.click()

            def added(n: int = n) -> bool:
                return (
                    view.model.rowCount() == n + 1
                    and view.editor.shot_id == view.model.shot_at(n).shot.id
                )

            await wait_until(added)
        QTest.keyClicks(view.editor.prompt, prompt)
    if keep_last:
        view.editor.commit_prompt()
        await wait_until(lambda: [s.shot.prompt for s in view.model.shots()] == list(prompts))
    return view


async def generated(story: StoryUi, view: StoryView, timeout: float = 90) -> None:
    await wait_until(lambda: view.status is not None and view.status.finished, timeout=timeout)
    await wait_until(lambda: not story.controller.is_generating(story.board_id or ""))


def film_seconds(path: Path) -> float:
    with av.open(str(path)) as c:
        assert c.duration is not None
        return c.duration / av.time_base


@pytest.mark.asyncio
async def test_the_lighthouse_board_is_made_with_one_generate_each_chained_shot_from_the_last_frame(
    srig: Rig,
) -> None:
    win, story = srig.window, srig.window.story
    view = await write_board(story, keep_last=False)
    assert [s.shot.continue_from_previous for s in view.model.shots()][1:] == [True, True]
    assert view.editor.chain.isChecked()  # on by default after the first shot

    # Ctrl+Return in the storyboard, right after the last word, generates the board (not the
    # hidden compose tab's job): first the cost, and nothing is sent before the answer.
    QTest.keyClick(view.editor.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: story.confirm is not None and story.confirm.isVisible())
    assert [s.shot.prompt for s in view.model.shots()] == list(LIGHTHOUSE)
    box = story.confirm
    assert box is not None
    status = view.status
    assert status is not None
    cost = story.controller.cost(status)
    assert len(cost.shots) == 3 and cost.total > 0
    assert format_money(cost.total) in box.text()
    assert "Shots to send: 3." in box.informativeText()
    assert srig.sim.post_count == 0 and srig.services.journal.count() == 0
    send = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    send.click()

    # Per-shot progress shows while it runs; shot 3 waits for shot 2.
    await wait_until(
        lambda: view.status is not None and view.status.shots[0].state is ShotState.RUNNING
    )
    assert view.bar.generate.isEnabled() is False
    await generated(story, view)
    assert srig.sim.post_count == 3  # one POST per shot
    assert view.bar.progress.value() == 100 and view.bar.generate.isEnabled()
    shots = view.model.shots()
    assert [s.state for s in shots] == [ShotState.DONE] * 3
    assert shots[0].chosen is not None and not shots[0].chosen.request.get("image")
    for before, after in itertools.pairwise(shots):
        assert before.chosen is not None and before.chosen.video_path
        take = after.shot.takes[0]
        assert take.start_frame is not None and take.source_job == before.chosen.id
        assert after.chosen is not None and after.chosen.request["image"] == take.start_frame
        last = extract_frame(Path(before.chosen.video_path), "last")
        with Image.open(take.start_frame) as sent:
            assert ImageChops.difference(sent.convert("RGB"), last).getbbox() is None

    # The list says so, and the selected shot's takes show its one take chosen.
    index = view.model.index(2, 0)
    assert "Done" in str(index.data(Qt.ItemDataRole.AccessibleTextRole))
    view.select_row(2)
    assert view.editor.takes.count() == 1 and view.editor.takes.item(0).text().startswith("✓")
    assert win.tabs.tabText(story.index) == "Storyboard"
    await quiet(srig)


@pytest.mark.asyncio
async def test_the_film_plays_the_takes_in_order_keeps_trims_on_the_board_and_exports_one_mp4(
    srig: Rig, tmp_path: Path
) -> None:
    story = srig.window.story
    view = await write_board(story)
    assert story.board_id is not None
    story.controller.generate(story.board_id)  # what the confirmed Generate does
    await generated(story, view)

    film = story.open_film()
    assert isinstance(film, FilmWindow)
    await wait_until(lambda: len(film.player.parts) == 3)
    parts = film.player.parts
    assert [p.length_ms for p in parts] == [4000, 4000, 4000]
    assert len(film.timeline.cut_points()) == 2  # the cuts between the three takes
    first, second = (str(p.video) for p in parts[:2])

    # Play from just before the first cut: the player goes on with take 2 by itself.
    film.player.seek(3500)
    film.player.play()
    await wait_until(lambda: film.player.source == first)
    await wait_until(lambda: film.player.source == second, timeout=15)
    assert film.player.index == 1
    await wait_until(lambda: film.player.playing and film.player.position_ms() > 4100)
    film.player.pause()

    # A trim is the board's (in the store), not the file's; the film is that much shorter.
    clip = parts[0].video
    size = clip.stat().st_size
    strip = film.timeline
    cut = strip.cut_points()[1]  # between shots 2 and 3: shot 2's out and shot 3's in
    y = strip.height() - 10
    quarter = (strip.cut_points()[1] - strip.cut_points()[0]) // 4
    QTest.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(cut, y))
    for x in (cut + 3, cut + quarter // 2, cut + quarter):  # rightwards: shot 3 starts later
        QTest.mouseMove(strip, QPoint(x, y))
    QTest.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(cut + quarter, y))
    store = await story.controller.store()

    def trim_of(n: int) -> Trim:
        board = store.get(story.board_id or "")
        assert board is not None
        return board.shots[n].trim

    await wait_until(lambda: trim_of(2).start > 0)
    assert 0.7 <= trim_of(2).start <= 1.3 and trim_of(2).end is None  # a quarter of 4 s
    assert trim_of(1) == Trim() and clip.stat().st_size == size
    film.timeline.trim_changed.emit(0, 0, 3000)  # and shot 1 ends a second early
    await wait_until(lambda: trim_of(0) == Trim(0.0, 3.0))
    await wait_until(lambda: film.player.duration_ms == 11000 - round(trim_of(2).start * 1000))
    length_s = film.player.duration_ms / 1000

    # Export: a cancel leaves no file; then the film, as long as its trimmed takes.
    dest = tmp_path / "lighthouse.mp4"
    film.export_requested.emit(dest)
    assert film.cancel.isVisibleTo(film)
    film.cancel.click()
    await wait_until(lambda: not story.controller.exporting, timeout=30)
    assert not dest.exists() and not dest.with_suffix(".json").exists()
    film.export.click()  # Export…: a save dialog (open(), never exec()) in the library
    dialog = film.save_dialog
    assert dialog is not None and dialog.isVisible()
    assert Path(dialog.directory().absolutePath()) == srig.services.runner.library.root
    dialog.selectFile(str(dest))
    dialog.accept()
    await wait_until(lambda: story.controller.exporting or dest.exists())
    await wait_until(lambda: not story.controller.exporting, timeout=60)
    assert dest.is_file() and dest.with_suffix(".json").is_file()
    assert abs(film_seconds(dest) - length_s) <= 0.5
    assert "lighthouse.mp4" in film.exported.text()
    film.close()
    assert story.film is None and film.player.source == ""
    await quiet(srig)


@pytest.mark.asyncio
async def test_shots_move_up_and_down_and_by_a_drag_and_the_store_keeps_the_order(
    srig: Rig,
) -> None:
    story = srig.window.story
    view = await write_board(story, ("one", "two", "three"))
    assert story.board_id is not None
    store = await story.controller.store()

    def order() -> list[str]:
        board = store.get(story.board_id or "")
        return [s.prompt for s in board.shots] if board else []

    view.select_row(0)
    view.down.click()
    await wait_until(lambda: order() == ["two", "one", "three"])
    assert view.editor.heading.text() == "Shot 2"  # "one" is still the shot being edited
    view.up.click()
    await wait_until(lambda: order() == ["one", "two", "three"])
    # A drop in the list is QListView's internal move: moveRows, then the store.
    assert view.model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 0)
    await wait_until(lambda: order() == ["three", "one", "two"])
    view.select_row(1)
    view.duplicate.click()
    await wait_until(lambda: order() == ["three", "one", "one", "two"])
    view.select_row(0)
    view.delete.click()
    await wait_until(lambda: order() == ["one", "one", "two"])
    await quiet(srig)


def test_the_shot_model_moves_a_row_once_and_names_its_new_place(qapp: QApplication) -> None:
    model = ShotListModel()
    asked: list[tuple[str, int]] = []
    model.move_requested.connect(lambda shot, i: asked.append((shot, i)))
    assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 0)  # nothing to move
    shots = tuple(new_shot(p) for p in ("a", "b", "c"))
    model.set_status(board_status(Board("b1", "t", Settings(), shots), lambda _: None))
    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)  # "a" dropped after "c"
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # dropped where it was
    assert asked == [(shots[0].id, 2)]
    assert [model.shot_at(r).shot.prompt for r in range(3)] == ["b", "c", "a"]


@pytest.mark.asyncio
async def test_a_board_left_part_way_finishes_when_the_app_starts_with_one_post_per_shot(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # What a quit or crash leaves: each shot given its take (job id) but nothing sent yet.
    data = tmp_path / "data"
    store = StoryStore(data / STORE_NAME)
    shots = tuple(new_shot(p) for p in LIGHTHOUSE)
    board = store.create(Board("", "Lighthouse", Settings(duration=4), shots))
    store.assign_takes(board.id, {s.id: None for s in board.shots})
    store.close()

    r = make_rig(tmp_path)
    try:
        r.window.show()  # the app starts: the board carries on by itself
        await wait_until(lambda: r.sim.post_count == 3, timeout=90)
        reopened = StoryStore(data / STORE_NAME)
        try:

            def done() -> bool:
                b = reopened.get(board.id)
                return b is not None and all(s.chosen for s in b.shots)

            await wait_until(done, timeout=60)
        finally:
            reopened.close()
        assert r.sim.post_count == 3
    finally:
        await quiet(r)
        r.close()
        await r.services.aclose()


@pytest.mark.asyncio
async def test_regenerate_keeps_the_earlier_take_and_a_click_on_a_take_puts_it_in_the_film(
    srig: Rig,
) -> None:
    story = srig.window.story
    view = await write_board(story, ("a lighthouse at dawn",))
    assert story.board_id is not None
    story.controller.generate(story.board_id)
    await generated(story, view)
    first = view.model.shot_at(0).shot.takes[0].job_id

    view.editor.regenerate.click()
    await wait_until(lambda: len(view.model.shot_at(0).shot.takes) == 2)
    await generated(story, view)
    await wait_until(
        lambda: (
            view.editor.takes.count() == 2
            and view.editor.takes.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
        )
    )
    shot = view.model.shot_at(0).shot
    second = shot.takes[1].job_id
    assert shot.takes[0].job_id == first and shot.chosen == first  # the earlier take stays chosen
    assert srig.sim.post_count == 2
    assert view.editor.takes.item(0).text().startswith("✓")

    takes = view.editor.takes
    at = takes.visualItemRect(takes.item(1)).center()
    QTest.mouseClick(takes.viewport(), Qt.MouseButton.LeftButton, pos=at)  # the second take
    await wait_until(lambda: view.model.shot_at(0).shot.chosen == second)
    assert view.editor.takes.item(1).text().startswith("✓")
    film = story.open_film()
    assert film is not None
    await wait_until(lambda: [p.job_id for p in film.player.parts] == [second])
    film.close()
    await quiet(srig)
