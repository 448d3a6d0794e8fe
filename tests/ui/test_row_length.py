"""A saved clip's row says how long the clip is (as measured), not how long it took to make;
a job under way still counts its time."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.jobs import a_job
from veo_desktop.core.checks.result import Check
from veo_desktop.core.jobs.job import JobState
from veo_desktop.ui.jobs.model import JobListModel
from veo_desktop.ui.jobs.roles import LengthRole
from veo_desktop.ui.jobs.row_text import format_length


def test_a_checked_clip_shows_its_measured_length_and_a_running_job_none(qtbot: QtBot) -> None:
    saved = a_job(
        id="saved",
        state=JobState.DOWNLOADED,
        video_path="/x.mp4",
        checks=(Check("duration", False, "8.0 s", "6.0 s"),),
    )
    running = a_job(id="running", state=JobState.RUNNING)
    model = JobListModel(lambda offset, n: [saved, running][offset : offset + n])
    model.fetchMore(model.index(0, 0).parent())
    by_id = {model.job_at(r).id: model.index(r, 0) for r in range(model.rowCount())}
    assert by_id["saved"].data(LengthRole) == 6.0  # what the clip is, not what was asked
    assert by_id["running"].data(LengthRole) is None
    assert format_length(6.0) == "6.0 s"
