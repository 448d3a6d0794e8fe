"""Poster frames for the job list, made and read back on worker threads and kept on disk and in
memory, so painting or paging the list never waits for a decode or the disk."""

from __future__ import annotations

import itertools
import logging
import time
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)


class _Signals(QObject):
    # Lives on the UI thread, so a worker's emit reaches PosterCache as a queued call.
    done = Signal(str, object, bool)  # job id, QImage or None, whether a video was decoded


class _LoadPoster(QRunnable):
    def __init__(self, job_id: str, video: Path, dest: Path, signals: _Signals) -> None:
        super().__init__()
        self.job_id, self.video, self.dest, self.signals = job_id, video, dest, signals

    def run(self) -> None:
        image: QImage | None = None
        made = False
        try:
            if self.dest.exists():
                image = QImage(str(self.dest))  # QImage, unlike QPixmap, is safe off the UI thread
                if image.isNull():
                    log.warning("poster cache file %s is unreadable; making it again", self.dest)
                    image = None
            if image is None:
                # PyAV loads FFmpeg: imported by the first worker that decodes, not at start-up.
                from ...core.library.frames import make_poster

                made = True
                make_poster(self.video, self.dest)
                image = QImage(str(self.dest))
                if image.isNull():
                    raise ValueError(f"{self.dest} could not be read back")
        except Exception as exc:  # any failure is one missing poster, never a crashed worker
            log.warning("no poster for job %s from %s: %s", self.job_id, self.video, exc)
            image = None
        self.signals.done.emit(self.job_id, image, made)


STALE_TEMP_S = 600


def sweep_stale_temp(folder: Path, now: float | None = None) -> int:
    """Remove `.*.tmp` files older than STALE_TEMP_S in `folder`; how many went."""
    cutoff = (time.time() if now is None else now) - STALE_TEMP_S
    gone = 0
    for tmp in folder.glob(".*.tmp") if folder.is_dir() else ():
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                gone += 1
        except OSError:
            continue  # gone meanwhile, or not ours to remove: leave it
    return gone


class PosterCache(QObject):
    """`get` answers at once from memory; otherwise it queues one worker per clip (repeat calls
    while it runs queue nothing) and returns None until `ready` fires. The newest request runs
    first: while the list scrolls, the rows now on screen beat the ones scrolled past."""

    ready = Signal(str, QImage)

    #: Posters kept in memory (about 230 KB each at 320x180); older ones reload from disk.
    MEMORY_LIMIT = 300

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.scheduled = 0  # workers started so far: lets tests see that a hit did no work
        self.made = 0  # of those, the ones that had to decode the video (no poster on disk)
        self._memory: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._failed: set[str] = set()  # a broken clip is tried once per session, not per paint
        self._order = itertools.count()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)  # decoding competes with playback; keep it modest
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        # A poster half-written when the app was killed stays as a hidden .tmp; clear old ones
        # (not fresh ones: another window may be writing right now), off this thread.
        self._pool.start(lambda: sweep_stale_temp(cache_dir))

    def path_for(self, job_id: str) -> Path:
        return self.cache_dir / f"{job_id}.jpg"

    def get(self, job_id: str, video_path: Path | str) -> QImage | None:
        image = self._memory.get(job_id)
        if image is not None:
            self._memory.move_to_end(job_id)
            return image
        if job_id in self._pending or job_id in self._failed:
            return None
        self._pending.add(job_id)
        self.scheduled += 1
        task = _LoadPoster(job_id, Path(video_path), self.path_for(job_id), self._signals)
        # QThreadPool runs higher priorities first; a counter makes it newest first. Qt takes an
        # int, so the count wraps long before it could overflow.
        self._pool.start(task, next(self._order) % 1_000_000_000)
        return None

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until queued posters are done (tests, and shutdown after `close`)."""
        return self._pool.waitForDone(msecs)

    def close(self) -> None:
        """Drop queued work (it would only delay quitting) and wait for what is running."""
        self._pool.clear()
        self._pool.waitForDone()

    @Slot(str, object, bool)
    def _on_done(self, job_id: str, image: QImage | None, made: bool) -> None:
        self._pending.discard(job_id)
        self.made += made
        if image is None:
            self._failed.add(job_id)
            return
        self._remember(job_id, image)
        self.ready.emit(job_id, image)

    def _remember(self, job_id: str, image: QImage) -> None:
        self._memory[job_id] = image
        self._memory.move_to_end(job_id)
        while len(self._memory) > self.MEMORY_LIMIT:
            self._memory.popitem(last=False)
