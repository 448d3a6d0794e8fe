"""Start-up shows the window's shell first: the viewer pane is built once the shell is on screen,
in the place kept for it, and then works as before (asked for earlier, it is built on demand);
the keyring is asked whether a key is stored only after that first paint."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from veo_desktop.app import ask_for_key_once_painted
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import Mode
from veo_desktop.core.secrets import KeyStore
from veo_desktop.ui.jobs.controller import JobController
from veo_desktop.ui.main_window import MainWindow
from veo_desktop.ui.player.player import Player
from veo_desktop.ui.player.viewer import Viewer
from veo_desktop.ui.settings import open_store

from .conftest import wait_until
from .helpers import Rig, make_rig


class FirstPaint(QObject):
    """What the window held when it was first painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.painted = False
        self.viewer_existed: bool | None = None
        self.pane: QRect | None = None  # where the viewer goes, as painted
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self.viewer_existed = self.window.findChild(Viewer) is not None
            self.pane = self.window.viewer_split.viewer.geometry()  # the place kept for it
        return False


@contextmanager
def restarted(rig: Rig) -> Iterator[MainWindow]:
    """The rig's window closed and a new one opened on the same data, as a restart does."""
    rig.window.close()
    controller = JobController(rig.services.runner, rig.services.journal)
    player = Player()
    store = open_store(str(rig.services.paths.config_dir / "window.ini"))
    again = MainWindow(rig.services, controller, player, store, demo=True)
    try:
        yield again
    finally:
        again.close()
        controller.close()
        player.stop()
        for obj in (again, player, controller):
            Shiboken.delete(obj)


async def finished_job(rig: Rig, prompt: str) -> Job:
    win = rig.window
    tab = win.show_tab(Mode.TEXT)
    QTest.keyClicks(tab.prompt, prompt)
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await wait_until(
        lambda: win.model.rowCount() == 1 and win.model.job_at(0).state is JobState.DOWNLOADED,
        timeout=30,
    )
    return win.model.job_at(0)


# The offscreen platform cannot move the video's native window between windows (X11 can).
@pytest.mark.qt_log_ignore("does not support setParent", "does not support lower")
@pytest.mark.asyncio
async def test_the_shell_paints_first_then_the_viewer_takes_its_place_and_plays_the_selection(
    rig: Rig,
) -> None:
    job = await finished_job(rig, "a heron in the reeds")
    with restarted(rig) as win:
        first = FirstPaint(win)
        win.show()
        await wait_until(lambda: first.viewer_existed is not None)
        assert first.viewer_existed is False  # the first picture is the shell alone
        assert win.model.rowCount() == 1  # with the job list's first page in it

        await wait_until(lambda: win.findChild(Viewer) is not None)
        viewer = win.viewer
        # In the place kept for it, at the size painted first: nothing jumps.
        assert win.viewer_split.viewer is viewer and win.viewer_split.count() == 2
        assert viewer.isVisible() and viewer.geometry() == first.pane

        win.view.setCurrentIndex(win.model.index(0, 0))  # a click on the row
        await wait_until(lambda: win.player.job_id == job.id == viewer.job_id, timeout=10)
        assert viewer.title.text() == "a heron in the reeds"
        await wait_until(lambda: win.player.playing, timeout=10)  # it plays once shown
        win.view.setFocus()
        QTest.keyClick(win.view, Qt.Key.Key_Space)  # the viewer's keys work from the list
        await wait_until(lambda: not win.player.playing, timeout=5)
        win.view.doubleClicked.emit(win.model.index(0, 0))  # a double click: full screen
        assert viewer.full_screen and viewer.isFullScreen()
        QTest.keyClick(viewer, Qt.Key.Key_Escape)
        assert not viewer.full_screen and win.viewer_split.indexOf(viewer) >= 0


def test_the_viewer_is_built_when_asked_for_before_the_first_paint(
    qtbot: QtBot, tmp_path: Path
) -> None:
    r = make_rig(tmp_path)  # never shown
    try:
        win = r.window
        assert win.findChild(Viewer) is None
        # Help ▸ Keyboard shortcuts, opened before the viewer exists, lists its keys too.
        rows = dict(win.menus.shortcut_rows())
        assert rows["Play or pause the clip"] == "Space"
        assert rows["Full screen viewer"] == "F"
        assert win.findChild(Viewer) is win.viewer
        assert win.viewer_split.viewer is win.viewer and win.viewer_split.count() == 2
    finally:
        r.close()


def test_a_viewer_built_after_the_warm_up_has_its_video_surface_ready(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # The warm-up makes the media player a second after start; a viewer built later (the welcome
    # page hid its place) must not leave the first clip to build the video widget.
    r = make_rig(tmp_path)
    try:
        win = r.window
        win.player.prepare()
        assert win.findChild(Viewer) is None
        assert win.viewer.surface is not None
    finally:
        r.close()


class NoKeyStored:
    """A keyring backend holding no key that notes whether the window had painted when asked."""

    def __init__(self) -> None:
        self.first_paint: FirstPaint | None = None
        self.asked_after_paint: list[bool] = []

    def get_password(self, service: str, user: str) -> str | None:
        assert self.first_paint is not None
        self.asked_after_paint.append(self.first_paint.painted)
        return None

    def set_password(self, service: str, user: str, password: str) -> None:
        raise AssertionError("nothing is stored at start-up")

    def delete_password(self, service: str, user: str) -> None:
        raise AssertionError("nothing is deleted at start-up")


@pytest.mark.asyncio
async def test_a_missing_key_is_looked_up_only_once_the_window_has_painted(
    qtbot: QtBot, tmp_path: Path
) -> None:
    backend = NoKeyStored()
    r = make_rig(tmp_path, key=None, demo=False, keystore=KeyStore(backend, lambda _: None))
    try:
        backend.first_paint = FirstPaint(r.window)
        ask_for_key_once_painted(r.window, r.services)  # as the app's start does
        r.window.show()
        await wait_until(lambda: r.window.pages.currentWidget() is r.window.welcome)
        assert backend.asked_after_paint and all(backend.asked_after_paint)
    finally:
        r.close()
        await r.services.aclose()
