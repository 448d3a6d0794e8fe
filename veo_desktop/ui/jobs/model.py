"""The job list as a Qt model: rows newest first, paged in, updated in place with row-scoped
`dataChanged`, posters loaded lazily, a group's takes folded into one row. No widgets here."""

from __future__ import annotations

import html
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtCore import QPersistentModelIndex as QPIndex
from PySide6.QtGui import QImage

from ...core.checks.result import clip_seconds, failed
from ...core.jobs.failures import failure_of
from ...core.jobs.job import IN_FLIGHT, Job, JobState
from ..i18n import arg, tr
from .roles import (
    FIELDS,
    GROUP,
    JOB,
    TAKE,
    ChecksRole,
    ElapsedRole,
    ErrorRole,
    ExpandedRole,
    FailureRole,
    FrameRole,
    JobRole,
    KindRole,
    LengthRole,
    PosterRole,
    ProgressRole,
    PromptRole,
    RatingRole,
    StatusTextRole,
    TakeNumberRole,
    TakePostersRole,
    TakesRole,
)
from .row_text import (
    checks_count_text,
    checks_tip,
    error_text,
    group_progress,
    group_spoken,
    group_status,
    group_tip,
    spoken_model,
    status_text,
)
from .rows import Key, KeyedRows

#: Gives a downloaded job's poster if it is at hand, else None (and `set_poster` follows).
PosterSource = Callable[[Job], "QImage | None"]


class JobListModel(KeyedRows):
    """Rows newest first. A group of two or more takes is one GROUP row, followed by its TAKE
    rows while it is expanded; a group with one take left is an ordinary row. `row_of` is O(1)
    (see KeyedRows)."""

    #: Posters held for painting. A screenful is under a dozen rows; the rest of a long list
    #: costs nothing until it scrolls into view (then its poster source answers again).
    POSTER_LIMIT = 200

    def __init__(
        self,
        fetch_page: Callable[[int, int], list[Job]],
        *,
        page_size: int = 100,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch_page
        self._page_size = page_size
        self._clock = clock
        self._jobs: dict[str, Job] = {}  # every job held: shown, or folded into its group
        self._groups: dict[str, list[str]] = {}  # group id -> its takes held, oldest first
        self._open: set[str] = set()  # groups shown with their takes (kept across reloads)
        self._ticking: set[str] = set()
        self._posters: OrderedDict[str, QImage] = OrderedDict()
        self._poster_source: PosterSource | None = None
        self._frames: dict[str, QImage] = {}
        self._exhausted = False
        self.reload()

    # -- Qt model API ----------------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        # Every job we hold is (also) one of the journal's newest, so their number is the
        # offset; the id test absorbs a job we hold that the journal moved down meanwhile.
        raw = self._fetch(len(self._jobs), self._page_size)
        self._exhausted = len(raw) < self._page_size
        rows: list[Key] = []
        joining: list[Job] = []
        made: set[str] = set()  # groups whose first row this page makes
        for job in raw:
            if job.id in self._jobs:
                continue
            gid = job.group_id
            if gid and gid in made:  # joins its row before that row is shown
                self._add_take(job)
            elif gid and gid in self._groups:  # a take of a group already shown
                joining.append(job)
            else:
                self._jobs[job.id] = job
                self._track(job)
                if gid:
                    self._groups[gid] = [job.id]
                    made.add(gid)
                rows.append((JOB, job.id))
        if rows:
            self._insert(len(self._rows), self._with_takes([self._row_key(k) for k in rows]))
        for job in joining:
            self._join(job)

    def data(self, index: QModelIndex | QPIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kind, ident = self._rows[index.row()]
        if kind == GROUP:
            return self._group_data(ident, role)
        job = self._jobs[ident]
        if role == KindRole:
            return kind
        if role == TakeNumberRole:
            return self._groups[job.group_id or ""].index(job.id) + 1 if kind == TAKE else None
        if role in (Qt.ItemDataRole.DisplayRole, PromptRole):
            return job.prompt
        if role == Qt.ItemDataRole.ToolTipRole:
            # Rich text so Qt wraps a long prompt instead of drawing one endless line.
            err = error_text(job)
            tip = f"<p>{html.escape(job.prompt) or tr('(no prompt)')}</p>"
            return tip + (f"<p><b>{html.escape(err)}</b></p>" if err else "") + checks_tip(job)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            prompt = job.prompt if len(job.prompt) <= 80 else job.prompt[:79].rstrip() + "…"
            bad = len(failed(job.checks))
            return arg(
                tr("%1 job, %2, %3, %5: %4") if bad else tr("%1 job, %2, %3: %4"),
                job.mode.label,
                spoken_model(job.model),
                status_text(job, spoken=True),
                prompt,
                checks_count_text(bad),
            )
        if role in FIELDS:
            return getattr(job, FIELDS[role])
        if role == JobRole:
            return job
        if role == ElapsedRole:
            return self.elapsed(job)
        if role == LengthRole:
            return clip_seconds(job.checks) if job.state is JobState.DOWNLOADED else None
        if role == ErrorRole:
            return error_text(job)
        if role == FailureRole:
            return failure_of(job)
        if role == StatusTextRole:
            return status_text(job)
        if role == PosterRole:
            return self._poster(job)
        if role == FrameRole:
            return self._frames.get(job.id)
        return None

    def _group_data(self, gid: str, role: int) -> Any:
        takes = self.takes(gid)
        lead = self._lead(takes)
        if role == KindRole:
            return GROUP
        if role == TakesRole:
            return takes
        if role == ExpandedRole:
            return gid in self._open
        if role == TakePostersRole:
            return [self._poster(t) for t in takes]
        if role == Qt.ItemDataRole.ToolTipRole:
            return group_tip(takes)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return group_spoken(takes)
        if role == StatusTextRole:
            return group_status(takes)
        if role == ProgressRole:
            return group_progress(takes)
        if role == ElapsedRole:
            return max(self.elapsed(t) for t in takes)
        if role == RatingRole:
            return max((t.rating or 0 for t in takes), default=0) or None
        if role in (ErrorRole, FailureRole, ChecksRole, FrameRole, TakeNumberRole):
            return None  # each take says its own
        if role in (Qt.ItemDataRole.DisplayRole, PromptRole):
            return lead.prompt
        if role == JobRole:
            return lead
        if role in FIELDS:
            return getattr(lead, FIELDS[role])
        return None

    # -- reading -------------------------------------------------------------------------------

    def row_of(self, job_id: str) -> int:
        """The row showing the job: its own, or its group's while the group is folded."""
        job = self._jobs.get(job_id)
        return -1 if job is None else self._row(self._shown(job))

    def job_at(self, row: int) -> Job:
        """The row's job; for a group row, the take it stands for (the best rated, else the
        first one downloaded, else take 1)."""
        kind, ident = self._rows[row]
        return self._lead(self.takes(ident)) if kind == GROUP else self._jobs[ident]

    def kind_at(self, row: int) -> str:
        return self._rows[row][0]

    def group_at(self, row: int) -> str | None:
        """The group id of a group row or of one of its takes; None for any other row."""
        kind, ident = self._rows[row]
        return ident if kind == GROUP else self._jobs[ident].group_id if kind == TAKE else None

    def group_row(self, group_id: str) -> int:
        return self._row((GROUP, group_id))

    def takes(self, group_id: str) -> list[Job]:
        """The group's takes held here, take 1 first."""
        return [self._jobs[i] for i in self._groups.get(group_id, ())]

    def is_expanded(self, group_id: str) -> bool:
        return group_id in self._open

    def elapsed(self, job: Job) -> float:
        return job.elapsed(self._clock())

    # -- updates -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._clear_rows()
        self._jobs, self._groups = {}, {}
        self._ticking.clear()
        self._exhausted = False
        self.endResetModel()
        self.fetchMore()

    def upsert(self, job: Job) -> None:
        """Update a job in place (its row, and its group's), or add a job the model does not
        hold yet where the journal order puts it (row 0 for a new job), or to its group."""
        if job.id in self._jobs:
            self._jobs[job.id] = job
            self._track(job)
            self._changed(job.id, None)
            return
        if job.group_id and job.group_id in self._groups:
            self._join(job)
            return
        tops = [i for i, key in enumerate(self._rows) if key[0] != TAKE]
        if tops and not self._exhausted and job.created_at < self._time(self._rows[tops[-1]]):
            return  # older than anything loaded: paging brings it, with its state by then
        row = next(
            (i for i in tops if self._time(self._rows[i]) <= job.created_at), len(self._rows)
        )
        self._jobs[job.id] = job
        self._track(job)
        if job.group_id:
            self._groups[job.group_id] = [job.id]
        self._insert(row, [(JOB, job.id)])

    def remove(self, job_id: str) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        gid = job.group_id or ""
        ids = self._groups.get(gid, [job_id])
        if len(ids) > 1:
            head = self.group_row(gid)
            if gid in self._open:
                self._remove_rows(head + 1 + ids.index(job_id), 1)
            ids.remove(job_id)
            if len(ids) == 1:  # one take left: an ordinary row again
                if gid in self._open:
                    self._remove_rows(head + 1, 1)
                self._rekey(head, (JOB, ids[0]))
            else:
                self._emit(head)
        else:
            self._remove_rows(self.row_of(job_id), 1)
            self._groups.pop(gid, None)
        del self._jobs[job_id]
        self._ticking.discard(job_id)
        self._posters.pop(job_id, None)
        self._frames.pop(job_id, None)

    def set_expanded(self, group_id: str, expanded: bool) -> None:
        """Show a group's takes below its row, or fold them into it (remembered by group)."""
        if expanded == (group_id in self._open):
            return
        if expanded:
            self._open.add(group_id)
        else:
            self._open.discard(group_id)
        head = self.group_row(group_id)
        if head < 0:
            return
        takes = self._groups[group_id]
        if expanded:
            self._insert(head + 1, [(TAKE, i) for i in takes])
        else:
            self._remove_rows(head + 1, len(takes))
        self._emit(head)

    def set_poster_source(self, source: PosterSource | None) -> None:
        """Where a downloaded row's poster comes from: called the first time the row is painted
        without one; returns the image when it has it at hand, else None and calls
        `set_poster` once it is ready (e.g. `lambda job: posters.get(job.id, job.video_path)`)."""
        self._poster_source = source

    def set_poster(self, job_id: str, image: QImage) -> None:
        if job_id in self._jobs:
            self._hold_poster(job_id, image)
            self._changed(job_id, PosterRole)

    def set_frame(self, job_id: str, image: QImage | None) -> None:
        """The live frame of the one playing row; None puts the poster back."""
        if image is None:
            if self._frames.pop(job_id, None) is not None:
                self._changed(job_id, FrameRole)
        elif job_id in self._jobs:
            self._frames[job_id] = image
            self._changed(job_id, FrameRole)

    def tick(self) -> None:
        """Repaint the rows whose elapsed time runs (called once a second by the window)."""
        for row in sorted({r for job_id in self._ticking for r in self._rows_of(job_id)}):
            idx = self.index(row, 0)
            self.dataChanged.emit(idx, idx, [ElapsedRole])

    # -- internals -----------------------------------------------------------------------------

    def _shown(self, job: Job) -> Key:
        """The row a held job is shown by."""
        gid = job.group_id
        if gid and len(self._groups.get(gid, ())) > 1:
            return (TAKE, job.id) if gid in self._open else (GROUP, gid)
        return (JOB, job.id)

    def _row_key(self, key: Key) -> Key:
        """A new row's key once its group's takes are counted (one take: an ordinary row)."""
        gid = self._jobs[key[1]].group_id
        return (GROUP, gid) if gid and len(self._groups[gid]) > 1 else key

    def _with_takes(self, keys: list[Key]) -> list[Key]:
        """`keys` with each open group's take rows after its own."""
        out: list[Key] = []
        for key in keys:
            out.append(key)
            if key[0] == GROUP and key[1] in self._open:
                out.extend((TAKE, i) for i in self._groups[key[1]])
        return out

    def _rows_of(self, job_id: str) -> list[int]:
        """Every row that shows the job: its own and, while it is one take of several, its
        group's."""
        job = self._jobs.get(job_id)
        if job is None:
            return []
        rows = [self.row_of(job_id)]
        if rows[0] >= 0 and self._rows[rows[0]][0] == TAKE:
            rows.append(self.group_row(job.group_id or ""))
        return [r for r in rows if r >= 0]

    def _time(self, key: Key) -> float:
        if key[0] == GROUP:
            return max(t.created_at for t in self.takes(key[1]))
        return self._jobs[key[1]].created_at

    @staticmethod
    def _lead(takes: list[Job]) -> Job:
        rated = max(takes, key=lambda t: t.rating or 0)
        if rated.rating:
            return rated
        return next((t for t in takes if t.state is JobState.DOWNLOADED), takes[0])

    def _add_take(self, job: Job) -> list[str]:
        """Hold a take of a group already held; its takes, take 1 first."""
        self._jobs[job.id] = job
        self._track(job)
        ids = self._groups[job.group_id or ""]
        ids.append(job.id)
        ids.sort(key=lambda i: (self._jobs[i].created_at, i))
        return ids

    def _join(self, job: Job) -> None:
        """A take of a group already shown arrives (a later page, a new take being sent)."""
        gid = job.group_id or ""
        alone = self._groups[gid][0]
        ids = self._add_take(job)
        if len(ids) == 2:  # its one take's ordinary row becomes the group's row
            head = self._row((JOB, alone))
            if head < 0:
                return
            self._rekey(head, (GROUP, gid))
            if gid in self._open:
                self._insert(head + 1, [(TAKE, i) for i in ids])
            return
        head = self.group_row(gid)
        if head >= 0:
            if gid in self._open:
                self._insert(head + 1 + ids.index(job.id), [(TAKE, job.id)])
            self._emit(head)

    def _track(self, job: Job) -> None:
        if job.state in IN_FLIGHT:  # its clock runs: `tick` repaints it
            self._ticking.add(job.id)
        else:
            self._ticking.discard(job.id)

    def _poster(self, job: Job) -> QImage | None:
        image = self._posters.get(job.id)
        if image is not None:
            self._posters.move_to_end(job.id)
            return image
        if self._poster_source is None or job.state is not JobState.DOWNLOADED:
            return None
        if not job.video_path:
            return None
        image = self._poster_source(job)
        if image is not None:
            self._hold_poster(job.id, image)
        return image

    def _hold_poster(self, job_id: str, image: QImage) -> None:
        self._posters[job_id] = image
        self._posters.move_to_end(job_id)
        while len(self._posters) > self.POSTER_LIMIT:
            self._posters.popitem(last=False)

    def _changed(self, job_id: str, role: int | None) -> None:
        for row in self._rows_of(job_id):
            self._emit(row, role)
