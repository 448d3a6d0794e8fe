"""The first start: no gateway yet shows the welcome page at once; a gateway without a stored
key shows it as soon as the (slow) keyring has answered, after the window is up."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from veo_desktop.app import _welcome_if_no_key, build, parse_args

from .helpers import make_rig


def test_no_gateway_yet_means_the_welcome_page(tmp_path: Path) -> None:
    services, welcome = build(parse_args(["--data-dir", str(tmp_path / "fresh")]))
    try:
        assert welcome is True
    finally:
        services.journal.close()


@pytest.mark.asyncio
async def test_a_gateway_without_a_key_asks_for_one_after_the_window_shows(
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    rig = make_rig(tmp_path, key="")
    try:
        rig.window.show()
        assert rig.window.pages.currentWidget() is not rig.window.welcome
        await _welcome_if_no_key(rig.window, rig.services)
        assert rig.window.pages.currentWidget() is rig.window.welcome
    finally:
        rig.close()
        await rig.services.aclose()


@pytest.mark.asyncio
async def test_a_stored_key_keeps_the_main_page(qtbot: QtBot, tmp_path: Path) -> None:
    rig = make_rig(tmp_path, key="sk-welcome-test")
    try:
        await _welcome_if_no_key(rig.window, rig.services)
        assert rig.window.pages.currentWidget() is not rig.window.welcome
    finally:
        rig.close()
        await rig.services.aclose()
