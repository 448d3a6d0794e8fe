"""What the batch and storyboard controllers share: the services and price table they read, a
lock for opening their store on first use, the tasks they own, and a line for the status bar."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ..core.owned_tasks import OwnedTasks
from ..core.request.pricing import PriceTable
from ..core.services import Services


class FeatureController(QObject):
    """A feature's controller: its store is opened on first use (a window that never shows the
    feature never opens the file), and its tasks are cancelled when it closes."""

    message = Signal(str)  # for the status bar

    def __init__(
        self, services: Services, prices: Callable[[], PriceTable], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.prices = prices
        self._building = asyncio.Lock()  # the store is opened once, however many ask at once
        self._tasks = OwnedTasks()
