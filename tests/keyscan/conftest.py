"""The key scan runs on its own, after the whole suite has left its files behind (see
scripts/run-tests.sh); in a normal run it is not collected."""

from __future__ import annotations

import os

collect_ignore = [] if os.environ.get("VEO_KEY_SCAN") == "1" else ["test_key_scan.py"]
