"""The batch queue as a user meets it in the window: import a file (menu, drop or a paste of
several lines), check and edit the rows in the preview, Start, and watch the Queue panel send
each row once, pause, cancel and carry on after a restart."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
import pytest_asyncio
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QLineEdit

from veo_desktop.core.batch.store import STORE_NAME, BatchStore, RowState
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.request.models import GenerationRequest, Mode
from veo_desktop.ui.batch.paste_lines import OfferBar
from veo_desktop.ui.batch.preview_dialog import PreviewDialog
from veo_desktop.ui.batch.preview_model import COST, DURATION, FINDINGS, PROMPT
from veo_desktop.ui.batch.queue_panel import QueuePanel
from veo_desktop.ui.batch.wiring import BatchUi

from .conftest import wait_until
from .helpers import Rig, drop, file_mime, png

CSV = """prompt,model,duration,audio
"a red kite over the dunes, slow pan",veo3.1-fast-video-720p,8,no
a lighthouse at dusk,veo3.1-fast-video-720p,5,no
"rain on a tin roof, close up",veo3.1-fast-video-720p,4,yes
"""


@pytest_asyncio.fixture
async def brig(rig: Rig) -> AsyncIterator[Rig]:
    """The rig, with the batch queue stopped before the journal closes (as the app quits)."""
    yield rig
    await rig.window.batch.aclose()


def shots(tmp_path: Path, text: str = CSV, name: str = "shots.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


async def opened_preview(rig: Rig) -> PreviewDialog:
    await wait_until(lambda: rig.window.batch.preview is not None)
    dlg = rig.window.batch.preview
    assert dlg is not None and dlg.isVisible()
    return dlg


async def started(rig: Rig, dlg: PreviewDialog) -> QueuePanel:
    assert dlg.start_button.isEnabled()
    dlg.start_button.click()
    await wait_until(lambda: rig.window.batch.panel is not None)
    panel = rig.window.batch.panel
    assert panel is not None
    await wait_until(lambda: panel.model.rowCount() > 0)
    return panel


def states(panel: QueuePanel) -> list[RowState]:
    return [r.state for r in panel.model.rows()]


def few_at_once(rig: Rig, n: int) -> None:
    rig.services.settings.max_concurrent_jobs = n
    rig.services.runner.set_max_concurrent(n)


@pytest.mark.asyncio
async def test_import_from_the_menu_previews_costs_and_an_invalid_row_blocks_start(
    brig: Rig, tmp_path: Path
) -> None:
    win = brig.window
    win.menus.import_batch.trigger()
    await wait_until(lambda: bool(win.findChildren(QFileDialog)))
    chooser = win.findChildren(QFileDialog)[0]
    chooser.fileSelected.emit(str(shots(tmp_path)))  # what choosing the file does
    dlg = await opened_preview(brig)
    model = dlg.model
    assert model.rowCount() == 3
    assert model.index(0, COST).data() == "$0.64" and model.index(2, COST).data() == "$0.40"
    assert "$1.04" in dlg.summary.text()  # the rows that can be sent
    # Line 3 asks for 5 s: it is named, in red, and Start waits for it.
    assert not dlg.start_button.isEnabled()
    assert "Line 3" in dlg.problems.text() and dlg.problems.isVisible()
    assert "4, 6 or 8" in model.index(1, FINDINGS).data()
    assert dlg.skip.isVisible() and "1" in dlg.skip.text()
    assert brig.sim.post_count == 0

    # Fixed in place: the row is checked again, priced, and Start opens up.
    assert model.setData(model.index(1, DURATION), "6")
    assert model.index(1, FINDINGS).data() == ""
    assert model.index(1, COST).data() == "$0.48" and "$1.52" in dlg.summary.text()
    assert dlg.start_button.isEnabled() and not dlg.problems.isVisible()
    assert "3" in dlg.start_button.text()
    assert brig.sim.post_count == 0


@pytest.mark.asyncio
async def test_edit_a_prompt_in_place_then_start_sends_each_row_once(
    brig: Rig, tmp_path: Path
) -> None:
    win = brig.window
    text = "prompt,duration\nfirst shot,4\nsecond shot,4\nthird shot,4\n"
    win.batch.open_file(shots(tmp_path, text))
    dlg = await opened_preview(brig)
    # Double-click the prompt, type, Enter: the row is the edited one.
    index = dlg.model.index(1, PROMPT)
    dlg.view.setCurrentIndex(index)
    dlg.view.edit(index)
    editor = next(e for e in dlg.view.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    QTest.keyClicks(editor, "second shot, in the rain")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # committed on the next turn of the loop
    await wait_until(lambda: dlg.model.item(1).request.prompt == "second shot, in the rain")
    # Reordered: the third row goes first.
    dlg.view.selectRow(2)
    dlg.up.click()
    dlg.up.click()
    assert [dlg.model.item(r).line for r in range(3)] == [4, 2, 3]

    panel = await started(brig, dlg)
    await wait_until(lambda: states(panel) == [RowState.DONE] * 3, timeout=40)
    assert brig.sim.post_count == 3  # one POST per row
    rows = panel.model.rows()
    assert [r.line for r in rows] == [4, 2, 3]
    jobs = [brig.services.journal.get(r.job_id) for r in rows]
    assert all(
        j and j.state is JobState.DOWNLOADED and Path(j.video_path or "").is_file() for j in jobs
    )
    assert jobs[2] and jobs[2].prompt == "second shot, in the rain"  # line 3, edited
    assert panel.pace.text() and "3" in panel.counts.text()
    await wait_until(lambda: "finished" in win.statusBar().currentMessage())


@pytest.mark.asyncio
async def test_pause_stops_sending_cancel_a_waiting_row_resume_sends_the_rest(
    brig: Rig, tmp_path: Path
) -> None:
    few_at_once(brig, 1)
    win = brig.window
    win.batch.open_file(shots(tmp_path, "".join(f"shot {n}\n" for n in range(4)), "list.txt"))
    dlg = await opened_preview(brig)
    panel = await started(brig, dlg)
    await wait_until(lambda: states(panel)[0] is RowState.RUNNING, timeout=20)
    panel.pause.click()
    await wait_until(lambda: panel.pause.text() == "Resume")
    assert "Paused" in panel.pace.text()
    await wait_until(lambda: states(panel)[0] is RowState.DONE, timeout=20)
    # The first row's slot is free, but the queue is paused: nothing more is sent.
    await asyncio.sleep(1.0)  # a job's length and more: time enough for a send to go out
    assert brig.sim.post_count == 1
    assert states(panel)[1:] == [RowState.WAITING] * 3

    panel.view.selectRow(2)
    assert panel.cancel.isEnabled()
    panel.cancel.click()
    await wait_until(lambda: states(panel)[2] is RowState.CANCELLED)
    panel.pause.click()  # Resume
    await wait_until(
        lambda: states(panel) == [RowState.DONE, RowState.DONE, RowState.CANCELLED, RowState.DONE],
        timeout=40,
    )
    assert brig.sim.post_count == 3


@pytest.mark.asyncio
async def test_waiting_rows_reorder_in_the_queue(brig: Rig, tmp_path: Path) -> None:
    few_at_once(brig, 1)
    win = brig.window
    win.batch.open_file(shots(tmp_path, "a\nb\nc\n", "abc.txt"))
    panel = await started(brig, await opened_preview(brig))
    await wait_until(lambda: states(panel)[0] is not RowState.WAITING, timeout=20)
    panel.pause.click()
    await wait_until(lambda: panel.pause.text() == "Resume")
    panel.view.selectRow(2)  # "c" before "b"
    assert panel.up.isEnabled()
    panel.up.click()
    await wait_until(lambda: [r.line for r in panel.model.rows()] == [1, 3, 2])
    assert panel.view.selectionModel().selectedRows()[0].row() == 1  # the selection follows
    panel.pause.click()
    await wait_until(lambda: states(panel) == [RowState.DONE] * 3, timeout=40)
    sent_at: dict[int, float] = {}
    for r in panel.model.rows():
        job = brig.services.journal.get(r.job_id)
        assert job is not None
        sent_at[r.line] = job.created_at
    sent = sorted(sent_at, key=sent_at.__getitem__)
    assert sent == [1, 3, 2]


@pytest.mark.asyncio
async def test_a_paste_of_three_lines_offers_three_jobs(brig: Rig) -> None:
    win = brig.window
    tab = win.show_tab(Mode.TEXT)
    tab.prompt.setPlainText("my draft")
    cursor = tab.prompt.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    tab.prompt.setTextCursor(cursor)
    QGuiApplication.clipboard().setText("a fox at dawn\n\na heron in fog\na boat at night\n")
    tab.prompt.setFocus()
    QTest.keyClick(tab.prompt, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: any(b.isVisible() for b in tab.findChildren(OfferBar)))
    bar = next(b for b in tab.findChildren(OfferBar) if b.isVisible())
    assert bar.label.text() == "Make 3 jobs, one per line?"
    assert "3" in bar.make.text() and "one prompt" in bar.keep.text().replace("&", "")
    assert "a heron in fog" in tab.prompt.toPlainText()  # the paste went in meanwhile
    bar.make.click()
    assert tab.prompt.toPlainText() == "my draft"  # the lines became jobs instead
    dlg = await opened_preview(brig)
    assert [dlg.model.item(r).request.prompt for r in range(3)] == [
        "a fox at dawn",
        "a heron in fog",
        "a boat at night",
    ]
    assert dlg.start_button.isEnabled() and brig.sim.post_count == 0


@pytest.mark.asyncio
async def test_keep_as_one_prompt_and_one_line_pastes_are_left_alone(brig: Rig) -> None:
    tab = brig.window.show_tab(Mode.TEXT)
    QGuiApplication.clipboard().setText("one line only")
    tab.prompt.setFocus()
    QTest.keyClick(tab.prompt, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    await asyncio.sleep(0.1)  # the offer would come on the next turn of the loop
    assert not any(b.isVisible() for b in tab.findChildren(OfferBar))
    QGuiApplication.clipboard().setText("line one\nline two")
    QTest.keyClick(tab.prompt, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: any(b.isVisible() for b in tab.findChildren(OfferBar)))
    next(b for b in tab.findChildren(OfferBar) if b.isVisible()).keep.click()
    assert tab.prompt.toPlainText() == "one line onlyline one\nline two"
    assert brig.window.batch.preview is None


@pytest.mark.asyncio
async def test_a_batch_file_dropped_on_the_prompt_opens_it_and_images_still_go_in_slots(
    brig: Rig, tmp_path: Path
) -> None:
    win = brig.window
    tab = win.show_tab(Mode.IMAGE)
    assert tab.frames is not None
    assert drop(tab.prompt.viewport(), file_mime(shots(tmp_path)))
    dlg = await opened_preview(brig)
    assert dlg.model.rowCount() == 3 and tab.prompt.toPlainText() == ""
    dlg.reject()
    start = tab.frames.start
    assert drop(start, file_mime(png(tmp_path / "start.png", (200, 40, 40))))
    await wait_until(lambda: bool(start.value()))


@pytest.mark.asyncio
async def test_an_unfinished_batch_carries_on_at_start_up(brig: Rig) -> None:
    """A batch kept by an earlier run (or `veo batch`) with rows never sent: the window
    reopens it and sends each row once."""
    store = BatchStore(brig.services.paths.data_dir / STORE_NAME)
    try:
        req = GenerationRequest(mode=Mode.TEXT, model="veo3.1-fast-video-720p", duration=4)
        rows = [(1, replace(req, prompt="left one")), (2, replace(req, prompt="left two"))]
        store.create(Path("/nowhere/left.txt"), "0" * 64, rows)
    finally:
        store.close()
    brig.window.batch.resume_all()
    await wait_until(lambda: brig.window.batch.panel is not None)
    panel = brig.window.batch.panel
    assert panel is not None
    await wait_until(lambda: states(panel) == [RowState.DONE] * 2, timeout=40)
    assert brig.sim.post_count == 2
    assert "left.txt" in panel.chooser.currentText()


@pytest.mark.asyncio
async def test_quit_mid_batch_then_the_next_start_finishes_it_with_one_post_per_row(
    brig: Rig, tmp_path: Path
) -> None:
    few_at_once(brig, 1)
    win = brig.window
    win.batch.open_file(shots(tmp_path, "one\ntwo\nthree\n", "three.txt"))
    panel = await started(brig, await opened_preview(brig))
    await wait_until(lambda: states(panel)[0] is RowState.RUNNING, timeout=20)
    await win.batch.aclose()  # quit: the first job is at the gateway, the others not sent
    assert brig.sim.post_count == 1
    win.batch = again = BatchUi(win)  # the next start, over the same data folder and gateway
    again.resume_all()
    await wait_until(lambda: again.panel is not None)
    reopened = again.panel
    assert reopened is not None
    await wait_until(lambda: states(reopened) == [RowState.DONE] * 3, timeout=40)
    assert brig.sim.post_count == 3  # the first row was followed, not sent again
