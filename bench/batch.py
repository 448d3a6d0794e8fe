"""batch_preview_ms: a 500-row CSV read, checked and shown in the preview dialog's table (core and
Qt). batch_throughput: a 30-row batch's jobs per minute against a gateway that takes K at once
and answers 429 past that, divided by K per minute."""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image

from veo_desktop.core.batch.pacer import Pacer, PacerPolicy, Pacers
from veo_desktop.core.batch.preview import preview_file
from veo_desktop.core.batch.queue import BatchQueue
from veo_desktop.core.batch.store import BatchStore, RowState
from veo_desktop.core.jobs.poll_step import PollPolicy
from veo_desktop.core.paths import resolve_paths
from veo_desktop.core.request.pricing import PriceTable
from veo_desktop.core.services import build_services
from veo_desktop.simulator import Simulator
from veo_desktop.simulator.handlers import GatewayHandler
from veo_desktop.simulator.jobs import error_body

from .common import Figure

PREVIEW_ROWS = 500
ROWS = 30
LIMIT = 3  # K: what the gateway takes at once
JOBS_AT_ONCE = 5  # the user's setting, above K: the queue has to find the limit from the 429s
JOB_SECONDS = 2.0
POLL_SECONDS = 0.1
# The pacer's backoff at the same share of a job as the app's (4 s of a ~90 s job).
BACKOFF = JOB_SECONDS * 4 / 90


class LimitedSimulator(Simulator):
    """The simulator (documented dialect, real MP4s), taking at most `limit` jobs at once: a
    POST past that is answered 429 and makes nothing."""

    def __init__(self, limit: int, **kw: Any) -> None:
        super().__init__(**kw)
        self.limit = limit
        self.refused = 0
        self.admission = threading.Lock()

    def start(self) -> LimitedSimulator:
        super().start()
        self._servers[0].RequestHandlerClass = LimitedHandler
        return self

    def busy(self) -> int:
        jobs = [self.get(t) for t in self.task_ids]
        return sum(j.state(self.job_seconds) not in ("completed", "failed") for j in jobs if j)


class LimitedHandler(GatewayHandler):
    def do_POST(self) -> None:
        sim = self.sim
        assert isinstance(sim, LimitedSimulator)
        with sim.admission:  # one at a time: two POSTs must not both find the last free slot
            if urlsplit(self.path).path.rstrip("/") == "/v1/video/generations" and (
                sim.busy() >= sim.limit
            ):
                sim.record("gateway", self)
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                sim.refused += 1
                self.send_json(429, error_body("rate_limited"))
                return
            super().do_POST()


# -- batch_preview_ms ------------------------------------------------------------------------------


def _shot_list(folder: Path, rows: int) -> Path:
    """A shot list as a spreadsheet gives it: text rows, and image rows sharing a few frames."""
    frames = folder / "frames"
    frames.mkdir(parents=True, exist_ok=True)
    for n in range(5):
        Image.new("RGB", (1280, 720), (40 * n, 90, 200)).save(frames / f"f{n}.png")
    lines = ["prompt,negative_prompt,model,aspect_ratio,duration,audio,image"]
    for n in range(rows):
        image = f"frames/f{n % 5}.png" if n % 3 == 0 else ""
        lines.append(
            f'"镜头 {n}: a slow dolly shot, rain, neon, 35mm",blur,'
            f"veo3.1-fast-video-720p,16:9,{(4, 6, 8)[n % 3]},{'yes' if n % 2 else 'no'},{image}"
        )
    path = folder / "shots.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def preview_ms(folder: Path) -> tuple[float, float]:
    """(ms to the preview shown and painted, of which ms in core): the file read and checked,
    the table model built and the dialog with its table shown, as File ▸ Import batch… does
    in a running app (Qt loaded, a window already up: the first one's fonts are not counted)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from shiboken6 import Shiboken

    from veo_desktop.ui.batch.preview_dialog import PreviewDialog
    from veo_desktop.ui.batch.preview_model import PreviewModel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    path = _shot_list(folder, PREVIEW_ROWS)
    warm = folder / "warm.txt"
    warm.write_text("a warm-up row\n", "utf-8")
    for file in (warm, path):  # the first: what the app's window has already loaded
        began = time.perf_counter()
        preview = preview_file(file, table=PriceTable.DEFAULT, jobs_at_once=3)
        core = (time.perf_counter() - began) * 1000
        dialog = PreviewDialog(PreviewModel(preview, table=PriceTable.DEFAULT))
        dialog.show()
        app.processEvents()  # laid out and painted
        elapsed = (time.perf_counter() - began) * 1000
        assert dialog.model.rowCount() == len(preview.items)
        dialog.close()
        Shiboken.delete(dialog)
    assert len(preview.sendable) == PREVIEW_ROWS, [i.describe() for i in preview.blocked][:3]
    return elapsed, core


# -- batch_throughput ------------------------------------------------------------------------------


async def _throughput(folder: Path) -> dict[str, float]:
    shots = folder / "shots.txt"
    shots.write_text("".join(f"batch shot {n}\n" for n in range(ROWS)), "utf-8")
    with LimitedSimulator(LIMIT, job_seconds=JOB_SECONDS, max_height=144) as sim:
        policy = PollPolicy(first_delay=POLL_SECONDS, factor=1.0, max_delay=POLL_SECONDS)
        services = build_services(
            sim.base_url, paths=resolve_paths(folder / "data"), key=lambda: "bench", policy=policy
        )
        services.runner.set_max_concurrent(JOBS_AT_ONCE)
        store = BatchStore(services.paths.data_dir / "batches.sqlite3")
        pacers = Pacers(JOBS_AT_ONCE, lambda n: Pacer(n, PacerPolicy(first_backoff=BACKOFF)))
        queue = BatchQueue(store, services.runner, pacers)
        try:
            preview = preview_file(shots, table=PriceTable.DEFAULT)
            batch = await queue.add(preview.source, preview.items)
            began = time.monotonic()
            rows = await queue.run(batch.id)
            elapsed = time.monotonic() - began
        finally:
            await queue.aclose()
            store.close()
            await services.aclose()
        done = sum(r.state is RowState.DONE for r in rows)
        per_minute = done / elapsed * 60
        limit_per_minute = LIMIT / JOB_SECONDS * 60
        return {
            "ratio": per_minute / limit_per_minute,
            "jobs_per_minute": per_minute,
            "seconds": elapsed,
            "lost": ROWS - done,
            "duplicate_posts": len(sim.task_ids) - done,
            "refused_posts": sim.refused,
        }


def run(repeats: int) -> list[Figure]:
    previews, cores, runs = [], [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="veo-bench-batch-") as tmp:
            shown, core = preview_ms(Path(tmp))
            previews.append(shown)
            cores.append(core)
        with tempfile.TemporaryDirectory(prefix="veo-bench-batch-") as tmp:
            runs.append(asyncio.run(_throughput(Path(tmp))))
    lost = sum(int(r["lost"]) for r in runs)
    duplicates = sum(int(r["duplicate_posts"]) for r in runs)
    refused = statistics.median(r["refused_posts"] for r in runs)
    return [
        Figure(
            "batch_preview_ms",
            f"a {PREVIEW_ROWS}-row CSV (a third with images) to the preview dialog shown: "
            "import, checks, table model and view",
            previews,
            300,
            unit=" ms",
            note=f"of which core (import + checks + costs) {statistics.median(cores):.0f} ms",
        ),
        Figure(
            "batch_throughput",
            f"{ROWS}-row batch, jobs/min ÷ the gateway's limit ({LIMIT} at once, 429 past that, "
            f"{JOB_SECONDS:g} s jobs; jobs at once set to {JOBS_AT_ONCE})",
            [r["ratio"] for r in runs],
            0.8,
            higher_is_better=True,
            note=f"{lost} lost, {duplicates} duplicate POSTs in all runs; a median of "
            f"{refused:g} POSTs refused (429) per run, each sent again",
            detail={"runs": runs},
        ),
    ]


if __name__ == "__main__":
    for figure in run(1):
        print(figure.line())
