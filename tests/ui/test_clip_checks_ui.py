"""Clip checks where a creator looks: the row's badge and its tooltip, the library's failed-checks
filter, "Check clip again" in the job menu, the gateway's habits in Settings with Forget, and
the money spent on clips that failed a check (Costs ▸ Spending, with its CSV)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QListView, QToolTip

from tests.jobs import a_job
from veo_desktop.core.checks import habits
from veo_desktop.core.checks.result import Check
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.core.request.pricing import PriceTable
from veo_desktop.ui.appearance import WARNING_COLOURS
from veo_desktop.ui.dialogs.cost import SpendDialog
from veo_desktop.ui.dialogs.settings_dialog import SettingsDialog
from veo_desktop.ui.jobs.delegate import JobDelegate
from veo_desktop.ui.jobs.model import JobListModel
from veo_desktop.ui.jobs.roles import ChecksRole

from .conftest import wait_until
from .helpers import Rig, controller_for, make_rig
from .test_settings_dialog import services_for

END_FRAME = Check("end_frame", False, "≤ 0.20", "0.41")
NO_SOUND = Check("audio", False, "audible track", "no audio track")
LENGTH_OK = Check("duration", True, "8 s", "8.0 s")


def clip(job_id: str, checks: tuple[Check, ...] | None, **fields: Any) -> Job:
    values: dict[str, Any] = dict(
        id=job_id,
        state=JobState.DOWNLOADED,
        mode=Mode.FRAMES,
        video_path=f"/clips/{job_id}.mp4",
        completed_at=1010.0,
        checks=checks,
    )
    return a_job(**{**values, **fields})


def tooltip(model: JobListModel, row: int) -> str:
    return str(model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole))


def test_a_rows_tooltip_names_each_failed_check_or_says_all_is_well() -> None:
    jobs = [
        clip("bad", (LENGTH_OK, END_FRAME, NO_SOUND)),
        clip("good", (LENGTH_OK,)),
        clip("unchecked", None),
        a_job(id="running"),
    ]
    model = JobListModel(lambda offset, limit: jobs[offset : offset + limit])
    bad = tooltip(model, 0)
    assert "2 checks failed" in bad
    assert "end frame not followed" in bad and "sound not as requested" in bad
    assert "0.41" in bad  # what was measured, so the creator can judge
    assert "Length" not in bad  # a passed check is not news
    assert "Clip matches its request" in tooltip(model, 1)
    assert "Not checked yet" in tooltip(model, 2)
    assert "check" not in tooltip(model, 3).casefold()  # no clip, nothing to say
    spoken = model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert "2 checks failed" in spoken
    assert model.data(model.index(0, 0), ChecksRole) == (LENGTH_OK, END_FRAME, NO_SOUND)


def test_the_badge_is_amber_only_on_a_clip_that_failed_and_its_tooltip_is_the_checks(
    qtbot: Any,
) -> None:
    jobs = [clip("bad", (END_FRAME,)), clip("good", (LENGTH_OK,))]
    model = JobListModel(lambda offset, limit: jobs[offset : offset + limit])
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(JobDelegate(view))
    view.setUniformItemSizes(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.resize(380, 2 * 110)  # narrower than a row's size hint, as in a small window
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    amber = QColor(WARNING_COLOURS[0])

    def amber_pixels(row: int) -> list[QPoint]:
        rect = view.visualRect(model.index(row, 0)).intersected(view.viewport().rect())
        top = rect.top() + rect.height() // 3  # the first text line, where the badge sits
        return [
            QPoint(x, y)
            for x in range(rect.left(), rect.right())
            for y in range(rect.top(), top)
            if QColor(image.pixel(x, y)) == amber
        ]

    assert len(amber_pixels(0)) > 20
    assert amber_pixels(1) == []

    # Hovering the badge where it is drawn shows the checks alone.
    drawn = amber_pixels(0)
    at = QPoint(sum(p.x() for p in drawn) // len(drawn), sum(p.y() for p in drawn) // len(drawn))
    event = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    assert "end frame not followed" in QToolTip.text()
    assert "<p>p</p>" not in QToolTip.text()  # the prompt is the row's tooltip, not the badge's
    QToolTip.hideText()


def stored(rig: Rig, prompt: str, checks: tuple[Check, ...] | None, **fields: Any) -> Job:
    req = GenerationRequest(Mode.TEXT, Model.FAST_720P, prompt, duration=8, generate_audio=True)
    journal = rig.services.journal
    job = journal.create(
        mode=req.mode,
        model=req.model_id,
        prompt=prompt,
        negative_prompt="",
        request=req.to_record(),
    )
    values: dict[str, Any] = dict(
        state=JobState.DOWNLOADED, video_path=f"/clips/{job.id}.mp4", task_id=f"task_{job.id}"
    )
    return journal.update(job.id, checks=checks, **{**values, **fields})


def prompts(rig: Rig) -> list[str]:
    m = rig.window.model
    return [m.job_at(r).prompt for r in range(m.rowCount())]


@pytest.mark.asyncio
async def test_the_failed_checks_filter_shows_only_clips_that_failed(rig: Rig) -> None:
    stored(rig, "kite over dunes", (LENGTH_OK, END_FRAME))
    stored(rig, "lighthouse at dusk", (LENGTH_OK,))
    stored(rig, "paper boat", None)
    win, bar = rig.window, rig.window.library_bar
    win.model.reload()
    assert len(prompts(rig)) == 3
    bar.failed_checks.setChecked(True)
    assert prompts(rig) == ["kite over dunes"]
    # A clip checked while the filter is on joins the list only if it failed.
    late = stored(rig, "late clip", None)
    rig.services.runner._emit(rig.services.journal.update(late.id, checks=(LENGTH_OK,)))
    assert prompts(rig) == ["kite over dunes"]
    rig.services.runner._emit(rig.services.journal.update(late.id, checks=(NO_SOUND,)))
    assert prompts(rig) == ["late clip", "kite over dunes"]
    bar.search.setText("kite")
    bar.search.returnPressed.emit()
    assert prompts(rig) == ["kite over dunes"]
    bar.clear()
    assert not bar.failed_checks.isChecked() and len(prompts(rig)) == 4


@pytest.mark.asyncio
async def test_check_clip_again_goes_through_the_controller_and_the_row_follows(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = stored(rig, "a choir at dusk", None)
    running = stored(rig, "still running", None, state=JobState.RUNNING, video_path=None)
    runner, journal = rig.services.runner, rig.services.journal
    asked: list[str] = []

    async def check_clip(j: Job) -> Job:  # the core's re-check, with a known outcome
        asked.append(j.id)
        checked = journal.update(j.id, checks=(LENGTH_OK, NO_SOUND))
        runner._emit(checked)
        return checked

    monkeypatch.setattr(runner, "check_clip", check_clip)
    said: list[str] = []
    rig.controller.message.connect(said.append)
    win = rig.window
    win.model.reload()
    win.select_job(running.id)
    win.job_actions.update()
    assert not win.job_actions.check_clip.isEnabled()  # no clip to check
    win.select_job(job.id)
    menu = win.job_actions.menu(QPoint(0, 0))
    assert menu is not None
    assert "Check clip again" in [a.text() for a in menu.actions()]
    menu.close()
    assert win.job_actions.check_clip.isEnabled()
    win.job_actions.check_clip.trigger()
    await wait_until(lambda: any("does not match" in s for s in said))
    assert asked == [job.id]
    assert "sound not as requested" in said[-1]
    row = win.model.row_of(job.id)
    assert "sound not as requested" in tooltip(win.model, row)


@pytest.mark.asyncio
async def test_settings_lists_the_gateways_habits_and_forgets_them(
    qtbot: Any, tmp_path: Path
) -> None:
    url = "https://gw.example.com"
    services = services_for(tmp_path, url)
    profiles = services.client.profiles
    try:
        dlg = SettingsDialog(services, controller_for(services), demo=True)
        qtbot.addWidget(dlg)
        assert dlg.habits.text() == "No clips checked yet."
        assert not dlg.forget_habits.isEnabled()
        for n in range(3):
            request = {"generate_audio": True}
            habits.record(profiles, url, f"f{n}", Mode.FRAMES, request, (LENGTH_OK, END_FRAME))
        habits.record(profiles, url, "t1", Mode.TEXT, {}, (LENGTH_OK,))
        dlg = SettingsDialog(services, controller_for(services), demo=True)
        qtbot.addWidget(dlg)
        assert "end frame not followed on 3 of 3 First + Last jobs" in dlg.habits.text()
        assert "Length" not in dlg.habits.text()  # what went right is not listed
        dlg.forget_habits.click()
        await wait_until(lambda: dlg.habits.text() == "No clips checked yet.")
        assert habits.habits(profiles, url) == []
        habits.record(profiles, url, "t2", Mode.TEXT, {}, (LENGTH_OK,))
        dlg = SettingsDialog(services, controller_for(services), demo=True)
        qtbot.addWidget(dlg)
        assert dlg.habits.text() == "No problems seen so far; clips checked: 1."
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_spending_shows_the_money_spent_on_clips_that_failed_and_exports_them(
    qtbot: Any, tmp_path: Path
) -> None:
    r = make_rig(tmp_path, demo=False)
    try:
        stored(r, "kite over dunes", (END_FRAME,), completed_at=1_790_000_000.0)
        stored(r, "lighthouse", (LENGTH_OK,), completed_at=1_790_000_100.0)
        stored(r, "choir", (NO_SOUND, END_FRAME), completed_at=1_790_000_200.0)
        jobs = r.services.journal.newest()
        dlg = SpendDialog(jobs, r.window.prices, r.window)
        qtbot.addWidget(dlg)
        # Two 8 s Fast 720p clips with audio at the list price of $0.10 a second.
        assert dlg.failed_total.text() == "2 clips failed a check against their request: $1.60."
        assert dlg.export.isEnabled()
        out = tmp_path / "failed.csv"
        dlg.export_csv(out)
        await wait_until(lambda: dlg.export_result.text().startswith("Saved"))
        with out.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        assert [row["prompt"] for row in rows] == ["choir", "kite over dunes"]
        assert rows[0]["task_id"].startswith("task_") and rows[0]["estimated_cost_usd"] == "0.80"
        assert "end frame not followed" in rows[1]["failed_checks"]

        blocker = tmp_path / "a-file"
        blocker.write_text("x")
        dlg.export_csv(blocker / "failed.csv")  # a folder that cannot be made
        await wait_until(lambda: dlg.export_result.text().startswith("Could not write"))
    finally:
        r.close()
        await r.services.aclose()


def test_demo_clips_that_failed_cost_nothing(qtbot: Any) -> None:
    jobs = [clip("bad", (END_FRAME,), request={"duration": 8})]
    dlg = SpendDialog(jobs, PriceTable.DEFAULT, demo=True)
    qtbot.addWidget(dlg)
    assert dlg.failed_total.text().startswith("1 clip failed a check against its request: $0.00")
    assert "not billed" in dlg.failed_total.text()
    empty = SpendDialog([clip("good", (LENGTH_OK,))], PriceTable.DEFAULT)
    qtbot.addWidget(empty)
    assert not empty.export.isEnabled()
