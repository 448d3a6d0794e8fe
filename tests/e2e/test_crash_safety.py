"""Crash safety, proven with real processes: the `veo` CLI (and the desktop app) is SIGKILLed at
chosen and random points of a job's life, against the real simulator over loopback, then
restarted. Each time the restart must finish the job: the video downloaded once and
byte-identical to what the simulator served, no half file left in the library, exactly one POST.

Exact points are reached through the tiny test-only hook in `veo_desktop/core/checkpoints.py`
(the process freezes there and we kill it); the others are random moments inside a phase the
simulator's knobs make wide (a slow job, a slow download). The default suite kills once at each
point; `make test-long` kills at 50 points chosen at random (seed printed; VEO_CRASH_SEED
repeats a run).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.e2e.conftest import cli_env
from veo_desktop.simulator import DIALECTS, Faults, Simulator

JOB_SECONDS = 1.2
SLOW_RATE = 40_000.0  # bytes/s: a 50-100 kB clip takes a second or two, wide enough to kill in
HOLD_POINTS = ("encoding", "posted", "downloaded", "renamed")
TIMED_POINTS = ("polling", "downloading")
ALL_POINTS = HOLD_POINTS + TIMED_POINTS
URL_STYLES = ("video_url", "redirect", "gateway", "none")  # every way the bytes are fetched


@pytest.fixture(scope="module", params=DIALECTS)
def sim(request: pytest.FixtureRequest) -> Iterator[Simulator]:
    """Each real gateway's dialect: new-api's task row lags its create reply, its bytes come
    only from the content route, which ignores Range (docs/gateway-contract.md)."""
    with Simulator(
        job_seconds=JOB_SECONDS, max_height=144, dialect=request.param, task_row_delay=0.5
    ) as s:
        yield s


def honours_range(sim: Simulator, url_style: str) -> bool:
    """Whether a cut download can resume with Range here (else it restarts from zero)."""
    if sim.dialect == "new-api":
        return False
    return sim.dialect == "documented" or url_style in ("video_url", "redirect")


def base_env() -> dict[str, str]:
    return cli_env()


def cli_cmd(sim: Simulator, data: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "veo_desktop.cli",
        "--base-url",
        sim.base_url,
        "--data-dir",
        str(data),
        *args,
    ]


def app_cmd(sim: Simulator, data: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "veo_desktop",
        "--base-url",
        sim.base_url,
        "--data-dir",
        str(data),
    ]


def journal_rows(data: Path) -> list[dict[str, Any]]:
    db = data / "journal.sqlite3"
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        con.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in con.execute("SELECT * FROM jobs")]
        finally:
            con.close()
    except sqlite3.Error:
        return []  # mid-creation: the schema is not there yet


def wait_for(
    what: str, predicate: Callable[[], bool], proc: subprocess.Popen[str], limit: float = 30.0
) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        if proc.poll() is not None:
            _out, err = proc.communicate()
            raise AssertionError(f"process ended ({proc.returncode}) before {what}: {err[-800:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {limit}s")
        time.sleep(0.02)


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)


def leftovers(data: Path) -> list[Path]:
    """Half files: a download's .part anywhere, an unfinished sidecar or an MP4 without its
    sidecar in the library. (The app's poster cache may keep a stray .tmp after a kill: it is a
    cache, not the library, and is rebuilt from the clips.)"""
    bad = list(data.rglob("*.part"))
    library = data / "library"
    if library.exists():
        bad += [p for p in library.rglob("*") if p.name.endswith(".tmp")]
        bad += [mp4 for mp4 in library.rglob("*.mp4") if not mp4.with_suffix(".json").exists()]
    return bad


@dataclass
class Outcome:
    point: str
    recovered: bool
    extra_posts: int
    partial: list[Path]
    detail: str


@dataclass
class KillRun:
    """One job, one kill at `point`, one (or two) restarts."""

    sim: Simulator
    root: Path
    point: str
    rng: random.Random
    url_style: str = "video_url"
    kill_resume_too: bool = False

    @property
    def data(self) -> Path:
        return self.root / "data"

    def generate_args(self) -> list[str]:
        args = ["generate", "--prompt", f"crash at {self.point}", "--duration", "4", "--wait"]
        if self.point == "encoding" or self.rng.random() < 0.3:
            # A photo-sized noisy PNG: preparing it (decode, maybe re-encode) takes a moment.
            path = self.root / "start.png"
            Image.effect_noise((1600, 900), 64).convert("RGB").save(path, compress_level=1)
            args += ["--mode", "image", "--image", str(path)]
        return args

    def run(self) -> Outcome:
        self.root.mkdir(parents=True)
        faults = Faults(url_style=self.url_style)
        if self.point in ("downloading", "downloaded"):
            faults.download_bytes_per_second = SLOW_RATE
        self.sim.faults = faults
        posts_before = self.sim.post_count
        env = base_env()
        hold = self.root / "hold"
        if self.point in HOLD_POINTS:
            env.update(VEO_TEST_HOLD=self.point, VEO_TEST_HOLD_FILE=str(hold))
        proc = subprocess.Popen(
            cli_cmd(self.sim, self.data, *self.generate_args()),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        part_size = self.kill_at_point(proc, hold)
        rows = journal_rows(self.data)
        state_at_kill = rows[0]["state"] if rows else "no row"
        self.check_where_it_died(state_at_kill, posts_before)
        if self.kill_resume_too:
            # The restart itself is killed at a random moment, then restarted again.
            resume = subprocess.Popen(
                cli_cmd(self.sim, self.data, "resume", "--wait"),
                env=base_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(self.rng.uniform(0.1, 1.5))
            kill(resume)
        self.sim.faults.download_bytes_per_second = None
        r = subprocess.run(
            cli_cmd(self.sim, self.data, "resume", "--wait", "--json"),
            env=base_env(),
            capture_output=True,
            text=True,
            timeout=90,
        )
        return self.judge(r, state_at_kill, posts_before, part_size)

    def kill_at_point(self, proc: subprocess.Popen[str], hold: Path) -> int:
        """Kill `proc` at the run's point; returns the .part file's size at the kill."""
        if self.point in HOLD_POINTS:
            wait_for(f"hold at {self.point}", hold.exists, proc)
        elif self.point == "polling":

            def has_task() -> bool:
                rows = journal_rows(self.data)
                return bool(rows and rows[0]["task_id"])

            wait_for("task id committed", has_task, proc)
            time.sleep(self.rng.uniform(0.0, JOB_SECONDS * 0.7))
        else:  # downloading

            def parts() -> list[Path]:
                return list(self.data.rglob("*.part"))

            wait_for("download started", lambda: bool(parts()), proc)
            size = len(self.sim.served_bytes(journal_rows(self.data)[0]["task_id"]))
            time.sleep(self.rng.uniform(0.1, 0.8) * size / SLOW_RATE)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
        return sum(p.stat().st_size for p in self.data.rglob("*.part"))

    def check_where_it_died(self, state: str, posts_before: int) -> None:
        """The kill landed where the point says (or the test proves nothing)."""
        expected = {
            "encoding": {"submitting"},
            "posted": {"queued", "running"},
            "polling": {"queued", "running", "completed"},
            "downloading": {"completed"},
            "downloaded": {"completed"},
            "renamed": {"completed"},
        }[self.point]
        assert state in expected, f"{self.point}: killed in state {state}"
        if self.point == "encoding":
            assert self.sim.post_count == posts_before, "nothing may be sent before encoding"
        if self.point == "renamed":
            assert list((self.data / "library").rglob("*.mp4")), "the MP4 should be in place"

    def judge(
        self,
        r: subprocess.CompletedProcess[str],
        state_at_kill: str,
        posts_before: int,
        part_size: int,
    ) -> Outcome:
        rows = journal_rows(self.data)
        posts = self.sim.post_count - posts_before
        problems: list[str] = []
        if r.returncode != 0:
            problems.append(f"resume exited {r.returncode}: {r.stderr[-500:]}")
        if len(rows) != 1:
            problems.append(f"{len(rows)} journal rows")
        job = rows[0] if rows else {}
        if job.get("state") != "downloaded":
            problems.append(f"state {job.get('state')}: {job.get('error_message')}")
        elif job.get("task_id"):
            video = Path(job["video_path"])
            if video.read_bytes() != self.sim.served_bytes(job["task_id"]):
                problems.append("the video differs from what the simulator served")
            sidecar = json.loads(video.with_suffix(".json").read_text("utf-8"))
            if sidecar.get("task_id") != job["task_id"]:
                problems.append("the sidecar names another task")
            clips = list((self.data / "library").rglob("*.mp4"))
            if clips != [video]:
                problems.append(f"library holds {clips}")
            if self.point == "downloaded" and self.sim.job(job["task_id"])["downloads"] != 1:
                problems.append("a whole .part file was downloaded a second time")
            if (
                self.point == "downloading"
                and part_size
                and not self.kill_resume_too
                and honours_range(self.sim, self.url_style)
            ):
                ranged = [
                    q
                    for q in self.sim.requests
                    if job["task_id"] in q.path and q.headers.get("Range") == f"bytes={part_size}-"
                ]
                if not ranged:
                    problems.append(f"no Range resume from byte {part_size}")
        if posts != 1:
            problems.append(f"{posts} POSTs")
        partial = leftovers(self.data)
        if partial:
            problems.append(f"half files left: {partial}")
        detail = (
            f"{self.sim.dialect} {self.point} ({state_at_kill}, url {self.url_style}): "
            + "; ".join(problems)
        )
        return Outcome(self.point, not problems, max(0, posts - 1), partial, detail)


def tally(outcomes: list[Outcome], seed: int | None = None) -> str:
    ok = sum(o.recovered for o in outcomes)
    dup = sum(o.extra_posts for o in outcomes)
    partial = sum(len(o.partial) for o in outcomes)
    line = (
        f"crash-safety: {ok}/{len(outcomes)} recovered, {dup} duplicate POSTs, "
        f"{partial} partial files"
    )
    return line + (f" (seed {seed})" if seed is not None else "")


def report(outcomes: list[Outcome], capsys: pytest.CaptureFixture[str], seed: int) -> None:
    line = tally(outcomes, seed)
    with capsys.disabled():
        print(f"\n{line}")
    failed = [o.detail for o in outcomes if not o.recovered]
    assert not failed, line + "\n" + "\n".join(failed)


def test_cli_killed_once_at_every_point_finishes_every_job(
    sim: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("VEO_CRASH_SEED") or time.time())
    rng = random.Random(seed)
    outcomes = [
        KillRun(sim, tmp_path / f"{i}-{point}", point, rng, url_style=URL_STYLES[i % 4]).run()
        for i, point in enumerate(ALL_POINTS)
    ]
    report(outcomes, capsys, seed)


@pytest.mark.slow
def test_cli_killed_at_fifty_random_points_finishes_every_job(
    sim: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("VEO_CRASH_SEED") or time.time())
    rng = random.Random(seed)
    outcomes = []
    for i in range(50):
        point = rng.choice(ALL_POINTS)
        run = KillRun(
            sim,
            tmp_path / f"{i}-{point}",
            point,
            rng,
            url_style=rng.choice(URL_STYLES),
            # Kill the restart too, now and then, once the job is safely at the gateway.
            kill_resume_too=point != "encoding" and rng.random() < 0.25,
        )
        outcomes.append(run.run())
    report(outcomes, capsys, seed)


def test_kill_while_the_post_is_in_flight_is_never_resent(sim: Simulator, tmp_path: Path) -> None:
    """The one window no restart can close: the POST left, no answer was written down. The job
    may be billed, so it is marked uncertain and the user is told; nothing is sent again."""
    sim.faults = Faults(hang_after_post=30.0)
    data = tmp_path / "data"
    before = sim.post_count
    proc = subprocess.Popen(
        cli_cmd(sim, data, "generate", "--prompt", "in flight", "--duration", "4", "--wait"),
        env=base_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for("the POST reaching the gateway", lambda: sim.post_count > before, proc)
    kill(proc)
    sim.faults = Faults()
    assert [r["state"] for r in journal_rows(data)] == ["posting"]

    def resume() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            cli_cmd(sim, data, "resume", "--wait", "--json"),
            env=base_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )

    r = resume()
    assert r.returncode == 3, r.stderr
    [job] = json.loads(r.stdout)
    assert job["status"] == "uncertain" and "not sent again" in job["error"]
    r = resume()  # the next restart leaves it to the user too
    assert r.returncode == 0 and json.loads(r.stdout) == [], r.stderr
    assert [row["state"] for row in journal_rows(data)] == ["uncertain"]
    assert sim.post_count == before + 1
    assert not leftovers(data)


# -- the desktop app -----------------------------------------------------------------------------


def start_app(sim: Simulator, data: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        app_cmd(sim, data), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def app_kill_run(sim: Simulator, root: Path, point: str, rng: random.Random) -> Outcome:
    """A job sent by the CLI (no --wait); the app, which resumes open jobs on start, is killed
    at `point`, started again, and left to finish."""
    data = root / "data"
    sim.faults = Faults(download_bytes_per_second=SLOW_RATE if point == "downloading" else None)
    before = sim.post_count
    r = subprocess.run(
        cli_cmd(sim, data, "generate", "--prompt", f"app crash at {point}", "--duration", "4"),
        env=base_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    env = base_env()
    hold = root / "hold"
    if point in HOLD_POINTS:
        env.update(VEO_TEST_HOLD=point, VEO_TEST_HOLD_FILE=str(hold))
    app = start_app(sim, data, env)
    try:
        if point in HOLD_POINTS:
            wait_for(f"the app holding at {point}", hold.exists, app, limit=60)
        else:
            wait_for("the app downloading", lambda: bool(list(data.rglob("*.part"))), app, 60)
            size = len(sim.served_bytes(journal_rows(data)[0]["task_id"]))
            time.sleep(rng.uniform(0.1, 0.8) * size / SLOW_RATE)
    finally:
        kill(app)
    state_at_kill = journal_rows(data)[0]["state"]
    assert state_at_kill == "completed", f"{point}: killed in {state_at_kill}"
    sim.faults.download_bytes_per_second = None
    app = start_app(sim, data, base_env())
    try:
        wait_for(
            "the restarted app finishing the job",
            lambda: [row["state"] for row in journal_rows(data)] == ["downloaded"],
            app,
            limit=60,
        )
    finally:
        app.terminate()
        app.communicate(timeout=20)
    [job] = journal_rows(data)
    problems = []
    if Path(job["video_path"]).read_bytes() != sim.served_bytes(job["task_id"]):
        problems.append("the video differs from what the simulator served")
    posts = sim.post_count - before
    if posts != 1:
        problems.append(f"{posts} POSTs")
    partial = leftovers(data)
    if partial:
        problems.append(f"half files: {partial}")
    return Outcome(f"app:{point}", not problems, max(0, posts - 1), partial, "; ".join(problems))


def test_app_killed_mid_download_finishes_the_job_on_restart(
    sim: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("VEO_CRASH_SEED") or time.time())
    outcome = app_kill_run(sim, tmp_path, "downloaded", random.Random(seed))
    report([outcome], capsys, seed)


@pytest.mark.slow
def test_app_killed_at_random_download_points_finishes_every_job(
    sim: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("VEO_CRASH_SEED") or time.time())
    rng = random.Random(seed)
    points = ["downloading", "downloaded", "renamed", "downloading", "downloading"]
    outcomes = [app_kill_run(sim, tmp_path / str(i), p, rng) for i, p in enumerate(points)]
    report(outcomes, capsys, seed)
