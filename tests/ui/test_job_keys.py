"""Keys as a user presses them: Ctrl+, opens Settings, and the job keys (Ctrl+L, Ctrl+R,
Ctrl+E, Ctrl+D) act on the selected job wherever the focus is, or say what to do first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from veo_desktop.core.library.frames import extract_frame
from veo_desktop.core.request.models import Mode
from veo_desktop.ui.dialogs.settings_dialog import SettingsDialog

from .conftest import wait_until
from .helpers import Rig
from .test_job_actions import finished_job

CTRL = Qt.KeyboardModifier.ControlModifier


def settings_open(rig: Rig) -> bool:
    return any(d.isVisible() for d in rig.window.findChildren(SettingsDialog))


@pytest.mark.asyncio
async def test_ctrl_comma_opens_settings_from_the_prompt(rig: Rig) -> None:
    tab = rig.window.current_tab()
    tab.prompt.setFocus()
    QTest.keyClick(tab.prompt, Qt.Key.Key_Comma, CTRL)
    await wait_until(lambda: settings_open(rig), timeout=5)
    assert "Ctrl+," in [k.toString() for k in rig.window.menus.settings.shortcuts()]


@pytest.mark.asyncio
async def test_ctrl_l_with_the_focus_in_the_prompt_chains_the_selected_job(rig: Rig) -> None:
    await finished_job(rig, "shot one")
    win = rig.window
    clip = Path(win.model.job_at(0).video_path or "")
    prompt = win.compose[Mode.TEXT].prompt
    prompt.setFocus()
    QTest.keyClick(prompt, Qt.Key.Key_L, CTRL)
    frames = win.compose[Mode.FRAMES].frames
    assert frames is not None
    await wait_until(lambda: frames.start.value() is not None, timeout=10)
    assert win.current_tab() is win.compose[Mode.FRAMES]
    png = Path(frames.start.value() or "")
    from PIL import Image

    assert Image.open(png).tobytes() == extract_frame(clip, "last").tobytes()


@pytest.mark.asyncio
async def test_ctrl_r_and_ctrl_e_from_a_text_box_act_and_delete_stays_a_text_edit(
    rig: Rig,
) -> None:
    await finished_job(rig, "remix me", negative="blur")
    win = rig.window
    tab = win.compose[Mode.TEXT]
    tab.prompt.setPlainText("typed meanwhile")
    tab.negative.setFocus()  # a QLineEdit: Ctrl+R means nothing there
    QTest.keyClick(tab.negative, Qt.Key.Key_R, CTRL)
    assert tab.prompt.toPlainText() == "remix me"
    tab.prompt.setFocus()
    QTest.keyClick(tab.prompt, Qt.Key.Key_E, CTRL)
    assert win.current_tab() is win.compose[Mode.EXTEND]
    # Delete means "delete a character" in a text box and is never a window-wide job key.
    tab = win.compose[Mode.EXTEND]
    tab.prompt.setFocus()
    QTest.keyClick(tab.prompt, Qt.Key.Key_Delete)
    assert not [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    assert win.model.rowCount() == 1


@pytest.mark.asyncio
async def test_a_job_key_with_no_job_selected_says_so(rig: Rig) -> None:
    win = rig.window
    prompt = win.current_tab().prompt
    prompt.setFocus()
    for key in (Qt.Key.Key_L, Qt.Key.Key_R, Qt.Key.Key_E, Qt.Key.Key_D):
        win.statusBar().clearMessage()
        QTest.keyClick(prompt, key, CTRL)
        assert "Select a job first" in win.statusBar().currentMessage(), key


@pytest.mark.asyncio
async def test_ctrl_d_on_a_job_it_does_not_fit_says_why(rig: Rig) -> None:
    await finished_job(rig, "already downloaded")
    win = rig.window
    win.current_tab().prompt.setFocus()
    QTest.keyClick(win.current_tab().prompt, Qt.Key.Key_D, CTRL)
    assert "does not apply" in win.statusBar().currentMessage()
