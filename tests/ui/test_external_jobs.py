"""A job another process (the `veo` CLI) finishes while the window runs joins the list without
taking the selection or stopping the clip being watched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.request.models import Mode

from .conftest import wait_until
from .helpers import Rig
from .test_job_actions import finished_job


@pytest.mark.asyncio
async def test_a_clip_from_the_cli_does_not_take_the_selection_or_stop_playback(
    rig: Rig, tmp_path: Path
) -> None:
    await finished_job(rig, "the one I watch")
    win = rig.window
    mine = win.model.job_at(0)
    await wait_until(lambda: rig.player.job_id == mine.id, timeout=10)

    other = Journal(rig.services.paths.journal)  # the CLI's own connection to the same file
    job = other.create(
        mode=Mode.TEXT,
        model="veo3.1-fast-video-720p",
        prompt="made by veo generate",
        negative_prompt="",
        request={"mode": "text", "prompt": "made by veo generate"},
    )
    clip = shutil.copy(mine.video_path or "", tmp_path / "from-cli.mp4")
    other.update(job.id, task_id="task_cli", state=JobState.DOWNLOADED, video_path=str(clip))
    other.close()
    rig.controller.sync_external()
    await wait_until(lambda: win.model.row_of(job.id) == 0)

    current = win.view.currentIndex()
    assert current.isValid() and win.model.job_at(current.row()).id == mine.id
    assert rig.player.job_id == mine.id
