"""The four settings a board gives its shots (model, aspect ratio, duration, sound) as combo boxes:
the board's own, or a shot's, where the first choice of each is "the board's"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QWidget

from ...core.request.models import ASPECT_RATIOS, DURATIONS, Model
from ...core.story.board import SETTING_KEYS, Settings
from ..i18n import arg, tr
from ..jobs.row_text import model_label

_INHERIT = "inherit"  # the item data of "the board's" (None would read as "no data")


def _audio_text(value: bool | None) -> str:
    return tr("Sound off") if value is False else tr("Sound on")


def _text(key: str, value: Any) -> str:
    if key == "model":
        return model_label(str(value))
    if key == "duration":
        return arg(tr("%1 s"), str(value))
    if key == "audio":
        return _audio_text(value)
    return str(value)


class SettingChoices(QWidget):
    """`inherit`: a shot's overrides (each may follow the board); else the board's settings."""

    changed = Signal(dict)  # the values now: a shot's overrides, or every setting of a board

    def __init__(self, *, inherit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inherit = inherit
        self._filling = False
        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        names = {
            "model": tr("Model"),
            "aspect_ratio": tr("Aspect ratio"),
            "duration": tr("Duration"),
            "audio": tr("Sound"),
        }
        options: dict[str, list[Any]] = {
            "model": [m.value for m in Model],
            "aspect_ratio": list(ASPECT_RATIOS),
            "duration": list(DURATIONS),
            "audio": [True, False],
        }
        for i, key in enumerate(SETTING_KEYS):
            combo = QComboBox(self)
            combo.setAccessibleName(names[key])
            combo.setToolTip(
                arg(tr("%1 of this shot (the board's unless you pick one)"), names[key])
                if inherit
                else arg(tr("%1 of every shot that does not pick its own"), names[key])
            )
            if inherit:
                combo.addItem("", _INHERIT)
            for value in options[key]:
                combo.addItem(_text(key, value), value)
            # Narrow panes elide the choice rather than widen the window (small screens).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(7)
            combo.currentIndexChanged.connect(self._on_changed)
            self.combos[key] = combo
            grid.addWidget(combo, i // 2, i % 2)  # each choice names itself: "Fast 720p", "8 s"

    def set_values(self, values: Mapping[str, Any], board: Settings | None = None) -> None:
        """Show `values` (for a shot, its overrides; `board` names what the others inherit)."""
        self._filling = True
        try:
            for key, combo in self.combos.items():
                if self.inherit:
                    inherited = getattr(board, key) if board is not None else None
                    combo.setItemText(0, arg(tr("Board's (%1)"), _text(key, inherited)))
                value = values.get(key, _INHERIT if self.inherit else None)
                if key == "audio" and value is None and not self.inherit:
                    value = True  # the board leaves the field out: upstream makes sound
                found = combo.findData(value)
                combo.setCurrentIndex(max(0, found))
        finally:
            self._filling = False

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, combo in self.combos.items():
            value = combo.currentData()
            if value != _INHERIT:
                out[key] = value
        return out

    def _on_changed(self) -> None:
        if not self._filling:
            self.changed.emit(self.values())
