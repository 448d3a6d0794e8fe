"""The tasks one owner (a controller) started: kept alive while they run, and cancelled together
when it closes, after which nothing new starts."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any


class OwnedTasks:
    """Tasks started through `spawn`; `close` cancels them and refuses new ones."""

    def __init__(self) -> None:
        # The loop keeps only weak references to tasks: this set keeps them alive until done.
        self._tasks: set[asyncio.Future[Any]] = set()
        self.closed = False

    def __len__(self) -> int:
        """How many are still running."""
        return len(self._tasks)

    def spawn(self, coro: Coroutine[Any, Any, object]) -> None:
        """Run `coro` as an owned task; once closed it is dropped unstarted (a late signal must
        not run work on a closed journal)."""
        if self.closed:
            coro.close()
            return
        self.adopt(asyncio.ensure_future(coro))

    def adopt(self, task: asyncio.Future[Any]) -> None:
        """Own a task started elsewhere: cancelled on close like the rest, at once if closed."""
        if self.closed:
            task.cancel()
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def close(self) -> list[asyncio.Future[Any]]:
        """Cancel every task and start no more; returns them, to await their end."""
        self.closed = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        return tasks
