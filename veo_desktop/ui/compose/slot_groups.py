"""The frame pair (start + end, with a swap button) and the three reorderable reference slots;
side by side when there is room, stacked when the tab is narrow (a small screen, or 2× scale)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from ..i18n import arg
from .image_slot import ImageSlot

log = logging.getLogger(__name__)

#: Width a slot needs to sit beside another one (below it, the slots stack).
SIDE_BY_SIDE_SLOT = 220
#: Extra width before stacked slots go side by side again: more than a scrollbar, so the
#: scrollbar that stacking brings (or takes away) cannot flip the layout back and forth.
HYSTERESIS = 32


def reflow(layout: QBoxLayout, width: int, slots: int) -> None:
    """Slots in a row when `width` has room for them, else in a column."""
    need = slots * SIDE_BY_SIDE_SLOT + 40
    stacked = layout.direction() == QBoxLayout.Direction.TopToBottom
    if stacked and width >= need + HYSTERESIS:
        layout.setDirection(QBoxLayout.Direction.LeftToRight)
    elif not stacked and width < need:
        layout.setDirection(QBoxLayout.Direction.TopToBottom)


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
        row.addWidget(self.swap_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.end, 1)
        self._quiet = False  # a swap changes both slots but is one change
        self.start.changed.connect(self._on_slot_changed)
        self.end.changed.connect(self._on_slot_changed)
        self._row = row

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        reflow(self._row, event.size().width(), 2 if self.end.isVisibleTo(self) else 1)

    def _on_slot_changed(self, _value: object) -> None:
        if not self._quiet:
            self.changed.emit()

    def end_enabled(self, on: bool) -> None:
        """Image mode uses only the start frame; its end slot (and the swap) are hidden."""
        self.end.setVisible(on)
        self.swap_button.setVisible(on)

    def swap(self) -> None:
        if self.start.value() == self.end.value():
            return
        self._quiet = True
        try:
            self.start.swap_with(self.end)
        finally:
            self._quiet = False
        self.changed.emit()


class ReferenceSlots(QWidget):
    changed = Signal()
    COUNT = 3

    def __init__(self, *, paste_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slots: list[ImageSlot] = []
        self.left_buttons: list[QToolButton] = []
        self.right_buttons: list[QToolButton] = []
        self._quiet = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for i in range(self.COUNT):
            n = i + 1
            slot = ImageSlot(arg(self.tr("Reference %1"), n), paste_dir=paste_dir, parent=self)
            slot.changed.connect(self._on_slot_changed)
            # Arrow buttons draw their arrow themselves, so no font needs the glyph.
            left = self._arrow(Qt.ArrowType.LeftArrow, arg(self.tr("Move reference %1 left"), n))
            right = self._arrow(Qt.ArrowType.RightArrow, arg(self.tr("Move reference %1 right"), n))
            left.setEnabled(i > 0)
            right.setEnabled(i < self.COUNT - 1)
            left.clicked.connect(lambda _=False, i=i: self.move_reference(i, -1))
            right.clicked.connect(lambda _=False, i=i: self.move_reference(i, 1))
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(left)
            buttons.addWidget(right)
            buttons.addStretch(1)
            col = QVBoxLayout()
            col.addWidget(slot, 1)
            col.addLayout(buttons)
            row.addLayout(col, 1)
            self.slots.append(slot)
            self.left_buttons.append(left)
            self.right_buttons.append(right)
        self._row = row

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        reflow(self._row, event.size().width(), self.COUNT)

    def _arrow(self, arrow: Qt.ArrowType, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setArrowType(arrow)
        button.setFixedSize(28, 22)
        button.setToolTip(name)
        button.setAccessibleName(name)
        return button

    def _on_slot_changed(self, _value: object) -> None:
        if not self._quiet:
            self.changed.emit()

    def values(self) -> list[str]:
        """The filled slots' values in order (empty slots between them are skipped)."""
        return [v for v in (s.value() for s in self.slots) if v]

    def set_values(self, values: list[str]) -> None:
        """Local files land once checked (each slot emits `changed` then), URLs at once."""
        if len(values) > self.COUNT:
            log.warning("only %d references fit; ignoring %d", self.COUNT, len(values) - self.COUNT)
        padded = [*values[: self.COUNT], *[None] * (self.COUNT - len(values))]
        for slot, value in zip(self.slots, padded, strict=True):
            slot.set_value(value)

    def move_reference(self, index: int, step: int) -> None:
        """Move reference `index` one place left (step -1) or right (+1)."""
        other = index + step
        if not (0 <= index < self.COUNT and 0 <= other < self.COUNT):
            return
        a, b = self.slots[index], self.slots[other]
        if a.value() == b.value():
            return
        self._quiet = True
        try:
            a.swap_with(b)
        finally:
            self._quiet = False
        self.changed.emit()
        # Keep the keyboard on the moved image, so pressing again moves it further.
        buttons = self.right_buttons if step > 0 else self.left_buttons
        target = buttons[other] if buttons[other].isEnabled() else self.slots[other]
        if self.focusWidget() is not None and self.isAncestorOf(self.focusWidget()):
            target.setFocus(Qt.FocusReason.OtherFocusReason)
