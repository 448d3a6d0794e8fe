"""`veo batch` as a user runs it, against the real simulator over loopback: a bad row stops the
batch before anything is sent, a CSV runs to its clips with one job per row through 429s and a
quirky gateway's replies, and a batch killed mid-way is finished by running it again."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from veo_desktop.simulator import Faults, Simulator

from .conftest import Cli, cli_env, solid_png


@pytest.fixture
def quirky() -> Iterator[Simulator]:
    with Simulator(job_seconds=0.6, max_height=144, dialect="quirky", faults=Faults(seed=3)) as s:
        yield s


def journal_rows(data: Path) -> list[dict[str, Any]]:
    db = data / "journal.sqlite3"
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute("SELECT * FROM jobs")]
        finally:
            con.close()
    except sqlite3.Error:
        return []  # being created


def wait_for(what: str, ok: Callable[[], bool], proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not ok():
        if proc.poll() is not None:
            raise AssertionError(f"veo ended before {what}: {proc.communicate()[1][-800:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen")
        time.sleep(0.02)


def assert_clips(out: list[dict[str, Any]], sim: Simulator, lines: list[int]) -> None:
    assert [o["line"] for o in out] == lines
    for o in out:
        assert o["status"] == "downloaded", o
        assert Path(o["video_path"]).read_bytes() == sim.served_bytes(o["task_id"])
    assert len({o["task_id"] for o in out}) == len(lines)


def test_a_csv_with_one_invalid_row_sends_nothing_and_names_that_row(
    cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    f = tmp_path / "shots.csv"
    f.write_text("prompt,duration\n第一个镜头,4\n# not a comment in a CSV,5\nthird,8\n", "utf-8")
    r = cli.run("batch", str(f), "--wait")
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("veo: Line 3: Duration must be 4, 6 or 8 seconds (not 5)")
    assert len(lines) == 2 and "nothing was sent" in lines[1]
    assert sim.post_count == 0 and journal_rows(cli.data_dir) == []
    r = cli.run("batch", str(f), "--json")
    assert r.returncode == 2
    out = json.loads(r.stdout)
    assert out["status"] == "not_sent" and [row["line"] for row in out["rows"]] == [3]


def test_dry_run_shows_rows_and_cost_and_sends_nothing(
    cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    f = tmp_path / "shots.txt"
    f.write_text("一只猫在屋顶上\n# skip me\na red kite\n", "utf-8")
    code, out = cli.json("batch", str(f), "--dry-run", "--json")
    assert code == 0
    assert [(r["line"], r["prompt"]) for r in out["rows"]] == [
        (1, "一只猫在屋顶上"),
        (3, "a red kite"),
    ]
    assert out["estimate_usd"] == "1.60"  # 2 x 8 s of Fast 720p, audio on by default
    r = cli.run("batch", str(f), "--dry-run")
    assert r.returncode == 0 and "一只猫在屋顶上" in r.stdout and "$1.60" in r.stdout
    assert sim.post_count == 0


def test_six_rows_run_to_six_clips_with_one_post_each_on_a_quirky_gateway(
    quirky: Simulator, tmp_path: Path
) -> None:
    cli = Cli(quirky.base_url, tmp_path / "data", cli_env(poll_seconds="0.2"))
    (tmp_path / "frames").mkdir()
    solid_png(tmp_path / "frames" / "red.png", (220, 30, 30))
    solid_png(tmp_path / "frames" / "blue.png", (30, 30, 220))
    f = tmp_path / "shots.csv"
    f.write_text(
        "prompt,duration,image,last_image,audio\n"
        "清晨的竹林,4,,,no\n"
        "a red kite,4,frames/red.png,,\n"
        "red to blue,8,frames/red.png,frames/blue.png,no\n"
        "雨夜的霓虹街道,6,,,\n"
        "a lighthouse,4,,,yes\n"
        "the last one,4,frames/blue.png,,no\n",
        "utf-8",
    )
    # The gateway is busy at first: the dialect probe and two POSTs get 429 (Retry-After 1).
    quirky.faults.rate_limit_next, quirky.faults.retry_after = 3, 1.0
    code, out = cli.json("batch", str(f), "--wait", "--json")
    assert code == 0, out
    assert_clips(out, quirky, [2, 3, 4, 5, 6, 7])
    assert len(quirky.task_ids) == 6  # one job made per row
    assert quirky.post_count == 6 + 2  # and the two refused POSTs, each sent again once
    assert [o["prompt"] for o in out][:2] == ["清晨的竹林", "a red kite"]


@pytest.mark.parametrize("point", ["encoding", "posted"])
def test_killed_mid_batch_a_rerun_finishes_it_with_one_post_per_row(
    sim: Simulator, tmp_path: Path, point: str
) -> None:
    """Killed with the first row's job written but not sent (encoding), or with it taken by the
    gateway and the other rows waiting (posted). A kill during a POST is not here: that job may
    be billed, so it becomes uncertain (test_crash_safety.py)."""
    sim.job_seconds = 1.5
    data = tmp_path / "data"
    cli = Cli(sim.base_url, data, cli_env(poll_seconds="0.2"))
    f = tmp_path / "shots.txt"
    f.write_text("".join(f"shot {n} 镜头\n" for n in range(1, 7)), "utf-8")
    hold = tmp_path / "hold"
    cli.env = {**cli.env, "VEO_TEST_HOLD": point, "VEO_TEST_HOLD_FILE": str(hold)}
    proc = cli.popen("batch", str(f), "--wait")
    wait_for(f"the hold at {point}", hold.exists, proc)
    states = sorted(r["state"] for r in journal_rows(data))
    assert states == (["submitting"] if point == "encoding" else ["queued"])
    assert sim.post_count == (0 if point == "encoding" else 1)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    cli.env = cli_env(poll_seconds="0.2")
    r = cli.run("batch", str(f), "--wait", "--json")
    assert r.returncode == 0, r.stderr
    done = json.loads(r.stdout)
    assert_clips(done, sim, [1, 2, 3, 4, 5, 6])
    assert sim.post_count == 6 and len(sim.task_ids) == 6
    assert len(journal_rows(data)) == 6
    code, again = cli.json("batch", str(f), "--wait", "--json")  # done: nothing is sent again
    assert code == 0 and [o["id"] for o in again] == [o["id"] for o in done]
    assert sim.post_count == 6


def test_no_credit_stops_the_batch_after_one_post_and_a_rerun_sends_the_rest(
    cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    f = tmp_path / "shots.txt"
    f.write_text("".join(f"shot {n}\n" for n in range(1, 6)), "utf-8")
    sim.faults.out_of_credit = True
    r = cli.run("batch", str(f), "--wait")
    assert r.returncode == 3, r.stderr
    assert "credit" in r.stderr.splitlines()[-1] and f"veo batch {f}" in r.stderr
    assert sim.post_count == 1  # one refusal, not one per row
    sim.faults.out_of_credit = False  # topped up
    r = cli.run("batch", str(f))  # without --wait: returns once every row is sent
    assert r.returncode == 0, r.stderr
    assert "Picking up batch" in r.stderr
    assert len(sim.task_ids) == 5 and all(row["task_id"] for row in journal_rows(cli.data_dir))
    code, out = cli.json("batch", str(f), "--wait", "--json")
    assert code == 0
    assert_clips(out, sim, [1, 2, 3, 4, 5])
    assert len(sim.task_ids) == 5 and sim.post_count == 6
