"""Costs ▸ Spending never counts offline-demo jobs as spend: in the demo, and in a later real
session that opens the folder the demo wrote to."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from veo_desktop.ui.dialogs.cost import SpendDialog

from .conftest import wait_until
from .helpers import Rig, make_rig
from .test_job_actions import finished_job


async def spending(rig: Rig) -> SpendDialog:
    rig.window.menus.open_spending()
    await wait_until(lambda: rig.window.findChild(SpendDialog) is not None)
    dlg = rig.window.findChild(SpendDialog)
    assert isinstance(dlg, SpendDialog)
    return dlg


@pytest.mark.asyncio
async def test_demo_jobs_are_not_spend_in_the_demo_or_after_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    demo = make_rig(tmp_path, demo=True)
    try:
        demo.window.show()
        await finished_job(demo, "a demo clip")
        dlg = await spending(demo)
        assert dlg.total.text().startswith("Total: $0.00")
        assert "not billed" in dlg.total.text()
        assert dlg.grid.rowCount() == 0
    finally:
        demo.close()
        await demo.services.aclose()

    real = make_rig(tmp_path, demo=False)  # the same data folder, now a real session
    try:
        real.window.show()
        assert real.services.journal.count() == 1
        dlg = await spending(real)
        assert dlg.total.text().startswith("Total: $0.00") and dlg.grid.rowCount() == 0
    finally:
        real.close()
        await real.services.aclose()


@pytest.mark.asyncio
async def test_real_jobs_are_still_spend(qtbot: QtBot, tmp_path: Path) -> None:
    real = make_rig(tmp_path, demo=False)
    try:
        real.window.show()
        await finished_job(real, "a billed clip")
        dlg = await spending(real)
        assert dlg.grid.rowCount() == 1 and dlg.total.text() != "Total: $0.00"
    finally:
        real.close()
        await real.services.aclose()
