"""The real window on a real X display: collected only in the run scripts/run-tests.sh starts
under Xvfb with a window manager (VEO_DESKTOP_SESSION=1), never in the offscreen run, so a
developer's `make test` does not open windows on their own screen."""

from __future__ import annotations

import os

if os.environ.get("VEO_DESKTOP_SESSION") != "1":
    collect_ignore_glob = ["test_*.py"]
