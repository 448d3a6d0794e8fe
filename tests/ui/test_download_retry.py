"""A paid-for clip whose download failed is fetched again on its own, with growing pauses,
until it is in the library or its link has probably expired."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from veo_desktop.core.actions import LINK_LIFETIME_S
from veo_desktop.core.journal import JobState, Journal
from veo_desktop.core.models import Mode
from veo_desktop.ui.download_retry import FIRST_RETRY_S, DownloadRetry


def test_failed_downloads_are_retried_with_backoff_until_the_link_expires(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    now = [1_000_000.0]
    j = Journal(tmp_path / "j.sqlite3")
    job = j.create(mode=Mode.TEXT, model="m", prompt="p", negative_prompt="", request={})
    calls: list[str] = []
    owner = QWidget()  # a parent on this thread: the timer must not die in a GC pass elsewhere
    qtbot.addWidget(owner)
    retry = DownloadRetry(j, calls.append, owner, clock=lambda: now[0])
    retry.timer.stop()  # driven by hand below

    retry.watch(j.update(job.id, state=JobState.COMPLETED, completed_at=now[0]))
    retry.check()
    assert calls == []  # downloading normally: nothing to retry
    retry.watch(j.update(job.id, error_message="The connection dropped."))
    now[0] += FIRST_RETRY_S - 1
    retry.check()
    assert calls == []
    now[0] += 2
    retry.check()
    assert calls == [job.id]
    now[0] += FIRST_RETRY_S * 2 - 1  # the second pause is twice as long
    retry.check()
    assert calls == [job.id]
    now[0] += 2
    retry.check()
    assert calls == [job.id, job.id]

    now[0] += LINK_LIFETIME_S  # the link has probably expired: stop trying
    retry.check()
    assert calls == [job.id, job.id]

    other = j.create(mode=Mode.TEXT, model="m", prompt="q", negative_prompt="", request={})
    retry.watch(
        j.update(other.id, state=JobState.COMPLETED, completed_at=now[0], error_message="x")
    )
    retry.watch(j.update(other.id, state=JobState.DOWNLOADED, error_message=None))  # user did it
    now[0] += FIRST_RETRY_S * 3
    retry.check()
    assert other.id not in calls
