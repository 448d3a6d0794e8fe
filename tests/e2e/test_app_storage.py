"""The app with a data folder it cannot use says so in one line and exits, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_an_unusable_data_folder_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the data folder should be")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEO_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    r = subprocess.run(
        [sys.executable, "-m", "veo_desktop", "--data-dir", str(blocker / "data")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    said = [line for line in r.stderr.splitlines() if line.startswith("veo-desktop:")]
    assert len(said) == 1 and str(blocker / "data") in said[0] and "--data-dir" in said[0]
