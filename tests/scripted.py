"""A real JobRunner over a scripted gateway (an httpx handler) on a virtual clock: for tests of
what drives the runner (the batch queue, the board runner)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx

from veo_desktop.core.gateway.client import GatewayClient, RetryPolicy
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.jobs.poll_step import PollPolicy
from veo_desktop.core.jobs.runner import JobRunner
from veo_desktop.core.library.store import Library

GW = "https://gw.example.com"


class Clock:
    """Virtual time: `sleep` moves it on at once (and lets other tasks run)."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, s: float) -> None:
        self.now += s
        await asyncio.sleep(0)


def scripted_runner(
    gateway: Callable[[httpx.Request], httpx.Response],
    journal: Journal,
    library: Path,
    clock: Clock,
    max_concurrent: int = 3,
) -> JobRunner:
    """A runner whose every request (API calls and clip downloads) `gateway` answers, with one
    attempt per call and the default poll policy on `clock`."""
    client = GatewayClient(
        GW,
        httpx.AsyncClient(transport=httpx.MockTransport(gateway)),
        lambda: "sk-x",
        retry=RetryPolicy(attempts=1),
        sleep=clock.sleep,
        downloads=httpx.Client(transport=httpx.MockTransport(gateway)),
    )
    return JobRunner(
        client,
        journal,
        Library(library),
        policy=PollPolicy(),
        sleep=clock.sleep,
        clock=clock,
        max_concurrent=max_concurrent,
    )
