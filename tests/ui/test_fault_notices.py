"""What the window tells the user when the gateway misbehaves mid-job: a rejected key pauses the
job and asks for a new key (nothing failed); a create whose answer never came is marked
uncertain, said so, and not sent again."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.keys import FAULT_KEY
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.ui.jobs.row_text import status_text

from .conftest import wait_until
from .helpers import make_rig

REQ = GenerationRequest(Mode.TEXT, Model.FAST_720P, "a notice for the user", duration=4)


@pytest.mark.asyncio
async def test_401_mid_way_pauses_and_asks_for_a_new_key(qtbot: QtBot, tmp_path: Path) -> None:
    rig = make_rig(tmp_path, key=FAULT_KEY)
    asked: list[str] = []
    rig.controller.key_rejected.connect(asked.append)
    try:
        job = await rig.controller.submit_now(REQ)
        assert job is not None
        rig.sim.faults.unauthorized_polls_next = 1000
        await wait_until(lambda: bool(asked), timeout=15)
        stored = rig.services.journal.get(job.id)
        assert stored and stored.state is JobState.PAUSED  # paused, not failed
        assert "new key" in asked[0] and "Settings" in asked[0]
        assert "key rejected" in status_text(stored).lower()
        assert "new key" in rig.window.statusBar().currentMessage()
        from veo_desktop.ui.dialogs.settings_dialog import SettingsDialog

        dialogs = rig.window.findChildren(SettingsDialog)
        assert len(dialogs) == 1 and dialogs[0].isVisible()  # asked once, however many polls
        assert "new key" in dialogs[0].error.text()
        dialogs[0].reject()
        # The user saves a new key: the paused job carries on, with no second POST.
        rig.sim.faults.unauthorized_polls_next = 0
        rig.controller.resume_paused()
        await wait_until(
            lambda: (
                (stored := rig.services.journal.get(job.id)) is not None
                and stored.state is JobState.DOWNLOADED
            ),
            timeout=15,
        )
        assert rig.sim.post_count == 1
    finally:
        rig.close()
        await rig.services.aclose()


@pytest.mark.asyncio
async def test_uncertain_submission_is_told_and_not_resent(qtbot: QtBot, tmp_path: Path) -> None:
    rig = make_rig(tmp_path, key=FAULT_KEY)
    told: list[str] = []
    rig.controller.submit_failed.connect(told.append)
    rig.services.client._create_timeout = 0.5  # the gateway takes the job, then hangs
    rig.sim.faults.hang_after_post = 3.0
    try:
        assert await rig.controller.submit_now(REQ) is None
        assert told and "not sent again" in told[0]
        [job] = rig.services.journal.newest()
        assert job.state is JobState.UNCERTAIN
        assert "uncertain" in status_text(job).lower()
        assert not rig.controller.submitting  # the window is not left busy
        rig.controller.resume_all()  # a restart's resume leaves it alone
        await wait_until(lambda: not rig.controller._tasks, timeout=5)
        assert rig.sim.post_count == 1
    finally:
        rig.close()
        await rig.services.aclose()
