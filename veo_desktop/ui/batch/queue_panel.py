"""The Queue panel: a batch's rows with their state and progress, the gateway's pace, and the
user's controls (pause and resume, cancel rows not sent yet, reorder waiting rows)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.batch.queue import QueueEvent
from ...core.batch.store import Batch, RowState
from ..appearance import problem_colour
from .controller import BatchController
from .queue_model import PROMPT, QueueModel, counts_text, pace_text

WIDTHS = {0: 48, 1: 90, 2: 150, 4: 260}


class QueuePanel(QWidget):
    job_activated = Signal(str)  # a row's job id: show it in the job list

    def __init__(self, controller: BatchController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._batches: dict[str, Batch] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(self.tr("Batch"))
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chooser.currentIndexChanged.connect(lambda _i: self._show_current())
        self.counts = QLabel()
        self.counts.setAccessibleName(self.tr("Rows by state"))
        top.addWidget(self.chooser)
        top.addWidget(self.counts, 1)
        layout.addLayout(top)
        self.pace = QLabel()
        self.pace.setWordWrap(True)
        self.pace.setAccessibleName(self.tr("Sending pace"))
        layout.addWidget(self.pace)

        self.model = QueueModel(self)
        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Batch queue"))
        base = self.view.palette().color(QPalette.ColorRole.Base)
        self.model.error_colour = problem_colour(base)
        self.model.faint_colour = self.view.palette().color(QPalette.ColorRole.PlaceholderText)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.activated.connect(self._activated)  # double click or Enter
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        head = self.view.horizontalHeader()
        for column, width in WIDTHS.items():
            head.resizeSection(column, width)
        head.setSectionResizeMode(PROMPT, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)

        buttons = QHBoxLayout()
        self.pause = QPushButton(self.tr("Pause"))
        self.pause.clicked.connect(self._toggle_pause)
        self.cancel = QPushButton(self.tr("Cancel selected"))
        self.cancel.setToolTip(self.tr("Rows not sent yet are cancelled; nothing is billed."))
        self.cancel.clicked.connect(self.cancel_selected)
        self.up = QPushButton(self.tr("Move up"))
        self.down = QPushButton(self.tr("Move down"))
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        for b in (self.pause, self.cancel, self.up, self.down):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.model.dataChanged.connect(lambda *_: self._update())
        self.model.layoutChanged.connect(lambda *_: self._update())
        controller.changed.connect(self.on_event)
        # The pace line counts down a 429's wait: once a second, while the panel shows.
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update)
        self._update()

    # -- batches ---------------------------------------------------------------------------------

    def add_batch(self, batch: Batch) -> None:
        """Show `batch` (new, or reopened at start-up) and make it the one in view."""
        self._batches[batch.id] = batch
        at = self.chooser.findData(batch.id)
        if at < 0:
            self.chooser.addItem(batch_title(batch), batch.id)
            at = self.chooser.count() - 1
        if self.chooser.currentIndex() == at:
            self._show_current()
        else:
            self.chooser.setCurrentIndex(at)

    def current(self) -> Batch | None:
        batch_id = self.chooser.currentData()
        return self._batches.get(batch_id) if isinstance(batch_id, str) else None

    def _show_current(self) -> None:
        batch = self.current()
        if batch is not None:
            self.model.set_batch(batch, self.controller.rows(batch.id))
            self.controller.load_progress(batch.id)
        self._update()

    def on_event(self, event: QueueEvent) -> None:
        self._batches[event.batch.id] = event.batch
        self.model.apply_change(event.row, event.job, event.batch)
        if event.row is None:
            self._update()

    # -- controls --------------------------------------------------------------------------------

    def selected_keys(self, *, waiting: bool = True) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        found = [self.model.row_at(r) for r in rows]
        return [r.key for r in found if r.state is RowState.WAITING or not waiting]

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row.state not in (RowState.WAITING, RowState.CANCELLED):
            self.job_activated.emit(row.job_id)

    def _toggle_pause(self) -> None:
        batch = self.model.batch
        if batch is None:
            return
        if batch.paused:
            self.controller.resume(batch.id)
        else:
            self.controller.pause(batch.id)

    def cancel_selected(self) -> None:
        keys = self.selected_keys()
        if self.model.batch is not None and keys:
            self.controller.cancel(self.model.batch.id, keys)

    def move_selected(self, delta: int) -> None:
        """Swap the selected waiting row with the waiting row before (or after) it."""
        keys = self.selected_keys()
        batch = self.model.batch
        if batch is None or len(keys) != 1:
            return
        order = [r.key for r in self.model.rows() if r.state is RowState.WAITING]
        at = order.index(keys[0])
        to = at + delta
        if 0 <= to < len(order):
            order[at], order[to] = order[to], order[at]
            self.controller.reorder(batch.id, order)

    def _update(self) -> None:
        batch = self.model.batch
        rows = self.model.rows()
        self.counts.setText(counts_text(rows) if batch is not None else "")
        self.pace.setText(pace_text(batch, rows, self.controller.pace()))
        finished = bool(rows) and all(r.state.settled for r in rows)
        self.pause.setText(self.tr("Resume") if batch and batch.paused else self.tr("Pause"))
        self.pause.setEnabled(batch is not None and not finished)
        keys = self.selected_keys()
        order = [r.key for r in rows if r.state is RowState.WAITING]
        self.cancel.setEnabled(bool(keys))
        self.up.setEnabled(len(keys) == 1 and order.index(keys[0]) > 0)
        self.down.setEnabled(len(keys) == 1 and order.index(keys[0]) < len(order) - 1)

    def showEvent(self, event: QShowEvent) -> None:
        self._tick.start()
        self._update()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)


def batch_title(batch: Batch) -> str:
    when = datetime.fromtimestamp(batch.created_at).strftime("%Y-%m-%d %H:%M")
    name = batch.source.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name} · {when}"
