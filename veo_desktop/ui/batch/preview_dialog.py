"""The batch preview: every row with its cost and findings before anything is sent; rows are
edited in place, removed and reordered, and only Start (or Skip N invalid rows) sends."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.request.models import ASPECT_RATIOS, DURATIONS, Model
from ...core.request.pricing import PriceTable, format_money
from .. import window_fit
from ..appearance import problem_colour, problem_style
from ..i18n import arg, tr
from ..jobs.row_text import model_label
from .preview_model import ASPECT, AUDIO, DURATION, MODEL, PROMPT, PreviewModel, audio_text

Index = QModelIndex | QPersistentModelIndex
SHOWN_PROBLEMS = 5  # blocked rows named under the table; the rest are counted
WIDTHS = {0: 48, 1: 84, 3: 110, 4: 56, 5: 56, 6: 64, 7: 110, 8: 64, 9: 240}


def duration_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return arg(tr("%1 s"), str(round(seconds)))
    if minutes < 60:
        return arg(tr("%1 min"), str(minutes))
    return arg(tr("%1 h %2 min"), str(minutes // 60), str(minutes % 60))


class ChoiceDelegate(QStyledItemDelegate):
    """Model, aspect, length and audio are picked from what exists; the prompt is typed."""

    def choices(self, column: int) -> list[tuple[str, str]]:
        if column == MODEL:
            return [(model_label(m.value), m.value) for m in Model]
        if column == ASPECT:
            return [(a, a) for a in ASPECT_RATIOS]
        if column == DURATION:
            return [(arg(self.tr("%1 s"), str(d)), str(d)) for d in DURATIONS]
        if column == AUDIO:
            return [(audio_text(None), ""), (audio_text(True), "yes"), (audio_text(False), "no")]
        return []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        choices = self.choices(index.column())
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for label, value in choices:
            combo.addItem(label, value)
        # A pick is the edit: committed at once, as a typed prompt is on Enter.
        combo.activated.connect(lambda _i, c=combo: self._picked(c))
        return combo

    def _picked(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            at = editor.findData(value)
            if at < 0:  # a value typed in the file that is not one of the choices
                editor.addItem(str(index.data(Qt.ItemDataRole.DisplayRole)), value)
                at = editor.count() - 1
            editor.setCurrentIndex(at)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class PreviewDialog(QDialog):
    start = Signal(object)  # list[BatchItem] in order: sent through the queue (blocked: skipped)

    def __init__(
        self, model: PreviewModel, parent: QWidget | None = None, *, earlier: str = ""
    ) -> None:
        super().__init__(parent)
        self.model = model
        name = model.source.path.name
        self.setWindowTitle(arg(self.tr("Batch preview — %1"), name))
        self.setAccessibleName(self.tr("Batch preview"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            arg(
                self.tr(
                    "%1: check the rows. Double-click a prompt, model, aspect, length or audio to "
                    "change it. Nothing is sent until you press Start."
                ),
                name,
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        notes = [*model.source.notes, earlier] if earlier else list(model.source.notes)
        self.notes = QLabel("\n".join(notes))
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(problem_style(self.notes, warning=True))
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)

        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Batch rows"))
        base = self.view.palette().color(QPalette.ColorRole.Base)
        model.set_colours(problem_colour(base), problem_colour(base, warning=True))
        self.view.setModel(model)
        self.view.setItemDelegate(ChoiceDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        head = self.view.horizontalHeader()
        for column, width in WIDTHS.items():
            head.resizeSection(column, width)
        head.setSectionResizeMode(PROMPT, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setStyleSheet(problem_style(self.problems))
        self.problems.setAccessibleName(self.tr("Rows that cannot be sent"))
        layout.addWidget(self.problems)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Batch cost and time"))
        layout.addWidget(self.summary)

        buttons = QHBoxLayout()
        self.up = QPushButton(self.tr("Move &up"))
        self.down = QPushButton(self.tr("Move &down"))
        self.remove = QPushButton(self.tr("&Remove"))
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        self.remove.clicked.connect(self.remove_selected)
        for b in (self.up, self.down, self.remove):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        self.skip = QPushButton()
        self.skip.setAutoDefault(False)
        self.skip.clicked.connect(self._start)
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)
        for b in (self.cancel, self.skip, self.start_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        for seq, slot in (
            ("Alt+Up", lambda: self.move_selected(-1)),
            ("Alt+Down", lambda: self.move_selected(1)),
            (QKeySequence.StandardKey.Delete, self.remove_selected),
        ):
            shortcut = QShortcut(QKeySequence(seq), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # not inside an editor
            shortcut.activated.connect(slot)

        for signal in (model.dataChanged, model.rowsRemoved, model.rowsMoved, model.modelReset):
            signal.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()
        room = window_fit.available(self)
        self.resize(min(1180, room.width() - 40), min(640, room.height() - 60))

    # -- rows ------------------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def move_selected(self, delta: int) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and self.model.move(rows[0], delta):
            self.view.selectRow(rows[0] + delta)

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.model.remove(rows)
            if self.model.rowCount():
                self.view.selectRow(min(rows[0], self.model.rowCount() - 1))

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        last = self.model.rowCount() - 1
        self.up.setEnabled(len(rows) == 1 and rows[0] > 0)
        self.down.setEnabled(len(rows) == 1 and rows[0] < last)
        self.remove.setEnabled(bool(rows))

    # -- summary ---------------------------------------------------------------------------------

    def refresh(self, *_: Any) -> None:
        m = self.model
        blocked, sendable, total = m.blocked(), m.sendable(), m.rowCount()
        named = [i.describe() for i in blocked[:SHOWN_PROBLEMS]]
        if len(blocked) > SHOWN_PROBLEMS:
            named.append(self.tr("…and %n more.", "", len(blocked) - SHOWN_PROBLEMS))
        if blocked:
            named.insert(
                0,
                self.tr("1 row cannot be sent:")
                if len(blocked) == 1
                else self.tr("%n rows cannot be sent:", "", len(blocked)),
            )
        self.problems.setText("\n".join(named))
        self.problems.setVisible(bool(blocked))
        text = arg(self.tr("%1 of %2 rows can be sent."), sendable, total)
        estimate = (
            self.tr("Estimated cost %1 at list prices (the gateway may charge differently).")
            if m.table == PriceTable.DEFAULT
            else self.tr("Estimated cost %1 at your price table.")
        )
        text += " " + arg(estimate, format_money(m.cost()))
        if m.unpriced():
            text += " " + arg(self.tr("Rows without a price: %1."), str(m.unpriced()))
        text += " " + (
            arg(
                self.tr("About %1 at %2 jobs at once (a job takes about %3 here)."),
                duration_text(m.eta_seconds()),
                str(m.jobs_at_once),
                duration_text(m.job_seconds),
            )
        )
        self.summary.setText(text)
        self.start_button.setText(
            self.tr("&Start 1 job") if sendable == 1 else self.tr("&Start %n jobs", "", sendable)
        )
        self.start_button.setEnabled(bool(sendable) and not blocked)
        self.skip.setText(
            self.tr("S&kip 1 invalid row")
            if len(blocked) == 1
            else self.tr("S&kip %n invalid rows", "", len(blocked))
        )
        self.skip.setToolTip(self.tr("Start the rows that can be sent; the others are skipped."))
        self.skip.setVisible(bool(blocked) and bool(sendable))
        self._update_buttons()

    def _start(self) -> None:
        if self.model.sendable():
            self.start.emit(self.model.items())
            self.accept()
