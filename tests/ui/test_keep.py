"""Keeping a take, as a user does it: 1-5 rate the selected take (0 clears) while the list has the
focus, the Kept filter shows only rated takes, "Keep this take, trash the others" is one question
and one action, and Compare's Keep leads to the same question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.trash import fake_trash
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import Mode
from veo_desktop.ui.compare import CompareWindow
from veo_desktop.ui.jobs.roles import GROUP, TAKE, RatingRole

from .conftest import wait_until
from .helpers import Rig


async def three_takes(rig: Rig, prompt: str = "three kites") -> list[Job]:
    """Send three takes from the Text tab, wait for their clips, unfold the group."""
    win = rig.window
    tab = win.compose[Mode.TEXT]
    win.show_tab(Mode.TEXT)
    tab.prompt.setPlainText(prompt)
    tab.variants.setValue(3)
    win.submit_current()

    def done() -> bool:
        group = win.model.group_at(0) if win.model.rowCount() else None
        takes = win.model.takes(group) if group else []
        return len(takes) == 3 and all(t.state is JobState.DOWNLOADED for t in takes)

    await wait_until(done, timeout=60)
    win.model.set_expanded(win.model.group_at(0) or "", True)
    return win.model.takes(win.model.group_at(0) or "")


def select(rig: Rig, row: int) -> None:
    rig.window.view.setCurrentIndex(rig.window.model.index(row, 0))
    rig.window.view.setFocus()


def question(rig: Rig) -> QMessageBox:
    boxes = [b for b in rig.window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    return boxes[0]


@pytest.mark.asyncio
async def test_number_keys_rate_the_take_in_the_journal_and_its_sidecar(rig: Rig) -> None:
    takes = await three_takes(rig)
    win = rig.window
    select(rig, 2)  # take 2
    assert win.model.kind_at(2) == TAKE
    QTest.keyClick(win.view, Qt.Key.Key_4)
    journal = rig.services.journal
    await wait_until(lambda: (journal.get(takes[1].id) or takes[1]).rating == 4)
    await wait_until(lambda: win.model.index(2, 0).data(RatingRole) == 4)
    assert win.model.index(0, 0).data(RatingRole) == 4  # the group shows its best take's
    sidecar = Path(takes[1].video_path or "").with_suffix(".json")
    assert json.loads(sidecar.read_text("utf-8"))["rating"] == 4
    QTest.keyClick(win.view, Qt.Key.Key_0)
    await wait_until(lambda: (journal.get(takes[1].id) or takes[1]).rating is None)
    # Typing a digit in the prompt is typing, not rating.
    tab = win.compose[Mode.TEXT]
    tab.prompt.setFocus()
    QTest.keyClick(tab.prompt, Qt.Key.Key_5)
    assert tab.prompt.toPlainText() == "5three kites"
    assert all(j.rating is None for j in journal.group(takes[0].group_id or ""))
    # A group's row is not a take: the keys do not rate it.
    select(rig, 0)
    assert win.model.kind_at(0) == GROUP
    QTest.keyClick(win.view, Qt.Key.Key_3)
    assert all(j.rating is None for j in journal.group(takes[0].group_id or ""))


@pytest.mark.asyncio
async def test_kept_filter_shows_only_rated_takes(rig: Rig) -> None:
    takes = await three_takes(rig)
    win = rig.window
    select(rig, 3)  # take 3
    QTest.keyClick(win.view, Qt.Key.Key_5)
    await wait_until(lambda: win.model.index(3, 0).data(RatingRole) == 5)
    win.library_bar.kept.setChecked(True)
    assert win.filter.kept
    assert win.model.rowCount() == 1 and win.model.job_at(0).id == takes[2].id
    win.library_bar.kept.setChecked(False)
    assert len(win.model.takes(takes[0].group_id or "")) == 3


@pytest.mark.asyncio
async def test_keep_this_take_trashes_the_others_after_one_question(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    trashed = fake_trash(monkeypatch)
    takes = await three_takes(rig)
    win = rig.window
    select(rig, 2)
    keep = win.job_actions.takes.keep
    assert keep.isEnabled()
    keep.trigger()
    box = question(rig)
    assert "the 2 other take" in box.text()
    assert all(Path(t.video_path or "").exists() for t in takes)  # nothing before the answer
    box.done(QMessageBox.StandardButton.Yes)
    await wait_until(lambda: win.model.rowCount() == 1, timeout=10)
    kept = win.model.job_at(0)
    assert kept.id == takes[1].id and kept.rating == 5
    assert win.model.kind_at(0) != GROUP  # one take left: an ordinary row, with its stars
    for other in (takes[0], takes[2]):
        assert other.video_path in trashed and not Path(other.video_path or "").exists()
    assert [j.id for j in rig.services.journal.group(kept.group_id or "")] == [kept.id]
    assert Path(kept.video_path or "").exists()


@pytest.mark.asyncio
async def test_compare_opens_on_a_group_and_its_keep_asks_the_same_question(rig: Rig) -> None:
    takes = await three_takes(rig)
    win = rig.window
    select(rig, 0)  # the group's row
    compare = win.job_actions.takes.compare
    assert compare.isEnabled()
    # What works on one clip waits for a take to be picked.
    assert not win.job_actions.extend.isEnabled() and not win.job_actions.export.isEnabled()
    window = win.job_actions.takes.do_compare()
    assert isinstance(window, CompareWindow)
    assert rig.player.job_id is None  # the app's one player let go while compare plays
    window.keep_requested.emit(takes[2].id)
    box = question(rig)
    assert "Keep this take" in box.windowTitle()
    box.done(QMessageBox.StandardButton.Cancel)
    assert len(rig.services.journal.group(takes[0].group_id or "")) == 3  # cancelled: all kept
    window.close()


@pytest.mark.asyncio
async def test_delete_on_a_group_row_trashes_all_its_takes(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    import send2trash

    trashed: list[str] = []
    monkeypatch.setattr(send2trash, "send2trash", lambda p: trashed.append(str(p)))
    takes = await three_takes(rig)
    win = rig.window
    select(rig, 0)
    QTest.keyClick(win.view, Qt.Key.Key_Delete)
    box = question(rig)
    assert "3 takes" in box.text()
    box.done(QMessageBox.StandardButton.Yes)
    await wait_until(lambda: win.model.rowCount() == 0, timeout=10)
    assert {t.video_path for t in takes} <= set(trashed)
    assert rig.services.journal.count() == 0


@pytest.mark.asyncio
async def test_ctrl_click_picks_clips_to_compare(rig: Rig) -> None:
    await three_takes(rig)
    win = rig.window
    view = win.view
    select(rig, 1)
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        view.visualRect(win.model.index(3, 0)).center(),
    )
    picked = win.job_actions.takes.compared()
    assert [j.id for j in picked] == [win.model.job_at(1).id, win.model.job_at(3).id]
