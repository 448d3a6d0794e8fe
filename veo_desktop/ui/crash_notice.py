"""Tells the user, in the window, that something went wrong and where the report is. The crash
hook may run on any thread, so it only emits a signal; the dialog opens on the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class CrashNotice(QObject):
    crashed = Signal(str)

    def __init__(self, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self._window = parent_window
        self.crashed.connect(self._show)

    def report(self, path: Path) -> None:  # any thread
        self.crashed.emit(str(path))

    def _show(self, path: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Something went wrong"),
            self.tr(
                "Veo Desktop hit an unexpected error. Your jobs are safe in "
                "the journal. A report (with no keys in it) was saved to:\n"
                "%s\nPlease attach it if you report the problem."
            )
            % path,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.open()  # never exec(): the loop keeps running
