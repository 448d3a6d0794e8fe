"""The product as a user meets it: drop two frames, type, Ctrl+Return, and the finished clip
plays in the viewer beside the job list, with exactly one POST."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.request.models import Mode
from veo_desktop.ui.compose.drafts import DraftStore

from .conftest import wait_until
from .helpers import Rig, drop, file_mime, make_rig, png

PLAYING = (
    QMediaPlayer.MediaStatus.LoadedMedia,
    QMediaPlayer.MediaStatus.BufferedMedia,
    QMediaPlayer.MediaStatus.BufferingMedia,
)


@pytest.mark.asyncio
async def test_first_last_drop_type_ctrl_return_plays_in_the_viewer(
    rig: Rig, tmp_path: Path
) -> None:
    win = rig.window
    QTest.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    tab = win.compose[Mode.FRAMES]
    assert win.current_tab() is tab
    assert tab.prompt.hasFocus() or win.focusWidget() is tab.prompt
    frames = tab.frames
    assert frames is not None
    assert drop(frames.start, file_mime(png(tmp_path / "start.png", (220, 40, 40))))
    assert drop(frames.end, file_mime(png(tmp_path / "end.png", (40, 40, 220))))
    await wait_until(lambda: bool(frames.start.value() and frames.end.value()))
    QTest.keyClicks(tab.prompt, "sunrise over a red barn, slow dolly in")
    assert tab.submit.isEnabled()
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    model = win.model
    await wait_until(lambda: model.rowCount() == 1, timeout=10)
    await wait_until(lambda: model.job_at(0).state is JobState.DOWNLOADED, timeout=30)
    job = model.job_at(0)
    assert Path(job.video_path or "").read_bytes() == rig.sim.served_bytes(job.task_id or "")
    assert job.mode is Mode.FRAMES and rig.sim.post_count == 1
    # The finished row is selected and plays in the viewer through the one shared player.
    await wait_until(lambda: rig.player.job_id == job.id == win.viewer.job_id, timeout=10)
    await wait_until(lambda: rig.player.media.mediaStatus() in PLAYING, timeout=15)
    await wait_until(lambda: rig.player.shown_us is not None, timeout=15)
    assert rig.player.muted and rig.player.audio is None  # no audio path for previews
    assert tab.prompt.toPlainText() == "sunrise over a red barn, slow dolly in"  # kept


@pytest.mark.asyncio
async def test_ctrl_return_held_down_sends_one_job(rig: Rig) -> None:
    win = rig.window
    tab = win.compose[Mode.TEXT]
    win.show_tab(tab.mode)
    QTest.keyClicks(tab.prompt, "one intent")
    for _ in range(5):  # autorepeat and impatient double presses
        QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    tab.submit.click()
    await wait_until(lambda: win.model.rowCount() >= 1, timeout=10)
    await wait_until(lambda: win.model.job_at(0).state is JobState.DOWNLOADED, timeout=30)
    assert rig.sim.post_count == 1 and win.model.rowCount() == 1


@pytest.mark.asyncio
async def test_invalid_input_disables_submit_and_sends_nothing(rig: Rig, tmp_path: Path) -> None:
    win = rig.window
    tab = win.compose[Mode.FRAMES]
    win.show_tab(tab.mode)
    QTest.keyClicks(tab.prompt, "missing frames")
    assert not tab.submit.isEnabled()
    assert "start frame" in tab.submit.toolTip()
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not really a png")
    frames = tab.frames
    assert frames is not None
    drop(frames.start, file_mime(bad))
    await wait_until(lambda: bool(frames.start.error_text()))
    assert frames.start.value() is None
    assert rig.sim.post_count == 0 and win.model.rowCount() == 0
    assert tab.prompt.toPlainText() == "missing frames"


@pytest.mark.asyncio
async def test_drafts_and_last_tab_survive_a_restart(
    rig: Rig,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    win = rig.window
    QTest.keyClicks(win.show_tab(Mode.TEXT).prompt, "text draft in a tab left unopened next time")
    tab = win.compose[Mode.IMAGE]
    win.show_tab(tab.mode)
    start = png(tmp_path / "s.png", (10, 200, 10))
    assert tab.frames is not None
    assert drop(tab.frames.start, file_mime(start))
    start_slot = tab.frames.start
    await wait_until(lambda: start_slot.value() == str(start))
    QTest.keyClicks(tab.prompt, "draft that must survive")
    tab.negative.setText("blur")
    win.close()  # saves drafts, geometry, last tab

    from veo_desktop.ui.jobs.controller import JobController
    from veo_desktop.ui.main_window import MainWindow
    from veo_desktop.ui.player.player import Player
    from veo_desktop.ui.settings import open_store

    controller = JobController(rig.services.runner, rig.services.journal)
    player = Player()
    again = MainWindow(
        rig.services,
        controller,
        player,
        open_store(str(rig.services.paths.config_dir / "window.ini")),
    )
    restored = again.compose[Mode.IMAGE]
    assert again.current_tab() is restored
    assert restored.prompt.toPlainText() == "draft that must survive"
    assert restored.negative.text() == "blur"
    assert restored.frames is not None
    restored_start = restored.frames.start
    await wait_until(lambda: restored_start.value() == str(start))
    # Tabs are built when first shown; one never opened this time keeps its draft anyway.
    assert Mode.TEXT not in again.compose.built()
    again.close()
    kept = DraftStore(rig.services.paths.data_dir / "drafts.json").get(Mode.TEXT.value)
    assert kept and kept["prompt"] == "text draft in a tab left unopened next time"
    assert again.compose[Mode.TEXT].prompt.toPlainText() == kept["prompt"]
    controller.close()
    player.stop()
    from shiboken6 import Shiboken

    for obj in (again, player, controller):  # delete on this thread, not in a GC pass
        Shiboken.delete(obj)


def test_every_control_has_an_accessible_name(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    r = make_rig(tmp_path)
    # the rig closes and deletes its window itself (see Rig.close)
    try:
        for mode in r.window.compose:  # each tab is built on first showing: show them all
            r.window.show_tab(mode)
        assert len(r.window.compose.built()) == 5
        missing = []
        for cls in (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit):
            for w in r.window.findChildren(cls):
                name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
                if not name.strip() and not w.objectName().startswith("qt_"):  # Qt internals
                    missing.append(f"{cls.__name__}:{w.objectName()}:{w.parent()}")
        assert missing == []
    finally:
        r.close()


@pytest.mark.asyncio
async def test_a_quirky_slow_gateway_job_lands_from_the_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Every real-world reply quirk plus a 0.4 s latency on every reply: a 4k frame dropped and
    sent from the window still lands, with one POST. (Whether the window stays responsive
    meanwhile is a figure, not a test: bench heartbeat_p99_ms and heartbeat_max_ms.)"""
    from veo_desktop.simulator import Faults

    r = make_rig(tmp_path)
    # the rig closes and deletes its window itself (see Rig.close)
    r.sim.faults = Faults.quirky(seed=3)
    r.sim.faults.latency = 0.4
    r.window.show()
    try:
        tab = r.window.compose[Mode.IMAGE]
        r.window.show_tab(tab.mode)
        assert tab.frames is not None
        start = tab.frames.start
        assert drop(start, file_mime(png(tmp_path / "big.png", (5, 90, 160), (3840, 2160))))
        await wait_until(lambda: start.value() is not None)
        QTest.keyClicks(tab.prompt, "quirky but fine")
        QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await wait_until(lambda: r.window.model.rowCount() == 1, timeout=15)
        await wait_until(lambda: r.window.model.job_at(0).state is JobState.DOWNLOADED, timeout=60)
    finally:
        r.close()
        await r.services.aclose()
    assert r.sim.post_count == 1


@pytest.mark.asyncio
async def test_jobs_made_by_the_cli_appear_while_the_app_runs(rig: Rig) -> None:
    from veo_desktop.core.jobs.journal import Journal

    other = Journal(rig.services.paths.journal)  # the CLI's own connection to the same file
    job = other.create(
        mode=Mode.TEXT,
        model="veo3.1-fast-video-720p",
        prompt="from the CLI",
        negative_prompt="",
        request={"mode": "text", "prompt": "from the CLI"},
    )
    other.update(job.id, task_id="task_cli", state=JobState.RUNNING, progress=30)
    other.close()
    rig.controller.sync_external()
    await wait_until(lambda: rig.window.model.row_of(job.id) == 0)
    assert rig.window.model.job_at(0).progress == 30


@pytest.mark.asyncio
async def test_space_pauses_and_plays_the_selected_clip(rig: Rig) -> None:
    win = rig.window
    tab = win.compose[Mode.TEXT]
    win.show_tab(tab.mode)
    QTest.keyClicks(tab.prompt, "space bar")
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await wait_until(
        lambda: win.model.rowCount() == 1 and win.model.job_at(0).state is JobState.DOWNLOADED,
        timeout=30,
    )
    await wait_until(lambda: rig.player.job_id is not None, timeout=10)
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_Space)
    assert not rig.player.playing and rig.player.job_id == win.model.job_at(0).id  # paused
    QTest.keyClick(win.view, Qt.Key.Key_Space)
    assert rig.player.playing


def test_unhandled_error_writes_a_report_and_tells_the_user(qtbot: QtBot, tmp_path: Path) -> None:
    import sys
    import threading

    from PySide6.QtWidgets import QMessageBox

    from veo_desktop.core.logs import install_crash_handler
    from veo_desktop.ui.dialogs.crash_notice import CrashNotice

    r = make_rig(tmp_path)
    # the rig closes and deletes its window itself (see Rig.close)
    notice = CrashNotice(r.window)
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    install_crash_handler(tmp_path / "logs", notice.report, secrets=lambda: ("sk-ui-test",))
    try:
        worker = threading.Thread(target=lambda: 1 / 0)  # a crash on a worker thread
        worker.start()
        worker.join()
        qtbot.waitUntil(
            lambda: any(
                isinstance(w, QMessageBox) and w.isVisible()
                for w in r.window.findChildren(QMessageBox)
            )
        )
    finally:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook
        r.close()
    [report] = list((tmp_path / "logs").glob("crash-*.txt"))
    text = report.read_text()
    assert "ZeroDivisionError" in text and "sk-ui-test" not in text


@pytest.mark.asyncio
async def test_only_the_current_tab_is_built_at_start_and_the_rest_once_idle(rig: Rig) -> None:
    win = rig.window
    assert list(win.compose.built()) == [Mode.TEXT]  # a fresh window opens on the first tab
    win.compose.build_rest()  # what the app's warm-up does once the window is idle
    await wait_until(lambda: len(win.compose.built()) == 5)
    assert win.current_tab().mode is Mode.TEXT  # building them switched nothing
