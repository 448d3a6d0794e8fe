"""`veo-desktop` where it cannot open a window (no display; an X library missing) says in one
line what to do and exits non-zero, instead of Qt's abort and its misleading plugin hint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(sys.executable).parent / "veo-desktop"


def run_app(
    args: list[str], env: dict[str, str], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    assert APP.is_file(), f"{APP} is missing: `make setup` installs the package into .venv"
    return subprocess.run(
        [str(APP), "--demo", "--data-dir", str(tmp_path / "data"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def without_display(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return {**env, **extra}


@pytest.mark.parametrize(
    ("args", "extra"),
    [([], {}), (["--self-check"], {}), ([], {"QT_QPA_PLATFORM": "xcb"})],
    ids=["plain", "self-check", "xcb-asked"],
)
def test_no_display_says_what_to_do_in_one_line(
    tmp_path: Path, args: list[str], extra: dict[str, str]
) -> None:
    r = run_app(args, without_display(**extra), tmp_path)
    assert r.returncode == 1, f"exit {r.returncode} (negative = killed by a signal):\n{r.stderr}"
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "no display found" in lines[0]
    assert "xvfb-run veo-desktop" in lines[0] and "`veo" in lines[0]
    assert "Traceback" not in r.stderr and "qt.qpa" not in r.stderr
    assert not r.stdout


def test_a_missing_x_library_is_named_not_xcb_cursor(tmp_path: Path) -> None:
    """The loader finds a broken libxcb-shape first (LD_LIBRARY_PATH), as on a machine that
    lacks libxcb-shape0: the message names that library, not Qt's stock xcb-cursor hint."""
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is missing: run `bash scripts/system-deps.sh` (it installs it)"
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libxcb-shape.so.0").write_bytes(b"")
    env = without_display(LD_LIBRARY_PATH=str(broken))
    r = subprocess.run(
        [xvfb, "-a", str(APP), "--demo", "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 1, f"exit {r.returncode}:\n{r.stderr}"
    assert "libxcb-shape.so.0" in r.stderr, r.stderr
    assert "xcb-cursor" not in r.stderr and "Traceback" not in r.stderr, r.stderr
