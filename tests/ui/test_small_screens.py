"""Small screens: at 900×600 First + Last shows both frames without a sideways scroll; at 2×
on a 1440×900 screen the whole window and Generate fit the screen; a size saved at 2× does not
carry into a 1× session. Each case is a child process: Qt fixes the screen when it starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = Path(__file__).with_name("screen_probe.py")


def run_probe(
    tmp_path: Path, mode: str, *, scale: float, size: str | None = None
) -> dict[str, Any]:
    screens = tmp_path / "screens.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": 1440, "height": 900, "logicalDpi": 96}
    screens.write_text(json.dumps({"screens": [{**screen, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
        "QT_SCALE_FACTOR": str(scale),
    }
    args = [sys.executable, str(PROBE), str(tmp_path), mode, *([size] if size else [])]
    r = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    result: dict[str, Any] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


def inside(box: list[int], screen: list[int]) -> bool:
    x, y, w, h = box
    sx, sy, sw, sh = screen
    return sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh


def test_first_last_at_900_by_600_shows_the_end_frame_without_a_sideways_scroll(
    tmp_path: Path,
) -> None:
    seen = run_probe(tmp_path, "frames", scale=1, size="900x600")
    assert seen["window"][2:] == [900, 600]
    assert not seen["sideways_scroll"]
    assert seen["end_right"] <= seen["viewport_width"], seen  # the end frame is all there


def test_at_2x_on_1440_by_900_the_window_and_generate_fit_the_screen(tmp_path: Path) -> None:
    seen = run_probe(tmp_path, "frames", scale=2)
    assert seen["dpr"] == 2 and seen["screen"][2:] == [720, 450]
    min_w, min_h = seen["minimum"]
    assert min_w <= 720 and min_h <= 450, seen
    assert inside(seen["window"], seen["screen"]), seen
    assert inside(seen["generate"], seen["screen"]), seen
    assert not seen["sideways_scroll"] and seen["end_right"] <= seen["viewport_width"], seen


def test_a_size_saved_at_2x_does_not_carry_into_a_1x_session(tmp_path: Path) -> None:
    at_2x = run_probe(tmp_path, "text", scale=2, size="600x400")  # saved when it closes
    assert at_2x["window"][2:] == [600, 400]
    at_1x = run_probe(tmp_path, "text", scale=1)
    assert at_1x["window"][2:] != [600, 400], at_1x
    assert at_1x["window"][2] >= 900 and at_1x["window"][3] >= 600, at_1x
