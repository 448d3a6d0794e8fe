"""What the library view shows, as one value: search text and filters (mode, model, status, date,
kept) and a sort order, paged from the local journal (`fetch`) or tested on one job (`matches`)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from ..checks.result import failed
from ..jobs.job import Job, JobState
from ..jobs.journal import Journal
from ..request.models import Mode


class StatusGroup(StrEnum):
    """The statuses a person filters by; each covers one or more journal states."""

    ANY = "any"
    READY = "ready"  # downloaded: plays offline
    ACTIVE = "active"  # being sent, queued, running or downloading
    NEEDS_ATTENTION = "attention"  # failed, uncertain, paused

    @property
    def states(self) -> frozenset[JobState] | None:
        return _GROUP_STATES[self]


_GROUP_STATES: dict[StatusGroup, frozenset[JobState] | None] = {
    StatusGroup.ANY: None,
    StatusGroup.READY: frozenset({JobState.DOWNLOADED}),
    StatusGroup.ACTIVE: frozenset(
        {
            JobState.SUBMITTING,
            JobState.POSTING,
            JobState.QUEUED,
            JobState.RUNNING,
            JobState.COMPLETED,
        }
    ),
    StatusGroup.NEEDS_ATTENTION: frozenset(
        {JobState.FAILED, JobState.UNCERTAIN, JobState.PAUSED, JobState.NO_VIDEO, JobState.MISSING}
    ),
}

DAY = 86_400.0


@dataclass(frozen=True)
class LibraryFilter:
    text: str = ""
    mode: Mode | None = None
    model: str | None = None
    status: StatusGroup = StatusGroup.ANY
    within_days: int | None = None  # None: any date
    checks_failed: bool = False  # only clips that failed a check against their request
    kept: bool = False  # only takes the creator kept (rated 1-5 stars)
    oldest_first: bool = False

    @property
    def active(self) -> bool:
        """Whether anything narrows the list (the sort order alone does not)."""
        return bool(
            self.text.strip()
            or self.mode
            or self.model
            or self.status is not StatusGroup.ANY
            or self.within_days
            or self.checks_failed
            or self.kept
        )

    def since(self, now: float) -> float | None:
        return None if not self.within_days else now - self.within_days * DAY

    def fetch(
        self, journal: Journal, offset: int, limit: int, *, now: float | None = None
    ) -> list[Job]:
        """One page of the view, in its sort order."""
        return self._search(journal, self.since(time.time() if now is None else now), offset, limit)

    def _search(self, journal: Journal, since: float | None, offset: int, limit: int) -> list[Job]:
        return journal.search(
            self.text,
            modes=[self.mode] if self.mode else None,
            models=[self.model] if self.model else None,
            states=self.status.states,
            since=since,
            checks_failed=self.checks_failed,
            rated=self.kept,
            oldest_first=self.oldest_first,
            limit=limit,
            offset=offset,
        )

    def matches(self, job: Job, *, now: float | None = None) -> bool:
        """The same test as `fetch`, for one job in memory. Text matches as a case-insensitive
        substring of the prompt or negative prompt, which is what the trigram index answers."""
        # A live update goes through this, so it never shows a row the query would not return.
        text = self.text.strip().casefold()
        if (
            text
            and text not in job.prompt.casefold()
            and text not in (job.negative_prompt or "").casefold()
        ):
            return False
        if self.mode and job.mode is not self.mode:
            return False
        if self.model and job.model != self.model:
            return False
        states = self.status.states
        if states is not None and job.state not in states:
            return False
        if self.checks_failed and not failed(job.checks):
            return False
        if self.kept and not job.rating:
            return False
        since = self.since(time.time() if now is None else now)
        return since is None or job.created_at >= since
