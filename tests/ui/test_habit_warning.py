"""The window warns before sending a job that relies on what this gateway's clips failed to
deliver: a First + Last tab after a clip whose end frame was not followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from veo_desktop.core.checks import habits
from veo_desktop.core.checks.result import Check
from veo_desktop.core.request.models import GenerationRequest, Mode, Model

from .conftest import wait_until
from .helpers import Rig, png


@pytest.mark.asyncio
async def test_a_first_last_tab_is_warned_once_the_gateway_dropped_an_end_frame(
    rig: Rig, tmp_path: Path
) -> None:
    win = rig.window
    tab = win.show_tab(Mode.FRAMES)
    start, end = png(tmp_path / "a.png", (200, 40, 40)), png(tmp_path / "b.png", (40, 40, 200))
    req = GenerationRequest(
        Mode.FRAMES, Model.FAST_720P, "dawn to dusk", image=str(start), last_image=str(end)
    )
    win.load_request(req)
    await wait_until(
        lambda: tab.request().image is not None and tab.request().last_image is not None
    )
    warning = "end frame not followed on 1 of 1 First + Last jobs"
    assert warning not in tab.findings_text()

    client = rig.services.client
    record = {"image": str(start), "last_image": str(end)}
    checks = [Check("start_frame", True), Check("end_frame", False, "≤ 0.40", "0.93")]
    habits.record(client.profiles, client.base_url, "j0", Mode.FRAMES, record, checks)
    tab.prompt.setPlainText("dawn to dusk, slowly")  # any edit refreshes the findings

    await wait_until(lambda: warning in tab.findings_text())
    assert tab.submit.isEnabled()  # a warning, not a block: the user may still send it
