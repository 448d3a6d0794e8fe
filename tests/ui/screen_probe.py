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


def on_screen(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


async def probe(parent: Path, mode: Mode, size: str | None) -> dict[str, object]:
    rig = make_rig(parent)
    win = rig.window
    try:
        if size:
            w, h = (int(v) for v in size.split("x"))
            win.resize(w, h)
        win.show()
        tab = win.show_tab(mode)
        await asyncio.sleep(0.5)
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
