"""compare_drift_ms and compare_heartbeat_p99_ms_2 / _4: 1080p 8 s takes playing in the compare
window of the real app (create_app, its qasync loop) for 8 s, the window opened from the app's
window as the job menu's Compare does.

    python -m bench.compare WORK_DIR N   (one run with N takes; prints a JSON line)

Drift is each follower's position minus the master's, as the compare's own clock measures it (the
frame on screen plus the time since it came, SyncGroup.drifts), read on every heartbeat; the
heartbeat is how late a 5 ms PreciseTimer fires, as in heartbeat.py. RSS is read before compare
opens, every 100 ms while it plays, and 2 s after it closes."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

from .common import PYTHON, Figure, child_json, percentile, rss_bytes

TAKES = 4
PLAY_S = 8.0
INTERVAL_MS = 5
AFTER_CLOSE_S = 2.0


def make_data(work: Path) -> Path:
    """Four 1080p 8 s takes (sound on, as Veo returns them) in a journal of their own."""
    from veo_desktop.core.config import SharedSettings
    from veo_desktop.core.jobs.job import JobState
    from veo_desktop.core.jobs.journal import Journal
    from veo_desktop.core.request.models import Mode, Model
    from veo_desktop.simulator.clips import render_clip

    data = work / "compare-data"
    if data.exists():
        return data
    clips = work / "compare-clips"
    clips.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True)
    SharedSettings(base_url="http://127.0.0.1:9").save(data / "settings.json")
    journal = Journal(data / "journal.sqlite3")
    for i in range(TAKES):
        clip = clips / f"take-1080p-{i}.mp4"
        prompt = "a harbour at dawn"
        render_clip(clip, prompt=prompt, resolution="1080p", duration=8, seed=i, max_height=1080)
        job = journal.create(
            mode=Mode.TEXT,
            model=Model.STANDARD_1080P.value,
            prompt=f"a harbour at dawn, take {i + 1}",
            negative_prompt="",
            request={"mode": "text", "seed": i},
        )
        journal.update(job.id, state=JobState.DOWNLOADED, video_path=str(clip), progress=100)
    journal.close()
    return data


def one_run(work: Path, takes: int) -> dict[str, object]:
    from PySide6.QtCore import Qt, QTimer

    from veo_desktop.app import create_app
    from veo_desktop.ui.compare import open_compare

    parts = create_app(["--data-dir", str(make_data(work))])
    window = parts.window
    window.resize(1240, 760)
    window.show()
    out: dict[str, object] = {"takes": takes}
    late: list[float] = []
    drift: list[float] = []
    worst = [0.0, 0.0, 0.0]  # the largest drift, when (s into the window) and where (clip ms)
    rss: list[int] = []

    async def scenario() -> None:
        await asyncio.sleep(2.0)  # start-up and its warm-up settle
        gc.collect()
        out["rss_start_mb"] = rss_bytes() / 2**20
        model = window.model
        jobs = [model.job_at(r) for r in range(model.rowCount())][:takes]
        compare = open_compare(window, jobs, player=parts.player)
        group = compare.group
        deadline = time.perf_counter() + 20
        while not group.drifts():  # playing, every take on screen and settled
            if time.perf_counter() > deadline:
                raise RuntimeError("compare did not start playing within 20 s")
            await asyncio.sleep(0.01)

        beat = QTimer()
        beat.setTimerType(Qt.TimerType.PreciseTimer)
        beat.setInterval(INTERVAL_MS)
        last = [time.perf_counter()]
        start = [last[0]]

        def on_beat() -> None:
            now = time.perf_counter()
            late.append(max(0.0, (now - last[0]) * 1000 - INTERVAL_MS))
            last[0] = now
            for d in group.drifts().values():
                drift.append(abs(d))
                if abs(d) > worst[0]:
                    worst[:] = [abs(d), now - start[0], group.position_ms() or 0.0]

        memory = QTimer()
        memory.setInterval(100)
        memory.timeout.connect(lambda: rss.append(rss_bytes()))
        beat.timeout.connect(on_beat)
        beat.start()
        memory.start()
        await asyncio.sleep(PLAY_S)
        beat.stop()
        memory.stop()
        compare.close()
        await asyncio.sleep(AFTER_CLOSE_S)
        gc.collect()
        out["rss_after_close_mb"] = rss_bytes() / 2**20

    with parts.loop:
        parts.loop.run_until_complete(scenario())
        parts.controller.close()
    out.update(
        beats=len(late),
        p99_ms=percentile(late, 99),
        max_ms=max(late) if late else float("nan"),
        drift_samples=len(drift),
        drift_max_ms=max(drift) if drift else float("nan"),
        drift_p99_ms=percentile(drift, 99),
        drift_max_at_s=worst[1],
        drift_max_at_clip_ms=worst[2],
        rss_peak_mb=max(rss) / 2**20 if rss else float("nan"),
    )
    return out


def run(work: Path, repeats: int) -> list[Figure]:
    make_data(work)  # rendered once, before any timing
    runs: dict[int, list[dict[str, object]]] = {2: [], 4: []}
    for _ in range(repeats):  # interleaved, so machine noise hits both alike
        for n in runs:
            runs[n].append(child_json([PYTHON, "-m", "bench.compare", str(work), str(n)], 300))

    def values(n: int, key: str) -> list[float]:
        return [float(r[key]) for r in runs[n]]  # type: ignore[arg-type]

    def mb(n: int, key: str) -> str:
        return f"{statistics.median(values(n, key)):.0f} MB"

    what = "5 ms timer lateness while {n} 1080p takes play in compare (8 s)"
    return [
        Figure(
            "compare_drift_ms",
            "largest drift of two 1080p takes from the master clock, 8 s in compare",
            values(2, "drift_max_ms"),
            42,
            unit=" ms",
            note=f"p99 of the drift samples {statistics.median(values(2, 'drift_p99_ms')):.1f} ms"
            f", {runs[2][0]['drift_samples']} samples per run",
            detail={"runs": runs[2]},
        ),
        Figure(
            "compare_heartbeat_p99_ms_2",
            what.format(n=2),
            values(2, "p99_ms"),
            16,
            unit=" ms",
            note=f"RSS with 2 takes: {mb(2, 'rss_start_mb')} before, {mb(2, 'rss_peak_mb')} peak, "
            f"{mb(2, 'rss_after_close_mb')} 2 s after close",
        ),
        Figure(
            "compare_heartbeat_p99_ms_4",
            what.format(n=4),
            values(4, "p99_ms"),
            16,
            unit=" ms",
            note=f"RSS with 4 takes: {mb(4, 'rss_start_mb')} before, {mb(4, 'rss_peak_mb')} peak, "
            f"{mb(4, 'rss_after_close_mb')} 2 s after close; worst beat "
            f"{statistics.median(values(4, 'max_ms')):.0f} ms (median of runs)",
            detail={"runs": runs[4]},
        ),
    ]


if __name__ == "__main__":
    print(json.dumps(one_run(Path(sys.argv[1]), int(sys.argv[2]))), flush=True)
    os._exit(0)
