"""A `Job` built in memory for tests that need one row's worth of fields, not a journal."""

from __future__ import annotations

from typing import Any

from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import Mode


def a_job(**fields: Any) -> Job:
    """A running text job sent at t=1000 with nothing else set; `fields` override any of it."""
    values: dict[str, Any] = dict(
        id="j1",
        task_id="task_1",
        state=JobState.RUNNING,
        mode=Mode.TEXT,
        model="veo3.1-fast-video-720p",
        prompt="p",
        negative_prompt="",
        request={},
        progress=None,
        remote_status=None,
        video_url=None,
        video_path=None,
        error_kind=None,
        error_message=None,
        replies=[],
        poll_count=0,
        created_at=1000.0,
        updated_at=1000.0,
        submitted_at=1000.0,
        completed_at=None,
        downloaded_at=None,
        link_seen_at=None,
    )
    values.update(fields)
    return Job(**values)
