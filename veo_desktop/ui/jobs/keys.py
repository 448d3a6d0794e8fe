"""Stand-in shortcuts for the job keys while their action is disabled: a disabled action's key
is silent, so the stand-in says in the status bar why it cannot run ("Select a job first")."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QMainWindow


class JobKeys(QObject):
    def __init__(self, window: QMainWindow, actions: Sequence[QAction]) -> None:
        super().__init__(window)
        self._window = window
        self._pairs: list[tuple[QAction, QShortcut]] = []
        self._has_job = False
        for action in actions:
            stand_in = QShortcut(action.shortcut(), window)
            stand_in.setContext(Qt.ShortcutContext.WindowShortcut)
            stand_in.setAutoRepeat(False)
            stand_in.activated.connect(lambda a=action: self._explain(a))
            self._pairs.append((action, stand_in))
            # A rebinding (or an action enabled elsewhere) keeps the stand-in in step.
            action.changed.connect(self._sync)
        self._sync()

    def update(self, has_job: bool) -> None:
        self._has_job = has_job
        self._sync()

    def _sync(self) -> None:
        # Exactly one of each pair is enabled at a time, so Qt never sees the key as ambiguous.
        for action, stand_in in self._pairs:
            stand_in.setKey(action.shortcut())
            stand_in.setEnabled(not action.isEnabled())

    def _explain(self, action: QAction) -> None:
        if not self._has_job:
            text = self.tr("Select a job first: click it in the job list, then press the key.")
        else:
            text = self.tr("“%1” does not apply to the selected job.").replace(
                "%1", action.text().replace("&", "").rstrip("…")
            )
        self._window.statusBar().showMessage(text, 8000)
