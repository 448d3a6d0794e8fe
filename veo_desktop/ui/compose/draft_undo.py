"""Undo for a draft that Remix or Extend replaced: the tab's unsent prompt, frames and settings
are kept, and an Undo button in the status bar puts them back for a while."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QPushButton

from .tab import ComposeTab

#: How long Undo stays offered; the status message shows as long.
UNDO_MS = 30_000


def has_content(record: dict[str, Any]) -> bool:
    """Whether a draft holds something the user typed or dropped (settings alone do not count:
    a remix changing the model loses nothing worth asking about)."""
    keys = ("prompt", "negative_prompt", "image", "last_image", "images", "video")
    return any(str(record.get(k) or "").strip() not in ("", "[]", "()") for k in keys)


class DraftUndo(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._kept: tuple[ComposeTab, dict[str, Any]] | None = None
        self.button = QPushButton(self.tr("Undo"))
        self.button.setAccessibleName(self.tr("Undo: bring back the replaced draft"))
        self.button.setFlat(True)
        self.button.clicked.connect(self.undo)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UNDO_MS)
        self._timer.timeout.connect(self._forget)

    def keep(self, tab: ComposeTab, tab_name: str) -> None:
        """Call before a tab's draft is replaced; offers Undo if there was anything to lose."""
        record = tab.draft()
        if not has_content(record):
            return
        self._kept = (tab, record)
        self.button.show()
        self._timer.start()
        self._window.statusBar().showMessage(
            self.tr("Your draft in the %1 tab was replaced. Undo brings it back.").replace(
                "%1", tab_name
            ),
            UNDO_MS,
        )

    def undo(self) -> None:
        if self._kept is None:
            return
        tab, record = self._kept
        self._forget()
        tab.load_draft(record)
        tab.focus_prompt()
        self._window.statusBar().showMessage(self.tr("Draft restored."), 5000)

    def _forget(self) -> None:
        self._kept = None
        self._timer.stop()
        self.button.hide()
