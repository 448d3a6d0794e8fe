"""Variants of one prompt: N takes that differ only in seed, one group, one POST each, and a refusal
part-way that leaves the takes already sent running and says which they are."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from tests.unit.test_runner import MP4, REQ, make_runner, posts
from veo_desktop.core.errors import InvalidInputError, OutOfCreditError
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.variants import (
    VariantsStopped,
    pick_seeds,
    plan_takes,
    submit_variants,
    takes_cost,
)
from veo_desktop.core.request.models import SEED_MAX
from veo_desktop.core.request.pricing import PriceTable, estimate_request


def gateway(refuse_from: int | None = None) -> Callable[[httpx.Request], httpx.Response]:
    """POSTs answer queued tasks t1, t2, ...; from POST number `refuse_from` on: no credit.
    A poll finds the task done, and its clip downloads."""
    count = {"posts": 0}

    def handler(req: httpx.Request) -> httpx.Response:
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        if req.method != "POST":
            task = req.url.path.rsplit("/", 1)[-1]
            if not task.startswith("t"):  # the dialect probe
                return httpx.Response(404, json={"error": {"message": "task not exist"}})
            url = f"https://cdn.example/{task}.mp4"
            return httpx.Response(200, json={"id": task, "status": "completed", "video_url": url})
        count["posts"] += 1
        if refuse_from is not None and count["posts"] >= refuse_from:
            return httpx.Response(
                403,
                json={"error": {"message": "no money", "code": "insufficient_user_quota"}},
            )
        return httpx.Response(200, json={"id": f"t{count['posts']}", "status": "queued"})

    return handler


def sent_seeds(seen: list[httpx.Request]) -> list[int]:
    bodies = [json.loads(r.content) for r in seen if r.method == "POST"]
    return [b["extra_body"]["seed"] for b in bodies]


def test_seeds_are_distinct_and_the_chosen_one_comes_first() -> None:
    draws = iter([7, 7, 9, 7, 11])  # a repeat is drawn again, never sent twice
    assert pick_seeds(4, 3, draw=lambda _: next(draws)) == [3, 7, 9, 11]
    seeds = pick_seeds(4)
    assert len(set(seeds)) == 4 and all(0 <= s <= SEED_MAX for s in seeds)


def test_a_plan_is_n_requests_that_differ_only_in_seed() -> None:
    takes = plan_takes(REQ, 3)
    assert len(takes.job_ids) == len(set(takes.job_ids)) == 3
    assert len(set(takes.seeds)) == 3
    for take in takes.requests:
        assert {**take.to_record(), "seed": None} == {**REQ.to_record(), "seed": None}
    with pytest.raises(InvalidInputError):
        plan_takes(REQ, 5)
    with pytest.raises(InvalidInputError):
        plan_takes(REQ, 0)


@pytest.mark.asyncio
async def test_four_takes_are_one_group_of_four_posts_with_their_seeds(tmp_path: Path) -> None:
    runner, seen, _ = make_runner(tmp_path, gateway())
    heard: list[str] = []
    jobs = await submit_variants(runner, REQ, 4, on_sent=lambda j: heard.append(j.id))
    assert posts(seen) == 4 and heard == [j.id for j in jobs]
    groups = {j.group_id for j in jobs}
    assert len(groups) == 1 and None not in groups
    seeds = [j.request["seed"] for j in jobs]
    assert len(set(seeds)) == 4 and sent_seeds(seen) == seeds
    group = runner.journal.group(jobs[0].group_id or "")
    assert [j.id for j in group] == [j.id for j in jobs]  # oldest first: take 1 is first
    # Three jobs at once: the fourth take got its slot because the first ones were followed.
    done = [await runner.watch(j.id) for j in jobs]
    assert [j.state for j in done] == [JobState.DOWNLOADED] * 4
    assert posts(seen) == 4


@pytest.mark.asyncio
async def test_each_take_is_in_the_journal_before_its_post(tmp_path: Path) -> None:
    rows_at_post: list[list[str]] = []
    answer = gateway()

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            rows_at_post.append([j.state.value for j in runner.journal.newest()])
        return answer(req)

    runner, _, _ = make_runner(tmp_path, handler)
    runner.set_max_concurrent(4)
    await submit_variants(runner, REQ, 3)
    # At POST k the journal holds k rows: this take's says "posting", the earlier ones moved on.
    assert [(len(r), r.count("posting")) for r in rows_at_post] == [(1, 1), (2, 1), (3, 1)]


@pytest.mark.asyncio
async def test_a_refusal_part_way_keeps_the_sent_takes_and_names_them(tmp_path: Path) -> None:
    runner, seen, _ = make_runner(tmp_path, gateway(refuse_from=3))
    with pytest.raises(VariantsStopped) as caught:
        await submit_variants(runner, REQ, 4)
    stop = caught.value
    assert [j.state for j in stop.sent] == [JobState.QUEUED, JobState.QUEUED]
    assert stop.stopped is not None and stop.stopped.state is JobState.FAILED
    assert stop.unsent == 1 and posts(seen) == 3  # the fourth was never sent, nor written
    assert isinstance(stop.error, OutOfCreditError) and stop.kind == stop.error.kind
    assert "2 of 4 takes were sent" in stop.message and "take 3" in stop.message
    assert len(runner.journal.group(stop.sent[0].group_id or "")) == 3


@pytest.mark.asyncio
async def test_a_refused_first_take_is_the_gateway_error_itself(tmp_path: Path) -> None:
    runner, seen, _ = make_runner(tmp_path, gateway(refuse_from=1))
    with pytest.raises(OutOfCreditError):
        await submit_variants(runner, REQ, 3)
    assert posts(seen) == 1


def test_the_cost_of_n_takes_is_n_estimates() -> None:
    table = PriceTable.DEFAULT
    one = estimate_request(table, REQ)
    cost = takes_cost(table, REQ, 4)
    assert one is not None and cost is not None
    assert cost.each == one and cost.total == one.amount * 4
    assert cost.total == Decimal(4) * one.amount
