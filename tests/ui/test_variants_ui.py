"""Variants in the window: the ×N control sends N takes as one group and prices them together; the
list shows the group as one row that unfolds to its takes (each with its seed). The model is
tested first without any widget: paging, takes arriving one by one, folding, removal."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from tests.jobs import a_job
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import Mode
from veo_desktop.ui.jobs.delegate import JobDelegate
from veo_desktop.ui.jobs.model import JobListModel
from veo_desktop.ui.jobs.roles import (
    GROUP,
    JOB,
    TAKE,
    ElapsedRole,
    ExpandedRole,
    KindRole,
    StatusTextRole,
    TakeNumberRole,
    TakesRole,
)

from .conftest import wait_until
from .helpers import Rig

T0 = 1_700_000_000.0


def job(n: int, group: str | None = None, seed: int | None = None, **kw: Any) -> Job:
    fields: dict[str, Any] = dict(
        id=f"job{n:04d}",
        task_id=f"task{n}",
        state=JobState.DOWNLOADED,
        prompt=f"prompt {group or n}",
        request={"seed": seed if seed is not None else n},
        video_path=f"/clips/{n}.mp4",
        created_at=T0 + n,
        updated_at=T0 + n + 50,
        submitted_at=T0 + n + 1,
        group_id=group,
    )
    return a_job(**{**fields, **kw})


def pages(jobs: list[Job]) -> tuple[Any, list[tuple[int, int]]]:
    newest = sorted(jobs, key=lambda j: j.created_at, reverse=True)
    calls: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int) -> list[Job]:
        calls.append((offset, limit))
        return newest[offset : offset + limit]

    return fetch, calls


def kinds(model: JobListModel) -> list[tuple[str, str]]:
    return [(model.kind_at(r), model.job_at(r).id) for r in range(model.rowCount())]


def library() -> list[Job]:
    """Two single jobs around a group of three takes (jobs 3, 4, 5)."""
    return [job(1), job(2), job(3, "g"), job(4, "g"), job(5, "g"), job(6)]


def test_a_group_of_takes_is_one_row_that_unfolds_to_its_takes(qtmodeltester: Any) -> None:
    fetch, _ = pages(library())
    model = JobListModel(fetch)
    assert model.rowCount() == 4
    row = model.group_row("g")
    assert row == 1 and model.kind_at(row) == GROUP
    index = model.index(row, 0)
    assert [t.id for t in index.data(TakesRole)] == ["job0003", "job0004", "job0005"]
    assert index.data(StatusTextRole) == "3 ready"
    assert model.row_of("job0004") == row  # a folded take is shown by its group's row
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.set_expanded("g", True)
    assert inserted == [(2, 4)] and model.rowCount() == 7
    assert [model.index(r, 0).data(KindRole) for r in range(7)] == [
        JOB, GROUP, TAKE, TAKE, TAKE, JOB, JOB,
    ]  # fmt: skip
    assert [model.index(r, 0).data(TakeNumberRole) for r in (2, 3, 4)] == [1, 2, 3]
    assert model.row_of("job0004") == 3 and model.row_of("job0001") == 6
    assert index.data(ExpandedRole) is True
    qtmodeltester.check(model)
    model.set_expanded("g", False)
    assert model.rowCount() == 4 and model.row_of("job0005") == 1
    qtmodeltester.check(model)


def test_takes_sent_one_by_one_become_one_group_row(qtbot: Any) -> None:
    fetch, _ = pages([job(1)])
    model = JobListModel(fetch)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    changed: list[int] = []
    model.dataChanged.connect(lambda tl, _br, _roles=(): changed.append(tl.row()))
    model.upsert(job(10, "g", state=JobState.SUBMITTING))
    assert inserted == [(0, 0)] and model.kind_at(0) == JOB  # one take so far: a plain row
    model.upsert(job(11, "g", state=JobState.SUBMITTING))
    assert inserted == [(0, 0)] and model.kind_at(0) == GROUP and changed == [0]
    model.upsert(job(12, "g", state=JobState.QUEUED))
    assert model.rowCount() == 2 and len(model.index(0, 0).data(TakesRole)) == 3
    # A take's progress repaints its group's row, and only that row.
    changed.clear()
    model.upsert(job(11, "g", state=JobState.RUNNING, progress=40))
    assert changed == [0]
    assert model.index(0, 0).data(StatusTextRole) == "3 in progress"


def test_a_group_split_across_pages_is_still_one_row() -> None:
    jobs = [job(i) for i in range(1, 5)] + [job(5, "g"), job(6, "g"), job(7, "g")]
    fetch, calls = pages(jobs)
    model = JobListModel(fetch, page_size=2)  # takes 7 and 6, then 5 on the next page
    assert kinds(model) == [(GROUP, model.job_at(0).id)]
    model.set_expanded("g", True)
    model.fetchMore(QModelIndex())
    assert calls[-1] == (2, 2)
    assert len(model.takes("g")) == 3 and model.rowCount() == 1 + 3 + 1
    assert [model.index(r, 0).data(TakeNumberRole) for r in (1, 2, 3)] == [1, 2, 3]
    assert model.job_at(1).id == "job0005"  # take 1 is the oldest
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1 + 3 + 4


def test_trashing_takes_leaves_a_group_then_a_plain_row(qtmodeltester: Any) -> None:
    fetch, _ = pages(library())
    model = JobListModel(fetch)
    model.set_expanded("g", True)
    model.remove("job0004")
    assert model.rowCount() == 6 and len(model.takes("g")) == 2
    qtmodeltester.check(model)
    model.remove("job0003")  # one take left: the kept one, an ordinary row again
    assert kinds(model) == [(JOB, "job0006"), (JOB, "job0005"), (JOB, "job0002"), (JOB, "job0001")]
    qtmodeltester.check(model)


def test_an_unfolded_group_stays_unfolded_after_a_new_search() -> None:
    fetch, _ = pages(library())
    model = JobListModel(fetch)
    model.set_expanded("g", True)
    model.reload()
    assert model.rowCount() == 7 and model.kind_at(2) == TAKE


def test_the_group_row_stands_for_its_best_take_and_ticks_while_takes_run() -> None:
    now = {"t": T0 + 100}
    takes = [
        job(3, "g", state=JobState.RUNNING, progress=20),
        job(4, "g"),
        job(5, "g", state=JobState.RUNNING, progress=60),
    ]
    fetch, _ = pages(takes)
    model = JobListModel(fetch, clock=lambda: now["t"])
    assert model.job_at(0).id == "job0004"  # the downloaded one plays
    model.upsert(replace(takes[2], state=JobState.DOWNLOADED, rating=4))
    assert model.job_at(0).id == "job0005"  # the rated one, once there is one
    ticked: list[int] = []
    model.dataChanged.connect(
        lambda tl, _br, roles=(): ticked.append(tl.row()) if ElapsedRole in roles else None
    )
    model.tick()
    assert ticked == [0]


def test_the_delegate_paints_a_group_with_its_posters_and_its_takes(qtbot: Any) -> None:
    fetch, _ = pages(library())
    model = JobListModel(fetch)
    colours = {"job0003": Qt.GlobalColor.red, "job0004": Qt.GlobalColor.green}
    posters: dict[str, QImage] = {}
    for job_id, colour in colours.items():
        image = QImage(160, 90, QImage.Format.Format_RGB32)
        image.fill(colour)
        posters[job_id] = image
    model.set_poster_source(lambda j: posters.get(j.id))
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = JobDelegate(view)
    view.setItemDelegate(delegate)
    view.setUniformItemSizes(True)
    view.resize(620, 8 * 110)
    view.show()
    qtbot.waitExposed(view)
    rect = view.visualRect(model.index(1, 0))
    shot = view.viewport().grab().toImage()
    shot.save("/tmp/h6-group-row.png")
    row = shot.copy(rect)
    reds = greens = 0
    for x in range(0, rect.width() // 2, 2):
        for y in range(0, rect.height(), 2):
            c = row.pixelColor(x, y)
            reds += c.red() > 200 and c.green() < 60
            greens += c.green() > 200 and c.red() < 60
    assert reds > 50 and greens > 50  # take 1 and take 2 side by side in the group's row
    # A click on the posters unfolds the group; a click there again folds it.
    opt = QStyleOptionViewItem()
    opt.initFrom(view)
    opt.rect = rect
    area = delegate.toggle_area(opt, model.index(1, 0))
    on_posters = rect.topLeft() + QPoint(20, 20)
    assert area is not None and area.contains(on_posters)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=on_posters)
    assert model.is_expanded("g") and model.rowCount() == 7
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=on_posters)
    assert not model.is_expanded("g")
    # A click on the prompt only selects the row.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not model.is_expanded("g") and view.currentIndex().row() == 1


# -- the window -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_three_takes_from_the_compose_tab_are_one_group_with_distinct_seeds(
    rig: Rig,
) -> None:
    win = rig.window
    tab = win.compose[Mode.TEXT]
    win.show_tab(Mode.TEXT)
    tab.prompt.setPlainText("three kites")
    tab.variants.setValue(3)
    # The estimate beside Generate is three takes' total.
    assert tab.estimate.text() == "3 × $0.80 = $2.40"
    assert tab.submit.text() == "Generate ×3"
    win.submit_current()

    def landed() -> bool:
        if win.model.rowCount() != 1 or win.model.kind_at(0) != GROUP:
            return False
        takes = win.model.takes(win.model.group_at(0) or "")
        return all(t.state is JobState.DOWNLOADED for t in takes)

    await wait_until(landed, timeout=60)
    group = win.model.group_at(0) or ""
    takes = win.model.takes(group)
    assert len(takes) == 3 and rig.sim.post_count == 3
    assert len({t.request["seed"] for t in takes}) == 3
    assert [t.id for t in rig.services.journal.group(group)] == [t.id for t in takes]
    # Right unfolds it from the keyboard; each take's row names its seed.
    win.view.setCurrentIndex(win.model.index(0, 0))
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_Right)
    assert win.model.rowCount() == 4
    tips = [str(win.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))]
    for take in takes:
        assert f"seed {take.request['seed']}" in tips[0]
    # Down to take 2, then Left folds the group again and goes back to its row.
    QTest.keyClick(win.view, Qt.Key.Key_Down)
    QTest.keyClick(win.view, Qt.Key.Key_Down)
    assert win.view.currentIndex().row() == 2 and win.model.kind_at(2) == TAKE
    QTest.keyClick(win.view, Qt.Key.Key_Left)
    assert win.model.rowCount() == 1 and win.view.currentIndex().row() == 0
    tab.variants.setValue(1)
    assert tab.estimate.text() == "≈ $0.80"
