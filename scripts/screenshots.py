"""Screenshots of the real app for the README: starts Veo Desktop on the offline demo under the
current display (run it under Xvfb), acts like a user (drops two frames into First + Last, types
a prompt, presses Ctrl+Return), waits for the clip to play inline, and grabs the screen.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py OUT_DIR
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from veo_desktop.app import create_app
from veo_desktop.core.journal import JobState
from veo_desktop.core.models import Mode
from veo_desktop.ui.job_model import FrameRole


def frame(path: Path, top: tuple[int, int, int], bottom: tuple[int, int, int], sun: bool) -> Path:
    img = Image.new("RGB", (1280, 720))
    d = ImageDraw.Draw(img)
    for y in range(720):
        t = y / 719
        d.line([(0, y), (1280, y)], fill=tuple(int(a * (1 - t) + b * t)
                                                for a, b in zip(top, bottom, strict=True)))
    if sun:
        d.ellipse((560, 420, 720, 580), fill=(255, 214, 102))
    d.rectangle((0, 600, 1280, 720), fill=(40, 60, 40))
    d.polygon([(300, 600), (420, 470), (540, 600)], fill=(150, 40, 40))
    img.save(path)
    return path


def drop(widget: QWidget, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = widget.rect().center()
    enter = QDragEnterEvent(QPoint(pos), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    QApplication.sendEvent(widget, QDropEvent(pos.toPointF(), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))


async def until(predicate, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.05)


def grab(window: QWidget, out: Path) -> None:
    QApplication.processEvents()
    screen = QGuiApplication.primaryScreen()
    pixmap = screen.grabWindow(window.winId())
    pixmap.save(str(out))
    print(f"saved {out} ({pixmap.width()}x{pixmap.height()})")


def simulator_of(parts):  # type: ignore[no-untyped-def]
    """The demo's in-process gateway (its stop is one of the services' closers)."""
    from veo_desktop.simulator import Simulator

    for close in parts.services._closers:
        owner = getattr(close, "__self__", None)
        if isinstance(owner, Simulator):
            return owner
    raise RuntimeError("not a demo run")


async def finished(win, prompt: str) -> int:  # type: ignore[no-untyped-def]
    """Wait until the job with `prompt` is downloaded and playing inline; its row."""
    model = win.model

    def row() -> int:
        for r in range(model.rowCount()):
            if model.job_at(r).prompt == prompt:
                return r
        return -1

    await until(lambda: row() >= 0 and model.job_at(row()).state is JobState.DOWNLOADED, 120)
    r = row()
    win.view.setCurrentIndex(model.index(r, 0))
    await until(lambda: model.data(model.index(r, 0), FrameRole) is not None, 60)
    return r


async def scenario(parts, out_dir: Path, inputs: Path) -> None:  # type: ignore[no-untyped-def]
    win = parts.window
    await until(lambda: win.isVisible())
    # Bare Xvfb has no window manager to activate the window, and shortcuts need an active one.
    win.activateWindow()
    win.raise_()
    await until(lambda: win.isActiveWindow(), 10)
    grab(win, out_dir / "text-tab.png")

    # 1. First + Last: two frames dropped, a prompt, Ctrl+Return; the clip plays inline.
    QTest.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    tab = win.compose[Mode.FRAMES]
    drop(tab.frames.start, frame(inputs / "dawn.png", (40, 50, 110), (240, 150, 90), True))
    drop(tab.frames.end, frame(inputs / "noon.png", (90, 160, 235), (200, 230, 250), False))
    await until(lambda: bool(tab.frames.start.value() and tab.frames.end.value()))
    first = ("The sun rises over the red barn; the sky turns from dawn to a clear noon blue. "
             "Slow dolly in, birdsong.")
    QTest.keyClicks(tab.prompt, first)
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    model = win.model
    await until(lambda: model.rowCount() == 1)
    await asyncio.sleep(1.0)
    grab(win, out_dir / "job-running.png")
    await finished(win, first)
    await asyncio.sleep(1.5)  # let the inline preview play a little
    grab(win, out_dir / "main-window.png")

    # 2. Chain: the clip's last frame becomes the next First + Last job's start (Ctrl+L).
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    await until(lambda: "last" in Path(tab.frames.start.value() or "x").name, 20)
    drop(tab.frames.end, frame(inputs / "dusk.png", (250, 120, 60), (60, 30, 80), True))
    await until(lambda: tab.frames.end.value() == str(inputs / "dusk.png"))
    tab.prompt.clear()
    second = "Noon fades to a violet dusk over the barn; the sun sinks behind the hill."
    QTest.keyClicks(tab.prompt, second)
    grab(win, out_dir / "chain-last-frame.png")
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await finished(win, second)

    # 3. Remix the first job with a new seed.
    row = next(r for r in range(model.rowCount()) if model.job_at(r).prompt == first)
    win.view.setCurrentIndex(model.index(row, 0))
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    await until(lambda: tab.prompt.toPlainText() == first, 10)
    slots = (tab.frames.start, tab.frames.end)  # the job's own frames come back, read off-thread
    await until(lambda: all(not s.message_label.text() for s in slots), 10)
    old_seed = tab.seed.text()
    tab.dice.click()
    assert tab.seed.text() != old_seed
    grab(win, out_dir / "remix-new-seed.png")
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await until(lambda: model.rowCount() == 3, 20)
    await until(lambda: model.job_at(0).state is JobState.DOWNLOADED, 120)

    # 4. The network goes away; the library still searches and plays.
    simulator_of(parts).stop()
    QTest.keyClicks(win.library_bar.search, "dusk")
    await until(lambda: model.rowCount() == 1 and model.job_at(0).prompt == second, 10)
    win.view.setCurrentIndex(model.index(0, 0))
    await until(lambda: model.data(model.index(0, 0), FrameRole) is not None, 60)
    await asyncio.sleep(1.0)
    grab(win, out_dir / "library-search-offline.png")
    win.library_bar.clear()

    # 5. What it cost, at list prices.
    win.open_spending()
    await asyncio.sleep(0.5)
    dialog = win.findChild(QDialog)
    if dialog is not None:
        grab(dialog, out_dir / "spending.png")
        dialog.close()
    win.close()


def main() -> int:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp)
        parts = create_app(["--demo", "--data-dir", str(inputs / "data")])
        parts.window.resize(1240, 760)
        parts.window.show()
        task = parts.loop.create_task(scenario(parts, out_dir, inputs))
        with parts.loop:
            parts.loop.run_until_complete(task)
            parts.controller.close()
            parts.player.stop()
            parts.loop.run_until_complete(parts.services.aclose())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
