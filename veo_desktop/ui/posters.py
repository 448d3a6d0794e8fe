"""Poster frames for the job list: made once per clip on a worker thread (PyAV decode, never on
the UI thread), cached on disk and in memory, and announced with `ready`."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from ..core.frames import make_poster

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(str, object)  # job id, the poster QImage (None on failure)


class _MakePoster(QRunnable):
    def __init__(self, job_id: str, video: Path, dest: Path, signals: _Signals) -> None:
        super().__init__()
        self.job_id, self.video, self.dest, self.signals = job_id, video, dest, signals

    def run(self) -> None:
        try:
            if not self.dest.exists():
                make_poster(self.video, self.dest)
            image = QImage(str(self.dest))  # QImage (unlike QPixmap) is safe off the GUI thread
        except (ValueError, OSError) as exc:
            log.warning("no poster for %s: %s", self.job_id, exc)
            image = None
        self.signals.done.emit(self.job_id, None if image is None or image.isNull() else image)


class PosterCache(QObject):
    ready = Signal(str, QImage)

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self._memory: dict[str, QImage] = {}
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one decoder at a time keeps start-up light
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)

    def get(self, job_id: str, video: Path) -> QImage | None:
        if job_id in self._memory:
            return self._memory[job_id]
        if job_id in self._pending or job_id in self._failed:
            return None
        dest = self.cache_dir / f"{job_id}.jpg"
        self._pending.add(job_id)
        # Even reading the cached JPEG happens off the UI thread: hundreds of rows add up.
        self._pool.start(_MakePoster(job_id, video, dest, self._signals))
        return None

    def _on_done(self, job_id: str, image: QImage | None) -> None:
        self._pending.discard(job_id)
        if image is None:
            self._failed.add(job_id)
            return
        self._memory[job_id] = image
        self.ready.emit(job_id, image)

    def wait(self, msecs: int = 10000) -> bool:
        return self._pool.waitForDone(msecs)
