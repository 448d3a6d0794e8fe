"""Memory the closed compare's decoders freed, handed back to the system: glibc keeps what their
threads freed for reuse unless asked to trim it (bench: compare rss figures)."""

from __future__ import annotations

import ctypes
import sys

#: After the players are deleted (their deletion waits for the event loop's next turn).
TRIM_AFTER_MS = 1000


def trim_heap() -> None:
    """malloc_trim(0) where there is one (Linux with glibc); nothing elsewhere. ~6 ms."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    trim = getattr(libc, "malloc_trim", None)  # musl has none
    if trim is not None:
        trim(0)
