"""`--self-check` from source (fast), and the packaged app (slow): `make package` builds the
PyInstaller one-folder app, and the frozen binary starts offscreen and under Xvfb, opens its
window, finds its icon and translations, reports its keyring backend and plays a clip."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from veo_desktop.ui.icons import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]
# One .qm built for every .ts source: what the package must carry.
SHIPPED_QM = sorted(f"{p.stem}.qm" for p in (ROOT / "resources" / "i18n").glob("*.ts"))


def self_check(cmd: list[str], timeout: float = 120) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEO_")}
    # Let keyring discover its backend as a user's app does (entry points, which a package
    # can lose), in run-tests.sh's private D-Bus session with its unlocked gnome-keyring.
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    assert r.stdout.strip(), r.stderr
    report: dict[str, Any] = json.loads(r.stdout)
    assert r.returncode == (0 if report["ok"] else 1), r.stderr
    return report


def assert_all_ok(report: dict[str, Any], *, frozen: bool) -> None:
    failed = {k: v for k, v in report.items() if isinstance(v, dict) and not v.get("ok")}
    assert not failed, json.dumps(report, indent=2)
    assert report["ok"] is True
    assert report["frozen"] is frozen
    assert report["window"]["size"][0] > 0
    assert report["icon"]["sizes"] == list(ICON_SIZES)
    assert report["translations"]["found"] == SHIPPED_QM
    assert report["translations"]["qt_zh_CN"] is True
    assert report["keyring"]["backend"] == "keyring.backends.SecretService.Keyring"
    assert report["playback"]["state"] == "PlayingState"
    assert report["playback"]["frames"] >= 2 and report["playback"]["position_ms"] > 0


def test_self_check_from_source() -> None:
    report = self_check([sys.executable, "-m", "veo_desktop", "--self-check"])
    assert_all_ok(report, frozen=False)


@pytest.mark.slow
def test_package_builds_and_the_frozen_app_checks_itself(tmp_path: Path) -> None:
    dist, build = tmp_path / "dist", tmp_path / "build"
    started = time.monotonic()
    r = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            "package",
            f"DIST={dist}",
            f"BUILD={build}",
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-5000:]
    app_dir = dist / "veo-desktop"
    exe = app_dir / "veo-desktop"
    assert exe.is_file(), r.stdout
    size = sum(f.stat().st_size for f in app_dir.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"package: built in {time.monotonic() - started:.0f} s, {size / 2**20:.0f} MiB")

    names = [p.name for p in app_dir.rglob("*")]
    assert not [n for n in names if "WebEngine" in n], "QtWebEngine must not be packaged"
    assert size < 500 * 2**20, f"{size / 2**20:.0f} MiB: did something large get pulled in?"
    # The trimmed Qt plugins must not leave a library pointing at one that was dropped.
    plugins = [str(p) for p in (app_dir / "_internal" / "PySide6" / "Qt" / "plugins").rglob("*.so")]
    ldd = subprocess.run(["ldd", *plugins], capture_output=True, text=True)
    assert "not found" not in ldd.stdout, ldd.stdout

    assert_all_ok(self_check([str(exe), "--self-check"]), frozen=True)
    # A real X server too: the xcb platform plugin and its libraries were packaged.
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is missing: run `bash scripts/system-deps.sh`"
    report = self_check(
        [
            xvfb,
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "env",
            "QT_QPA_PLATFORM=xcb",
            str(exe),
            "--self-check",
        ]
    )
    assert report["platform"] == "xcb"
    assert_all_ok(report, frozen=True)
