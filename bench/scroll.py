"""list_scroll_ms_p99: time per frame while the real main window's job list scrolls its 1,000
jobs end to end (pages load and posters arrive as they would for a user flinging the list).

    python -m bench.scroll LIBRARY_DIR   (one run; prints a JSON line)

A frame is: move the scrollbar by STEP_PX, then let the app's loop handle everything that
caused (paint of the exposed rows, paging, poster results) before the next step."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from .common import percentile

STEP_PX = 60  # a brisk fling at 60 frames/s is 3,600 px/s, about 35 rows a second
MAX_FRAMES = 5000


def one_run(library: Path) -> dict[str, object]:
    from PySide6.QtCore import QEvent, QObject, QTimer

    from veo_desktop.app import create_app

    parts = create_app(["--data-dir", str(library)])
    window = parts.window
    window.resize(1240, 760)
    window.show()
    view = window.view
    bar = view.verticalScrollBar()

    class Paints(QObject):
        count = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    paints = Paints()
    view.viewport().installEventFilter(paints)
    frames: list[float] = []
    done = parts.loop.create_future()
    last = [0.0]

    def frame() -> None:
        # Each tick of a zero-interval timer comes after Qt has handled everything the last
        # step caused; the time between two ticks is the frame.
        now = time.perf_counter()
        if last[0]:
            frames.append((now - last[0]) * 1000)
        at_end = bar.value() >= bar.maximum() and not window.model.canFetchMore()
        if at_end or len(frames) >= MAX_FRAMES:
            ticker.stop()
            done.set_result(None)
            return
        last[0] = time.perf_counter()
        bar.setValue(bar.value() + STEP_PX)

    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(frame)
    QTimer.singleShot(2000, ticker.start)  # start-up work settles first
    with parts.loop:
        parts.loop.run_until_complete(done)
        parts.controller.close()
    rows = window.model.rowCount()
    window.posters.close()
    return {
        "frames": len(frames),
        "rows": rows,
        "paints": paints.count,
        "p50_ms": percentile(frames, 50),
        "p99_ms": percentile(frames, 99),
        "max_ms": max(frames),
        "row_px": view.sizeHintForRow(0),
    }


if __name__ == "__main__":
    print(json.dumps(one_run(Path(sys.argv[1]))), flush=True)
    os._exit(0)
