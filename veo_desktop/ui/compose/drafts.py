"""Drafts: what the user typed or dropped in every tab, saved as they edit (debounced, written
off the UI thread, atomically), so a quit or a crash loses nothing."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer

from ...core.files import write_json_atomic

log = logging.getLogger(__name__)


class _Write(QRunnable):
    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        super().__init__()
        self.path, self.data = path, data

    def run(self) -> None:
        try:
            write_json_atomic(self.path, self.data)
        except OSError:
            log.exception("could not save drafts")


class DraftStore(QObject):
    def __init__(self, path: Path, parent: QObject | None = None, delay_ms: int = 400) -> None:
        super().__init__(parent)
        self.path = path
        self._data: dict[str, Any] = self._read()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # writes stay in order

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, mode: str) -> dict[str, Any] | None:
        value = self._data.get(mode)
        return value if isinstance(value, dict) else None

    def put(self, mode: str, record: dict[str, Any]) -> None:
        self._data[mode] = record
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        self._pool.start(_Write(self.path, dict(self._data)))

    def flush_now(self) -> None:
        """At quit: write synchronously, the loop is ending anyway."""
        self._timer.stop()
        self._pool.waitForDone(2000)
        _Write(self.path, dict(self._data)).run()
