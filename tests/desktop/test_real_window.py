"""The installed `veo-desktop` as a user starts it: a real process on a real X display (Xvfb)
under a window manager (openbox), found by its title, drawn, and closed with Ctrl+Q."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

APP = Path(sys.executable).parent / "veo-desktop"
TITLE = "Veo Desktop — offline demo"  # MainWindow's title with --demo, in English
SHOW_TIMEOUT = 60.0  # seconds; a cold start on a slow machine loads all of Qt from disk
STAY_UP = 3.0


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: run `bash scripts/system-deps.sh` (it installs it)"
    return path


def xdotool(*args: str) -> str:
    r = subprocess.run(
        [tool("xdotool"), *args], capture_output=True, text=True, timeout=SHOW_TIMEOUT
    )
    assert r.returncode == 0, f"xdotool {' '.join(args)}: {r.stderr}"
    return r.stdout.strip()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    assert os.environ.get("DISPLAY"), "no X display: scripts/run-tests.sh starts this under Xvfb"
    assert APP.is_file(), f"{APP} is missing: `make setup` installs the package into .venv"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VEO_", "LC_", "LANG"))}
    env.update(QT_QPA_PLATFORM="xcb", LANG="C.UTF-8")  # the real platform, English titles
    log = tmp_path / "app.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(APP), "--demo", "--data-dir", str(tmp_path / "data")],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
    try:
        yield proc, log
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def wait_for_window(proc: subprocess.Popen[str], log: Path) -> str:
    """The window id, once a visible window with our title is mapped (xdotool --sync), or a
    failure that shows the app's own output if it died first."""
    search = subprocess.Popen(
        [tool("xdotool"), "search", "--sync", "--onlyvisible", "--name", "^Veo Desktop"],
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + SHOW_TIMEOUT
    try:
        while search.poll() is None:
            assert proc.poll() is None, (
                f"veo-desktop exited ({proc.returncode}) before its window showed:\n"
                + log.read_text(errors="replace")[-3000:]
            )
            assert time.monotonic() < deadline, (
                f"no visible 'Veo Desktop' window after {SHOW_TIMEOUT:.0f} s:\n"
                + log.read_text(errors="replace")[-3000:]
            )
            time.sleep(0.1)
        out = search.stdout.read() if search.stdout else ""
    finally:
        if search.poll() is None:
            search.kill()
        search.wait(5)
    return out.split()[0]


def geometry(window: str) -> dict[str, int]:
    pairs = (line.split("=", 1) for line in xdotool("getwindowgeometry", "--shell", window).split())
    return {key: int(value) for key, value in pairs if key in ("X", "Y", "WIDTH", "HEIGHT")}


def test_the_window_opens_under_a_window_manager_draws_and_quits_cleanly(
    app: tuple[subprocess.Popen[str], Path], tmp_path: Path
) -> None:
    proc, log = app
    window = wait_for_window(proc, log)
    assert xdotool("getwindowname", window) == TITLE

    # The window manager took it: it is the active window (only an EWMH manager answers this).
    deadline = time.monotonic() + 5
    while xdotool("getactivewindow") != window:
        assert time.monotonic() < deadline, "the window manager never activated the window"
        time.sleep(0.1)

    time.sleep(STAY_UP)
    assert proc.poll() is None, "veo-desktop quit by itself:\n" + log.read_text(errors="replace")
    assert window in xdotool("search", "--onlyvisible", "--name", "^Veo Desktop").split()

    box = geometry(window)
    assert box["WIDTH"] >= 640 and box["HEIGHT"] >= 400, box
    shot = tmp_path / "screen.png"
    subprocess.run([tool("import"), "-window", "root", str(shot)], check=True, timeout=30)
    with Image.open(shot) as screen:
        area = screen.convert("RGB").crop(
            (box["X"], box["Y"], box["X"] + box["WIDTH"], box["Y"] + box["HEIGHT"])
        )
    # A drawn window has text, frames and widgets: many colours, not one flat fill.
    colours = area.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 50, f"the window looks blank ({len(colours)} colours): {shot}"
    assert max(count for count, _ in colours) < 0.95 * box["WIDTH"] * box["HEIGHT"], shot

    xdotool("windowactivate", "--sync", window, "key", "--clearmodifiers", "ctrl+q")
    try:
        code = proc.wait(20)
    except subprocess.TimeoutExpired:
        pytest.fail("Ctrl+Q did not quit veo-desktop within 20 s")
    output = log.read_text(errors="replace")
    assert code == 0, f"veo-desktop exited with {code}:\n{output[-3000:]}"
    assert "Traceback" not in output, output
