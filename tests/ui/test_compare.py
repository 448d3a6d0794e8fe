"""Compare: takes play in sync under one transport (a follower knocked off is brought back, seeks
and steps land every take on one frame), the wipe shows A left and B right, the difference is
black where takes agree, Keep names the take, and closing frees every player."""

from __future__ import annotations

import asyncio
import dataclasses
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from veo_desktop.core.checks.result import Check
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.simulator.clips import render_clip
from veo_desktop.ui.compare import CompareWindow, open_compare
from veo_desktop.ui.compare.views import Look
from veo_desktop.ui.player.player import Player
from veo_desktop.ui.player.timecode import frame_index

from ..jobs import a_job
from .conftest import wait_until

FPS = 24
FRAME_MS = 1000 / FPS


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("takes")
    out = []
    for i, prompt in enumerate(["a red kite over dunes", "a blue boat", "a green hill", "snow"]):
        path = folder / f"take-{i}.mp4"
        render_clip(path, prompt=prompt, duration=2, seed=i, max_height=144)
        out.append(path)
    return out


def takes(clips: list[Path], n: int, **fields: object) -> list[Job]:
    return [
        a_job(
            id=f"take{i}",
            state=JobState.DOWNLOADED,
            video_path=str(clips[i]),
            prompt=f"take {i}",
            request={"seed": 1000 + i},
            **fields,
        )
        for i in range(n)
    ]


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[list[CompareWindow]]:
    opened: list[CompareWindow] = []
    yield opened
    for w in opened:
        if Shiboken.isValid(w):
            w.close()


async def opened(
    windows: list[CompareWindow], jobs: list[Job], player: Player | None = None
) -> CompareWindow:
    """Open compare and wait until every take plays with a frame on screen."""
    w = open_compare(None, jobs, player=player)
    windows.append(w)
    await wait_until(lambda: w.group.playing and all(t.shown for t in w.takes), timeout=20)
    return w


def frames_on_screen(w: CompareWindow) -> list[int]:
    return [frame_index(t.shown[0], FPS) if t.shown else -1 for t in w.takes]


async def on_frame(w: CompareWindow, index: int) -> None:
    await wait_until(lambda: frames_on_screen(w) == [index] * len(w.takes))


async def on_one_frame(w: CompareWindow) -> None:
    await wait_until(lambda: -1 not in frames_on_screen(w) and len(set(frames_on_screen(w))) == 1)


@pytest.mark.asyncio
async def test_a_follower_knocked_off_the_clock_is_brought_back_within_a_frame(
    windows: list[CompareWindow], clips: list[Path]
) -> None:
    w = await opened(windows, takes(clips, 2))
    group = w.group
    await wait_until(lambda: bool(group.drifts()))
    follower = w.takes[1]

    def knock(ms: int) -> None:
        follower.media.setPosition(round((group.position_ms() or 0) + ms))

    seeks, nudges = group.seeks, group.nudges
    knock(300)  # too far for a change of speed: it is moved to the master's place
    await wait_until(lambda: group.seeks > seeks)
    await wait_until(lambda: _within_a_frame(group.drifts()))
    knock(90)  # played a little slower until it is back
    await wait_until(lambda: group.nudges > nudges)
    await wait_until(lambda: _within_a_frame(group.drifts()))

    # At 4×, through seeks while playing and the loops (every half second), it stays in sync:
    # half the readings or more within a frame (one late frame on a busy machine is no drift).
    w.set_rate(4.0)
    readings: list[float] = []
    for ms in (1000, 200, 1500):
        w.bar.scrub.setValue(ms)
        await wait_until(lambda: _within_a_frame(group.drifts()))
        for _ in range(10):
            await asyncio.sleep(0.02)
            readings += [abs(d) for d in group.drifts().values()]
    assert readings and statistics.median(readings) <= FRAME_MS, readings


def _within_a_frame(drifts: dict[str, float]) -> bool:
    return bool(drifts) and all(abs(d) <= FRAME_MS / 2 for d in drifts.values())


@pytest.mark.asyncio
async def test_pause_seek_and_frame_steps_put_every_take_on_the_same_frame(
    windows: list[CompareWindow], clips: list[Path]
) -> None:
    w = await opened(windows, takes(clips, 4))
    w.set_rate(4.0)
    await wait_until(lambda: min(frames_on_screen(w)) >= 12)  # every take half a second in
    QTest.keyClick(w, Qt.Key.Key_Space)  # pause: every take stops on the master's frame
    assert not w.group.playing
    await on_one_frame(w)

    w.bar.scrub.setValue(1000)  # a click on the scrub bar at 1 s
    await on_frame(w, 24)
    assert w.bar.time.text().startswith("0:01.0")
    QTest.keyClick(w, Qt.Key.Key_Period)
    await on_frame(w, 25)
    for _ in range(3):
        QTest.keyClick(w, Qt.Key.Key_Comma)
    await on_frame(w, 22)

    w.bar.scrub.setValue(1500)  # frame 36; the steps count from it before it is even shown
    QTest.keyClick(w, Qt.Key.Key_Period)
    QTest.keyClick(w, Qt.Key.Key_Period)
    await on_frame(w, 38)

    QTest.keyClick(w, Qt.Key.Key_Space)  # play on from there, all together
    await wait_until(lambda: w.group.playing and min(frames_on_screen(w)) > 40)
    QTest.keyClick(w, Qt.Key.Key_Space)
    await on_one_frame(w)


def mean_colour(image: QImage, rect: QRect) -> tuple[float, float, float]:
    r = g = b = n = 0
    for y in range(rect.top(), rect.bottom() + 1, 3):
        for x in range(rect.left(), rect.right() + 1, 3):
            c = QColor(image.pixel(x, y))
            r, g, b, n = r + c.red(), g + c.green(), b + c.blue(), n + 1
    return r / n, g / n, b / n


def distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


async def still_pair(windows: list[CompareWindow], jobs: list[Job], look: Look) -> CompareWindow:
    """Two takes paused on frame 12, shown as one picture (`look`), both pictures converted."""
    w = await opened(windows, jobs)
    w.group.pause()
    w.group.seek(500)
    await on_frame(w, 12)
    w.set_look(look)
    await wait_until(
        lambda: all(
            t.picture is not None and t.shown is not None and t.picture_us == t.shown[0]
            for t in w.takes
        )
    )
    await asyncio.sleep(0.05)  # painted
    return w


@pytest.mark.asyncio
async def test_the_wipe_shows_a_left_of_the_divider_and_b_right_of_it_and_the_divider_drags(
    windows: list[CompareWindow], clips: list[Path]
) -> None:
    w = await still_pair(windows, takes(clips, 2), Look.WIPE)
    view = w.pair
    area = view.picture_area()
    a, b = (t.picture for t in w.takes)
    assert a is not None and b is not None

    def side(rect: QRect) -> str:
        """Which take the view shows in `rect` (of the picture area)."""
        shown = mean_colour(view.grab().toImage(), rect)
        own = [mean_colour(p.scaled(area.size()), rect.translated(-area.topLeft())) for p in (a, b)]
        near = [distance(shown, c) for c in own]
        assert min(near) < 12 < max(near), (near, rect)  # clearly one of them
        return "AB"[near.index(min(near))]

    def strip(left: float, right: float) -> QRect:
        """A strip of the picture, from `left` to `right` as shares of its width."""
        x0 = area.left() + round(left * area.width())
        x1 = area.left() + round(right * area.width())
        return QRect(x0, area.top() + area.height() // 3, x1 - x0, area.height() // 3)

    assert view.divider_x() == area.left() + round(area.width() / 2)
    assert side(strip(0.05, 0.45)) == "A"
    assert side(strip(0.55, 0.95)) == "B"

    start = QPoint(view.divider_x(), area.center().y())
    QTest.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view, QPoint(area.left() + area.width() // 4, start.y()))
    QTest.mouseRelease(
        view, Qt.MouseButton.LeftButton, pos=QPoint(area.left() + area.width() // 4, start.y())
    )
    assert abs(view.split - 0.25) < 0.02
    assert side(strip(0.02, 0.22)) == "A"
    assert side(strip(0.3, 0.5)) == "B"  # was A's before the drag


@pytest.mark.asyncio
async def test_the_difference_is_black_where_takes_agree_and_lit_where_they_differ(
    windows: list[CompareWindow], clips: list[Path]
) -> None:
    again = a_job(id="again", state=JobState.DOWNLOADED, video_path=str(clips[0]))
    same = [*takes(clips, 1), again]
    w = await still_pair(windows, same, Look.DIFFERENCE)
    rect = w.pair.picture_area().adjusted(4, 4, -4, -4)
    assert max(mean_colour(w.pair.grab().toImage(), rect)) < 4
    w.close()

    w = await still_pair(windows, takes(clips, 2), Look.DIFFERENCE)
    rect = w.pair.picture_area().adjusted(4, 4, -4, -4)
    assert max(mean_colour(w.pair.grab().toImage(), rect)) > 40


@pytest.mark.asyncio
async def test_each_take_shows_its_seed_length_size_and_failed_checks_and_keep_names_it(
    windows: list[CompareWindow], clips: list[Path]
) -> None:
    jobs = takes(clips, 2)
    checks = (Check("duration", False, "8 s", "2 s"), Check("audio", True))
    jobs[1] = dataclasses.replace(jobs[1], checks=checks)
    w = await opened(windows, jobs)
    a, b = w.captions
    await wait_until(lambda: "256×144" in a.facts.text() and "256×144" in b.facts.text())
    assert a.facts.text() == "seed 1000 · 2.0 s · 256×144"
    assert not a.badge.isVisibleTo(w)
    assert b.badge.isVisibleTo(w) and b.badge.text() == "⚠ 1 check failed"
    assert "wrong length" in b.badge.toolTip()

    kept: list[str] = []
    w.keep_requested.connect(kept.append)
    players = [t.media for t in w.takes]
    b.keep.click()
    assert kept == ["take1"]
    # Already let go of the files when the signal came (the others go to the trash next).
    assert all(p.source().isEmpty() for p in players)
    await wait_until(lambda: not any(Shiboken.isValid(p) for p in players))


@pytest.mark.asyncio
async def test_closing_releases_every_player_and_the_app_player_stops_while_open(
    windows: list[CompareWindow], clips: list[Path]
) -> None:
    app_player = Player()
    app_player.play("viewer-clip", clips[3])
    await wait_until(lambda: app_player.shown_us is not None)

    w = await opened(windows, takes(clips, 4), player=app_player)
    assert app_player.job_id is None and not app_player.playing  # one player more, not two
    players = w.findChildren(QMediaPlayer)
    assert len(players) == 4 and all(
        p.playbackState() == p.PlaybackState.PlayingState for p in players
    )

    w.close()
    assert all(p.source().isEmpty() for p in players)
    await wait_until(lambda: not Shiboken.isValid(w))
    assert not any(Shiboken.isValid(p) for p in players)
    app_player.stop()
