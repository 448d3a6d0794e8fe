"""A controller's tasks: kept while they run, all cancelled when it closes, none started after."""

from __future__ import annotations

import asyncio

import pytest

from veo_desktop.core.owned_tasks import OwnedTasks


@pytest.mark.asyncio
async def test_close_cancels_every_task_and_nothing_starts_after() -> None:
    tasks = OwnedTasks()
    ran: list[str] = []

    async def forever(name: str) -> None:
        ran.append(name)
        await asyncio.Event().wait()

    tasks.spawn(forever("spawned"))
    adopted = asyncio.ensure_future(forever("adopted"))
    tasks.adopt(adopted)
    await asyncio.sleep(0)
    assert len(tasks) == 2 and ran == ["spawned", "adopted"]

    stopped = tasks.close()
    await asyncio.gather(*stopped, return_exceptions=True)
    assert all(t.cancelled() for t in stopped) and len(tasks) == 0

    # A late signal after quit: a coroutine is dropped unstarted, a task is cancelled at once.
    tasks.spawn(forever("late"))
    late = asyncio.ensure_future(forever("late task"))
    tasks.adopt(late)
    for _ in range(3):  # a few turns of the loop: the late task would have started by now
        await asyncio.sleep(0)
    try:
        assert late.cancelled() and ran == ["spawned", "adopted"]
    finally:
        late.cancel()
