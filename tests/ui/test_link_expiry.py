"""A job that completed but has not downloaded says on its row how long its video link is
likely to stay valid, and when it has probably expired."""

from __future__ import annotations

import time
from pathlib import Path

from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.request.models import Mode
from veo_desktop.ui.jobs.row_text import status_text


def test_completed_rows_show_the_link_lifetime(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    job = j.create(
        mode=Mode.TEXT, model="veo3.1-fast-video-720p", prompt="p", negative_prompt="", request={}
    )
    fresh = j.update(job.id, state=JobState.COMPLETED, completed_at=time.time() - 2 * 3600)
    assert status_text(fresh) == "Downloading · link valid about 22 h more"
    failed = j.update(job.id, error_message="disk full", completed_at=time.time() - 30 * 3600)
    assert status_text(failed) == "Download failed · link has probably expired"
    done = j.update(job.id, state=JobState.DOWNLOADED, error_message=None)
    assert "link" not in status_text(done)
