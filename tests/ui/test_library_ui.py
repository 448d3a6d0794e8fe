"""The library as a user meets it in the window: search and filters with the gateway gone, a
result that plays; the cost estimate beside Generate and its price table; the spend view; and a
notification when a job ends while the window is in the background."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.request.models import Mode, Model, Resolution, Tier
from veo_desktop.ui.dialogs.cost import PriceDialog, SpendDialog
from veo_desktop.ui.jobs.library_bar import SEARCH_DELAY_MS
from veo_desktop.ui.jobs.notifier import Notifier

from .conftest import wait_until
from .helpers import Rig, make_rig

PLAYING = (QMediaPlayer.MediaStatus.BufferedMedia, QMediaPlayer.MediaStatus.EndOfMedia)


async def generate(rig: Rig, prompt: str) -> None:
    win = rig.window
    tab = win.compose[Mode.TEXT]
    win.show_tab(tab.mode)
    tab.prompt.setPlainText(prompt)
    win.submit_current()
    await wait_until(
        lambda: any(
            j.prompt == prompt and j.state is JobState.DOWNLOADED
            for j in rig.services.journal.newest()
        ),
        timeout=30,
    )


def prompts(rig: Rig) -> list[str]:
    m = rig.window.model
    return [m.job_at(r).prompt for r in range(m.rowCount())]


@pytest.mark.asyncio
async def test_search_and_filter_with_the_gateway_gone_then_play(rig: Rig) -> None:
    await generate(rig, "a red fox crossing fresh snow")
    await generate(rig, "sunrise over a red barn")
    rig.sim.stop()  # the network is off from here on
    win, bar = rig.window, rig.window.library_bar

    bar.search.setText("FOX")  # typed: searched after a short pause, any case
    await wait_until(lambda: prompts(rig) == ["a red fox crossing fresh snow"], timeout=5)
    win.view.setCurrentIndex(win.model.index(0, 0))
    await wait_until(lambda: rig.player.media.mediaStatus() in PLAYING, timeout=15)
    assert rig.player.job_id == win.model.job_at(0).id

    bar.search.setText("red")  # both match; the playing clip stays selected
    await wait_until(lambda: len(prompts(rig)) == 2, timeout=5)
    assert win.model.job_at(win.view.currentIndex().row()).prompt.startswith("a red fox")

    bar.mode.setCurrentIndex(bar.mode.findData(Mode.FRAMES.value))  # no First + Last jobs
    assert prompts(rig) == []
    assert win.empty_note.isVisibleTo(win)
    bar.mode.setCurrentIndex(bar.mode.findData(Mode.TEXT.value))
    bar.sort.setCurrentIndex(1)  # oldest first
    assert prompts(rig) == ["a red fox crossing fresh snow", "sunrise over a red barn"]
    bar.status.setCurrentIndex(bar.status.findData("attention"))
    assert prompts(rig) == []
    bar.clear()
    assert prompts(rig) == ["sunrise over a red barn", "a red fox crossing fresh snow"]
    assert not win.empty_note.isVisibleTo(win)


@pytest.mark.asyncio
async def test_a_new_job_outside_the_search_stays_out_of_the_list(rig: Rig) -> None:
    bar = rig.window.library_bar
    bar.search.setText("lighthouse")
    bar.search.returnPressed.emit()  # Enter searches at once
    await generate(rig, "a paper boat in the rain")
    assert prompts(rig) == []
    await generate(rig, "a lighthouse at dusk")
    await wait_until(lambda: prompts(rig) == ["a lighthouse at dusk"], timeout=5)
    assert SEARCH_DELAY_MS <= 300  # typing feels live


def test_estimate_beside_generate_follows_the_request_and_the_price_table(
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    r = make_rig(tmp_path)
    try:
        win = r.window
        tab = win.compose[Mode.TEXT]
        tab.set_model(Model.FAST_720P)
        tab.duration.setCurrentIndex(tab.duration.findData(8))
        tab.audio.setChecked(True)
        assert tab.estimate.text() == "≈ $0.80"  # 8 s × $0.10 list price with audio
        assert "list prices" in tab.estimate.toolTip()
        tab.audio.setChecked(False)
        assert tab.estimate.text() == "≈ $0.64"
        tab.tier.setCurrentIndex(tab.tier.findData(Tier.STANDARD.value))
        tab.resolution.setCurrentIndex(tab.resolution.findData(Resolution.K4.value))
        assert tab.estimate.text() == "≈ $3.20"  # 8 s × $0.40 silent 4k

        dlg = PriceDialog(win.prices, r.services.paths.prices_file, win)
        dlg.saved.connect(win.set_prices)
        row = dlg._ids.index(Model.STANDARD_4K.value)
        price = dlg.grid.item(row, 1)
        assert price is not None
        price.setText("abc")
        dlg._save()
        assert "not a price" in dlg.error.text()
        assert not r.services.paths.prices_file.exists()  # nothing saved from a bad table
        price.setText("0.25")
        dlg._save()
        saved = json.loads(r.services.paths.prices_file.read_text())
        assert saved["prices"][Model.STANDARD_4K.value]["per_second_silent"] == "0.25"
        assert tab.estimate.text() == "≈ $2.00"  # the open tab follows the new table
    finally:
        r.close()


def test_spend_view_sums_finished_jobs_per_day_and_month(qtbot: QtBot, tmp_path: Path) -> None:
    r = make_rig(tmp_path)
    try:
        j = r.services.journal
        day = 1_790_000_000.0  # 2026-09-21, local time differs by at most a day from UTC
        for state, at, model in (
            (JobState.DOWNLOADED, day, Model.FAST_720P.value),
            (JobState.DOWNLOADED, day + 60, Model.STANDARD_1080P.value),
            (JobState.FAILED, day + 120, Model.STANDARD_4K.value),  # not billed
            (JobState.COMPLETED, day + 86_400 * 2, Model.FAST_720P.value),
        ):
            job = j.create(
                mode=Mode.TEXT,
                model=model,
                prompt="x",
                negative_prompt="",
                request={"model": model, "duration": 8, "generate_audio": False},
            )
            j.update(job.id, state=state, created_at=at, completed_at=at)
        dlg = SpendDialog(j.newest(), r.window.prices, r.window)
        rows = dlg.rows()
        assert [money for _, money in rows] == ["$0.64", "$2.24"]  # newest day first
        assert dlg.total.text() == "Total: $2.88"
        dlg.by_month.setChecked(True)
        assert [money for _, money in dlg.rows()] == ["$2.88"]
    finally:
        r.close()


def test_a_job_that_ends_in_the_background_notifies_once(qtbot: QtBot, tmp_path: Path) -> None:
    r = make_rig(tmp_path)
    try:
        active = [False]
        notifier = Notifier(r.window, r.window.windowIcon(), is_active=lambda: active[0])
        j = r.services.journal
        job = j.create(
            mode=Mode.FRAMES,
            model="veo3.1-fast-video-720p",
            prompt="fox",
            negative_prompt="",
            request={},
        )
        notifier.watch(j.update(job.id, state=JobState.RUNNING))
        notifier.watch(j.update(job.id, state=JobState.DOWNLOADED))
        notifier.watch(j.update(job.id, state=JobState.DOWNLOADED))  # a repeat is not news
        assert len(notifier.shown) == 1
        title, message = notifier.shown[0]
        assert "First + Last" in title and "fox" in message and "play" in message

        failed = j.create(
            mode=Mode.TEXT, model="veo3.1-video-4k", prompt="boat", negative_prompt="", request={}
        )
        notifier.watch(j.update(failed.id, state=JobState.RUNNING))
        notifier.watch(
            j.update(
                failed.id,
                state=JobState.FAILED,
                error_kind="blocked",
                error_message="audio blocked by safety filter",
            )
        )
        assert "boat" in notifier.shown[-1][1] and "retry" in notifier.shown[-1][1]

        active[0] = True  # the user is looking at the window: the row says it already
        seen = j.create(
            mode=Mode.TEXT, model="veo3.1-video-4k", prompt="seen", negative_prompt="", request={}
        )
        notifier.watch(j.update(seen.id, state=JobState.RUNNING))
        notifier.watch(j.update(seen.id, state=JobState.DOWNLOADED))
        assert len(notifier.shown) == 2

        clicked: list[str] = []
        notifier.activated.connect(clicked.append)
        notifier._clicked()
        assert clicked == [failed.id]
        QApplication.processEvents()
    finally:
        r.close()
