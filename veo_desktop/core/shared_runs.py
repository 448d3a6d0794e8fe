"""One run per key at a time: a second caller awaits the run already going instead of starting
another (a batch, a storyboard)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


async def shared_run(
    runs: dict[K, asyncio.Future[T]], key: K, start: Callable[[], Coroutine[Any, Any, T]]
) -> T:
    """Await the run under `key` in `runs`, started with `start()` when none is going. Shielded:
    a caller that is cancelled stops waiting, not the run the others share."""
    run = runs.get(key)
    if run is None:  # else a second caller shares the first run
        run = asyncio.ensure_future(start())
        runs[key] = run
        run.add_done_callback(lambda _: runs.pop(key, None))
    return await asyncio.shield(run)
