"""`veo story` as a user runs it, against the real simulator over loopback: the lighthouse board
("a lighthouse at dawn, the same at noon, then at dusk, continuous") made with one run on a
documented and a quirky gateway, shots 2 and 3 starting on the exact last frame of the take
before, exported as one film with sound; a board killed mid-way finished by running it again
with one POST per shot; a failed shot stopping only the shots that continue from it."""

from __future__ import annotations

import base64
import io
import json
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import pytest
from PIL import Image, ImageChops

from tests import clips
from tests.e2e.test_cli_batch import journal_rows, wait_for
from tests.e2e.test_sim_clips import assert_same_picture
from veo_desktop.simulator import Faults, Simulator

from .conftest import Cli, cli_env

LIGHTHOUSE: dict[str, Any] = {
    "title": "Lighthouse",
    "model": "veo3.1-fast-video-720p",
    "aspect_ratio": "16:9",
    "shots": [
        {"prompt": "a lighthouse at dawn"},
        {"prompt": "the same at noon"},
        {"prompt": "then at dusk"},
    ],
}


@pytest.fixture(params=["documented", "quirky"])
def gateway(request: pytest.FixtureRequest) -> Iterator[Simulator]:
    with Simulator(
        job_seconds=0.6, max_height=144, dialect=request.param, faults=Faults(seed=3)
    ) as s:
        yield s


def board_file(folder: Path, doc: dict[str, Any] = LIGHTHOUSE) -> Path:
    path = folder / "lighthouse.json"
    path.write_text(json.dumps(doc), "utf-8")
    return path


def decoded_frames(clip: Path) -> list[av.VideoFrame]:
    with av.open(str(clip)) as c:
        return list(c.decode(video=0))


def picture(frame: av.VideoFrame) -> Image.Image:
    return clips.picture(frame).convert("RGB")


def sent_start(sim: Simulator, task_id: str) -> Image.Image:
    """The start image the gateway received for the task, decoded from the request body."""
    uri = str(sim.job(task_id)["body"]["image"])
    assert uri.startswith("data:image/png;base64,")  # the lossless PNG, not a re-encode
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")


def identical(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def test_the_lighthouse_board_is_made_with_one_run_and_exported_as_one_film(
    gateway: Simulator, tmp_path: Path
) -> None:
    cli = Cli(gateway.base_url, tmp_path / "data", cli_env(poll_seconds="0.2"))
    code, out = cli.json("story", "run", str(board_file(tmp_path)), "--wait", "--json")
    assert code == 0, out
    shots = out["shots"]
    assert [s["job"]["status"] for s in shots] == ["downloaded"] * 3
    assert [s["job"]["prompt"] for s in shots] == [s["prompt"] for s in LIGHTHOUSE["shots"]]
    assert gateway.post_count == 3 and len(gateway.task_ids) == 3  # one POST per shot
    clips = [Path(s["job"]["video_path"]) for s in shots]
    for s, clip in zip(shots, clips, strict=True):
        assert clip.read_bytes() == gateway.served_bytes(s["job"]["task_id"])
    assert shots[0]["start_frame"] is None and shots[0]["job"]["mode"] == "text"

    for before, shot, clip in zip(clips[:-1], shots[1:], clips[1:], strict=True):
        # The PNG the gateway got is the previous take's last frame as PyAV decodes it,
        # pixel for pixel, and it is the file beside that take named in the shot's sidecar.
        last = picture(decoded_frames(before)[-1])
        sent = sent_start(gateway, shot["job"]["task_id"])
        assert identical(sent, last)
        start = Path(shot["start_frame"])
        assert start.parent == before.parent and identical(Image.open(start).convert("RGB"), last)
        sidecar = json.loads(clip.with_suffix(".json").read_text("utf-8"))
        assert sidecar["request"]["image"] == str(start) and sidecar["mode"] == "image"
        # ... and the clip made from it opens on it (but for H.264's noise).
        assert_same_picture(picture(decoded_frames(clip)[0]), sent)

    # `list` and `show` know the board; `export` makes one film of it.
    code, boards = cli.json("story", "list", "--json")
    assert [(b["id"], b["done"], b["shots"]) for b in boards] == [(out["id"], 3, 3)]
    code, shown = cli.json("story", "show", out["id"][:6], "--json")
    assert [s["job"]["id"] for s in shown["shots"]] == [s["job"]["id"] for s in shots]
    film = tmp_path / "film" / "lighthouse.mp4"
    code, made = cli.json("story", "export", out["id"], "-o", str(film), "--json")
    assert code == 0 and made["method"] == "copy" and Path(made["film"]) == film
    lengths = [len(decoded_frames(c)) / 24 for c in clips]
    frames = decoded_frames(film)  # every frame decodes, to the end
    assert len(frames) == sum(len(decoded_frames(c)) for c in clips)
    assert abs(float(frames[-1].time or 0) + 1 / 24 - sum(lengths)) <= 0.5
    with av.open(str(film)) as c:
        assert abs(float(c.duration or 0) / 1e6 - sum(lengths)) <= 0.5
        sound = sum(f.samples for f in c.decode(audio=0)) / 48_000
    assert abs(sound - sum(lengths)) <= 0.5
    listed = json.loads(film.with_suffix(".json").read_text("utf-8"))
    assert [
        (s["prompt"], s["task_id"], s["take"], s["trim"], s["start_frame"]) for s in listed["shots"]
    ] == [
        (
            s["prompt"],
            s["job"]["task_id"],
            s["job"]["id"],
            {"in": 0.0, "out": None},
            s["start_frame"],
        )
        for s in shots
    ]


@pytest.mark.parametrize("when", ["first posted", "second running"])
def test_killed_mid_board_a_rerun_finishes_it_with_one_post_per_shot(
    sim: Simulator, tmp_path: Path, when: str
) -> None:
    """Killed once shot 1 is taken by the gateway (the others not sent), or once shot 2 is
    (shot 1 downloaded). A kill during a POST is not here: that job may be billed, so it becomes
    uncertain (test_crash_safety.py)."""
    sim.job_seconds = 1.5
    data = tmp_path / "data"
    cli = Cli(sim.base_url, data, cli_env(poll_seconds="0.2"))
    f = board_file(tmp_path)
    hold = tmp_path / "hold"
    if when == "first posted":
        cli.env = {**cli.env, "VEO_TEST_HOLD": "posted", "VEO_TEST_HOLD_FILE": str(hold)}
    proc = cli.popen("story", "run", str(f), "--wait")
    if when == "first posted":
        wait_for("the hold after the first POST", hold.exists, proc)
        assert [r["state"] for r in journal_rows(data)] == ["queued"]
    else:

        def second_taken() -> bool:
            rows = journal_rows(data)
            return len(rows) == 2 and all(r["task_id"] for r in rows)

        wait_for("shot 2 taken by the gateway", second_taken, proc)
    posted = sim.post_count
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    assert posted == (1 if when == "first posted" else 2)

    cli.env = cli_env(poll_seconds="0.2")
    r = cli.run("story", "run", str(f), "--wait", "--json")
    assert r.returncode == 0, r.stderr
    done = json.loads(r.stdout)
    assert [s["job"]["status"] for s in done["shots"]] == ["downloaded"] * 3
    assert sim.post_count == 3 and len(sim.task_ids) == 3 and len(journal_rows(data)) == 3
    code, again = cli.json("story", "run", str(f), "--wait", "--json")  # done: nothing is sent
    assert code == 0 and again["id"] == done["id"] and sim.post_count == 3


def test_a_failed_shot_stops_only_the_shots_that_continue_from_it(tmp_path: Path) -> None:
    doc = {
        "title": "Lighthouse",
        "audio": False,
        "duration": 4,
        "shots": [
            {"prompt": "a lighthouse at dawn"},
            {"prompt": "the same at noon", "audio": True},  # this gateway blocks sound
            {"prompt": "then at dusk"},
            {"prompt": "night falls elsewhere", "continue": False},
        ],
    }
    with Simulator(job_seconds=0.6, max_height=144, faults=Faults(block_audio=True)) as sim:
        cli = Cli(sim.base_url, tmp_path / "data", cli_env(poll_seconds="0.2"))
        r = cli.run("story", "run", str(board_file(tmp_path, doc)), "--wait", "--json")
        assert r.returncode == 4, r.stderr
        out = json.loads(r.stdout)
        assert [s["state"] for s in out["shots"]] == ["done", "failed", "blocked", "done"]
        assert "audio" in out["shots"][1]["job"]["error"]
        assert out["shots"][2]["job"] is None  # never sent
        assert sim.post_count == 3
        assert "--retry-failed" in r.stderr


def test_a_file_with_a_shot_that_cannot_be_sent_sends_nothing(
    cli: Cli, sim: Simulator, tmp_path: Path
) -> None:
    doc = {"title": "t", "shots": [{"prompt": "one"}, {"prompt": "two", "duration": 5}]}
    r = cli.run("story", "run", str(board_file(tmp_path, doc)), "--wait")
    assert r.returncode == 2, r.stderr
    assert "Shot 2: Duration must be 4, 6 or 8" in r.stderr and "nothing was sent" in r.stderr
    assert sim.post_count == 0 and journal_rows(cli.data_dir) == []
