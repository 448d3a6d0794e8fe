"""The job list as a Qt model (Picard's LogItemModel, Vorta's ArchiveTableModel): named roles,
rows newest first, loaded a page at a time, updated in place with row-scoped `dataChanged`.
No widget knowledge here, so it is tested without any view."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QImage

from ..core.journal import Job, JobState
from ..core.models import Mode, Model

JobRole = Qt.ItemDataRole.UserRole + 1
IdRole = JobRole + 1
StateRole = JobRole + 2
ProgressRole = JobRole + 3
PromptRole = JobRole + 4
ModeRole = JobRole + 5
ModelRole = JobRole + 6
ElapsedRole = JobRole + 7
ErrorRole = JobRole + 8
VideoPathRole = JobRole + 9
PosterRole = JobRole + 10
FrameRole = JobRole + 11
StatusTextRole = JobRole + 12

ACTIVE = (
    JobState.SUBMITTING,
    JobState.POSTING,
    JobState.QUEUED,
    JobState.RUNNING,
    JobState.COMPLETED,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("JobList", text)


def mode_label(mode: Mode) -> str:
    return {
        Mode.TEXT: tr("Text"),
        Mode.IMAGE: tr("Image"),
        Mode.FRAMES: tr("First + Last"),
        Mode.REFERENCE: tr("References"),
        Mode.EXTEND: tr("Extend"),
    }[mode]


def model_label(model_id: str) -> str:
    m = Model.parse(model_id)
    if m is None:
        return model_id
    tier = tr("Fast") if m.tier.value == "fast" else tr("Standard")
    return f"{tier} {m.resolution.value}"


def status_text(job: Job) -> str:
    s = job.state
    if s is JobState.RUNNING and job.progress is not None:
        return tr("Running %1%").replace("%1", str(job.progress))
    return {
        JobState.SUBMITTING: tr("Preparing"),
        JobState.POSTING: tr("Sending"),
        JobState.QUEUED: tr("Queued"),
        JobState.RUNNING: tr("Running"),
        JobState.PAUSED: tr("Paused — key rejected"),
        JobState.COMPLETED: tr("Done — downloading"),
        JobState.DOWNLOADED: tr("Ready"),
        JobState.FAILED: tr("Failed"),
        JobState.UNCERTAIN: tr("Uncertain — check the gateway"),
    }[s]


def error_text(job: Job) -> str:
    """The reason, plus a next step when the reason itself does not give one."""
    msg = job.error_message or ""
    if not msg:
        return ""
    low = msg.lower()
    if job.error_kind == "blocked" and "audio" in low and "audio off" not in low:
        msg += " " + tr("Retry with audio off.")
    elif job.state is JobState.FAILED and not any(
        w in low for w in ("try", "check", "choose", "open", "update")
    ):
        msg += " " + tr("Change the prompt or settings and try again.")
    return msg


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class JobListModel(QAbstractListModel):
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
        self._page = page_size
        self._clock = clock
        self._jobs: list[Job] = []
        self._index: dict[str, int] = {}
        self._posters: dict[str, QImage] = {}
        self._frames: dict[str, QImage] = {}
        self._exhausted = False
        self.reload()

    # -- Qt model API ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._jobs)

    def canFetchMore(self, parent: QModelIndex | None = None) -> bool:
        return not (parent is not None and parent.isValid()) and not self._exhausted

    def fetchMore(self, parent: QModelIndex | None = None) -> None:
        if parent is not None and parent.isValid():
            return
        page = [j for j in self._fetch(len(self._jobs), self._page) if j.id not in self._index]
        if len(page) < self._page:
            self._exhausted = True
        if not page:
            return
        first = len(self._jobs)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._jobs.extend(page)
        for i, job in enumerate(page, start=first):
            self._index[job.id] = i
        self.endInsertRows()

    def roleNames(self) -> dict[int, bytes]:
        return {
            Qt.ItemDataRole.DisplayRole: b"display",
            JobRole: b"job",
            IdRole: b"id",
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
            StatusTextRole: b"statusText",
        }

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._jobs):
            return None
        job = self._jobs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole or role == PromptRole:
            return job.prompt
        if role == JobRole:
            return job
        if role == IdRole:
            return job.id
        if role == StateRole:
            return job.state
        if role == ProgressRole:
            return job.progress
        if role == ModeRole:
            return job.mode
        if role == ModelRole:
            return job.model
        if role == ElapsedRole:
            return self.elapsed(job)
        if role == ErrorRole:
            return error_text(job)
        if role == VideoPathRole:
            return job.video_path
        if role == PosterRole:
            return self._posters.get(job.id)
        if role == FrameRole:
            return self._frames.get(job.id)
        if role == StatusTextRole:
            return status_text(job)
        if role == Qt.ItemDataRole.ToolTipRole:
            err = error_text(job)
            return job.prompt + (f"\n\n{err}" if err else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                tr("%1 job, %2, %3: %4")
                .replace("%1", mode_label(job.mode))
                .replace("%2", model_label(job.model))
                .replace("%3", status_text(job))
                .replace("%4", job.prompt[:80])
            )
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- updates -------------------------------------------------------------------------------

    def elapsed(self, job: Job) -> float:
        start = job.submitted_at or job.created_at
        end = job.completed_at or (job.updated_at if job.state.finished else self._clock())
        return max(0.0, end - start)

    def reload(self) -> None:
        self.beginResetModel()
        self._jobs = []
        self._index = {}
        self._exhausted = False
        self.endResetModel()
        self.fetchMore()

    def upsert(self, job: Job) -> None:
        row = self._index.get(job.id)
        if row is not None:
            self._jobs[row] = job
            idx = self.index(row, 0)
            self.dataChanged.emit(idx, idx)
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._jobs.insert(0, job)
        self._index = {j.id: i for i, j in enumerate(self._jobs)}
        self.endInsertRows()

    def remove(self, job_id: str) -> None:
        row = self._index.get(job_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._jobs[row]
        self._index = {j.id: i for i, j in enumerate(self._jobs)}
        self._posters.pop(job_id, None)
        self._frames.pop(job_id, None)
        self.endRemoveRows()

    def row_of(self, job_id: str) -> int:
        return self._index.get(job_id, -1)

    def job_at(self, row: int) -> Job:
        return self._jobs[row]

    def jobs(self) -> list[Job]:
        return list(self._jobs)

    def set_poster(self, job_id: str, image: QImage) -> None:
        self._posters[job_id] = image
        self._changed(job_id)

    def set_frame(self, job_id: str, image: QImage | None) -> None:
        if image is None:
            self._frames.pop(job_id, None)
        else:
            self._frames[job_id] = image
        self._changed(job_id)

    def tick(self) -> None:
        """Repaint the rows whose elapsed time runs (called once a second by the window)."""
        for row, job in enumerate(self._jobs):
            if job.state in ACTIVE:
                idx = self.index(row, 0)
                self.dataChanged.emit(idx, idx, [ElapsedRole])

    def _changed(self, job_id: str) -> None:
        row = self._index.get(job_id)
        if row is not None:
            idx = self.index(row, 0)
            self.dataChanged.emit(idx, idx)
