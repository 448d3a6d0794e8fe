"""The viewer pane: the selected clip plays large through the one player, with its transport
(Space, frame steps, J/K/L, full screen) and its length and size; Frame from here puts the exact
frame on screen into the next job, and Export frame saves it."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.clips import picture
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import Mode
from veo_desktop.ui.jobs.roles import FrameRole
from veo_desktop.ui.player.timecode import frame_index

from .conftest import wait_until
from .helpers import Rig


async def finished_clip(rig: Rig, prompt: str = "a lighthouse at dusk") -> Job:
    """Type a prompt, Ctrl+Return, and wait until the clip is in the viewer with a frame shown."""
    win = rig.window
    tab = win.compose[Mode.TEXT]
    win.show_tab(Mode.TEXT)
    QTest.keyClicks(tab.prompt, prompt)
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await wait_until(
        lambda: win.model.rowCount() == 1 and win.model.job_at(0).state is JobState.DOWNLOADED,
        timeout=30,
    )
    job = win.model.job_at(0)
    await wait_until(lambda: win.viewer.job_id == job.id and rig.player.shown_us is not None)
    await wait_until(lambda: win.viewer.fps > 0)
    return job


def decoded_at(video: Path, seconds: float) -> Image.Image:
    """PyAV's own decode of the frame that starts at `seconds`, whole-clip, no seeking."""
    with av.open(str(video)) as c:
        for frame in c.decode(c.streams.video[0]):
            if frame.time is not None and abs(frame.time - seconds) < 1e-6:
                return picture(frame).convert("RGB")
    raise AssertionError(f"no frame starts at {seconds}")


async def shown_frame(rig: Rig, index: int) -> None:
    await wait_until(lambda: frame_index(rig.player.shown_us or 0, 24) == index, timeout=10)


@pytest.mark.asyncio
async def test_frame_from_here_at_3_5_s_fills_the_next_start_slot_with_that_exact_frame(
    rig: Rig,
) -> None:
    win = rig.window
    job = await finished_clip(rig)
    QTest.keyClick(win.view, Qt.Key.Key_K)  # pause, with the job list in focus
    assert not rig.player.playing
    win.viewer.seek(3500)  # as a click on the scrub bar at 3.5 s does
    await shown_frame(rig, 84)  # 3.5 s at 24 fps
    assert win.viewer.bar.time.text() == "0:03.50 / 0:08.00"

    png = await win.frame_tools.use_frame(Mode.FRAMES, "start")
    assert png is not None and png.parent == Path(job.video_path or "").parent
    tab = win.compose[Mode.FRAMES]
    assert win.current_tab() is tab
    assert tab.frames is not None
    start = tab.frames.start
    await wait_until(lambda: start.value() == str(png))
    with Image.open(png) as saved:
        exact = decoded_at(Path(job.video_path or ""), 3.5)
        assert saved.size == exact.size
        assert ImageChops.difference(saved.convert("RGB"), exact).getbbox() is None


@pytest.mark.asyncio
async def test_the_viewer_shows_the_clip_and_its_length_and_size_and_rows_keep_their_posters(
    rig: Rig,
) -> None:
    win = rig.window
    job = await finished_clip(rig, "a fox in the snow")
    assert win.viewer.isVisible() and win.viewer_split.indexOf(win.viewer) >= 0
    assert win.viewer.title.text() == "a fox in the snow"
    await wait_until(lambda: win.viewer.summary.text() != "")
    assert win.viewer.summary.text() == "8.0 s · 256×144 · 24 fps"
    assert win.viewer.bar.time.text().endswith(" / 0:08.00")
    # One player for the window: the clip plays in the viewer; its row keeps its poster.
    assert rig.player.job_id == job.id
    assert win.model.data(win.model.index(0, 0), FrameRole) is None
    win.view.clearSelection()
    win.view.setCurrentIndex(win.model.index(-1, 0))
    assert rig.player.job_id is None and win.viewer.job_id is None
    assert win.viewer.placeholder.isVisible()


@pytest.mark.asyncio
async def test_keys_drive_the_viewer_from_the_job_list_but_never_from_the_prompt(
    rig: Rig,
) -> None:
    win = rig.window
    await finished_clip(rig)
    player, view = rig.player, win.view
    view.setFocus()

    QTest.keyClick(view, Qt.Key.Key_Space)
    assert not player.playing
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert player.playing
    QTest.keyClick(view, Qt.Key.Key_K)
    assert not player.playing

    win.viewer.seek(2000)  # frame 48
    await shown_frame(rig, 48)
    QTest.keyClick(view, Qt.Key.Key_Period)
    await shown_frame(rig, 49)
    QTest.keyClick(view, Qt.Key.Key_Comma)
    QTest.keyClick(view, Qt.Key.Key_Comma)  # before the first lands: counted from its target
    await shown_frame(rig, 47)
    QTest.keyClick(view, Qt.Key.Key_J)  # paused: J steps one frame back
    await shown_frame(rig, 46)
    assert win.viewer.bar.time.text().startswith("0:01.92 / ")  # 46 / 24 s

    rates = []
    for _ in range(4):
        QTest.keyClick(view, Qt.Key.Key_L)
        rates.append(player.media.playbackRate())
    assert player.playing and rates == [1.0, 2.0, 4.0, 4.0]
    assert win.viewer.bar.speed.currentText() == "4×"
    QTest.keyClick(view, Qt.Key.Key_J)  # playing fast: J slows down
    assert player.playing and player.media.playbackRate() == 2.0

    # The same letters typed into the prompt are text, not transport.
    QTest.keyClick(view, Qt.Key.Key_K)
    at = player.shown_us
    prompt = win.current_tab().prompt
    prompt.setFocus()
    QTest.keyClicks(prompt, "jkl ,.f")
    assert prompt.toPlainText().endswith("jkl ,.f")
    assert not player.playing and player.shown_us == at and not win.viewer.full_screen


# The offscreen platform cannot move the video's native window between windows (X11 can).
@pytest.mark.qt_log_ignore("does not support setParent", "does not support lower")
@pytest.mark.asyncio
async def test_f_puts_the_viewer_full_screen_and_esc_brings_it_back(rig: Rig) -> None:
    win = rig.window
    await finished_clip(rig)
    sizes = win.viewer_split.sizes()
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_F)
    viewer = win.viewer
    assert viewer.full_screen and viewer.isWindow() and viewer.isFullScreen()
    assert win.viewer_split.count() == 1
    QTest.keyClick(viewer, Qt.Key.Key_Space)  # the keys follow it
    assert not rig.player.playing
    QTest.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.full_screen and not viewer.isWindow()
    assert win.viewer_split.indexOf(viewer) >= 0 and win.viewer_split.sizes() == sizes
    # Esc means nothing to the viewer in its pane (dialogs and the search box keep it).
    assert not win.viewer_keys.leave.isEnabled()
    # A double click on a finished row is the same full screen.
    win.view.doubleClicked.emit(win.model.index(0, 0))
    assert viewer.full_screen
    viewer.close()  # the window manager's close button: back to the pane, not gone
    assert not viewer.full_screen and win.viewer_split.indexOf(viewer) >= 0


@pytest.mark.asyncio
async def test_frame_from_here_as_a_reference_and_export_as_png(rig: Rig, tmp_path: Path) -> None:
    win = rig.window
    job = await finished_clip(rig)
    video = Path(job.video_path or "")
    QTest.keyClick(win.view, Qt.Key.Key_K)
    win.viewer.seek(1000)
    await shown_frame(rig, 24)

    png = await win.frame_tools.use_frame(Mode.REFERENCE, "reference")
    refs = win.compose[Mode.REFERENCE].refs
    assert png is not None and refs is not None
    await wait_until(lambda: refs.values() == [str(png)])
    assert win.current_tab() is win.compose[Mode.REFERENCE]

    dlg = win.frame_tools.open_export()  # the save dialog offers a name for this frame
    assert dlg is not None and dlg.selectedFiles()[0].endswith("-at-1000ms.png")
    dlg.close()
    moment = win.viewer.moment()
    assert moment == (video, 1.0)
    saved = await win.frame_tools.export_frame(*moment, tmp_path / "out.png")
    assert saved == tmp_path / "out.png"
    with Image.open(saved) as image:
        assert ImageChops.difference(image.convert("RGB"), decoded_at(video, 1.0)).getbbox() is None


@pytest.mark.asyncio
async def test_the_panes_keep_their_sizes_across_restarts(rig: Rig) -> None:
    from shiboken6 import Shiboken

    from veo_desktop.ui.jobs.controller import JobController
    from veo_desktop.ui.main_window import MainWindow
    from veo_desktop.ui.player.player import Player
    from veo_desktop.ui.settings import open_store

    win = rig.window
    outer, inner = win.splitter, win.viewer_split
    compose, right = outer.sizes()
    outer.setSizes([compose - 20, right + 20])  # the handles dragged, as a user would
    first, second = inner.sizes()
    inner.setSizes([first + 20, second - 20])
    wanted = outer.sizes(), inner.sizes(), inner.orientation()
    assert wanted[0] == [compose - 20, right + 20]
    win.close()
    controller = JobController(rig.services.runner, rig.services.journal)
    player = Player()
    store = open_store(str(rig.services.paths.config_dir / "window.ini"))
    again = MainWindow(rig.services, controller, player, store, demo=True)
    again.show()
    try:
        assert (again.splitter.sizes(), again.viewer_split.sizes()) == wanted[:2]
        assert again.viewer_split.orientation() == wanted[2]
    finally:
        again.close()
        controller.close()
        for obj in (again, player, controller):
            Shiboken.delete(obj)


@pytest.mark.asyncio
async def test_without_loop_the_clip_ends_paused_on_its_last_frame(rig: Rig) -> None:
    win = rig.window
    await finished_clip(rig)
    win.viewer.bar.loop.click()  # loop off
    assert not rig.player.loop
    win.viewer.set_rate(4.0)
    win.viewer.seek(7000)
    await wait_until(lambda: not rig.player.playing, timeout=10)
    await shown_frame(rig, 191)  # 8 s at 24 fps: frames 0..191
    assert win.viewer.bar.time.text() == "0:07.96 / 0:08.00"
    QTest.keyClick(win.view, Qt.Key.Key_Space)  # and plays again from the start
    await wait_until(lambda: rig.player.playing and frame_index(rig.player.shown_us or 0, 24) < 96)
