"""A clip that completed at the gateway but failed to download (the network dropped, the disk
was full) is paid for and its link will expire: try again on our own, with growing pauses,
while the link is likely still valid. The user can always press Download again sooner."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ..core.actions import link_time_left
from ..core.journal import Job, JobState, Journal

FIRST_RETRY_S = 30.0
MAX_RETRY_S = 600.0


class DownloadRetry(QObject):
    def __init__(
        self,
        journal: Journal,
        download: Callable[[str], object],
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.time,
        check_every_ms: int = 15_000,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._download = download
        self._clock = clock
        self._due: dict[str, tuple[float, int]] = {}  # job id -> (next try at, tries so far)
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def watch(self, job: Job) -> None:
        """Called with every job change: schedule a failed download, forget a finished one."""
        if job.state is not JobState.COMPLETED:
            self._due.pop(job.id, None)
        elif job.error_message and job.id not in self._due:
            self._due[job.id] = (self._clock() + FIRST_RETRY_S, 0)

    def check(self) -> None:
        now = self._clock()
        for job_id, (at, tries) in list(self._due.items()):
            if at > now:
                continue
            job = self._journal.get(job_id)
            left = link_time_left(job, now) if job else None
            if job is None or not left or job.state is not JobState.COMPLETED:
                self._due.pop(job_id, None)  # gone, downloaded, or its link has expired
                continue
            pause = min(MAX_RETRY_S, FIRST_RETRY_S * 2 ** (tries + 1))
            self._due[job_id] = (now + pause, tries + 1)
            self._download(job_id)
