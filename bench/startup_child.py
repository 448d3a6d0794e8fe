"""One start of the real app (or of the bare-window baseline), run as its own process by
`startup.py`: prints one JSON line with the moment the shown window first idled, the PySide6
modules loaded by then, and the resident memory once start-up work has settled.

    python bench/startup_child.py app DATA_DIR SETTLE_S
    python bench/startup_child.py bare MODULES SETTLE_S
    python bench/startup_child.py types MODULES;CLASSES SETTLE_S

`types` is the bare window that also looks up the Qt classes the app's modules use (module.Class,
comma-separated, as the app run reports them). PySide6 builds a class's Python type, with all its
enums, on first lookup; this part of start-up is what any PySide6 window with those widgets pays,
before any of the app's own code runs.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from pathlib import Path


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _qt_classes_used() -> list[str]:
    """The PySide6 classes the app's loaded modules refer to by name."""
    found = set()
    for name, module in list(sys.modules.items()):
        if not name.startswith("veo_desktop"):
            continue
        for value in vars(module).values():
            owner = getattr(value, "__module__", "") or ""
            if isinstance(value, type) and owner.startswith("PySide6.Qt"):
                # The qualified name: a nested enum (QMediaPlayer.MediaStatus) is looked up
                # through its class.
                found.add(f"{owner}:{value.__qualname__}")
    return sorted(found)


def main() -> None:
    kind, arg, settle = sys.argv[1], sys.argv[2], float(sys.argv[3])
    parts = None
    if kind == "app":
        from veo_desktop.app import create_app

        parts = create_app(["--data-dir", arg])
        app, window = parts.app, parts.window
    else:
        modules, _, classes = arg.partition(";")
        for name in filter(None, modules.split(",")):
            importlib.import_module(name)
        for qualified in filter(None, classes.split(",")):
            module, _, path = qualified.partition(":")
            obj: object = importlib.import_module(module)
            for part in path.split("."):
                obj = getattr(obj, part)
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setWindowTitle("bare")
    from PySide6.QtCore import QEvent, QObject, QTimer

    out: dict[str, object] = {}

    class FirstPaint(QObject):
        painted = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    first_paint = FirstPaint()
    # On the window, not the whole application: an application-wide Python filter turns every
    # event of every widget into Python objects, which cost the app's many widgets ~29 ms and
    # the bare window ~2 ms (paired runs), a cost of the instrument, not of either start.
    window.installEventFilter(first_paint)
    window.resize(1240, 760)

    # A zero-interval QTimer fires only once the queue is empty: the loop's first idle.
    idle = QTimer()
    idle.setInterval(0)
    idle.setSingleShot(True)

    def on_idle() -> None:
        if not first_paint.painted:
            idle.start()
            return
        out["idle"] = time.time()
        out["modules"] = sorted(
            m for m in sys.modules if m.startswith("PySide6.Qt") and m.count(".") == 1
        )
        out["qt_classes"] = _qt_classes_used()
        out["rss_idle"] = _rss()
        QTimer.singleShot(int(settle * 1000), finish)

    def finish() -> None:
        out["rss"] = _rss()
        print(json.dumps(out), flush=True)
        os._exit(0)  # the figure is taken; tearing the app down is not part of it

    idle.timeout.connect(on_idle)
    idle.start()
    if parts is not None:
        from veo_desktop.app import run

        run(parts)  # the app's own start: show, resume open jobs, run the asyncio loop
    else:
        window.show()
        app.exec()


if __name__ == "__main__":
    main()
