"""Run by test_small_screens.py in a child process, because the screen size and scale are fixed
when Qt starts: opens the real window on the offscreen platform, shows a tab, and prints what a
user would see as one JSON line (window and screen sizes, where Generate and the slots are).

    python tests/ui/screen_probe.py DATA_PARENT MODE [WIDTHxHEIGHT]
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ui.helpers import make_rig
from veo_desktop.core.request.models import Mode
from veo_desktop.ui.compose.tab import ComposeTab
from veo_desktop.ui.main_window import MainWindow


def on_screen(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def measure(win: MainWindow, tab: ComposeTab) -> dict[str, object]:
    screen: QRect = win.screen().availableGeometry()
    frames = tab.frames
    scroll = tab.findChild(QScrollArea)
    assert scroll is not None
    viewport = scroll.viewport()
    out: dict[str, object] = {
        "dpr": win.devicePixelRatioF(),
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "window": [win.x(), win.y(), win.width(), win.height()],
        "minimum": [win.minimumSize().width(), win.minimumSize().height()],
        "generate": on_screen(tab.submit),
        "sideways_scroll": scroll.horizontalScrollBar().isVisible(),
        "viewport_width": viewport.width(),
    }
    if frames is not None:
        end = frames.end
        out["end_right"] = end.mapTo(viewport, QPoint(end.width(), 0)).x()
    return out


async def settled(win: MainWindow, tab: ComposeTab, timeout: float = 10.0) -> dict[str, object]:
    """What the user sees once the window is on screen and laid out: the same reading twice in a
    row, 50 ms apart."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last: dict[str, object] | None = None
    while True:
        await asyncio.sleep(0.05)
        handle = win.windowHandle()
        now = measure(win, tab) if handle is not None and handle.isExposed() else None
        if now is not None and now == last:
            return now
        assert loop.time() < deadline, f"the window did not settle within {timeout} s: {now}"
        last = now


async def probe(parent: Path, mode: Mode, size: str | None) -> dict[str, object]:
    rig = make_rig(parent)
    win = rig.window
    try:
        if size:
            w, h = (int(v) for v in size.split("x"))
            win.resize(w, h)
        win.show()
        return await settled(win, win.show_tab(mode))
    finally:
        rig.close()
        await rig.services.aclose()


def main() -> None:
    parent, mode = Path(sys.argv[1]), Mode(sys.argv[2])
    size = sys.argv[3] if len(sys.argv) > 3 else None
    app = QApplication([])
    loop = qasync.QEventLoop(app)
    with loop:
        result = loop.run_until_complete(probe(parent, mode, size))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
