"""The library view's filter: what it pages from the journal and what it says about one job
that just changed must agree, or a live update would show a row a fresh search hides."""

from __future__ import annotations

import itertools
from pathlib import Path

from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.library.search import DAY, LibraryFilter, StatusGroup
from veo_desktop.core.request.models import Mode

NOW = 1_800_000_000.0


def _library(tmp_path: Path) -> Journal:
    j = Journal(tmp_path / "j.sqlite3")
    rows = [
        (
            "red barn at sunrise",
            "blur",
            Mode.FRAMES,
            "veo3.1-fast-video-720p",
            JobState.DOWNLOADED,
            0.2,
        ),
        ("paper boat in the rain", "", Mode.TEXT, "veo3.1-video-4k", JobState.FAILED, 3),
        (
            "城市夜景，霓虹灯闪烁",
            "rain",
            Mode.IMAGE,
            "veo3.1-fast-video-720p",
            JobState.RUNNING,
            10,
        ),
        ("a fox in the snow", "", Mode.FRAMES, "veo3.1-video-1080p", JobState.UNCERTAIN, 40),
        ("Rain on a tin roof", "", Mode.EXTEND, "veo3.1-fast-video-720p", JobState.COMPLETED, 1),
    ]
    for prompt, neg, mode, model, state, days_ago in rows:
        job = j.create(
            mode=mode, model=model, prompt=prompt, negative_prompt=neg, request={"prompt": prompt}
        )
        j.update(job.id, state=state, created_at=NOW - days_ago * DAY)
    return j


def test_paging_and_live_matching_agree_for_every_filter_combination(tmp_path: Path) -> None:
    j = _library(tmp_path)
    everything = j.newest()
    texts = ["", "rain", "霓虹", "FOX", "nothing matches"]
    modes = [None, Mode.FRAMES, Mode.TEXT]
    models = [None, "veo3.1-fast-video-720p"]
    days = [None, 2, 7]
    for text, mode, model, status, within in itertools.product(
        texts, modes, models, list(StatusGroup), days
    ):
        f = LibraryFilter(text, mode, model, status, within)
        paged = [x.id for x in f.fetch(j, 0, 100, now=NOW)]
        live = [x.id for x in everything if f.matches(x, now=NOW)]
        assert paged == live, f  # same rows, same order (newest first)


def test_search_finds_negative_prompts_and_any_case(tmp_path: Path) -> None:
    j = _library(tmp_path)
    found = [x.prompt for x in LibraryFilter("rain").fetch(j, 0, 100, now=NOW)]
    # newest first: the tin roof (1 day), the boat (3 days), the city whose negative says rain
    assert found == ["Rain on a tin roof", "paper boat in the rain", "城市夜景，霓虹灯闪烁"]


def test_status_groups_and_sort(tmp_path: Path) -> None:
    j = _library(tmp_path)
    ready = LibraryFilter(status=StatusGroup.READY).fetch(j, 0, 100, now=NOW)
    assert [x.prompt for x in ready] == ["red barn at sunrise"]
    attention = LibraryFilter(status=StatusGroup.NEEDS_ATTENTION).fetch(j, 0, 100, now=NOW)
    assert {x.state for x in attention} == {JobState.FAILED, JobState.UNCERTAIN}
    oldest = LibraryFilter(oldest_first=True).fetch(j, 0, 2, now=NOW)
    assert [x.prompt for x in oldest] == ["a fox in the snow", "城市夜景，霓虹灯闪烁"]
    assert not LibraryFilter(oldest_first=True).active
    assert LibraryFilter(within_days=7).active


def test_kept_shows_only_rated_takes_page_by_page(tmp_path: Path) -> None:
    j = _library(tmp_path)
    everything = j.newest()
    for job, stars in zip(everything, (5, None, 2, None, 1), strict=True):
        j.update(job.id, rating=stars)
    rated = [x.id for x in j.newest() if x.rating]
    kept = LibraryFilter(kept=True)
    assert kept.active
    assert [x.id for x in kept.fetch(j, 0, 100, now=NOW)] == rated
    # One row a page, as the list pages: each page is the next kept take, then nothing.
    assert [[x.id for x in kept.fetch(j, i, 1, now=NOW)] for i in range(4)] == [
        [rated[0]],
        [rated[1]],
        [rated[2]],
        [],
    ]
    live = [x.id for x in j.newest() if kept.matches(x, now=NOW)]
    assert live == rated
    ready_kept = LibraryFilter(status=StatusGroup.READY, kept=True)
    assert [x.id for x in ready_kept.fetch(j, 0, 100, now=NOW)] == [
        x.id for x in j.newest() if ready_kept.matches(x, now=NOW)
    ]
