"""Actions on a finished job, as a user triggers them: remix restores the tab, the last frame
chains into the next First + Last job, delete asks first and moves files to the trash, a
failed job offers its retries."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.trash import fake_trash
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.library.frames import extract_frame
from veo_desktop.core.request.models import Mode
from veo_desktop.simulator import Faults
from veo_desktop.ui.jobs.roles import StatusTextRole

from .conftest import wait_until
from .helpers import Rig


async def finished_job(rig: Rig, prompt: str, **tab_values: object) -> None:
    win = rig.window
    tab = win.compose[Mode.TEXT]
    win.show_tab(tab.mode)
    tab.prompt.setPlainText(prompt)
    tab.negative.setText(str(tab_values.get("negative", "")))
    tab.seed.setText(str(tab_values.get("seed", "")))
    win.submit_current()
    await wait_until(
        lambda: (
            win.model.rowCount() >= 1
            and win.model.job_at(0).prompt == prompt
            and win.model.job_at(0).state in (JobState.DOWNLOADED, JobState.FAILED)
        ),
        timeout=30,
    )
    win.view.setCurrentIndex(win.model.index(0, 0))
    win.view.setFocus()


@pytest.mark.asyncio
async def test_remix_restores_the_job_into_its_tab(rig: Rig) -> None:
    await finished_job(rig, "remix me", negative="blur", seed=77)
    win = rig.window
    win.compose[Mode.TEXT].prompt.setPlainText("something else")
    QTest.keyClick(win.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    tab = win.compose[Mode.TEXT]
    assert win.current_tab() is tab
    assert tab.prompt.toPlainText() == "remix me"
    assert tab.negative.text() == "blur" and tab.seed.text() == "77"
    tab.roll_seed()  # "remix with a new seed"
    assert tab.seed.text() != "77"


@pytest.mark.asyncio
async def test_last_frame_chains_into_a_new_first_last_job(rig: Rig) -> None:
    await finished_job(rig, "shot one")
    win = rig.window
    clip = Path(win.model.job_at(0).video_path or "")
    win.job_actions.last_to_start.trigger()
    frames = win.compose[Mode.FRAMES].frames
    assert frames is not None
    await wait_until(lambda: frames.start.value() is not None, timeout=10)
    assert win.current_tab() is win.compose[Mode.FRAMES]
    png = Path(frames.start.value() or "")
    assert Image.open(png).tobytes() == extract_frame(clip, "last").tobytes()


@pytest.mark.asyncio
async def test_delete_asks_then_moves_to_the_trash(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    trashed = fake_trash(monkeypatch)
    await finished_job(rig, "delete me")
    win = rig.window
    clip = Path(win.model.job_at(0).video_path or "")
    QTest.keyClick(win.view, Qt.Key.Key_Delete)
    boxes = [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and clip.exists()  # nothing happens before the answer
    boxes[0].done(QMessageBox.StandardButton.Yes)
    await wait_until(lambda: win.model.rowCount() == 0, timeout=10)
    assert str(clip) in trashed and not clip.exists()
    assert rig.services.journal.count() == 0


@pytest.mark.asyncio
async def test_delete_key_in_the_prompt_edits_text_only(rig: Rig) -> None:
    await finished_job(rig, "keep me")
    tab = rig.window.compose[Mode.TEXT]
    tab.prompt.setFocus()
    QTest.keyClick(tab.prompt, Qt.Key.Key_Delete)
    assert not [b for b in rig.window.findChildren(QMessageBox) if b.isVisible()]
    assert rig.window.model.rowCount() == 1


@pytest.mark.asyncio
async def test_audio_block_offers_retry_without_audio_first(rig: Rig) -> None:
    rig.sim.faults = Faults(block_audio=True)
    await finished_job(rig, "a loud choir")
    win = rig.window
    assert win.model.job_at(0).state is JobState.FAILED
    menu = win.job_actions.menu(win.view.visualRect(win.model.index(0, 0)).center())
    assert menu is not None
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0] == "Retry without audio"
    rig.sim.faults = Faults()
    menu.actions()[0].trigger()
    await wait_until(
        lambda: win.model.rowCount() == 2 and win.model.job_at(0).state is JobState.DOWNLOADED,
        timeout=30,
    )
    body = rig.sim.job(win.model.job_at(0).task_id or "")["body"]
    assert body["extra_body"]["generate_audio"] is False
    menu.close()


@pytest.mark.asyncio
async def test_a_failed_download_can_be_fetched_again_in_one_action(rig: Rig) -> None:
    rig.sim.faults = Faults(download_not_mp4=True)  # an HTML error page served with 200
    win = rig.window
    tab = win.compose[Mode.TEXT]
    tab.prompt.setPlainText("paid for, not yet here")
    win.submit_current()
    await wait_until(
        lambda: (
            win.model.rowCount() == 1
            and win.model.job_at(0).state is JobState.COMPLETED
            and bool(win.model.job_at(0).error_message)
        ),
        timeout=30,
    )
    win.view.setCurrentIndex(win.model.index(0, 0))
    win.view.setFocus()
    assert win.job_actions.download.isEnabled()
    assert "link valid about" in win.model.data(win.model.index(0, 0), StatusTextRole)
    posts = rig.sim.post_count
    rig.sim.faults = Faults()  # the CDN is healthy again
    QTest.keyClick(win.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: win.model.job_at(0).state is JobState.DOWNLOADED, timeout=30)
    assert Path(win.model.job_at(0).video_path or "").read_bytes()[4:8] == b"ftyp"
    assert rig.sim.post_count == posts  # fetched again, never generated (or billed) again
