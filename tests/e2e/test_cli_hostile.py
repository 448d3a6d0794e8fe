"""`veo` meeting strange replies and strange local input, as a user runs it: no traceback, no
hang, no lost job, and a failure is one line on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.clips import tiny_mp4_bytes
from veo_desktop.core.request.images import MAX_FILE_BYTES
from veo_desktop.core.request.rules import MAX_PROMPT_CHARS
from veo_desktop.simulator import Faults, Simulator

from .conftest import Cli


def stderr_lines(r: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in r.stderr.splitlines() if line.strip()]


def assert_one_line_failure(r: subprocess.CompletedProcess[str], *codes: int) -> str:
    """Failed with one of `codes`, saying so in exactly one line and no traceback."""
    assert r.returncode in codes, (r.returncode, r.stderr)
    lines = stderr_lines(r)
    assert len(lines) == 1 and lines[0].startswith("veo: "), r.stderr
    return lines[0]


def run_with_stdin(cli: Cli, text: bytes, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "veo_desktop.cli", "--base-url", cli.base_url]
    done = subprocess.run(
        [*command, "--data-dir", str(cli.data_dir), *args],
        input=text,
        capture_output=True,
        timeout=90,
        env=cli.env,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


# -- a gateway whose polls answer what no parser expects ----------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


class HostileGateway(BaseHTTPRequestHandler):
    """Takes a job, then answers its polls with `polls` in turn, then completed (clip on the
    content route)."""

    polls: ClassVar[list[str]] = []
    seen: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.reply(
            200,
            '{"id":"task_h1","task_id":"task_h1","object":"video.generation.job",'
            '"status":"queued","progress":0}',
        )

    def do_GET(self) -> None:
        if self.path.endswith("/content"):
            self.reply(200, tiny_mp4_bytes(), "video/mp4")
        elif self.path.endswith("/task_h1"):
            body = self.polls.pop(0) if self.polls else '{"id":"task_h1","status":"completed"}'
            self.seen.append(body[:40])
            self.reply(200, body)
        else:  # the probe for a task that cannot exist
            self.reply(404, '{"error":{"message":"task not exist","code":"task_not_exist"}}')

    def reply(self, status: int, body: str | bytes, kind: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[Cli]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEO_")}
    env.update(
        VEO_API_KEY="sk-hostile-test",
        VEO_POLL_SECONDS="0.2",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    HostileGateway.seen.clear()
    try:
        yield Cli(f"http://127.0.0.1:{server.server_address[1]}", tmp_path / "data", env)
    finally:
        server.shutdown()
        server.server_close()


def test_polls_with_unreadable_bodies_keep_the_job_and_print_no_traceback(hostile: Cli) -> None:
    HostileGateway.polls = [
        DEEP,
        '{"id":"task_h1","status":"running","progress":1e999}',
        '{"id":"task_h1","status":"running","progress":' + "9" * 400 + "}",
        '{"id":"task_h1","status":"running","progress":NaN}',
        '{"id":"\\ud800","status":"\\udfff running","fail_reason":"\\ud800"}',
    ]
    r = hostile.run("generate", "--prompt", "hostile polls", "--duration", "4", "--wait", "--json")
    assert "Traceback" not in r.stderr and r.returncode != 1, r.stderr
    assert len(HostileGateway.seen) >= 6  # every hostile poll was read, then the real answer
    out = json.loads(r.stdout)
    assert r.returncode == 0 and out["status"] == "downloaded", (out, r.stderr)
    assert out["task_id"] == "task_h1"
    assert Path(out["video_path"]).read_bytes() == tiny_mp4_bytes()


def test_a_job_polled_into_deep_nesting_stays_open(hostile: Cli) -> None:
    HostileGateway.polls = [DEEP, DEEP]
    r = hostile.run("generate", "--prompt", "deep", "--duration", "4", "--json")
    assert r.returncode == 0, r.stderr
    job = json.loads(r.stdout)["id"]
    for _ in range(2):
        r = hostile.run("resume", "--json")
        assert "Traceback" not in r.stderr and r.returncode in (0, 3), r.stderr
        (row,) = json.loads(r.stdout)
        assert row["id"] == job and row["status"] in ("queued", "running")


# -- local image input --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "huge", "folder"])
def test_a_bad_image_path_is_one_line_exit_2_and_leaves_no_job(
    kind: str, cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    path = tmp_path / "start.png"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        with path.open("wb") as f:
            f.truncate(MAX_FILE_BYTES + 1)
    else:
        path.mkdir()
    r = cli.run(
        "generate", "--mode", "image", "--image", str(path), "--prompt", "x", "--json", timeout=30
    )
    line = assert_one_line_failure(r, 2)
    assert "start.png" in line
    assert json.loads(r.stdout)["status"] == "not_sent"
    assert sim.post_count == 0
    code, jobs = cli.json("jobs", "--json")
    assert code == 0 and jobs == []  # no row, not even one stuck in "submitting"


# -- --prompt-file ------------------------------------------------------------------------------


def test_prompt_from_a_file_and_from_stdin(cli: Cli, sim: Simulator, tmp_path: Path) -> None:
    f = tmp_path / "prompt.txt"
    f.write_bytes("\ufeff雨の日, a fox crossing the road\n".encode())
    code, out = cli.json("generate", "--prompt-file", str(f), "--duration", "4", "--json")
    assert code == 0 and out["prompt"] == "雨の日, a fox crossing the road"
    assert sim.forwarded(out["task_id"])["instances"][0]["prompt"] == out["prompt"]

    r = run_with_stdin(cli, "from stdin ☂\n".encode(), "generate", "--prompt-file", "-", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["prompt"] == "from stdin ☂"
    assert sim.post_count == 2


@pytest.mark.parametrize("kind", ["missing", "folder", "latin1", "too_long", "empty"])
def test_a_bad_prompt_file_is_one_line_exit_2_and_nothing_sent(
    kind: str, cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    f = tmp_path / "prompt.txt"
    if kind == "folder":
        f.mkdir()
    elif kind == "latin1":
        f.write_bytes("café au lait".encode("latin-1"))
    elif kind == "too_long":
        f.write_text("a" * (MAX_PROMPT_CHARS + 1))
    elif kind == "empty":
        f.write_text("\n")
    r = cli.run("generate", "--prompt-file", str(f), "--duration", "4")
    assert_one_line_failure(r, 2)
    assert sim.post_count == 0


def test_prompt_and_prompt_file_together_are_refused(cli: Cli, sim: Simulator) -> None:
    r = cli.run("generate", "--prompt", "a", "--prompt-file", "-")
    assert r.returncode == 2 and "not allowed with" in r.stderr
    assert sim.post_count == 0


# -- failures are one line, with no log record before it ----------------------------------------


def completed_at_the_gateway(cli: Cli, sim: Simulator) -> str:
    """A job sent (no --wait) and done at the gateway, not yet downloaded: its id."""
    code, out = cli.json("generate", "--prompt", "not an mp4", "--duration", "4", "--json")
    assert code == 0, out
    deadline = time.monotonic() + 30
    while sim.job(out["task_id"])["status"] != "completed":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return str(out["id"])


def test_a_download_that_fails_prints_one_line(cli: Cli, sim: Simulator) -> None:
    job = completed_at_the_gateway(cli, sim)
    sim.faults = Faults(download_not_mp4=True)
    r = cli.run("resume", "--json")  # one poll, one download: it fails
    assert r.returncode in (0, 3) and not stderr_lines(r), r.stderr
    (row,) = json.loads(r.stdout)
    assert row["id"] == job and row["status"] == "completed" and "not an MP4" in row["error"]
    r = cli.run("download", job, "--json")
    assert "not an MP4" in assert_one_line_failure(r, 3, 4)
    assert json.loads(r.stdout)["status"] == "completed"  # kept, for Download again


def test_an_unreachable_gateway_prints_one_line(cli: Cli, tmp_path: Path) -> None:
    cli.base_url = "http://127.0.0.1:9"  # discard port: nothing listens
    r = cli.run("generate", "--prompt", "nowhere", "--duration", "4", "--json")
    assert_one_line_failure(r, 3)


def test_verbose_still_logs_to_stderr(cli: Cli, sim: Simulator) -> None:
    job = completed_at_the_gateway(cli, sim)
    sim.faults = Faults(download_not_mp4=True)
    cli.run("resume", "--json")
    r = cli.run("-v", "download", job, "--json")
    assert "WARNING veo_desktop" in r.stderr and r.stderr.rstrip().splitlines()[-1].startswith(
        "veo: "
    )


# -- a data folder that cannot be used ----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["jobs"],
        ["jobs", "--json"],
        ["generate", "--prompt", "x", "--json"],
        ["download", "abc"],
        ["resume"],
        ["frame", "abc"],
        ["import"],
        ["gateway"],
        ["--demo", "jobs"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_data_dir_under_a_file_is_one_line(cli: Cli, tmp_path: Path, args: list[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    cli.data_dir = blocker / "veo"
    r = cli.run(*args)
    line = assert_one_line_failure(r, 2, 3)
    assert str(blocker) in line and "--data-dir" in line


def test_a_journal_that_cannot_be_opened_is_one_line(cli: Cli) -> None:
    (cli.data_dir / "journal.sqlite3").mkdir(parents=True)  # a folder where the file goes
    for args in (["jobs"], ["generate", "--prompt", "x", "--json"]):
        line = assert_one_line_failure(cli.run(*args), 2, 3)
        assert "journal.sqlite3" in line
