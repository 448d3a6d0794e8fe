"""Lower-priority worker threads for CPU-heavy work (image re-encoding, request bodies,
downloads), so the window's thread is always scheduled first."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)

# A download at loopback speed or re-encoding a big image keeps a core busy; on a small machine
# the window's thread then waits for the scheduler to give it a core back (bench:
# heartbeat_max_ms). At nice +10 the window's thread runs first whenever it wakes, and the work
# still gets every cycle the window does not use.
BACKGROUND_NICE = 10


def lower_priority() -> None:
    """Thread initializer: lower the calling thread's priority (Linux only)."""
    # Only Linux gives a thread its own nice value, set through its thread id; elsewhere
    # `PRIO_PROCESS` would take the number as a process id.
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)


def background_pool(name: str, workers: int) -> ThreadPoolExecutor:
    """A pool whose threads (started on first use) all run at the lower priority."""
    # Raising a thread's nice value cannot be undone without privileges: hence pools of their
    # own, never the loop's default executor.
    return ThreadPoolExecutor(
        max_workers=workers, thread_name_prefix=name, initializer=lower_priority
    )


#: CPU-heavy work for a request: decoding and re-encoding images, building the request JSON.
_WORK = background_pool("work", 2)


async def in_background(fn: Callable[..., T], *args: object) -> T:
    """`fn(*args)` on a lower-priority worker thread, awaited from the loop."""
    return await asyncio.get_running_loop().run_in_executor(_WORK, fn, *args)


def start_in_background(fn: Callable[[], object]) -> None:
    """`fn()` on a lower-priority worker thread, not awaited (work whose result nobody needs,
    such as loading libraries ahead of their first use); an error is logged, not raised."""

    def run() -> None:
        try:
            fn()
        except Exception:
            log.exception("background work failed")

    _WORK.submit(run)
