"""The pacer against a gateway that pushes back, on a virtual clock (no real sleeps): a 429 holds
every send for its Retry-After or a jittered backoff, lowers jobs at once to what the gateway
took, recovers step by step, and never turns into a retry storm."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
from typing import Any

import pytest

from veo_desktop.core.batch.pacer import Pacer, PacerPolicy, Pacers, Ticket


class VirtualTime:
    """A clock and a sleep for many tasks at once: time jumps to the next wake-up whenever every
    task is waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(0.0, seconds), next(self._order), future))
        await future

    async def run(self, main: asyncio.Future[Any]) -> None:
        while not main.done():
            for _ in range(20):  # let every task that can move, move
                await asyncio.sleep(0)
            if self._sleepers and not main.done():
                at, _, future = heapq.heappop(self._sleepers)
                self.now = max(self.now, at)
                future.set_result(None)


def pacer(vt: VirtualTime, jobs_at_once: int = 3) -> Pacer:
    return Pacer(
        jobs_at_once,
        PacerPolicy(first_backoff=4.0),
        clock=vt.clock,
        sleep=vt.sleep,
        rng=lambda: 0.5,
    )


async def timed(vt: VirtualTime, p: Pacer) -> float:
    task = asyncio.ensure_future(p.acquire())
    await vt.run(task)
    return vt.now


@pytest.mark.asyncio
async def test_retry_after_holds_every_send_for_exactly_that_long() -> None:
    vt = VirtualTime()
    p = pacer(vt)
    first = await p.acquire()
    p.refused(first, retry_after=30)
    assert p.status().resume_in == 30
    assert await timed(vt, p) == 30.0


@pytest.mark.asyncio
async def test_without_retry_after_it_backs_off_with_jitter_then_doubles() -> None:
    vt = VirtualTime()
    p = pacer(vt)
    t = await p.acquire()
    p.refused(t)  # first 429: 4 s backoff, jitter 0.5 -> 3 s
    assert await timed(vt, p) == 3.0
    second = next(iter(p._held))
    p.refused(second)  # the retry refused too: 8 s, jittered to 6 s
    assert await timed(vt, p) == 9.0


@pytest.mark.asyncio
async def test_429s_of_sends_made_together_are_one_signal_not_a_storm_of_backoffs() -> None:
    vt = VirtualTime()
    p = pacer(vt, jobs_at_once=4)
    first = await p.acquire()
    p.accepted(first)  # the gateway answered: the others may go together
    tickets = [await p.acquire() for _ in range(3)]
    assert vt.now == 0.0
    for t in tickets:
        p.refused(t)
    assert p.status().resume_in == 3.0  # one backoff (4 s x 0.75), not three stacked
    assert await timed(vt, p) == 3.0


@pytest.mark.asyncio
async def test_the_first_send_goes_alone_until_the_gateway_answers() -> None:
    vt = VirtualTime()
    p = pacer(vt, jobs_at_once=3)
    first = await p.acquire()
    second = asyncio.ensure_future(p.acquire())
    for _ in range(5):
        await asyncio.sleep(0)
    assert not second.done()  # a bad key or a busy gateway costs one refusal, not three
    p.accepted(first)
    await asyncio.wait_for(second, 1)
    third = await asyncio.wait_for(p.acquire(), 1)  # answered: the rest go without waiting
    assert third is not None


@pytest.mark.asyncio
async def test_a_429_lowers_jobs_at_once_to_what_the_gateway_took_and_recovers_additively() -> None:
    vt = VirtualTime()
    p = pacer(vt, jobs_at_once=5)
    held = []
    for _ in range(3):
        held.append(await p.acquire())
        p.accepted(held[-1])
    fourth = await p.acquire()
    p.refused(fourth)
    assert p.limit == 3
    for _ in range(7):  # about two limits' worth of sends taken later (+1/2limit each): 4
        t = await timed_ticket(vt, p, held)
        p.accepted(t)
    assert p.limit == 4
    assert p.status().jobs_at_once == 5


async def timed_ticket(vt: VirtualTime, p: Pacer, held: list[Ticket]) -> Ticket:
    held.pop().release()
    task = asyncio.ensure_future(p.acquire())
    await vt.run(task)
    ticket = task.result()
    held.insert(0, ticket)
    return ticket


@pytest.mark.asyncio
async def test_a_queue_against_a_gateway_that_takes_three_at_once() -> None:
    """20 sends, jobs at once set to 5, a gateway that takes 3 and answers 429 past that (with
    Retry-After 30 every other time): all are taken, few are refused, none is sent during a
    pause, and the batch takes about as long as the gateway's limit allows."""
    vt = VirtualTime()
    p = pacer(vt, jobs_at_once=5)
    rows, limit, job_seconds = 20, 3, 60.0
    running = refused = 0
    pending = list(range(rows))
    sends: list[float] = []
    holds: list[tuple[float, float]] = []  # (from, to) of each Retry-After
    jobs: list[asyncio.Task[None]] = []

    async def job(ticket: Ticket) -> None:
        nonlocal running
        await vt.sleep(job_seconds)
        running -= 1
        ticket.release()

    async def send_all() -> None:
        nonlocal running, refused
        while pending:
            ticket = await p.acquire()
            sends.append(vt.now)
            row = pending.pop(0)
            if running >= limit:
                refused += 1
                retry_after = 30.0 if refused % 2 else None
                if retry_after:
                    holds.append((vt.now, vt.now + retry_after))
                p.refused(ticket, retry_after)
                pending.insert(0, row)  # not taken: it waits its turn again
                continue
            running += 1
            p.accepted(ticket)
            jobs.append(asyncio.ensure_future(job(ticket)))
        await asyncio.gather(*jobs)

    main = asyncio.ensure_future(send_all())
    await vt.run(main)
    main.result()
    assert len(sends) - refused == rows
    assert refused <= 6
    for start, end in holds:
        assert not [s for s in sends if start < s < end]
    assert vt.now <= math.ceil(rows / limit) * job_seconds * 1.25


def test_one_pacer_per_gateway_and_the_setting_reaches_each() -> None:
    pacers = Pacers(3)
    a = pacers.for_gateway("https://gw.example.com/")
    assert pacers.for_gateway("https://GW.example.com") is a
    b = pacers.for_gateway("https://other.example.com")
    assert b is not a
    pacers.set_jobs_at_once(2)
    assert (a.jobs_at_once, b.jobs_at_once) == (2, 2)
