"""startup_ratio and rss_ratio, from real processes (bench/startup_child.py):

- startup: process start until the main window is shown and the loop first idles, with the
  1,000-job library, divided by the same for a bare PySide6 window importing the Qt modules the
  app had loaded by then;
- rss: resident memory once start-up has settled, 1,000 jobs divided by 0 jobs.

A third start, the bare window that also looks up the Qt classes the app uses (startup_child's
`types`), splits the app's time into what PySide6 itself costs for those widgets and what the
app's own code adds; the note prints both.

Runs are interleaved (bare, app, empty app) so machine noise hits all three alike."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from .common import PYTHON, ROOT, Figure, child_json

SETTLE_S = 2.0
CHILD = str(ROOT / "bench" / "startup_child.py")


def _start(kind: str, arg: str) -> tuple[float, dict[str, object]]:
    start = time.time()
    out = child_json([PYTHON, CHILD, kind, arg, str(SETTLE_S)], 120)
    return float(out["idle"]) - start, out


def run(full: Path, empty: Path, repeats: int) -> tuple[Figure, Figure]:
    _, first = _start("app", str(full))  # warm-up: disk caches, and which Qt modules load
    modules = ",".join(first["modules"])  # type: ignore[arg-type]
    classes = first["qt_classes"]
    with_types = modules + ";" + ",".join(classes)  # type: ignore[arg-type]
    _start("bare", modules)
    ratios, rss_ratios, app_s, bare_s, rss_full, rss_empty = [], [], [], [], [], []
    types_s: list[float] = []
    for _ in range(repeats):
        b, _ = _start("bare", modules)
        t, _ = _start("types", with_types)
        a, out_full = _start("app", str(full))
        _, out_empty = _start("app", str(empty))
        ratios.append(a / b)
        app_s.append(a)
        bare_s.append(b)
        types_s.append(t)
        rss_full.append(int(out_full["rss"]) / 2**20)  # type: ignore[call-overload]
        rss_empty.append(int(out_empty["rss"]) / 2**20)  # type: ignore[call-overload]
        rss_ratios.append(rss_full[-1] / rss_empty[-1])
    app_ms, bare_ms, types_ms = (statistics.median(v) * 1000 for v in (app_s, bare_s, types_s))
    startup = Figure(
        "startup_ratio",
        "start to idle, app with 1,000 jobs ÷ bare PySide6 window",
        ratios,
        1.3,
        note=f"app {app_ms:.0f} ms, bare window {bare_ms:.0f} ms (medians); Qt modules: "
        f"{modules}\n{'':<22}the bare window that also looks up the {len(classes)} Qt classes the "
        f"app uses: {types_ms:.0f} ms ({types_ms / bare_ms:.2f}× bare) before any app code runs",
        detail={
            "app_s": app_s,
            "bare_s": bare_s,
            "bare_with_types_s": types_s,
            "modules": modules,
            "qt_classes": classes,
        },
    )
    rss = Figure(
        "rss_ratio",
        "resident memory after start, 1,000 jobs ÷ 0 jobs",
        rss_ratios,
        1.3,
        note=f"{statistics.median(rss_full):.0f} MiB with 1,000 jobs, "
        f"{statistics.median(rss_empty):.0f} MiB with none (medians, {SETTLE_S:g} s "
        "after the first idle)",
        detail={"rss_full_MiB": rss_full, "rss_empty_MiB": rss_empty},
    )
    return startup, rss
