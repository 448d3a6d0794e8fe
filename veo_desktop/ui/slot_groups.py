"""Slot groups: a start + end frame pair with a swap button, and three reorderable references."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from .image_slot import ImageSlot


class FramePairSlots(QWidget):
    changed = Signal()

    def __init__(self, *, paste_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = ImageSlot(self.tr("Start frame"), paste_dir=paste_dir, parent=self)
        self.end = ImageSlot(self.tr("End frame"), paste_dir=paste_dir, parent=self)
        self.swap_button = QToolButton(self)
        self.swap_button.setText("⇄")
        self.swap_button.setToolTip(self.tr("Swap start and end frames"))
        self.swap_button.setAccessibleName(self.tr("Swap start and end frames"))
        self.swap_button.clicked.connect(self.swap)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start, 1)
        row.addWidget(self.swap_button)
        row.addWidget(self.end, 1)
        self.start.changed.connect(lambda _: self.changed.emit())
        self.end.changed.connect(lambda _: self.changed.emit())

    def end_enabled(self, on: bool) -> None:
        self.end.setVisible(on)
        self.swap_button.setVisible(on)

    def swap(self) -> None:
        a, b = self.start.value(), self.end.value()
        self.start.set_value(b)
        self.end.set_value(a)


class ReferenceSlots(QWidget):
    changed = Signal()

    def __init__(self, *, paste_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slots = [
            ImageSlot(self.tr("Reference %d") % (i + 1), paste_dir=paste_dir, parent=self)
            for i in range(3)
        ]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, slot in enumerate(self.slots):
            col = QVBoxLayout()
            col.addWidget(slot, 1)
            buttons = QHBoxLayout()
            left = QToolButton(self)
            left.setText("◀")
            left.setToolTip(self.tr("Move left"))
            left.setAccessibleName(self.tr("Move reference %d left") % (i + 1))
            left.setEnabled(i > 0)
            left.clicked.connect(lambda _=False, i=i: self.move(i, -1))
            right = QToolButton(self)
            right.setText("▶")
            right.setToolTip(self.tr("Move right"))
            right.setAccessibleName(self.tr("Move reference %d right") % (i + 1))
            right.setEnabled(i < 2)
            right.clicked.connect(lambda _=False, i=i: self.move(i, 1))
            buttons.addStretch(1)
            buttons.addWidget(left)
            buttons.addWidget(right)
            buttons.addStretch(1)
            col.addLayout(buttons)
            grid.addLayout(col, 0, i)
            slot.changed.connect(lambda _: self.changed.emit())

    def values(self) -> list[str]:
        return [v for v in (s.value() for s in self.slots) if v]

    def set_values(self, values: list[str]) -> None:
        for slot, value in zip(self.slots, [*values, None, None, None], strict=False):
            slot.set_value(value)

    def move(self, i: int, step: int) -> None:
        j = i + step
        if not 0 <= j < len(self.slots):
            return
        a, b = self.slots[i].value(), self.slots[j].value()
        self.slots[i].set_value(b)
        self.slots[j].set_value(a)
