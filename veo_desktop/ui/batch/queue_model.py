"""The Queue panel's table model: one batch's rows in sending order, each with its state, its
job's progress and the note on why it waits again or failed; and the panel's pace line."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ...core.batch.pacer import PacerStatus
from ...core.batch.store import Batch, BatchRow, RowState
from ...core.jobs.job import Job
from ..appearance import ERROR_COLOURS
from ..i18n import arg, tr
from .table import HeadedTable

Index = QModelIndex | QPersistentModelIndex
LINE, STATE, PROGRESS, PROMPT, NOTE = range(5)


class QueueModel(HeadedTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.batch: Batch | None = None
        self._rows: list[BatchRow] = []
        self._jobs: dict[str, Job] = {}
        self._headers = [tr("Line"), tr("State"), tr("Progress"), tr("Prompt"), tr("Note")]
        self.error_colour = QColor(ERROR_COLOURS[0])
        self.faint_colour = QColor("#808080")

    def set_batch(self, batch: Batch, rows: Sequence[BatchRow]) -> None:
        self.beginResetModel()
        self.batch = batch
        self._rows = sorted(rows, key=_order)
        self._jobs = {}
        self.endResetModel()

    def rows(self) -> list[BatchRow]:
        return list(self._rows)

    def row_at(self, row: int) -> BatchRow:
        return self._rows[row]

    def job(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def apply_change(
        self, row: BatchRow | None, job: Job | None = None, batch: Batch | None = None
    ) -> None:
        """A change the queue reported (rows of other batches are not ours)."""
        if batch is not None and self.batch is not None and batch.id == self.batch.id:
            self.batch = batch
        if row is None or self.batch is None or row.batch_id != self.batch.id:
            return
        at = next((i for i, r in enumerate(self._rows) if r.key == row.key), -1)
        if at < 0:
            return
        if job is not None:
            self._jobs[job.id] = job
        moved = self._rows[at].position != row.position
        self._rows[at] = row
        if moved:
            self._resort()
        else:
            self.dataChanged.emit(self.index(at, 0), self.index(at, NOTE))

    def _resort(self) -> None:
        """Sending order changed: rows move, and the selection moves with them."""
        self.layoutAboutToBeChanged.emit()
        before = [r.key for r in self._rows]
        self._rows.sort(key=_order)
        after = {r.key: i for i, r in enumerate(self._rows)}
        for old in self.persistentIndexList():
            new = self.index(after[before[old.row()]], old.column())
            self.changePersistentIndex(old, new)
        self.layoutChanged.emit()

    # -- Qt model --------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (PROMPT, NOTE):
            return (row.request.prompt if col == PROMPT else row.note) or None
        if role == Qt.ItemDataRole.ForegroundRole and col in (STATE, NOTE):
            if row.state is RowState.FAILED:
                return QBrush(self.error_colour)
            if row.state is RowState.CANCELLED:
                return QBrush(self.faint_colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: BatchRow, col: int) -> str:
        if col == LINE:
            return str(row.line)
        if col == STATE:
            return row.state.label
        if col == PROGRESS:
            return progress_text(row, self._jobs.get(row.job_id))
        if col == PROMPT:
            return " ".join(row.request.prompt.split())
        return row.note or ""


def _order(row: BatchRow) -> tuple[int, int]:
    return row.position, row.key


def progress_text(row: BatchRow, job: Job | None) -> str:
    if row.state is RowState.DONE and job is not None and job.video_path:
        return Path(job.video_path).name
    if row.state is not RowState.RUNNING or job is None:
        return ""
    text = job.state.heading
    return f"{text} {job.progress}%" if job.progress is not None else text


def counts_text(rows: Sequence[BatchRow]) -> str:
    """'6 rows: 2 done · 1 running · 3 waiting'."""
    counts = Counter(r.state for r in rows)
    parts = [f"{counts[s]} {s.label.lower()}" for s in RowState if counts[s]]
    # The empty context, as `tr`'s, with a count (plural forms).
    n = len(rows)  # a plain name: lupdate skips a translate() whose count is a call
    rows_text = tr("1 row") if n == 1 else QCoreApplication.translate("", "%n rows", "", n)
    return rows_text + (": " + " · ".join(parts) if parts else "")


def pace_text(batch: Batch | None, rows: Sequence[BatchRow], status: PacerStatus | None) -> str:
    """What the queue is doing about the gateway's pace, in one line."""
    if batch is None:
        return ""
    if rows and all(r.state.settled for r in rows):
        return tr("Finished.")
    if batch.paused:
        if batch.note:
            return arg(tr("Paused: %1 Resume to try again."), batch.note)
        return tr("Paused. Jobs already sent go on; Resume sends the rest.")
    if status is None:
        return ""
    if status.resume_in > 0:
        return arg(
            tr("Gateway busy (429): sending again in %1 s"), str(math.ceil(status.resume_in))
        )
    if not any(r.state in (RowState.WAITING, RowState.SENDING) for r in rows):
        return tr("Every row is sent; the rest is up to the gateway.")
    if status.limit < status.jobs_at_once:
        return arg(
            tr("The gateway takes %1 jobs at once for now (your setting: %2); %3 in use."),
            str(status.limit),
            str(status.jobs_at_once),
            str(status.in_flight),
        )
    if status.in_flight >= status.limit:
        return arg(
            tr("All %1 jobs at once in use; the next row is sent when one is done."),
            str(status.limit),
        )
    return arg(
        tr("Sending: %1 of %2 jobs at once in use."), str(status.in_flight), str(status.limit)
    )
