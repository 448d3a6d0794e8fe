"""The batch preview as a table model: one row per job with its cost and findings, edited in
place (each edit re-read and re-checked by core's rules), removed and reordered; no widgets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.batch.preview import Preview, estimated_seconds
from ...core.batch.rows import BatchItem, Defaults, file_checker, make_item
from ...core.batch.sources import Record
from ...core.gateway.dialects import Dialect
from ...core.request.models import Mode
from ...core.request.pricing import PriceTable, estimate_request, format_money
from ..appearance import ERROR_COLOURS, WARNING_COLOURS
from ..i18n import arg, tr
from ..jobs.row_text import model_label
from .table import HeadedTable

Index = QModelIndex | QPersistentModelIndex

LINE, MODE, PROMPT, MODEL, ASPECT, DURATION, AUDIO, IMAGES, COST, FINDINGS = range(10)
#: Column -> the batch file's field an edit of it writes (core reads it as it reads the file).
FIELDS = {
    PROMPT: "prompt",
    MODEL: "model",
    ASPECT: "aspect_ratio",
    DURATION: "duration",
    AUDIO: "audio",
}
NUMBERS = (LINE, DURATION, COST)


def headers() -> list[str]:
    return [
        tr("Line"),
        tr("Mode"),
        tr("Prompt"),
        tr("Model"),
        tr("Aspect"),
        tr("Length"),
        tr("Audio"),
        tr("Images"),
        tr("Cost"),
        tr("Findings"),
    ]


def audio_text(value: bool | None) -> str:
    return {True: tr("On"), False: tr("Off"), None: tr("Default")}[value]


@dataclass(frozen=True)
class PreviewRow:
    record: Record  # as read from the file, with the user's edits
    item: BatchItem
    cost: Decimal | None
    texts: tuple[str, ...]  # what each column shows, made once per change (paint is hot)


class PreviewModel(HeadedTable):
    _rows: list[PreviewRow]

    def __init__(
        self,
        preview: Preview,
        *,
        table: PriceTable,
        dialect: Dialect = Dialect.DOCUMENTED,
        defaults: Defaults | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = preview.source
        self.jobs_at_once = preview.jobs_at_once
        self.job_seconds = preview.job_seconds
        self.table = table
        self.dialect = dialect
        self.defaults = defaults or Defaults()
        self._exists = file_checker()
        self._headers = headers()
        self.error_colour = QColor(ERROR_COLOURS[0])
        self.warning_colour = QColor(WARNING_COLOURS[0])
        self._rows = [
            _row(r, i, c)
            for r, i, c in zip(preview.source.records, preview.items, preview.costs, strict=True)
        ]

    # -- what the dialog reads -------------------------------------------------------------------

    def items(self) -> list[BatchItem]:
        """The rows as they are now, in order."""
        return [r.item for r in self._rows]

    def blocked(self) -> list[BatchItem]:
        return [r.item for r in self._rows if r.item.blocked]

    def sendable(self) -> int:
        return sum(1 for r in self._rows if not r.item.blocked)

    def cost(self) -> Decimal:
        """The estimate of the rows that can be sent."""
        rows = (r for r in self._rows if r.cost is not None and not r.item.blocked)
        return sum((r.cost for r in rows if r.cost is not None), Decimal(0))

    def unpriced(self) -> int:
        return sum(1 for r in self._rows if r.cost is None and not r.item.blocked)

    def eta_seconds(self) -> float:
        return estimated_seconds(self.sendable(), self.jobs_at_once, self.job_seconds)

    def item(self, row: int) -> BatchItem:
        return self._rows[row].item

    def set_colours(self, error: QColor, warning: QColor) -> None:
        """The red and amber that read on the view's background (light or dark)."""
        self.error_colour, self.warning_colour = error, warning

    # -- Qt model --------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[col]
        if role == Qt.ItemDataRole.EditRole:
            return _edit_value(row.item, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and col in (LINE, FINDINGS):
            if row.item.blocked:
                return QBrush(self.error_colour)
            if col == FINDINGS and row.item.warnings:
                return QBrush(self.warning_colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        field = FIELDS.get(index.column())
        if not index.isValid() or field is None or role != Qt.ItemDataRole.EditRole:
            return False
        text = "" if value is None else str(value).strip()
        old = self._rows[index.row()]
        if text == _edit_value(old.item, index.column()):
            return False
        fields = dict(old.record.fields)
        if text:
            fields[field] = text
        else:
            fields.pop(field, None)  # back to the default
        record = replace(old.record, fields=fields)
        item = make_item(record, self.source.path.parent, self.dialect, self.defaults, self._exists)
        est = estimate_request(self.table, item.request)
        self._rows[index.row()] = _row(record, item, est.amount if est else None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COST + 1))
        return True

    # -- removing and reordering -----------------------------------------------------------------

    def remove(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    def move(self, row: int, delta: int) -> bool:
        """Move one row up (-1) or down (+1); False at either end."""
        to = row + delta
        if not (0 <= row < len(self._rows) and 0 <= to < len(self._rows)):
            return False
        # Qt's destination is the row it goes before, counted before the move.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if delta > 0 else to)
        self._rows.insert(to, self._rows.pop(row))
        self.endMoveRows()
        return True


def _row(record: Record, item: BatchItem, cost: Decimal | None) -> PreviewRow:
    req = item.request
    images = [v for _, v in req.image_inputs()]
    if item.blocked:
        reasons = item.reasons
        findings = reasons[0] + (f" (+{len(reasons) - 1})" if len(reasons) > 1 else "")
    else:
        findings = "; ".join(item.warnings)
    texts = (
        str(item.line),
        req.mode.label,
        " ".join(req.prompt.split()),
        model_label(req.model_id),
        req.aspect_ratio or "",
        ""
        if req.mode is Mode.EXTEND or req.duration is None
        else arg(tr("%1 s"), str(req.duration)),
        audio_text(req.generate_audio),
        ", ".join(Path(p).name if "://" not in p else p for p in images),
        format_money(cost) if cost is not None else "–",
        findings,
    )
    return PreviewRow(record, item, cost, texts)


def _edit_value(item: BatchItem, col: int) -> str:
    req = item.request
    if col == PROMPT:
        return req.prompt
    if col == MODEL:
        return req.model_id
    if col == ASPECT:
        return req.aspect_ratio or ""
    if col == DURATION:
        return "" if req.duration is None else str(req.duration)
    if col == AUDIO:
        return {True: "yes", False: "no", None: ""}[req.generate_audio]
    return ""


def _tooltip(row: PreviewRow, col: int) -> str | None:
    item = row.item
    if col == PROMPT:
        return item.request.prompt or None
    if col == IMAGES:
        return "\n".join(v for _, v in item.request.image_inputs()) or None
    if col in (FINDINGS, LINE):
        lines = [*item.reasons, *item.warnings]
        return "\n".join(lines) or None
    if col == COST and row.cost is None:
        return tr("No price is known for this model and length (see Costs ▸ Price table).")
    return None
