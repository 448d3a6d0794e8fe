"""The job list model without any widget (paging, row-scoped signals, roles, the id index,
ticks), then the delegate's paint offscreen, then posters made from a real MP4."""

from __future__ import annotations

import logging
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QListView

from tests.clips import tiny_mp4_bytes
from tests.jobs import a_job
from veo_desktop.core.checks.result import Check
from veo_desktop.core.jobs.failures import FollowUp, failure_of
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.request.models import Mode
from veo_desktop.ui.jobs.delegate import JobDelegate
from veo_desktop.ui.jobs.model import JobListModel
from veo_desktop.ui.jobs.posters import PosterCache
from veo_desktop.ui.jobs.roles import (
    ElapsedRole,
    ErrorRole,
    FailureRole,
    FrameRole,
    IdRole,
    JobRole,
    ModelRole,
    ModeRole,
    PosterRole,
    ProgressRole,
    PromptRole,
    StateRole,
    VideoPathRole,
)

T0 = 1_700_000_000.0


def make_job(n: int, **kw: Any) -> Job:
    fields: dict[str, Any] = dict(
        id=f"job{n:04d}",
        task_id=f"task{n}",
        state=JobState.DOWNLOADED,
        prompt=f"prompt number {n}",
        created_at=T0 + n,
        updated_at=T0 + n + 50,
        submitted_at=T0 + n + 1,
    )
    return a_job(**{**fields, **kw})


class FakeJournal:
    """`fetch_page` over a list kept newest first, recording every call."""

    def __init__(self, jobs: list[Job]) -> None:
        self.jobs = sorted(jobs, key=lambda j: j.created_at, reverse=True)
        self.calls: list[tuple[int, int]] = []

    def fetch(self, offset: int, limit: int) -> list[Job]:
        self.calls.append((offset, limit))
        return self.jobs[offset : offset + limit]


def model_of(jobs: list[Job], **kw: Any) -> tuple[JobListModel, FakeJournal]:
    journal = FakeJournal(jobs)
    return JobListModel(journal.fetch, **kw), journal


def ids(model: JobListModel) -> list[str]:
    return [model.job_at(r).id for r in range(model.rowCount())]


def test_qtmodeltester_passes(qtmodeltester: Any) -> None:
    states = list(JobState)
    jobs = [make_job(i, state=states[i % len(states)], progress=i) for i in range(30)]
    model, _ = model_of(jobs, page_size=10)
    qtmodeltester.check(model)
    model.upsert(make_job(99, state=JobState.RUNNING, progress=5))
    model.upsert(replace(jobs[-1], state=JobState.FAILED, error_message="Boom."))
    model.set_poster("job0099", QImage(32, 18, QImage.Format.Format_RGB32))
    model.remove("job0029")
    qtmodeltester.check(model)


def test_pages_load_lazily_newest_first() -> None:
    model, journal = model_of([make_job(i) for i in range(1000)], page_size=100)
    assert model.rowCount() == 100
    assert journal.calls == [(0, 100)]
    assert model.job_at(0).id == "job0999"  # newest first
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200 and journal.calls[-1] == (100, 100)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    assert ids(model) == [j.id for j in journal.jobs]
    assert model.row_of("job0000") == 999


def test_pages_from_a_real_journal(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "jobs.sqlite")
    made = [
        journal.create(mode=Mode.TEXT, model="m", prompt=f"p{i}", negative_prompt="", request={})
        for i in range(25)
    ]
    model = JobListModel(lambda o, n: journal.newest(limit=n, offset=o), page_size=10)
    assert model.rowCount() == 10
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert ids(model) == [j.id for j in reversed(made)]
    new = journal.create(mode=Mode.IMAGE, model="m", prompt="new", negative_prompt="", request={})
    model.upsert(new)
    assert model.row_of(new.id) == 0 and model.rowCount() == 26
    journal.close()


def test_upsert_inserts_a_new_job_at_row_zero(qtbot: Any) -> None:
    model, _ = model_of([make_job(i) for i in range(5)])
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    changed: list[Any] = []
    model.dataChanged.connect(lambda *a: changed.append(a))
    model.upsert(make_job(10, state=JobState.QUEUED))
    assert inserted == [(0, 0)] and changed == []
    assert model.rowCount() == 6
    assert model.data(model.index(0, 0), IdRole) == "job0010"
    assert [model.row_of(f"job{i:04d}") for i in (10, 4, 3, 0)] == [0, 1, 2, 5]


def test_upsert_updates_exactly_one_row(qtbot: Any) -> None:
    jobs = [make_job(i, state=JobState.RUNNING, progress=10) for i in range(5)]
    model, _ = model_of(jobs)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br, roles=(): changed.append((tl.row(), br.row())))
    inserted: list[int] = []
    model.rowsInserted.connect(lambda *a: inserted.append(1))
    row = model.row_of("job0002")
    model.upsert(replace(jobs[2], progress=40))
    assert changed == [(row, row)] and inserted == []
    assert model.data(model.index(row, 0), ProgressRole) == 40
    assert model.rowCount() == 5


def test_upsert_of_an_old_unloaded_job_waits_for_its_page() -> None:
    model, journal = model_of([make_job(i) for i in range(30)], page_size=10)
    old = replace(journal.jobs[25], state=JobState.FAILED, error_message="x")
    journal.jobs[25] = old
    model.upsert(old)
    assert model.rowCount() == 10 and model.row_of(old.id) == -1
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert ids(model) == [j.id for j in journal.jobs]  # every job once, in order
    assert model.job_at(model.row_of(old.id)).state is JobState.FAILED


def test_row_of_stays_right_through_inserts_and_removes() -> None:
    rng = random.Random(7)
    model, _ = model_of([make_job(i) for i in range(40)], page_size=15)
    n = 100
    for _ in range(300):
        action = rng.random()
        if action < 0.4:
            n += 1
            model.upsert(make_job(n))
        elif action < 0.8 and model.rowCount():
            model.remove(model.job_at(rng.randrange(model.rowCount())).id)
        elif model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        order = ids(model)
        assert len(set(order)) == len(order)
        assert all(model.row_of(job_id) == row for row, job_id in enumerate(order))
    assert model.row_of("nope") == -1
    model.remove("nope")  # unknown ids are ignored


def test_roles() -> None:
    job = make_job(
        1,
        state=JobState.RUNNING,
        progress=40,
        prompt="a paper boat drifting down a rain-soaked street",
        video_path=None,
    )
    model, _ = model_of([job], clock=lambda: T0 + 1 + 83)
    idx = model.index(0, 0)
    assert model.data(idx, JobRole) == job
    assert model.data(idx, IdRole) == "job0001"
    assert model.data(idx, StateRole) is JobState.RUNNING
    assert model.data(idx, ProgressRole) == 40
    assert model.data(idx, PromptRole) == job.prompt
    assert model.data(idx, Qt.ItemDataRole.DisplayRole) == job.prompt
    assert model.data(idx, ModeRole) is Mode.TEXT
    assert model.data(idx, ModelRole) == "veo3.1-fast-video-720p"
    assert model.data(idx, ElapsedRole) == pytest.approx(82)  # from submitted_at
    assert model.data(idx, ErrorRole) == ""
    assert model.data(idx, VideoPathRole) is None
    assert model.data(idx, PosterRole) is None and model.data(idx, FrameRole) is None
    assert model.data(idx, Qt.ItemDataRole.AccessibleTextRole) == (
        "Text job, fast 720p, running 40 percent: " + job.prompt
    )
    names = model.roleNames()
    assert names[PromptRole] == b"prompt" and names[JobRole] == b"job"
    assert len(set(names.values())) == len(names)
    assert model.data(model.index(5, 0), PromptRole) is None


def test_a_row_shows_cores_failure_with_a_next_step_by_kind() -> None:
    blocked = make_job(
        1,
        state=JobState.FAILED,
        error_kind="blocked",
        error_message="Video blocked by safety filters: audio could not be generated.",
        completed_at=None,
    )
    says_it = replace(
        blocked, id="b", error_message="Blocked: audio failed. Try again with audio off."
    )
    auth = make_job(2, state=JobState.PAUSED, error_kind="auth", error_message="Key rejected.")
    model, _ = model_of([blocked, says_it, auth])
    err = {model.job_at(r).id: model.data(model.index(r, 0), ErrorRole) for r in range(3)}
    assert err["job0001"].endswith("audio could not be generated. Retry with audio off.")
    # The gateway's words get the suggestion of their kind, whatever they say (no guessing).
    said = failure_of(says_it)
    assert said is not None and said.actions[0] is FollowUp.RETRY_WITHOUT_AUDIO
    assert err["b"] == "Blocked: audio failed. Try again with audio off. Retry with audio off."
    # Core's own message already says what to do: shown as it is, the key update offered.
    assert err["job0002"] == "Key rejected."
    key = failure_of(auth)
    assert key is not None and key.actions == (FollowUp.UPDATE_KEY,)
    row = model.index(model.row_of("job0002"), 0)
    assert model.data(row, FailureRole) == key
    tip = model.data(model.index(model.row_of("job0001"), 0), Qt.ItemDataRole.ToolTipRole)
    assert "prompt number 1" in tip and "Retry with audio off." in tip
    # A failed job's clock stops at its last update, not "now".
    assert model.data(model.index(model.row_of("job0001"), 0), ElapsedRole) == 50 - 1


def test_tick_touches_only_rows_whose_clock_runs() -> None:
    now = [T0 + 100.0]
    jobs = [
        make_job(0, state=JobState.RUNNING, progress=10),
        make_job(1, state=JobState.DOWNLOADED, completed_at=T0 + 30),
        make_job(2, state=JobState.QUEUED),
        make_job(3, state=JobState.FAILED),
        make_job(4, state=JobState.PAUSED),
    ]
    model, _ = model_of(jobs, clock=lambda: now[0])
    rows: list[tuple[int, int, list[int]]] = []
    model.dataChanged.connect(lambda tl, br, roles=(): rows.append((tl.row(), br.row(), roles)))
    model.tick()
    running, queued = model.row_of("job0000"), model.row_of("job0002")
    assert sorted(r[:2] for r in rows) == sorted([(running, running), (queued, queued)])
    assert all(list(r[2]) == [ElapsedRole] for r in rows)
    before = model.data(model.index(running, 0), ElapsedRole)
    now[0] += 5
    assert model.data(model.index(running, 0), ElapsedRole) == before + 5
    done = model.row_of("job0001")
    assert model.data(model.index(done, 0), ElapsedRole) == 30 - 2
    # Once finished, a row stops ticking.
    model.upsert(replace(jobs[0], state=JobState.DOWNLOADED, completed_at=T0 + 90))
    rows.clear()
    model.tick()
    assert [r[0] for r in rows] == [queued]


def test_poster_and_frame_change_only_their_row() -> None:
    model, _ = model_of([make_job(i) for i in range(3)])
    rows: list[int] = []
    model.dataChanged.connect(lambda tl, br, roles=(): rows.append(tl.row()))
    poster = QImage(16, 9, QImage.Format.Format_RGB32)
    model.set_poster("job0001", poster)
    model.set_frame("job0001", poster)
    assert model.data(model.index(1, 0), PosterRole) is not None
    assert model.data(model.index(1, 0), FrameRole) is not None
    model.set_frame("job0001", None)
    assert model.data(model.index(1, 0), FrameRole) is None
    assert rows == [1, 1, 1]
    model.set_poster("unknown", poster)  # a job not in the list is ignored
    assert rows == [1, 1, 1]


def test_posters_load_lazily_from_the_source_when_a_row_asks() -> None:
    jobs = [make_job(i, video_path=f"/v/{i}.mp4") for i in range(5)]
    jobs.append(make_job(9, state=JobState.FAILED))  # no clip: never asked for
    model, _ = model_of(jobs)
    asked: list[str] = []
    at_hand = {"job0003": QImage(16, 9, QImage.Format.Format_RGB32)}

    def source(job: Job) -> QImage | None:
        asked.append(job.id)
        return at_hand.get(job.id)

    model.set_poster_source(source)
    assert asked == []  # nothing is loaded until a row is painted
    assert model.data(model.index(model.row_of("job0003"), 0), PosterRole) is not None
    assert model.data(model.index(model.row_of("job0001"), 0), PosterRole) is None
    assert model.data(model.index(model.row_of("job0009"), 0), PosterRole) is None
    assert asked == ["job0003", "job0001"]
    model.data(model.index(model.row_of("job0003"), 0), PosterRole)
    assert asked == ["job0003", "job0001"]  # held: not asked again
    model.set_poster("job0001", QImage(16, 9, QImage.Format.Format_RGB32))  # arrived later
    assert model.data(model.index(model.row_of("job0001"), 0), PosterRole) is not None
    assert asked == ["job0003", "job0001"]


def test_only_recent_posters_are_held() -> None:
    model, _ = model_of([make_job(i, video_path=f"/v/{i}.mp4") for i in range(12)])
    model.POSTER_LIMIT = 4
    asked: list[str] = []
    model.set_poster_source(lambda job: asked.append(job.id))
    for i in range(12):
        model.set_poster(f"job{i:04d}", QImage(16, 9, QImage.Format.Format_RGB32))
    held = [i for i in range(12) if model._posters.get(f"job{i:04d}") is not None]
    assert held == [8, 9, 10, 11]
    # An evicted poster is asked for again when its row is painted again.
    assert model.data(model.index(model.row_of("job0000"), 0), PosterRole) is None
    assert asked == ["job0000"]


# -- the delegate ---------------------------------------------------------------------------------


def rgb(c: QColor) -> tuple[float, float, float]:
    return c.redF(), c.greenF(), c.blueF()


def gradient(w: int, h: int, a: str, b: str) -> QImage:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    p = QPainter(img)
    ca, cb = QColor(a), QColor(b)
    for x in range(w):
        t = x / w
        p.setPen(
            QColor.fromRgbF(*(t * u + (1 - t) * v for u, v in zip(rgb(cb), rgb(ca), strict=True)))
        )
        p.drawLine(x, 0, x, h)
    p.end()
    return img


def sample_rows() -> list[Job]:
    long = "A paper boat drifting down a rain-soaked street at dusk, neon reflections, slow dolly"
    return [
        make_job(9, state=JobState.RUNNING, progress=40, prompt=long, mode=Mode.FRAMES),
        make_job(8, state=JobState.QUEUED, prompt="Timelapse of clouds over a mountain lake"),
        make_job(7, state=JobState.DOWNLOADED, completed_at=T0 + 90, video_path="/v/clip7.mp4",
                 prompt="A fox in fresh snow, close-up", model="veo3.1-video-1080p",
                 checks=(Check("duration", True), Check("audio", True))),
        make_job(6, state=JobState.DOWNLOADED, completed_at=T0 + 60, video_path="/v/clip6.mp4",
                 prompt="Portrait clip of a lighthouse", mode=Mode.IMAGE,
                 checks=(Check("start_frame", False, "≤ 0.2", "0.5"), Check("audio", False))),
        make_job(5, state=JobState.FAILED, error_kind="blocked", prompt="A singing crowd",
                 error_message="Video blocked by safety filters: audio could not be generated."),
        make_job(4, state=JobState.PAUSED, error_kind="auth", prompt="Extend the surf shot",
                 error_message="The gateway rejected the API key.", mode=Mode.EXTEND),
        make_job(3, state=JobState.UNCERTAIN, error_kind="submission_uncertain",
                 error_message="No reply to the request.", mode=Mode.REFERENCE,
                 prompt="Product shot with three references"),
        make_job(2, state=JobState.RUNNING, prompt="Starting up, no progress number yet"),
        make_job(1, state=JobState.COMPLETED, completed_at=T0 + 70, error_kind="download",
                 error_message="The video link keeps expiring.", prompt="Paid for, not saved"),
    ]  # fmt: skip


def render(qtbot: Any, path: str, dark: bool = False) -> QImage:
    model, _ = model_of(sample_rows(), clock=lambda: T0 + 200)
    model.set_poster("job0007", gradient(320, 180, "#1b4f72", "#f5b041"))
    model.set_poster("job0006", gradient(101, 180, "#2e4053", "#aed6f1"))
    view = QListView()
    qtbot.addWidget(view)
    if dark:
        pal = view.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
        pal.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
        view.setPalette(pal)
    view.setModel(model)
    view.setItemDelegate(JobDelegate(view))
    view.setUniformItemSizes(True)
    view.resize(620, 9 * 104 + 8)
    view.setCurrentIndex(model.index(2, 0))
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    assert image.save(path)
    return image


def distinct_colours(image: QImage) -> int:
    small = image.scaled(160, 180)
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})


def test_delegate_paints_readable_rows(qtbot: Any) -> None:
    delegate = JobDelegate()
    from PySide6.QtWidgets import QStyleOptionViewItem

    opt = QStyleOptionViewItem()
    h = delegate.sizeHint(opt, QModelIndex()).height()
    assert 90 <= h <= 130
    light = render(qtbot, "/tmp/joblist.png")
    assert distinct_colours(light) > 50
    dark = render(qtbot, "/tmp/joblist_dark.png", dark=True)
    assert distinct_colours(dark) > 50


# -- posters --------------------------------------------------------------------------------------


def tiny_mp4(path: Path) -> Path:
    path.write_bytes(tiny_mp4_bytes())
    return path


def test_poster_cache_makes_once_then_serves_from_cache(qtbot: Any, tmp_path: Path) -> None:
    clip = tiny_mp4(tmp_path / "clip.mp4")
    cache = PosterCache(tmp_path / "posters")
    with qtbot.waitSignal(cache.ready, timeout=10_000) as blocker:
        assert cache.get("j1", clip) is None
        assert cache.get("j1", clip) is None  # in flight: not scheduled twice
    job_id, image = blocker.args
    assert job_id == "j1" and not image.isNull() and image.width() <= 320
    assert cache.scheduled == 1 and cache.made == 1
    assert cache.get("j1", clip) is not None and cache.scheduled == 1
    assert (tmp_path / "posters" / "j1.jpg").exists()
    # A new session: the disk cache answers, read on a worker (never on the UI thread), and
    # the video is not decoded again.
    again = PosterCache(tmp_path / "posters")
    with qtbot.waitSignal(again.ready, timeout=10_000):
        assert again.get("j1", clip) is None
    assert again.get("j1", clip) is not None and again.scheduled == 1 and again.made == 0
    cache.wait()


def test_poster_cache_survives_a_bad_video(
    qtbot: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all")
    cache = PosterCache(tmp_path / "posters")
    with caplog.at_level(logging.WARNING), qtbot.assertNotEmitted(cache.ready, wait=300):
        assert cache.get("bad", bad) is None
        assert cache.wait()
    qtbot.waitUntil(lambda: "bad" not in cache._pending)
    assert any("no poster for job bad" in r.getMessage() for r in caplog.records)
    assert cache.get("bad", bad) is None and cache.scheduled == 1  # not retried on every paint
    assert not list((tmp_path / "posters").glob("*"))
