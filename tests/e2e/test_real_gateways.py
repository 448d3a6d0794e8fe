"""Every job a gateway accepted reaches the library, whatever its dialect (issue 14): the same
core objects the app and the CLI use, against the simulator speaking each real gateway's
dialect (docs/gateway-contract.md)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import TEST_KEY, Cli, cli_env, fast_policy, solid_png
from veo_desktop.core.gateway.client import GatewayClient, RetryPolicy
from veo_desktop.core.gateway.dialects import Dialect
from veo_desktop.core.jobs.followups import retry_choices
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.jobs.runner import JobRunner
from veo_desktop.core.library.store import Library
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.simulator import DIALECTS, Faults, Simulator


@pytest.fixture(params=DIALECTS)
def gateway(request: pytest.FixtureRequest) -> Iterator[Simulator]:
    with Simulator(job_seconds=0.8, max_height=144, dialect=request.param, task_row_delay=0.5) as s:
        yield s


@dataclass
class Rig:
    sim: Simulator
    runner: JobRunner
    client: GatewayClient

    async def run(self, req: GenerationRequest) -> Job:
        job = await self.runner.submit(req)
        return await self.runner.watch(job.id)

    def assert_downloaded(self, job: Job) -> None:
        assert job.state is JobState.DOWNLOADED, (job.state, job.error_message)
        assert job.task_id and job.video_path
        assert Path(job.video_path).read_bytes() == self.sim.served_bytes(job.task_id)


@asynccontextmanager
async def rig(sim: Simulator, tmp_path: Path, grace: float = 30.0) -> AsyncIterator[Rig]:
    http = httpx.AsyncClient(timeout=httpx.Timeout(20.0, connect=5.0))
    client = GatewayClient(
        sim.base_url,
        http,
        lambda: TEST_KEY,
        retry=RetryPolicy(attempts=4, base_delay=0.05, max_delay=0.2, max_retry_after=2.0),
        downloads=httpx.Client(timeout=httpx.Timeout(20.0, connect=5.0)),
    )
    journal = Journal(tmp_path / "journal.sqlite3")
    policy = fast_policy(
        grace, content_first_delay=0.1, content_max_delay=0.2, content_retry_seconds=1.0
    )
    runner = JobRunner(client, journal, Library(tmp_path / "library"), policy=policy)
    try:
        yield Rig(sim, runner, client)
    finally:
        await http.aclose()
        client.downloads.close()
        journal.close()


def requests_for(tmp_path: Path) -> list[GenerationRequest]:
    start = str(solid_png(tmp_path / "start.png", (200, 40, 40)))
    end = str(solid_png(tmp_path / "end.png", (40, 40, 200)))
    refs = tuple(str(solid_png(tmp_path / f"r{i}.png", (60 * i, 90, 90))) for i in range(3))
    m = Model.FAST_720P
    return [
        GenerationRequest(Mode.TEXT, m, "a lighthouse at dawn", duration=4),
        GenerationRequest(Mode.IMAGE, m, "the waves rise", image=start, duration=4),
        GenerationRequest(Mode.FRAMES, m, "dawn to dusk", image=start, last_image=end, duration=4),
        GenerationRequest(Mode.REFERENCE, m, "the keeper walks", images=refs, duration=8),
    ]


@pytest.mark.asyncio
async def test_every_mode_completes_with_the_clip_that_was_served(
    gateway: Simulator, tmp_path: Path
) -> None:
    async with rig(gateway, tmp_path) as r:
        for req in requests_for(tmp_path):
            r.assert_downloaded(await r.run(req))
        # Extension needs the gateway's link to the source clip.
        jobs = r.runner.journal.newest(limit=10)
        source = next(j for j in jobs if j.mode is Mode.TEXT)
        video = source.video_url or r.client.content_url(source.task_id or "")
        ext = GenerationRequest(Mode.EXTEND, Model.FAST_720P, "then it rains", video=video)
        r.assert_downloaded(await r.run(ext))
        assert gateway.post_count == 5


@pytest.mark.asyncio
async def test_the_dialect_is_learnt_before_the_first_job_and_settings_reach_the_model(
    gateway: Simulator, tmp_path: Path
) -> None:
    req = GenerationRequest(
        Mode.TEXT,
        Model.FAST_720P,
        "a lighthouse at noon",
        aspect_ratio="9:16",
        duration=4,
        generate_audio=False,
        negative_prompt="fog",
        seed=1234,
    )
    async with rig(gateway, tmp_path) as r:
        job = await r.run(req)
        r.assert_downloaded(job)
        expected = Dialect.NEW_API if gateway.dialect == "new-api" else Dialect.DOCUMENTED
        assert r.client.dialect() is expected
        assert job.request["dialect"] == expected.value
        params = gateway.forwarded(job.task_id or "")["parameters"]
        assert params["aspectRatio"] == "9:16"
        assert params["generateAudio"] is False
        assert params["seed"] == 1234
        assert params["negativePrompt"] == "fog"
        assert params["resolution"] == "720p"


@pytest.mark.asyncio
async def test_jobs_sent_together_to_a_new_gateway_all_wait_for_its_dialect(
    gateway: Simulator, tmp_path: Path
) -> None:
    """Variants and batches send several jobs at once to a gateway not seen before: every one
    goes out in the dialect the one probe finds (the first used to hold the others' answer
    back only for itself, and the rest went in the page's dialect, losing their settings)."""
    req = GenerationRequest(Mode.TEXT, Model.FAST_720P, "tall", aspect_ratio="9:16", duration=4)
    async with rig(gateway, tmp_path) as r:
        jobs = await asyncio.gather(*(r.runner.submit(req) for _ in range(3)))
        for job in jobs:
            params = gateway.forwarded(job.task_id or "")["parameters"]
            assert params["aspectRatio"] == "9:16", job.request["dialect"]
        probes = [q for q in gateway.requests if q.path.endswith("veo-desktop-key-check")]
        assert len(probes) == 1


@pytest.mark.asyncio
async def test_a_task_row_that_appears_six_seconds_after_the_reply_completes(
    tmp_path: Path,
) -> None:
    with Simulator(job_seconds=0.8, max_height=144, dialect="new-api", task_row_delay=6.0) as sim:
        async with rig(sim, tmp_path) as r:
            job = await r.run(GenerationRequest(Mode.TEXT, Model.FAST_720P, "late row", duration=4))
            r.assert_downloaded(job)
            assert sim.post_count == 1


@pytest.mark.asyncio
async def test_a_blocked_clip_says_safety_filter_and_audio_and_offers_retry_without_audio(
    gateway: Simulator, tmp_path: Path
) -> None:
    gateway.faults.block_audio = True
    async with rig(gateway, tmp_path) as r:
        job = await r.run(GenerationRequest(Mode.TEXT, Model.FAST_720P, "a storm", duration=4))
        # new-api reads the job completed and fails only at /content (billed): "no video";
        # the others report the block as the job's failure.
        assert job.state in (JobState.NO_VIDEO, JobState.FAILED), job.state
        if gateway.dialect == "new-api":
            assert job.state is JobState.NO_VIDEO and job.error_kind == "no_video_blocked"
            assert "safety filter" in (job.error_message or "")
        assert "audio" in (job.error_message or "").lower()
        choices = retry_choices(job)
        assert choices[0].label == "Retry without audio"
        assert choices[0].request.generate_audio is False
        assert gateway.post_count == 1


def test_veo_exits_4_with_the_cause_when_new_api_has_no_video(tmp_path: Path) -> None:
    with Simulator(
        job_seconds=0.6,
        max_height=144,
        dialect="new-api",
        task_row_delay=0.3,
        faults=Faults(block_audio=True),
    ) as sim:
        cli = Cli(sim.base_url, tmp_path / "data", cli_env())
        r = cli.run(
            "generate", "--prompt", "a storm", "--duration", "4", "--wait", "--json", timeout=240
        )
        assert r.returncode == 4, r.stderr
        assert "safety filter" in r.stderr and "audio" in r.stderr
        assert "Traceback" not in r.stderr
        gw = cli.run("gateway", "--json")
        assert '"dialect": "new-api"' in gw.stdout, gw.stderr


def test_veo_gateway_shows_the_detected_dialect_and_the_users_override_is_obeyed(
    tmp_path: Path,
) -> None:
    with Simulator(job_seconds=0.6, max_height=144, dialect="new-api", task_row_delay=0.3) as sim:
        cli = Cli(sim.base_url, tmp_path / "data", cli_env())
        shown = cli.run("gateway")
        assert "new-api (detected" in shown.stdout, shown.stderr
        assert cli.run("gateway", "--dialect", "documented").returncode == 0
        args = ("generate", "--prompt", "tall", "--aspect-ratio", "9:16", "--duration", "4")
        code, job = cli.json(*args, "--wait", "--json")
        assert code == 0, job
        # Sent as the user chose: the page's fields, which this gateway reads as 16:9.
        assert sim.forwarded(job["task_id"])["parameters"]["aspectRatio"] == "16:9"
        assert cli.run("gateway", "--dialect", "auto").returncode == 0
        code, job = cli.json(*args, "--wait", "--json")
        assert code == 0, job
        assert sim.forwarded(job["task_id"])["parameters"]["aspectRatio"] == "9:16"
