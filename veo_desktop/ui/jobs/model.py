"""The job list as a Qt model: named roles, rows newest first, paged in, updated in place with
row-scoped `dataChanged`, posters loaded lazily. It shows what core says; no widgets here."""

from __future__ import annotations

import html
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtCore import QPersistentModelIndex as QPIndex
from PySide6.QtGui import QImage

from ...core.checks.result import failed
from ...core.jobs.failures import failure_of
from ...core.jobs.followups import link_time_left
from ...core.jobs.journal import Job, JobState
from ...core.request.models import Model, Tier
from ..i18n import tr

JobRole = int(Qt.ItemDataRole.UserRole) + 1
StateRole = JobRole + 1
ProgressRole = JobRole + 2
PromptRole = JobRole + 3
ModeRole = JobRole + 4
ModelRole = JobRole + 5
ElapsedRole = JobRole + 6
ErrorRole = JobRole + 7
VideoPathRole = JobRole + 8
PosterRole = JobRole + 9
FrameRole = JobRole + 10
IdRole = JobRole + 11
StatusTextRole = JobRole + 12
FailureRole = JobRole + 13  # core's Failure (kind, message, actions), or None
ChecksRole = JobRole + 14  # the clip's checks against its request (core/checks), or None

ROLE_NAMES = {
    Qt.ItemDataRole.DisplayRole: b"display",
    Qt.ItemDataRole.ToolTipRole: b"toolTip",
    JobRole: b"job",
    StateRole: b"state",
    ProgressRole: b"progress",
    PromptRole: b"prompt",
    ModeRole: b"mode",
    ModelRole: b"model",
    ElapsedRole: b"elapsed",
    ErrorRole: b"error",
    VideoPathRole: b"videoPath",
    PosterRole: b"poster",
    FrameRole: b"frame",
    IdRole: b"jobId",
    StatusTextRole: b"statusText",
    FailureRole: b"failure",
    ChecksRole: b"checks",
}

#: Gives a downloaded job's poster if it is at hand, else None (and `set_poster` follows).
PosterSource = Callable[[Job], "QImage | None"]

#: Roles that are one field of the Job, by attribute name.
_FIELDS = {
    IdRole: "id",
    StateRole: "state",
    ProgressRole: "progress",
    ModeRole: "mode",
    ModelRole: "model",
    VideoPathRole: "video_path",
    ChecksRole: "checks",
}

_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)

#: States whose clock is running: `tick` repaints these rows and only these.
TICKING = frozenset({JobState.SUBMITTING, JobState.POSTING, JobState.QUEUED, JobState.RUNNING})


#: A row's words that say more than the state (core's table names each state: `JobState.heading`
#: on a row, `JobState.label` mid-sentence). Pairs of (row, spoken): recasing a translation
#: is wrong in many languages. Translated by `tr` when shown.
_RUNNING_AT = (
    QT_TRANSLATE_NOOP("", "Running %1%"),
    QT_TRANSLATE_NOOP("", "running %1 percent"),
)
_KEY_REJECTED = (
    QT_TRANSLATE_NOOP("", "Paused — key rejected"),
    QT_TRANSLATE_NOOP("", "paused, key rejected"),
)
# The app downloads a completed job at once: on a row, "completed" is a download under way.
_DOWNLOADING = (
    QT_TRANSLATE_NOOP("", "Downloading"),
    QT_TRANSLATE_NOOP("", "downloading"),
)
_DOWNLOAD_FAILED = (
    QT_TRANSLATE_NOOP("", "Download failed"),
    QT_TRANSLATE_NOOP("", "download failed"),
)


def status_text(job: Job, *, spoken: bool = False) -> str:
    """What the third line of a row says (short, capitalised), or with `spoken` the words a
    screen reader says mid-sentence."""
    pair: tuple[object, object] | None = None  # QT_TRANSLATE_NOOP's strings
    if job.state is JobState.RUNNING and job.progress is not None:
        pair = _RUNNING_AT
    elif job.state is JobState.PAUSED and job.error_kind == "auth":
        pair = _KEY_REJECTED
    elif job.state is JobState.COMPLETED:
        pair = _DOWNLOAD_FAILED if job.error_message else _DOWNLOADING
    if pair is None:
        text = job.state.label if spoken else job.state.heading
    else:
        text = tr(str(pair[spoken])).replace("%1", str(job.progress))
    left = link_time_left(job)
    if left is not None:  # completed, not downloaded: how long the link likely lasts
        if left <= 0:
            text += tr(" · link has probably expired")
        else:
            hours = max(1, round(left / 3600))
            text += tr(" · link valid about %1 h more").replace("%1", str(hours))
    return text


def model_label(model_id: str) -> str:
    """How a person names a model: "Fast 720p", "Standard 4k" (an unknown ID as it is)."""
    m = Model.parse(model_id)
    if m is None:
        return model_id
    tier = tr("Fast") if m.tier is Tier.FAST else tr("Standard")
    return f"{tier} {m.resolution.value}"


def _spoken_model(model_id: str) -> str:
    m = Model.parse(model_id)
    if m is None:
        return model_id
    tier = tr("fast %1") if m.tier is Tier.FAST else tr("standard %1")
    return tier.replace("%1", m.resolution.value)


def error_text(job: Job) -> str:
    """What went wrong and what to do (core's `failure_of`); "" while nothing has."""
    failure = failure_of(job)
    return failure.message if failure else ""


def checks_count_text(failures: int) -> str:
    """ "1 check failed", "3 checks failed" (two strings: no plural forms needed)."""
    if failures == 1:
        return tr("1 check failed")
    return tr("%1 checks failed").replace("%1", str(failures))


def checks_tip(job: Job) -> str:
    """The downloaded clip against its request, as rich text naming each failed check; "" for
    a job with no clip."""
    if job.state is not JobState.DOWNLOADED:
        return ""
    if job.checks is None:
        return f"<p>{html.escape(tr('Not checked yet'))}</p>"
    bad = failed(job.checks)
    if not bad:
        return f"<p>{html.escape(tr('Clip matches its request'))}</p>"
    lines = "".join(f"<li>{html.escape(c.message)}</li>" for c in bad)
    return f"<p><b>{html.escape(checks_count_text(len(bad)))}</b></p><ul>{lines}</ul>"


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class JobListModel(QAbstractListModel):
    """Rows newest first. `row_of` is O(1): every job gets a slot number and its row is
    `slot - top`; a row added on top takes `top - 1`, so only a removal renumbers anything."""

    JobRole, StateRole, ProgressRole, PromptRole = JobRole, StateRole, ProgressRole, PromptRole
    ModeRole, ModelRole, ElapsedRole, ErrorRole = ModeRole, ModelRole, ElapsedRole, ErrorRole
    VideoPathRole, PosterRole, FrameRole, IdRole = VideoPathRole, PosterRole, FrameRole, IdRole
    StatusTextRole, FailureRole, ChecksRole = StatusTextRole, FailureRole, ChecksRole

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
        self._jobs: list[Job] = []
        self._slot: dict[str, int] = {}
        self._top = 0
        self._ticking: set[str] = set()
        self._posters: OrderedDict[str, QImage] = OrderedDict()
        self._poster_source: PosterSource | None = None
        self._frames: dict[str, QImage] = {}
        self._exhausted = False
        self.reload()

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def canFetchMore(self, parent: QModelIndex | QPIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        # Every row we hold is (also) one of the journal's newest rows, so our length is the
        # offset; the id filter absorbs a row we hide that the journal still has.
        raw = self._fetch(len(self._jobs), self._page_size)
        self._exhausted = len(raw) < self._page_size
        page = [j for j in raw if j.id not in self._slot]
        if page:
            self._insert(len(self._jobs), page)

    def roleNames(self) -> dict[int, bytes]:  # type: ignore[override]  # PySide takes bytes
        return dict(ROLE_NAMES)

    def data(self, index: QModelIndex | QPIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._jobs):
            return None
        job = self._jobs[index.row()]
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
            return (
                (tr("%1 job, %2, %3, %5: %4") if bad else tr("%1 job, %2, %3: %4"))
                .replace("%1", job.mode.label)
                .replace("%2", _spoken_model(job.model))
                .replace("%3", status_text(job, spoken=True))
                .replace("%5", checks_count_text(bad))
                .replace("%4", prompt)
            )
        if role in _FIELDS:
            return getattr(job, _FIELDS[role])
        if role == JobRole:
            return job
        if role == ElapsedRole:
            return self.elapsed(job)
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

    def flags(self, index: QModelIndex | QPIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # -- reading -------------------------------------------------------------------------------

    def row_of(self, job_id: str) -> int:
        slot = self._slot.get(job_id)
        return -1 if slot is None else slot - self._top

    def job_at(self, row: int) -> Job:
        return self._jobs[row]

    def elapsed(self, job: Job) -> float:
        """Seconds from submission (or creation) until completion; still counting while the
        job is in flight; frozen at the last update for jobs that ended without completing."""
        start = job.submitted_at or job.created_at
        if job.completed_at is not None:
            end = job.completed_at
        elif job.state in TICKING:
            end = self._clock()
        else:
            end = job.updated_at
        return max(0.0, end - start)

    # -- updates -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._jobs, self._slot, self._top = [], {}, 0
        self._ticking.clear()
        self._exhausted = False
        self.endResetModel()
        self.fetchMore()

    def upsert(self, job: Job) -> None:
        """Update a row in place, or insert a job the model does not hold yet where the journal
        order puts it: row 0 for a new job."""
        row = self.row_of(job.id)
        if row >= 0:
            self._jobs[row] = job
            self._track(job)
            idx = self.index(row, 0)
            self.dataChanged.emit(idx, idx)
            return
        if self._jobs and not self._exhausted and job.created_at < self._jobs[-1].created_at:
            return  # older than anything loaded: paging brings it, with its state by then
        row = next(
            (i for i, j in enumerate(self._jobs) if j.created_at <= job.created_at),
            len(self._jobs),
        )
        self._insert(row, [job])

    def remove(self, job_id: str) -> None:
        row = self.row_of(job_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._jobs[row]
        del self._slot[job_id]
        for later in self._jobs[row:]:
            self._slot[later.id] -= 1
        self._ticking.discard(job_id)
        self._posters.pop(job_id, None)
        self._frames.pop(job_id, None)
        self.endRemoveRows()

    def set_poster_source(self, source: PosterSource | None) -> None:
        """Where a downloaded row's poster comes from: called the first time the row is painted
        without one; returns the image when it has it at hand, else None and calls
        `set_poster` once it is ready (e.g. `lambda job: posters.get(job.id, job.video_path)`)."""
        self._poster_source = source

    def set_poster(self, job_id: str, image: QImage) -> None:
        if job_id in self._slot:
            self._hold_poster(job_id, image)
            self._changed(job_id, PosterRole)

    def set_frame(self, job_id: str, image: QImage | None) -> None:
        """The live frame of the one playing row; None puts the poster back."""
        if image is None:
            if self._frames.pop(job_id, None) is not None:
                self._changed(job_id, FrameRole)
        elif job_id in self._slot:
            self._frames[job_id] = image
            self._changed(job_id, FrameRole)

    def tick(self) -> None:
        """Repaint the rows whose elapsed time runs (called once a second by the window)."""
        for row in sorted(self.row_of(job_id) for job_id in self._ticking):
            idx = self.index(row, 0)
            self.dataChanged.emit(idx, idx, [ElapsedRole])

    # -- internals -----------------------------------------------------------------------------

    def _insert(self, row: int, jobs: list[Job]) -> None:
        n = len(jobs)
        self.beginInsertRows(QModelIndex(), row, row + n - 1)
        if row == 0:
            self._top -= n
        else:
            for later in self._jobs[row:]:
                self._slot[later.id] += n
        self._jobs[row:row] = jobs
        for i, job in enumerate(jobs, start=self._top + row):
            self._slot[job.id] = i
            self._track(job)
        self.endInsertRows()

    def _track(self, job: Job) -> None:
        if job.state in TICKING:
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

    def _changed(self, job_id: str, role: int) -> None:
        row = self.row_of(job_id)
        if row >= 0:
            idx = self.index(row, 0)
            self.dataChanged.emit(idx, idx, [role])
