"""When the next job may be sent to a gateway: a free jobs-at-once slot, and no send while the
gateway is asking for less (a 429). One pacer per gateway, shared by every batch sent to it."""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ..gateway.profiles import origin_of


@dataclass(frozen=True)
class PacerPolicy:
    first_backoff: float = 4.0  # s: the pause after a 429 without Retry-After (then doubling)
    max_backoff: float = 300.0
    max_retry_after: float = 900.0  # a Retry-After beyond this is read as this (a broken header)


@dataclass(frozen=True)
class PacerStatus:
    """What a queue panel shows: slots in use of the limit, and how long sending waits."""

    in_flight: int
    limit: int  # jobs at once now: the setting, or less while the gateway pushes back
    jobs_at_once: int  # the setting
    resume_in: float  # seconds until a send is allowed again (0: now)


class Ticket:
    """One send's slot, from before its POST until the gateway is done with the job."""

    def __init__(self, pacer: Pacer, generation: int, answered: bool) -> None:
        self.pacer = pacer
        self.generation = generation
        self.held = True
        self.answered = answered  # the gateway has said yes or no to its POST

    def release(self) -> None:
        self.pacer.release(self)


class Pacer:
    """Sends wait for a free slot and for the pace. The first send (at start, and after each
    pause) goes alone: the others wait for its answer, so a bad key or a busy gateway costs one
    refusal, not one per slot. A 429 pauses every send (for its Retry-After, or an exponential
    backoff with jitter) and lowers the jobs-at-once limit to what the gateway had taken; each
    accepted send raises it again by a small step (by one per two limits' worth of sends)."""

    def __init__(
        self,
        jobs_at_once: int = 3,
        policy: PacerPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.policy = policy or PacerPolicy()
        self._clock, self._sleep, self._rng = clock, sleep, rng
        self._jobs_at_once = max(1, jobs_at_once)
        self._window = float(self._jobs_at_once)  # the limit the gateway lets us use
        self._held: set[Ticket] = set()
        self._generation = 0  # one per slow-down: the 429s of sends made before it are one signal
        self._strikes = 0  # 429s since the last accepted send
        self._resume_at = 0.0
        self._probing = True  # until a send is taken: one unanswered send at a time
        self._turn = asyncio.Lock()  # sends are granted one at a time, in the order asked
        self._freed = asyncio.Event()

    # -- settings and status ---------------------------------------------------------------------

    @property
    def jobs_at_once(self) -> int:
        return self._jobs_at_once

    def set_jobs_at_once(self, n: int) -> None:
        self._jobs_at_once = max(1, n)
        self._window = min(self._window, float(self._jobs_at_once))
        self._freed.set()

    @property
    def limit(self) -> int:
        return max(1, min(self._jobs_at_once, math.floor(self._window)))

    def status(self) -> PacerStatus:
        wait = self._resume_at - self._clock()
        return PacerStatus(len(self._held), self.limit, self._jobs_at_once, max(0.0, wait))

    # -- sending ---------------------------------------------------------------------------------

    async def acquire(self) -> Ticket:
        """Wait for a free slot and for the pace; the caller sends at once, then reports how it
        went (`accepted`, `refused`) and releases the ticket when the job is done."""
        async with self._turn:
            while True:
                if len(self._held) >= self.limit or (self._probing and self._unanswered()):
                    self._freed.clear()
                    await self._freed.wait()
                    continue
                wait = self._resume_at - self._clock()
                if wait > 0:
                    await self._sleep(wait)
                    continue  # a 429 meanwhile may have moved the pause or the limit
                break
            ticket = Ticket(self, self._generation, answered=False)
            self._held.add(ticket)
            return ticket

    def hold(self) -> Ticket:
        """A slot for a job already at the gateway (found open after a restart): taken at once,
        even past the limit, so new sends wait for it."""
        ticket = Ticket(self, self._generation, answered=True)
        self._held.add(ticket)
        return ticket

    def _unanswered(self) -> int:
        return sum(1 for t in self._held if not t.answered)

    def release(self, ticket: Ticket) -> None:
        """The gateway is done with the job (or never took it): its slot is free."""
        if ticket.held:
            ticket.held = False
            self._held.discard(ticket)
            self._freed.set()

    def accepted(self, ticket: Ticket) -> None:
        """The gateway took the job: recover one step (the ticket stays held)."""
        ticket.answered = True
        self._probing = False
        self._freed.set()
        self._strikes = 0
        self._window = min(float(self._jobs_at_once), self._window + 1 / (2 * self._window))

    def refused(self, ticket: Ticket, retry_after: float | None = None) -> None:
        """The gateway answered 429: the job was not taken (its slot is free), and it wants
        less. Every send waits."""
        stale = ticket.generation < self._generation
        self.release(ticket)
        self._probing = True
        now = self._clock()
        if retry_after is not None and retry_after >= 0:
            self._resume_at = max(
                self._resume_at, now + min(retry_after, self.policy.max_retry_after)
            )
        if stale:
            return  # sent before the last slow-down: the same signal, not a new one
        self._generation += 1
        self._strikes += 1
        # What the gateway had taken when it said no is what it takes (at least one).
        self._window = float(max(1, len(self._held)))
        backoff = min(self.policy.max_backoff, self.policy.first_backoff * 2 ** (self._strikes - 1))
        if retry_after is None:
            pause = backoff * (0.5 + 0.5 * self._rng())  # jitter: clients spread out again
            self._resume_at = max(self._resume_at, now + pause)


class Pacers:
    """One pacer per gateway (by origin), shared by every batch sent to it."""

    def __init__(self, jobs_at_once: int = 3, make: Callable[[int], Pacer] | None = None) -> None:
        self._jobs_at_once = jobs_at_once
        self._make = make or (lambda n: Pacer(n))
        self._pacers: dict[str, Pacer] = {}

    def for_gateway(self, base_url: str) -> Pacer:
        key = origin_of(base_url) if base_url else ""
        if key not in self._pacers:
            self._pacers[key] = self._make(self._jobs_at_once)
        return self._pacers[key]

    def set_jobs_at_once(self, n: int) -> None:
        """Settings changed: every gateway's pacer follows."""
        self._jobs_at_once = n
        for pacer in self._pacers.values():
            pacer.set_jobs_at_once(n)
