"""Cross-process locks (a job's POST or download, opening the journal), so the app, a second
window and the `veo` CLI sharing one journal never do the same step twice at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

# An OS advisory lock on a small file in the data dir: the OS drops it when the process dies, so
# "held" always means a live process is working, and a crash never leaves a stale lock behind.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


class ProcessLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if no live process holds it. A lock that cannot be made at all (a
        read-only data dir) counts as taken: the step then runs unguarded, as it would alone."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            log.warning("no lock at %s (%s); going on without one", self.path, exc)
            return True
        if _lock(fd):
            self._fd = fd
            return True
        os.close(fd)
        return False

    async def acquire(self, poll: float = 0.1) -> None:
        while not await asyncio.to_thread(self.try_acquire):
            await asyncio.sleep(poll)

    def release(self, *, remove: bool = True) -> None:
        """Unlock, removing the file when the step is settled for good."""
        # A process already waiting then holds the lock of a removed file while a newcomer may
        # lock a new one: remove only when what they do next is harmless (they re-read, find it
        # done).
        if self._fd is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
        os.close(self._fd)  # closing drops the lock
        self._fd = None
