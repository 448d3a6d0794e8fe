"""What generating a board should cost, shown before anything is sent: one estimate for each shot
that the next Generate would send (the price table, core/request/pricing.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..jobs.job import JobState
from ..request.pricing import Estimate, PriceTable, estimate_request
from .board import request_for
from .progress import BoardStatus, ShotState, ShotStatus, unsent


@dataclass(frozen=True)
class BoardCost:
    shots: tuple[tuple[int, Estimate | None], ...]  # (shot index, its estimate) for each to send
    total: Decimal

    @property
    def unpriced(self) -> int:
        """Shots to send whose model the price table does not know."""
        return sum(e is None for _, e in self.shots)


def to_send(status: BoardStatus, retry_failed: bool = False) -> list[ShotStatus]:
    """The shots Generate sends: those without a take or whose take was never taken, and with
    `retry_failed` those whose take failed (never an uncertain one: it may be billed)."""
    waiting = (ShotState.NEW, ShotState.WAITING, ShotState.BLOCKED)
    return [
        s
        for s in status.shots
        if (s.state in waiting and unsent(s.job))
        or (retry_failed and s.state is ShotState.FAILED and retryable(s))
    ]


def retryable(s: ShotStatus) -> bool:
    return s.job is None or s.job.state is not JobState.UNCERTAIN


def board_cost(status: BoardStatus, table: PriceTable, retry_failed: bool = False) -> BoardCost:
    board = status.board
    shots = []
    for s in to_send(status, retry_failed):
        # A chained shot's start frame is not known yet; its price does not depend on it.
        req = request_for(board, s.shot, "start.png")
        shots.append((s.index, estimate_request(table, req)))
    total = sum((e.amount for _, e in shots if e is not None), Decimal(0))
    return BoardCost(tuple(shots), total)
