"""polls_per_job: how many status polls the real runner (core/jobs/runner.py, default policy)
sends for a job the gateway takes 6 minutes to finish. Time is simulated: the runner's clock and
sleep are a virtual clock, the gateway is an httpx.MockTransport that answers queued, then
running with progress, then completed at 360 s, and serves the MP4."""

from __future__ import annotations

import asyncio
import functools
import json
import tempfile
from pathlib import Path

import httpx

from veo_desktop.core.gateway.client import GatewayClient
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.jobs.runner import JobRunner
from veo_desktop.core.library.store import Library
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.simulator.clips import render_clip

from .common import Figure

JOB_SECONDS = 360.0


@functools.cache
def _mp4() -> bytes:
    """A real one-second clip: a download is decoded to its end before it is kept."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "clip.mp4"
        render_clip(path, prompt="polls", duration=1, audio=False, max_height=144)
        return path.read_bytes()


class VirtualClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def _one(folder: Path, job_seconds: float) -> int:
    clock = VirtualClock()
    created_at: list[float] = []
    polls = 0

    def gateway(request: httpx.Request) -> httpx.Response:
        nonlocal polls
        path = request.url.path
        if request.method == "POST":
            created_at.append(clock())
            return httpx.Response(200, json={"id": "task_bench", "status": "queued"})
        if path.endswith("/content") or request.url.host == "video.test":
            return httpx.Response(200, content=_mp4(), headers={"content-type": "video/mp4"})
        if not created_at:  # the dialect probe before the first job: a task that does not exist
            return httpx.Response(404, json={"error": {"message": "task not found"}})
        polls += 1
        elapsed = clock() - created_at[0]
        if elapsed >= job_seconds:
            reply = {
                "id": "task_bench",
                "status": "completed",
                "progress": 100,
                "video_url": "http://video.test/task_bench.mp4",
            }
        else:
            reply = {
                "id": "task_bench",
                "status": "running",
                "progress": int(100 * elapsed / job_seconds),
            }
        return httpx.Response(200, json=reply)

    async with httpx.AsyncClient(transport=httpx.MockTransport(gateway)) as http:
        client = GatewayClient(
            "https://gateway.test",
            http,
            lambda: "bench-key",
            sleep=clock.sleep,
            downloads=httpx.Client(transport=httpx.MockTransport(gateway)),
        )
        journal = Journal(folder / "journal.sqlite3")
        runner = JobRunner(
            client, journal, Library(folder / "library"), sleep=clock.sleep, clock=clock
        )
        req = GenerationRequest(Mode.TEXT, Model.FAST_720P, prompt="a six-minute job")
        job = await runner.run(req)
        journal.close()
        assert job.state.value == "downloaded", job
    return polls


def run(repeats: int) -> Figure:
    samples = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            samples.append(float(asyncio.run(_one(Path(tmp), JOB_SECONDS))))
    return Figure(
        "polls_per_job",
        "status polls for a 6-minute job (virtual clock)",
        samples,
        40,
        note="deterministic: the default PollPolicy, 3 s rising ×1.25 to 15 s",
    )


if __name__ == "__main__":
    print(json.dumps(run(1).record()))
