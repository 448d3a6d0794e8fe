"""UI tests: offscreen Qt, pytest-qt's qtbot, and asyncio tests that run on a qasync loop so
`@asyncSlot`s and httpx work inside the Qt event loop as they do in the app."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from .helpers import Rig

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.qpa.*=false")


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> Mapping[str, Any]:
    def qasync_loop() -> asyncio.AbstractEventLoop:
        import qasync
        from PySide6.QtWidgets import QApplication
        from shiboken6 import Shiboken

        # qasync ships no annotations, so its QEventLoop is Any to mypy: subclassing it is the
        # one thing no annotation here can type.
        class ClosingLoop(qasync.QEventLoop):  # type: ignore[misc]
            """qasync's close() only flags its timer object; its Qt timers stay registered
            until the loop object is garbage collected, on whatever thread the collector
            runs ("Timers cannot be stopped from another thread", then a segfault). Delete
            it here, on the GUI thread, when pytest-asyncio closes the loop after a test."""

            def close(self) -> None:
                timer = getattr(self, "_timer", None)
                super().close()
                if timer is not None and Shiboken.isValid(timer):
                    Shiboken.delete(timer)

        app = QApplication.instance() or QApplication([])
        # A test closing its window must not quit the app (and stop the loop under it).
        QApplication.setQuitOnLastWindowClosed(False)
        return ClosingLoop(app)

    return {"qasync": qasync_loop}


async def wait_until(
    predicate: Callable[[], object], timeout: float = 10.0, step: float = 0.02
) -> None:
    """Await a condition inside an async test (qtbot.waitUntil blocks the qasync loop)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        await asyncio.sleep(step)


@pytest_asyncio.fixture
async def rig(qtbot: QtBot, tmp_path: Path) -> AsyncIterator[Rig]:
    """The real window wired to a real simulator, shown; closed and deleted afterwards."""
    from .helpers import make_rig

    r = make_rig(tmp_path)
    r.window.show()
    yield r
    r.close()
    await r.services.aclose()
