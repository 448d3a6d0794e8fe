"""A frame whose shape differs from the chosen aspect gets one message, beside the aspect ratio,
with a one-click switch; and an untouched tab shows no errors until the user acts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from veo_desktop.core.request.models import Mode
from veo_desktop.ui.appearance import ERROR_COLOURS
from veo_desktop.ui.compose.tab import ComposeTab

from .conftest import wait_until
from .helpers import Rig, png


def aspect_messages(tab: ComposeTab) -> list[str]:
    """Every visible text in the tab (slots included) that speaks of the frame's shape or the
    aspect ratio, other than the form's own "Aspect ratio" label."""
    texts = [label.text() for label in tab.findChildren(QLabel) if label.isVisible()]
    return [
        t
        for t in texts
        if t != "Aspect ratio" and ("16:9" in t or "9:16" in t or "aspect" in t.lower())
    ]


def shown_errors(tab: ComposeTab) -> list[str]:
    return [t for field, t in tab_messages(tab) if any(c in field for c in ERROR_COLOURS)]


def tab_messages(tab: ComposeTab) -> list[tuple[str, str]]:
    return [
        (label.styleSheet(), label.text()) for label in tab._messages.values() if label.isVisible()
    ]


@pytest.mark.asyncio
async def test_a_portrait_frame_gets_one_message_and_a_switch_to_9_16(
    rig: Rig, tmp_path: Path
) -> None:
    win = rig.window
    tab = win.show_tab(Mode.IMAGE)
    assert tab.aspect.currentData() == "16:9"
    portrait = png(tmp_path / "portrait.png", (20, 90, 160), (360, 640))
    assert tab.frames is not None
    tab.frames.start.set_value(str(portrait))
    await wait_until(lambda: tab.frames is not None and tab.frames.start.value() is not None)
    QApplication.processEvents()
    said = aspect_messages(tab)
    assert len(said) == 1, said  # one message, not the slot's and the form's
    assert "9:16" in said[0]
    assert tab.aspect_switch.isVisible() and "9:16" in tab.aspect_switch.text()
    tab.aspect_switch.click()
    assert tab.aspect.currentData() == "9:16"
    QApplication.processEvents()
    assert aspect_messages(tab) == [] and not tab.aspect_switch.isVisible()


@pytest.mark.asyncio
async def test_untouched_tabs_show_no_errors_until_the_user_acts(rig: Rig) -> None:
    win = rig.window
    for mode in (Mode.IMAGE, Mode.FRAMES, Mode.REFERENCE, Mode.EXTEND, Mode.TEXT):
        tab = win.show_tab(mode)
        QApplication.processEvents()
        assert shown_errors(tab) == [], (mode, shown_errors(tab))
        assert not tab.submit.isEnabled()  # Generate still cannot send, and says why
        assert tab.submit.toolTip()
    tab = win.show_tab(Mode.IMAGE)
    win.submit_current()  # pressing Generate is acting: now say what is missing
    assert any("start frame" in t for t in shown_errors(tab))
    frames = win.show_tab(Mode.FRAMES)
    frames.prompt.setPlainText("a typed prompt")
    assert any("start frame" in t for t in shown_errors(frames))
