"""The chain workflow with real X input on the real window (Xvfb + openbox): a prompt typed
with xdotool, Ctrl+Return, and once the clip is in, Ctrl+L pressed with the focus in the prompt
box puts the clip's last frame into the First + Last tab's start slot."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .test_real_window import app, geometry, tool, wait_for_window, xdotool

__all__ = ["app"]  # the fixture, shared with the first real-window test

JOB_TIMEOUT = 90.0  # the demo's simulator takes ~5 s a job; a cold machine is slower

T = TypeVar("T")


def journal_rows(data: Path) -> list[tuple[str, str | None]]:
    path = data / "journal.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
        return list(db.execute("SELECT state, video_path FROM jobs"))


def wait_for(
    what: str, probe: Callable[[], T | None], timeout: float, proc: subprocess.Popen[str], log: Path
) -> T:
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        assert proc.poll() is None, f"veo-desktop exited:\n{log.read_text(errors='replace')}"
        assert time.monotonic() < deadline, f"{what} not seen within {timeout:.0f} s"
        time.sleep(0.25)


def start_frame_in_drafts(data: Path) -> str | None:
    try:
        drafts = json.loads((data / "drafts.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return (drafts.get("frames") or {}).get("image")


def test_ctrl_l_with_the_focus_in_the_prompt_chains_the_last_frame(
    app: tuple[subprocess.Popen[str], Path], tmp_path: Path
) -> None:
    proc, log = app
    data = tmp_path / "data"
    window = wait_for_window(proc, log)
    xdotool("windowactivate", "--sync", window)
    box = geometry(window)
    # The Text tab's prompt box: left pane, below the menu bar, demo banner and tab bar.
    prompt_at = (str(box["X"] + box["WIDTH"] // 6), str(box["Y"] + 190))
    xdotool("mousemove", "--sync", *prompt_at, "click", "1")
    xdotool("type", "--delay", "20", "A paper boat drifts down a rainy street")
    xdotool("key", "--clearmodifiers", "ctrl+Return")

    clips = wait_for(
        "a downloaded job in the journal",
        lambda: [path for state, path in journal_rows(data) if state == "downloaded" and path],
        JOB_TIMEOUT,
        proc,
        log,
    )
    clip = Path(clips[0])
    assert len(journal_rows(data)) == 1 and clip.is_file()
    last_frame = clip.with_name(f"{clip.stem}-last.png")
    assert not last_frame.exists()

    # The finished row is selected as it lands (the job was sent here), in the same step that
    # asks for its poster: a poster on disk means the row is selected.
    wait_for(
        "the finished row's poster", lambda: any((data / "posters").glob("*.jpg")), 20, proc, log
    )
    xdotool("mousemove", "--sync", *prompt_at, "click", "1")  # the focus in the text box
    xdotool("key", "--clearmodifiers", "ctrl+l")
    wait_for("the chained last frame", last_frame.is_file, 20, proc, log)
    chained = wait_for("the start slot's draft", lambda: start_frame_in_drafts(data), 20, proc, log)
    assert Path(chained) == last_frame

    shot = tmp_path / "chained.png"
    subprocess.run([tool("import"), "-window", "root", str(shot)], check=True, timeout=30)
    xdotool("key", "--clearmodifiers", "ctrl+q")
    assert proc.wait(20) == 0
    assert "Traceback" not in log.read_text(errors="replace")
