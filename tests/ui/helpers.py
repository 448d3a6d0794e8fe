"""Helpers for UI tests: simulated drops, and a window wired to a real simulator."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from veo_desktop.core.jobs.poll_step import PollPolicy
from veo_desktop.core.paths import Paths
from veo_desktop.core.request.pricing import mark_demo_data
from veo_desktop.core.secrets import KeyStore
from veo_desktop.core.services import Services, build_services
from veo_desktop.simulator import Simulator
from veo_desktop.ui.jobs.controller import JobController
from veo_desktop.ui.main_window import MainWindow
from veo_desktop.ui.player.player import Player
from veo_desktop.ui.settings import open_store


def png(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (320, 180)) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


def file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop(widget: QWidget, mime: QMimeData) -> bool:
    """A drag entering the widget and a drop at its centre; True when the drop was taken."""
    pos = QPointF(widget.rect().center())
    enter = QDragEnterEvent(
        pos.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def controller_for(services: Services) -> JobController:
    """The controller the app builds over `services` (for a dialog tested on its own)."""
    return JobController(services.runner, services.journal)


@dataclass
class Rig:
    sim: Simulator
    services: Services
    controller: JobController
    player: Player
    window: MainWindow

    def close(self) -> None:
        """Tear down in order on the GUI thread: the window (its closeEvent still uses the
        player), then the parentless player and controller. Deleted right here: a deleteLater
        posted from inside a running qasync loop is not processed by sendPostedEvents, and a
        window left to Python's garbage collector is destroyed on whatever thread runs it,
        taking its children's timers (a focused line edit's cursor blink) along: "Timers
        cannot be stopped from another thread", then a segfault."""
        from shiboken6 import Shiboken

        self.window.close()
        self.controller.close()
        self.player.stop()
        self.sim.stop()
        for obj in (self.window, self.player, self.controller):
            if Shiboken.isValid(obj):
                Shiboken.delete(obj)


def make_rig(
    tmp_path: Path,
    *,
    key: str | None = "sk-ui-test",
    job_seconds: float = 0.6,
    demo: bool = True,
    keystore: KeyStore | None = None,
) -> Rig:
    """`key=None` reads the key from `keystore` (the real keyring unless one is given)."""
    sim = Simulator(job_seconds=job_seconds, max_height=144).start()
    d = tmp_path / "data"
    paths = Paths(d, d / "library", d, d / "logs")
    services = build_services(
        sim.base_url,
        paths=paths,
        key=(lambda: key) if key is not None else None,
        keystore=keystore,
        policy=PollPolicy(
            first_delay=0.2, max_delay=0.3, download_retry_first=0.1, download_retry_max=0.2
        ),
    )
    if demo:  # as demo.build_demo_services does for the app and `veo --demo`
        mark_demo_data(d)
    controller = JobController(services.runner, services.journal)
    player = Player()
    store = open_store(str(d / "window.ini"))
    window = MainWindow(services, controller, player, store, demo=demo)
    return Rig(sim, services, controller, player, window)
