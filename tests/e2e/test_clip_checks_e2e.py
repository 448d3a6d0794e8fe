"""Did I get what I paid for, end to end: a gateway that drops the end frame gets its First +
Last clip flagged in --json, on stderr and in the sidecar, and its next such job is warned."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from veo_desktop.simulator import Simulator

from .conftest import Cli, cli_env


def picture(path: Path, hue: int) -> Path:
    """A frame with structure (bands and a disc), unlike another hue's."""
    image = Image.new("RGB", (640, 360), (hue, 255 - hue, (hue * 3) % 256))
    draw = ImageDraw.Draw(image)
    for x in range(0, 640, 80):
        draw.rectangle((x, 0, x + 30, 360), fill=((hue + 90) % 256, hue // 2, 200 - hue // 2))
    draw.ellipse((200 + hue // 3, 80, 380 + hue // 3, 260), fill=(255, 255 - hue, hue))
    image.save(path)
    return path


@pytest.fixture
def newapi() -> Iterator[Simulator]:
    with Simulator(dialect="new-api", job_seconds=0.5, task_row_delay=0.2) as s:
        yield s


def test_a_dropped_end_frame_is_flagged_and_the_next_first_last_job_is_warned(
    newapi: Simulator, tmp_path: Path
) -> None:
    cli = Cli(newapi.base_url, tmp_path / "data", cli_env(poll_seconds="0.3"))
    start, end = picture(tmp_path / "dawn.png", 30), picture(tmp_path / "dusk.png", 220)
    frames = ["--mode", "frames", "--image", str(start), "--last-image", str(end)]
    r = cli.run(
        "generate", *frames, "--prompt", "the lighthouse", "--duration", "4", "--wait", "--json"
    )

    assert r.returncode == 0, r.stderr  # the clip is saved and paid for: not a failed job
    job = json.loads(r.stdout)
    by_name = {c["name"]: c for c in job["checks"]}
    assert by_name["end_frame"]["ok"] is False
    assert by_name["end_frame"]["message"].startswith("end frame not followed")
    assert set(by_name["end_frame"]) == {"name", "ok", "expected", "got", "message"}
    assert by_name["start_frame"]["ok"] is True and by_name["decodes"]["ok"] is True
    warnings = [line for line in r.stderr.splitlines() if "end frame not followed" in line]
    assert len(warnings) == 1 and job["id"] in warnings[0]
    sidecar = json.loads(Path(job["video_path"]).with_suffix(".json").read_text("utf-8"))
    assert [c["name"] for c in sidecar["checks"] if not c["ok"]] == [
        c["name"] for c in job["checks"] if not c["ok"]
    ]

    # The tally: `veo gateway` lists it, and the next First + Last job is warned before it goes.
    shown = cli.run("gateway")
    assert "end frame not followed on 1 of 1 First + Last jobs" in shown.stdout, shown.stdout
    nxt = cli.run("generate", *frames, "--prompt", "the lighthouse again", "--duration", "4")
    assert nxt.returncode == 0, nxt.stderr
    assert "This gateway's clips: end frame not followed on 1 of 1 First + Last jobs" in nxt.stderr

    # `veo check` runs the checks again; `veo jobs --checks-failed` finds the clip.
    again = cli.run("check", job["id"], "--json")
    assert again.returncode == 4
    assert [c["name"] for c in json.loads(again.stdout)["checks"] if not c["ok"]] == [
        c["name"] for c in job["checks"] if not c["ok"]
    ]
    code, listed = cli.json("jobs", "--checks-failed", "--json")
    assert code == 0 and [j["id"] for j in listed] == [job["id"]]
    # Forgotten on request: no warning any more.
    cli.run("gateway", "--reset-habits")
    quiet = cli.run("generate", *frames, "--prompt", "third", "--duration", "4")
    assert "This gateway's clips" not in quiet.stderr
