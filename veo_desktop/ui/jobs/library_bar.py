"""The bar above the job list that searches prompts, filters (failed clip checks and kept takes
too) and sorts the library; it only makes a `LibraryFilter`, which the list pages by."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.library.search import LibraryFilter, StatusGroup
from ...core.request.models import Mode, Model
from .row_text import model_label

#: Typing pauses this long before the list is searched again: one query per word, not per key.
SEARCH_DELAY_MS = 250


class LibraryBar(QWidget):
    filter_changed = Signal(object)  # LibraryFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search prompts (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        for button in self.search.findChildren(QToolButton):  # the clear button Qt adds
            button.setAccessibleName(self.tr("Clear search"))
        self.search.setAccessibleName(self.tr("Search the library"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self._emit)  # Enter searches at once

        self.mode = self._combo(self.tr("Filter by mode"), self.tr("All modes"))
        for mode in Mode:
            self.mode.addItem(mode.label, mode.value)
        self.model = self._combo(self.tr("Filter by model"), self.tr("All models"))
        for model in Model:
            self.model.addItem(model_label(model.value), model.value)
        self.status = self._combo(self.tr("Filter by status"), None)
        for group, label in (
            (StatusGroup.ANY, self.tr("Any status")),
            (StatusGroup.READY, self.tr("Ready to play")),
            (StatusGroup.ACTIVE, self.tr("In progress")),
            (StatusGroup.NEEDS_ATTENTION, self.tr("Failed or needs you")),
        ):
            self.status.addItem(label, group.value)
        self.date = self._combo(self.tr("Filter by date"), None)
        for days, label in (
            (0, self.tr("Any date")),
            (1, self.tr("Last 24 hours")),
            (7, self.tr("Last 7 days")),
            (30, self.tr("Last 30 days")),
        ):
            self.date.addItem(label, days)
        self.sort = self._combo(self.tr("Sort order"), None)
        self.sort.addItem(self.tr("Newest first"), False)
        self.sort.addItem(self.tr("Oldest first"), True)

        self.failed_checks = QToolButton(self)
        self.failed_checks.setText(self.tr("⚠ Failed checks"))
        self.failed_checks.setCheckable(True)
        self.failed_checks.setAccessibleName(self.tr("Show only clips that failed a check"))
        self.failed_checks.setToolTip(
            self.tr("Show only clips that do not match their request (end frame, sound, length…)")
        )
        self.failed_checks.toggled.connect(lambda _: self._emit())

        self.kept = QToolButton(self)
        self.kept.setText(self.tr("★ Kept"))
        self.kept.setCheckable(True)
        self.kept.setAccessibleName(self.tr("Show only kept takes"))
        self.kept.setToolTip(self.tr("Show only the takes you kept or rated (1 to 5 stars)"))
        self.kept.toggled.connect(lambda _: self._emit())

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.search, 1)
        top.addWidget(self.failed_checks)
        top.addWidget(self.kept)
        rows.addLayout(top)
        combos = QHBoxLayout()
        combos.setSpacing(4)
        for combo in (self.mode, self.model, self.status, self.date, self.sort):
            combos.addWidget(combo, 1)
            combo.currentIndexChanged.connect(lambda _: self._emit())
        rows.addLayout(combos)

    def _combo(self, name: str, everything: str | None) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # Three characters at least (the rest elides): five of these must fit beside the
        # compose tab on a small screen or at 2× scale.
        combo.setMinimumContentsLength(3)
        if everything is not None:
            combo.addItem(everything, None)
        return combo

    def install_shortcut(self, window: QWidget) -> None:
        """Ctrl+F anywhere in the window goes to the search box."""
        sc = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), window)
        sc.activated.connect(self._focus_search)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def value(self) -> LibraryFilter:
        mode = self.mode.currentData()
        return LibraryFilter(
            text=self.search.text().strip(),
            mode=Mode(mode) if mode else None,
            model=self.model.currentData() or None,
            status=StatusGroup(self.status.currentData()),
            within_days=int(self.date.currentData()) or None,
            checks_failed=self.failed_checks.isChecked(),
            kept=self.kept.isChecked(),
            oldest_first=bool(self.sort.currentData()),
        )

    def clear(self) -> None:
        for combo in (self.mode, self.model, self.status, self.date, self.sort):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for button in (self.failed_checks, self.kept):
            button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(False)
        self.search.clear()
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        self._debounce.stop()
        self.filter_changed.emit(self.value())
