"""Cost in the window: the estimate beside Generate, the editable price table and the spend view,
all shown as estimates at list prices (the arithmetic is core/request/pricing.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QDir, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import Shiboken

from ...core.checks.spending import failed_clips, spent, write_csv
from ...core.jobs.job import Job
from ...core.request.models import GenerationRequest
from ...core.request.pricing import (
    Price,
    PriceTable,
    estimate_request,
    format_money,
    spend_by_day,
    spend_by_month,
)
from ..appearance import problem_style
from ..i18n import arg, tr
from ..jobs.row_text import model_label


def estimate_text(table: PriceTable, req: GenerationRequest) -> tuple[str, str]:
    """The words beside Generate and their tooltip; empty when there is nothing to price."""
    est = estimate_request(table, req)
    if est is None:
        return "", ""
    text = arg(tr("≈ %1"), format_money(est.amount))
    template = (
        tr("Estimate at list prices: %1 s of %2, %3. Your gateway may charge differently.")
        if table == PriceTable.DEFAULT
        else tr("Estimate at your price table: %1 s of %2, %3. The gateway's bill is final.")
    )
    tip = arg(
        template,
        str(est.seconds),
        model_label(est.model_id),
        tr("with audio") if est.audio else tr("without audio"),
    )
    if est.note:  # core says why the seconds or the audio are assumed (already translated)
        tip += f" ({est.note})"
    return text, tip


class PriceDialog(QDialog):
    """Edit the per-second prices. Starts from Google's list prices; a gateway may charge
    differently, so the user can type in what theirs charges."""

    saved = Signal(object)  # PriceTable

    def __init__(self, table: PriceTable, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Price table"))
        self._path = path
        note = QLabel(
            self.tr(
                "US dollars per second of video. These start as Google's public list prices "
                "for Veo 3.1; your gateway sets its own prices and may change them. Estimates "
                "use this table; the gateway's bill is final."
            )
        )
        note.setWordWrap(True)
        self.grid = QTableWidget(0, 2, self)
        self.grid.setAccessibleName(self.tr("Prices per second"))
        self.grid.setHorizontalHeaderLabels([self.tr("With audio"), self.tr("Without audio")])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.error = QLabel(self)
        self.error.setStyleSheet(problem_style(self))
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        reset = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        reset.setText(self.tr("Reset to list prices"))
        reset.clicked.connect(lambda: self._fill(PriceTable.DEFAULT))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill(table)
        self.resize(520, 360)

    def _fill(self, table: PriceTable) -> None:
        items = table.items()
        self.grid.setRowCount(len(items))
        self._ids = [model_id for model_id, _ in items]
        self.grid.setVerticalHeaderLabels([model_label(m) for m in self._ids])
        for row, (_, price) in enumerate(items):
            for col, value in enumerate((price.per_second_audio, price.per_second_silent)):
                self.grid.setItem(row, col, QTableWidgetItem(str(value)))
        self.error.clear()

    def table(self) -> PriceTable | None:
        """The edited table, or None (with the reason shown) when a cell is not a price."""
        table = PriceTable.DEFAULT
        for row, model_id in enumerate(self._ids):
            values: list[Decimal] = []
            for col in (0, 1):
                item = self.grid.item(row, col)
                text = (item.text() if item else "").strip().lstrip("$")
                try:
                    value = Decimal(text)
                except InvalidOperation:
                    value = Decimal("-1")
                if not value.is_finite() or value < 0:
                    self.error.setText(
                        arg(
                            self.tr("“%1” for %2 is not a price. Type a number such as 0.15."),
                            text,
                            model_label(model_id),
                        )
                    )
                    self.grid.setCurrentCell(row, col)
                    return None
                values.append(value)
            table = table.with_price(model_id, Price(values[0], values[1]))
        return table

    def _save(self) -> None:
        table = self.table()
        if table is None:
            return
        try:
            table.save(self._path)
        except OSError as exc:
            self.error.setText(
                arg(
                    self.tr("Could not save the prices (%1). Check that the folder is writable."),
                    exc.strerror or str(exc),
                )
            )
            return
        self.saved.emit(table)
        self.accept()


class SpendDialog(QDialog):
    """Estimated spend per day or month over finished jobs. Failed and blocked jobs count zero:
    the gateway does not bill them."""

    def __init__(
        self,
        jobs: Sequence[Job],
        table: PriceTable,
        parent: QWidget | None = None,
        *,
        demo: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Spending"))
        self.demo = demo  # jobs from the offline demo: nothing was billed, nothing is spend
        # The journal is read once, off the window's thread, by whoever opens the dialog;
        # switching day/month regroups the same jobs.
        self._jobs = jobs
        self._table = table
        self.by_day = QRadioButton(self.tr("By day"), self)
        self.by_month = QRadioButton(self.tr("By month"), self)
        self.by_day.setChecked(True)
        self.by_day.toggled.connect(lambda _: self.refresh())
        switch = QHBoxLayout()
        switch.addWidget(self.by_day)
        switch.addWidget(self.by_month)
        switch.addStretch(1)
        self.grid = QTableWidget(0, 2, self)
        self.grid.setAccessibleName(self.tr("Spend per period"))
        self.grid.setHorizontalHeaderLabels([self.tr("Period"), self.tr("Estimated spend")])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().hide()
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.total = QLabel(self)
        note = QLabel(
            self.tr(
                "These jobs ran on the offline demo: demo jobs are not billed, so they count zero."
            )
            if demo
            else self.tr(
                "Estimates from the price table (list prices unless you changed them). "
                "Failed and blocked jobs are not billed and count zero."
            )
        )
        note.setWordWrap(True)
        # Clips that do not match their request (core/checks): money to take up with the gateway.
        self.failed = failed_clips(jobs, table, billed=not demo)
        self.failed_total = QLabel(self)
        self.failed_total.setWordWrap(True)
        self.failed_total.setText(self._failed_text())
        if self.failed:
            self.failed_total.setStyleSheet(problem_style(self, warning=True))
        self.export = QPushButton(self.tr("Export CSV…"), self)
        self.export.setAccessibleName(self.tr("Export the clips that failed a check as CSV"))
        self.export.setEnabled(bool(self.failed))
        self.export.clicked.connect(self._choose_csv)
        failed_row = QHBoxLayout()
        failed_row.addWidget(self.failed_total, 1)
        failed_row.addWidget(self.export)
        self.export_result = QLabel(self)
        self.export_result.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(switch)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.total)
        layout.addLayout(failed_row)
        layout.addWidget(self.export_result)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(460, 460)
        self.refresh()

    def _failed_text(self) -> str:
        if not self.failed:
            return self.tr("No clip failed a check against its request.")
        amount = format_money(spent(self.failed))
        if len(self.failed) == 1:
            text = self.tr("1 clip failed a check against its request: %2.")
        else:
            text = self.tr("%1 clips failed a check against their request: %2.")
        text = arg(text, str(len(self.failed)), amount)
        if self.demo:
            text += " " + self.tr("(demo jobs are not billed)")
        return text

    def _choose_csv(self) -> None:
        name = f"failed-checks-{date.today().isoformat()}.csv"
        dlg = QFileDialog(self, self.tr("Export clips that failed a check"))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setNameFilter(self.tr("CSV files (*.csv)"))
        dlg.setDefaultSuffix("csv")
        dlg.selectFile(str(Path(QDir.homePath()) / name))
        dlg.fileSelected.connect(lambda path: self.export_csv(Path(path)))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()  # never exec(): jobs keep running while it is up

    @asyncSlot(object)
    async def export_csv(self, path: Path) -> None:
        """Write the CSV off the UI thread and say where it went (or why not)."""
        problem = False
        try:
            await asyncio.to_thread(write_csv, self.failed, path)
        except OSError as exc:
            text = self.tr("Could not write %1 (%2). Choose another folder.")
            text = arg(text, str(path), exc.strerror or str(exc))
            problem = True
        else:
            text = arg(self.tr("Saved %1."), str(path))
        if Shiboken.isValid(self):  # the dialog may have closed meanwhile
            self.export_result.setStyleSheet(problem_style(self) if problem else "")
            self.export_result.setText(text)

    def _totals(self) -> list[tuple[date, Decimal]]:
        if self.demo:
            return []
        grouping = spend_by_month if self.by_month.isChecked() else spend_by_day
        return grouping(self._jobs, self._table)

    def rows(self, totals: list[tuple[date, Decimal]] | None = None) -> list[tuple[str, str]]:
        fmt = "%Y-%m" if self.by_month.isChecked() else "%Y-%m-%d"
        # Newest period first: the question is usually "what did this week cost".
        return [
            (day.strftime(fmt), format_money(amount))
            for day, amount in reversed(self._totals() if totals is None else totals)
        ]

    def refresh(self) -> None:
        totals = self._totals()
        jobs_total = sum((amount for _, amount in totals), Decimal(0))
        rows = self.rows(totals)
        self.grid.setRowCount(len(rows))
        for r, (period, money) in enumerate(rows):
            self.grid.setItem(r, 0, QTableWidgetItem(period))
            item = QTableWidgetItem(money)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.setItem(r, 1, item)
        total = arg(self.tr("Total: %1"), format_money(jobs_total))
        if self.demo:
            total += " " + self.tr("(demo jobs are not billed)")
        self.total.setText(total)
