"""Tells the user, in the window, that something went wrong: where the crash report was saved,
or (show_notice) what was done to recover a damaged job journal at start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ..i18n import arg


class CrashNotice(QObject):
    crashed = Signal(str)

    def __init__(self, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self._window = parent_window
        self.crashed.connect(self._show)

    def report(self, path: Path) -> None:
        # The crash hook may run on any thread, so this only emits; the dialog opens on the
        # GUI thread, where this object lives.
        self.crashed.emit(str(path))

    def _show(self, path: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Something went wrong"),
            arg(
                self.tr(
                    "Veo Desktop hit an unexpected error. Your jobs are safe in "
                    "the journal. A report (with no keys in it) was saved to:\n"
                    "%1\nPlease attach it if you report the problem."
                ),
                path,
            ),
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.open()  # never exec(): the loop keeps running


def show_notice(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A warning beside the window, which stays usable: read it when you like, then close it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()  # never exec(): the loop keeps running
    return box
