"""Remix over an unsent draft: the draft is kept, and Undo in the status bar brings it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from veo_desktop.core.request.models import Mode

from .helpers import Rig
from .test_job_actions import finished_job


@pytest.mark.asyncio
async def test_remix_over_a_draft_offers_undo_that_restores_it(rig: Rig) -> None:
    await finished_job(rig, "the old shot", negative="blur", seed=5)
    win = rig.window
    tab = win.compose[Mode.TEXT]
    tab.prompt.setPlainText("my unsent idea, typed with care")
    tab.negative.setText("no text on screen")
    tab.seed.setText("")
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert tab.prompt.toPlainText() == "the old shot"
    assert "Undo" in win.statusBar().currentMessage()
    undo = win.draft_undo.button
    assert undo.isVisible()
    undo.click()
    assert tab.prompt.toPlainText() == "my unsent idea, typed with care"
    assert tab.negative.text() == "no text on screen" and tab.seed.text() == ""
    assert not undo.isVisible()


@pytest.mark.asyncio
async def test_remix_into_an_empty_tab_offers_no_undo(rig: Rig) -> None:
    await finished_job(rig, "the old shot")
    win = rig.window
    win.compose[Mode.TEXT].prompt.clear()
    win.job_actions.remix.trigger()
    assert win.compose[Mode.TEXT].prompt.toPlainText() == "the old shot"
    assert not win.draft_undo.button.isVisible()
