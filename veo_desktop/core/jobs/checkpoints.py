"""Named points in a job's life where the crash-safety test freezes the process to SIGKILL it
there (tests/e2e/test_crash_safety.py); off unless `VEO_TEST_HOLD` names the point."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

# Points: `encoding` (row written, images about to be prepared, nothing sent), `posted` (task id
# committed), `downloaded` (the `.part` file is whole, not yet renamed), `renamed` (the MP4 is
# in the library, sidecar and journal not yet written). Off, a point costs one environment
# lookup; on, the process writes the point's name to `VEO_TEST_HOLD_FILE` and sleeps until the
# test kills it.
HOLD_ENV = "VEO_TEST_HOLD"
HOLD_FILE_ENV = "VEO_TEST_HOLD_FILE"


async def reached(point: str) -> None:
    if os.environ.get(HOLD_ENV) != point:
        return
    where = os.environ.get(HOLD_FILE_ENV)
    if where:
        Path(where).write_text(point, encoding="utf-8")
    await asyncio.sleep(3600)  # the test kills us here
