"""The Qt stack itself works here: widgets offscreen, QtMultimedia imports, qasync runs."""

import asyncio

import pytest
from pytestqt.qtbot import QtBot

from .conftest import wait_until


def test_widgets_and_multimedia_import(qtbot: QtBot) -> None:
    from PySide6.QtMultimedia import QMediaPlayer
    from PySide6.QtWidgets import QLabel

    label = QLabel("hello")
    qtbot.addWidget(label)
    label.show()
    assert label.isVisible()
    assert QMediaPlayer is not None


@pytest.mark.asyncio
async def test_qasync_loop_runs_coroutines_and_qt_timers(qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer

    fired: list[int] = []
    QTimer.singleShot(10, lambda: fired.append(1))
    await wait_until(lambda: fired == [1])
    assert await asyncio.to_thread(sum, [1, 2]) == 3
