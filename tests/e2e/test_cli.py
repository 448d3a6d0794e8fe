"""`veo` as a user runs it, against the real simulator over loopback HTTP."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from veo_desktop.simulator import Faults, Simulator

from .conftest import TEST_KEY, Cli, solid_png


def assert_downloaded(out: dict[str, Any], sim: Simulator) -> Path:
    assert out["status"] == "downloaded", out
    path = Path(out["video_path"])
    assert path.read_bytes() == sim.served_bytes(out["task_id"])
    sidecar = path.with_suffix(".json")
    assert sidecar.exists() and out["task_id"] in sidecar.read_text()
    return path


def mode_args(mode: str, tmp_path: Path, sim: Simulator, cli: Cli) -> list[str]:
    red = str(solid_png(tmp_path / "red.png", (220, 30, 30)))
    blue = str(solid_png(tmp_path / "blue.png", (30, 30, 220)))
    if mode == "text":
        return []
    if mode == "image":
        return ["--image", red]
    if mode == "frames":
        return ["--image", red, "--last-image", blue]
    if mode == "reference":
        return ["--ref", red, "--ref", blue]
    code, first = cli.json(
        "generate", "--prompt", "source clip", "--duration", "4", "--wait", "--json"
    )
    assert code == 0
    return ["--video", first["id"]]


@pytest.mark.parametrize("mode", ["text", "image", "frames", "reference", "extend"])
def test_every_mode_completes_and_downloads_byte_identical(
    mode: str, cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    extra = mode_args(mode, tmp_path, sim, cli)
    before = sim.post_count
    code, out = cli.json(
        "generate",
        "--mode",
        mode,
        "--prompt",
        f"{mode} test 雨の日",
        "--wait",
        "--json",
        "--duration",
        "8",
        "--no-audio",
        *extra,
    )
    assert code == 0, out
    assert_downloaded(out, sim)
    assert sim.post_count == before + 1
    assert out["id"] and out["error"] is None


def test_against_a_gateway_with_every_real_world_quirk(
    cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    sim.faults = Faults.quirky(seed=7)
    for i in range(6):
        code, out = cli.json(
            "generate", "--prompt", f"quirky {i}", "--duration", "4", "--wait", "--json"
        )
        assert code == 0, out
        assert_downloaded(out, sim)
    assert sim.post_count == 6


@pytest.mark.parametrize(
    "args",
    [
        ["--prompt", "x", "--duration", "5"],
        ["--prompt", "x", "--model", "veo9-ultra"],
        ["--prompt", ""],
        ["--prompt", "x", "--seed", "-4"],
        ["--prompt", "x", "--seed", "4294967296"],
        ["--mode", "image", "--prompt", "x"],
        ["--mode", "frames", "--prompt", "x", "--last-image", "https://e.example/b.png"],
        ["--mode", "reference", "--prompt", "x", "--ref", "https://e/a.png"],
        ["--mode", "reference", "--prompt", "x"] + ["--ref", "https://e/a.png"] * 4,
        ["--mode", "extend", "--prompt", "", "--video", "https://e/v.mp4"],
        ["--mode", "extend", "--prompt", "more", "--video", "no-such-job"],
        ["--mode", "image", "--prompt", "x", "--image", "/nonexistent/file.png"],
        ["--mode", "image", "--prompt", "x", "--image", "CORRUPT"],
    ],
)
def test_invalid_input_exits_2_and_sends_nothing(
    args: list[str], cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    corrupt = tmp_path / "corrupt.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)
    args = [str(corrupt) if a == "CORRUPT" else a for a in args]
    r = cli.run("generate", *args, "--wait")
    assert r.returncode == 2, r.stderr
    assert sim.post_count == 0
    line = r.stderr.strip().splitlines()[-1]
    assert line.startswith("veo: ") and "Traceback" not in r.stderr
    jobs = cli.run("jobs", "--json")
    assert jobs.stdout.strip() == "[]"  # nothing half-made in the journal either


def test_extending_an_unfinished_job_exits_2_with_core_reason(cli: Cli, sim: Simulator) -> None:
    code, first = cli.json("generate", "--prompt", "source clip", "--duration", "4", "--json")
    assert code == 0 and first["status"] != "downloaded", first
    r = cli.run("generate", "--mode", "extend", "--prompt", "more", "--video", first["id"])
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() == (
        f"veo: --video {first['id']}: Only a finished clip can be extended."
    ), r.stderr
    assert sim.post_count == 1


def test_failed_job_exits_4_with_the_gateway_reason(cli: Cli, sim: Simulator) -> None:
    sim.faults = Faults(failure_rate=1.0, error_style="fail_reason", seed=1)
    code, out = cli.json("generate", "--prompt", "doomed", "--duration", "4", "--wait", "--json")
    assert code == 4
    assert out["status"] == "failed" and out["error"]
    reason = sim.job(out["task_id"]).get("failure_reason") or ""
    assert reason and reason in out["error"]


def test_no_key_exits_3_without_sending(cli: Cli, sim: Simulator) -> None:
    r = cli.run("generate", "--prompt", "x", key=False)
    assert r.returncode == 3 and "veo login" in r.stderr
    assert sim.post_count == 0


def test_jobs_json_lists_what_the_user_needs(cli: Cli, sim: Simulator) -> None:
    code, out = cli.json("generate", "--prompt", "listed", "--duration", "4", "--json")
    assert code == 0 and out["status"] in ("queued", "running")
    code, jobs = cli.json("jobs", "--json")
    assert code == 0 and len(jobs) == 1
    for key in (
        "id",
        "task_id",
        "status",
        "mode",
        "model",
        "prompt",
        "progress",
        "created_at",
        "video_path",
        "error",
    ):
        assert key in jobs[0]
    r = cli.run("wait", jobs[0]["task_id"], "--json")  # the gateway's task id works too
    assert r.returncode == 0, r.stderr


def _task_id_committed(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        row = sqlite3.connect(db).execute("SELECT task_id FROM jobs").fetchone()
    except sqlite3.Error:
        return False
    return bool(row and row[0])


def test_kill_after_post_then_resume_finishes_with_one_post(cli: Cli, sim: Simulator) -> None:
    sim.job_seconds = 3.0
    proc = cli.popen("generate", "--prompt", "survives a kill", "--duration", "4", "--wait")
    db = cli.data_dir / "journal.sqlite3"
    deadline = time.monotonic() + 30
    while not _task_id_committed(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sim.post_count == 1
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    _, jobs = cli.json("jobs", "--json")
    assert jobs[0]["status"] in ("queued", "running")
    r = cli.run("resume", "--wait", "--json")
    assert r.returncode == 0, r.stderr
    _code, jobs = cli.json("jobs", "--json")
    assert_downloaded(jobs[0], sim)
    assert sim.post_count == 1
    assert not list(cli.data_dir.rglob("*.part"))


def test_key_never_reaches_the_video_host(cli: Cli, sim: Simulator) -> None:
    code, _out = cli.json("generate", "--prompt", "private", "--duration", "4", "--wait", "--json")
    assert code == 0
    video_reqs = [r for r in sim.requests if r.server == "video"]
    assert video_reqs
    for r in video_reqs:
        assert not any(k.lower() == "authorization" for k in r.headers)
        assert TEST_KEY not in str(r.headers)
    assert all(
        any(k.lower() == "authorization" for k in r.headers)
        for r in sim.requests
        if r.server == "gateway"
    )


def test_key_appears_in_no_file_or_output_after_a_verbose_run(cli: Cli, sim: Simulator) -> None:
    sim.faults = Faults(url_style="gateway")  # the download itself needs the key here
    r = cli.run(
        "--verbose", "generate", "--prompt", "scan me", "--duration", "4", "--wait", "--json"
    )
    assert r.returncode == 0, r.stderr
    assert TEST_KEY not in r.stdout + r.stderr
    files = [p for p in cli.data_dir.rglob("*") if p.is_file()]
    assert any(p.name == "veo-desktop.log" for p in files)
    assert any(p.suffix == ".json" for p in files) and any(p.suffix == ".mp4" for p in files)
    for p in files:
        assert TEST_KEY.encode() not in p.read_bytes(), p


def test_library_search_frames_and_reimport_work_offline(
    cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    from PIL import Image

    from veo_desktop.core.library.frames import extract_frame

    for prompt in ("a red kite over dunes", "雨の日の東京 neon", "a blue kite at sea"):
        code, _ = cli.json("generate", "--prompt", prompt, "--duration", "4", "--wait", "--json")
        assert code == 0
    sim.stop()  # the network is gone from here on
    offline = Cli("http://127.0.0.1:9", cli.data_dir, cli.env)
    _, found = offline.json("jobs", "--search", "kite", "--json")
    assert [j["prompt"] for j in found] == ["a blue kite at sea", "a red kite over dunes"]
    _, found = offline.json("jobs", "--search", "東京", "--status", "downloaded", "--json")
    assert len(found) == 1
    out = tmp_path / "last.png"
    r = offline.run("frame", found[0]["id"], "--last", "-o", str(out))
    assert r.returncode == 0, r.stderr
    decoded = extract_frame(Path(found[0]["video_path"]), "last")
    assert Image.open(out).tobytes() == decoded.tobytes()
    # A lost journal comes back from the sidecars beside each MP4.
    (cli.data_dir / "journal.sqlite3").unlink()
    for extra in cli.data_dir.glob("journal.sqlite3-*"):
        extra.unlink()
    r = offline.run("import")
    assert r.returncode == 0 and "Imported 3" in r.stdout, r.stdout + r.stderr
    _, again = offline.json("jobs", "--json")
    assert sorted(j["prompt"] for j in again) == sorted(
        ["a red kite over dunes", "雨の日の東京 neon", "a blue kite at sea"]
    )
    assert all(j["status"] == "downloaded" and Path(j["video_path"]).is_file() for j in again)
    assert offline.run("import").stdout.startswith("Imported 0")


def test_json_of_a_job_that_may_have_reached_the_gateway_never_says_not_sent(
    sim: Simulator, cli: Cli
) -> None:
    """A script trusting `--json` must not send again: the answer names the job and says
    uncertain, as the journal does."""
    sim.faults.html_errors_next = 2  # the dialect probe, then the POST: a proxy's 502/503 page
    code, out = cli.json("generate", "--prompt", "a kite", "--duration", "4", "--json")
    assert code == 3
    assert out["id"] and out["status"] == "uncertain", out
    assert sim.post_count == 1
    code, jobs = cli.json("jobs", "--json")
    assert [j["id"] for j in jobs] == [out["id"]] and jobs[0]["status"] == "uncertain"


def test_a_damaged_journal_is_recovered_and_veo_says_so(sim: Simulator, cli: Cli) -> None:
    code, out = cli.json("generate", "--prompt", "a kite", "--duration", "4", "--wait", "--json")
    assert code == 0, out
    journal = cli.data_dir / "journal.sqlite3"
    cli.run("jobs")  # a second open: the backup is there by now
    journal.write_bytes(b"this is not a database" * 100)
    r = cli.run("jobs", "--json")
    assert r.returncode == 0, r.stderr
    assert [j["id"] for j in json.loads(r.stdout)] == [out["id"]]
    said = [line for line in r.stderr.splitlines() if line.startswith("veo: ")]
    assert len(said) == 1 and "damaged" in said[0].lower(), r.stderr
    assert list(cli.data_dir.glob("journal.sqlite3.damaged-*"))  # set aside, never deleted
