"""heartbeat_p99_ms / heartbeat_max_ms: how late a 5 ms Qt timer fires while the real app
(create_app: window, controller, runner and HTTP clients, on its qasync loop) downloads 200 MB,
polls 20 running jobs against the simulator and prepares a 20 MB image for an Image job.

    python -m bench.heartbeat LIBRARY_DIR WORK_DIR   (one run; prints a JSON line)

The simulator and the file server are separate processes (a real gateway is not in the app's
process); the simulator runs niced so its clip rendering does not steal the measured app's
CPU on a 2-core machine."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from .common import percentile
from .download import make_file
from .procs import server

RUNNING_JOBS = 20
INTERVAL_MS = 5
MIN_WINDOW_S = 6.0


def make_image(path: Path) -> Path:
    """~20 MB PNG of noise (incompressible, so the file really is that big)."""
    if not path.exists():
        from PIL import Image

        side = 2600  # 2600² × 3 bytes ≈ 20 MB
        Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
            path, compress_level=1
        )
    return path


def one_run(library: Path, work: Path) -> dict[str, object]:
    big = make_file(work / "big.mp4")
    image = make_image(work / "big-image.png")
    data = work / "hb-data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(library, data)
    with server("sim", "600") as sim_port, server("file", str(big)) as file_port:
        base = f"http://127.0.0.1:{sim_port}"
        settings = json.loads((data / "settings.json").read_text())
        settings["base_url"] = base
        settings["max_concurrent_jobs"] = RUNNING_JOBS + 2
        (data / "settings.json").write_text(json.dumps(settings))
        return _measure(data, f"http://127.0.0.1:{file_port}/big.mp4", image)


def _measure(data: Path, big_url: str, image: Path) -> dict[str, object]:
    from PySide6.QtCore import Qt, QTimer

    from veo_desktop.app import create_app
    from veo_desktop.core.jobs.job import JobState
    from veo_desktop.core.jobs.poll_step import PollPolicy
    from veo_desktop.core.request.models import GenerationRequest, Mode, Model

    parts = create_app(["--data-dir", str(data)])
    window, controller, runner = parts.window, parts.controller, parts.services.runner
    # Polls every second (the real policy starts at 3 s): more load in the window, not less.
    runner.policy = PollPolicy(first_delay=1.0, factor=1.0, max_delay=1.0)
    window.resize(1240, 760)
    window.show()

    late: list[float] = []
    when: list[float] = []  # when each late beat came, from the start of the window
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(INTERVAL_MS)
    last = [0.0]
    window_start = [0.0]

    def on_beat() -> None:
        now = time.perf_counter()
        if last[0]:
            late.append(max(0.0, (now - last[0]) * 1000 - INTERVAL_MS))
            when.append(now - window_start[0])
        last[0] = now

    beat.timeout.connect(on_beat)
    out: dict[str, object] = {}

    async def scenario() -> None:
        for i in range(RUNNING_JOBS):
            req = GenerationRequest(
                Mode.TEXT, Model.FAST_720P, prompt=f"bench running job {i}", duration=4
            )
            job = await controller.submit_now(req)
            assert job is not None, "the simulator refused a job"
        await asyncio.sleep(3.0)  # let the (niced) simulator render before we measure
        journal = parts.services.journal
        big = journal.create(
            mode=Mode.TEXT,
            model=Model.FAST_720P.value,
            prompt="200 MB clip",
            negative_prompt="",
            request={"mode": "text"},
        )
        journal.update(
            big.id,
            state=JobState.COMPLETED,
            task_id="task_bench_big",
            video_url=big_url,
            progress=100,
        )
        polls_before = sum(j.poll_count for j in journal.newest(limit=RUNNING_JOBS + 5))
        beat.start()
        start = window_start[0] = time.perf_counter()

        async def timed(aw: Any, name: str) -> Any:
            result = await aw
            out[name] = time.perf_counter() - start
            return result

        image_job = controller.submit_now(
            GenerationRequest(
                Mode.IMAGE,
                Model.FAST_720P,
                prompt="from a 20 MB image",
                image=str(image),
                duration=4,
            )
        )
        # The Image tab's slot reads the same file (thumbnail, size) as a drop would.
        window.compose[Mode.IMAGE].frames.start.set_value(str(image))
        downloaded = asyncio.ensure_future(runner.download(big.id))
        results = await asyncio.gather(
            timed(image_job, "image_job_s"), timed(downloaded, "download_s")
        )
        busy = time.perf_counter() - start
        await asyncio.sleep(max(0.0, MIN_WINDOW_S - busy))
        beat.stop()
        polls = sum(j.poll_count for j in journal.newest(limit=RUNNING_JOBS + 5))
        out.update(
            busy_s=busy,
            downloaded=results[1].state.value,
            image_job=results[0] is not None,
            polls_in_window=polls - polls_before,
            window_s=time.perf_counter() - start,
        )

    with parts.loop:
        parts.loop.run_until_complete(scenario())
        controller.close()
    out.update(
        beats=len(late),
        p99_ms=percentile(late, 99),
        max_ms=max(late) if late else float("nan"),
        max_at_s=when[late.index(max(late))] if late else float("nan"),
        over_16ms_at_s=[round(w, 2) for w, v in zip(when, late, strict=True) if v > 16],
        p50_ms=percentile(late, 50),
    )
    return out


if __name__ == "__main__":
    print(json.dumps(one_run(Path(sys.argv[1]), Path(sys.argv[2]))), flush=True)
    os._exit(0)
