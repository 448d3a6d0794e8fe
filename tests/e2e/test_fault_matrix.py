"""The fault matrix: one test per way a real gateway misbehaves (issue 5), each against the real
simulator over loopback with one fault knob turned, driving the same core objects the app and
the CLI use. Each test checks what the user gets (a finished clip, a paused job, a message) and
that the runner still works afterwards: no fault may leave it needing a restart."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import fast_policy
from tests.keys import FAULT_KEY, ROTATED_KEY
from veo_desktop.core.errors import OutOfCreditError, SubmissionUncertainError
from veo_desktop.core.gateway.client import GatewayClient, RetryPolicy
from veo_desktop.core.jobs.download import DownloadFailed
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.jobs.runner import JobRunner
from veo_desktop.core.library.store import Library
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.simulator import DIALECTS, Faults, Simulator

REQ = GenerationRequest(Mode.TEXT, Model.FAST_720P, "a fault-tolerant lighthouse", duration=4)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every fault test runs against each simulator dialect it applies to: all three unless a
    `dialects` mark narrows it to the gateways whose reply shapes the fault describes."""
    if "sim" in metafunc.fixturenames:
        mark = metafunc.definition.get_closest_marker("dialects")
        metafunc.parametrize("sim", mark.args if mark else DIALECTS, indirect=True)


@pytest.fixture
def sim(request: pytest.FixtureRequest) -> Iterator[Simulator]:
    # A short task-row delay: new-api's "task_not_exist" window meets every job's first polls.
    with Simulator(job_seconds=0.6, max_height=144, dialect=request.param, task_row_delay=0.3) as s:
        yield s


#: Faults that only the documented reply shapes have (a Retry-After, an HTML 502 on create,
#: a link's place in the reply, Range on the video host).
SHAPES = pytest.mark.dialects("documented", "quirky")
DOCUMENTED = pytest.mark.dialects("documented")


@dataclass
class Rig:
    sim: Simulator
    runner: JobRunner
    journal: Journal
    library: Library
    key: list[str] = field(default_factory=lambda: [FAULT_KEY])
    seen: list[Job] = field(default_factory=list)

    async def job(self) -> Job:
        """Submit and follow one job to its end."""
        job = await self.runner.submit(REQ)
        return await self.runner.watch(job.id)

    def assert_downloaded(self, job: Job) -> Path:
        assert job.state is JobState.DOWNLOADED, (job.state, job.error_message)
        assert job.task_id and job.video_path
        path = Path(job.video_path)
        assert path.read_bytes() == self.sim.served_bytes(job.task_id)
        assert path.with_suffix(".json").is_file()
        assert not list(self.library.root.rglob("*.part"))
        return path

    async def still_works(self) -> None:
        """After the fault: a clean job goes through the same runner, no restart needed."""
        self.sim.faults = Faults()
        self.assert_downloaded(await self.job())

    def requests(self, server: str, method: str = "GET") -> list[str]:
        return [r.path for r in self.sim.requests if r.server == server and r.method == method]


@asynccontextmanager
async def rig(
    sim: Simulator,
    tmp_path: Path,
    *,
    read_timeout: float = 10.0,
    create_timeout: float = 10.0,
    grace: float = 5.0,
    library: Path | None = None,
) -> AsyncIterator[Rig]:
    key = [FAULT_KEY]
    http = httpx.AsyncClient(timeout=httpx.Timeout(read_timeout, connect=5.0))
    client = GatewayClient(
        sim.base_url,
        http,
        lambda: key[0],
        retry=RetryPolicy(attempts=4, base_delay=0.05, max_delay=0.2, max_retry_after=5.0),
        create_timeout=create_timeout,
        downloads=httpx.Client(timeout=httpx.Timeout(read_timeout, connect=5.0)),
    )
    journal = Journal(tmp_path / "journal.sqlite3")
    lib = Library(library or tmp_path / "library")
    policy = fast_policy(grace)
    runner = JobRunner(client, journal, lib, policy=policy)
    # The client learns the gateway's dialect with one read before its first job; done here,
    # so each test's fault knobs meet the requests the test is about.
    await client.request_dialect()
    sim.requests.clear()
    r = Rig(sim, runner, journal, lib, key)
    runner.subscribe(r.seen.append)
    try:
        yield r
    finally:
        await http.aclose()
        client.downloads.close()
        journal.close()


async def until_task(r: Rig, job: Job) -> str:
    """Wait until the simulator has rendered the job (so faults meet polls, not the POST)."""
    assert job.task_id
    while r.sim.job(job.task_id)["status"] != "completed":
        await asyncio.sleep(0.05)
    return job.task_id


# -- rate limits and proxies ------------------------------------------------------------------


@DOCUMENTED
@pytest.mark.asyncio
async def test_429_with_retry_after(sim: Simulator, tmp_path: Path) -> None:
    async with rig(sim, tmp_path) as r:
        job = await r.runner.submit(REQ)
        sim.faults.retry_after = 1.0
        sim.faults.rate_limit_next = 2
        job = await r.runner.watch(job.id)
        r.assert_downloaded(job)
        polls = [q for q in sim.requests if q.server == "gateway" and q.method == "GET"]
        # The client waited as told (1 s) after each 429, not its own 0.05 s backoff.
        assert polls[1].time - polls[0].time >= 0.9 and polls[2].time - polls[1].time >= 0.9
        assert sim.post_count == 1
        await r.still_works()


@SHAPES
@pytest.mark.asyncio
async def test_429_without_retry_after(sim: Simulator, tmp_path: Path) -> None:
    async with rig(sim, tmp_path) as r:
        job = await r.runner.submit(REQ)
        sim.faults.rate_limit_next = 3
        job = await r.runner.watch(job.id)
        r.assert_downloaded(job)
        assert sim.faults.rate_limit_next == 0 and sim.post_count == 1
        await r.still_works()


@pytest.mark.asyncio
async def test_502_503_with_html_body_on_polls(sim: Simulator, tmp_path: Path) -> None:
    async with rig(sim, tmp_path) as r:
        job = await r.runner.submit(REQ)
        sim.faults.html_errors_next = 4  # 502, 503, 502, 503
        r.assert_downloaded(await r.runner.watch(job.id))
        assert sim.faults.html_errors_next == 0 and sim.post_count == 1
        await r.still_works()


@DOCUMENTED
@pytest.mark.asyncio
async def test_502_with_html_body_on_create_is_uncertain_not_resent(
    sim: Simulator, tmp_path: Path
) -> None:
    async with rig(sim, tmp_path) as r:
        sim.faults.html_errors_next = 1
        with pytest.raises(SubmissionUncertainError) as e:
            await r.runner.submit(REQ)
        assert "HTTP 502" in e.value.message and "<html>" not in e.value.message
        [job] = r.journal.newest()
        assert job.state is JobState.UNCERTAIN
        await r.runner.resume_all()
        assert sim.post_count == 1
        await r.still_works()


# -- network trouble --------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_connection_reset_during_a_poll(sim: Simulator, tmp_path: Path) -> None:
    async with rig(sim, tmp_path) as r:
        job = await r.runner.submit(REQ)
        sim.faults.reset_next_polls = 2
        r.assert_downloaded(await r.runner.watch(job.id))
        assert sim.faults.reset_next_polls == 0 and sim.post_count == 1
        await r.still_works()


@pytest.mark.asyncio
async def test_timeout_on_a_poll(sim: Simulator, tmp_path: Path) -> None:
    async with rig(sim, tmp_path, read_timeout=0.4) as r:
        job = await r.runner.submit(REQ)
        sim.faults.hang_next_polls, sim.faults.hang_polls_count = 2.0, 2
        r.assert_downloaded(await r.runner.watch(job.id))
        assert sim.faults.hang_polls_count == 1 and sim.faults.hang_next_polls == 0  # used up
        assert sim.post_count == 1
        await r.still_works()


@pytest.mark.asyncio
async def test_timeout_after_the_post_was_sent_is_uncertain_and_never_resent(
    sim: Simulator, tmp_path: Path
) -> None:
    async with rig(sim, tmp_path, create_timeout=0.5) as r:
        sim.faults.hang_after_post = 2.0
        with pytest.raises(SubmissionUncertainError) as e:
            await r.runner.submit(REQ)
        # The user is told what happened and what to do; the job says so too.
        assert "not sent again" in e.value.message and "task list" in e.value.message
        [job] = r.journal.newest()
        assert job.state is JobState.UNCERTAIN and job.error_kind == "submission_uncertain"
        assert sim.task_ids, "the gateway did make the job: that is why it must not be resent"
        # Nothing the app does on its own sends it again: not resume, not watch, not a check.
        await r.runner.resume_all()
        assert (await r.runner.watch(job.id)).state is JobState.UNCERTAIN
        assert (await r.runner.check_once(job.id)).state is JobState.UNCERTAIN
        await asyncio.sleep(2.0)  # the hanging reply arrives at nobody
        assert sim.post_count == 1 and len(r.journal.newest()) == 1
        # The user's choice ("send it again") is a new job, sent once.
        await r.still_works()
        assert sim.post_count == 2


# -- what a brand-new or odd job says -----------------------------------------------------------


@pytest.mark.asyncio
async def test_task_not_exist_and_unknown_right_after_create(
    sim: Simulator, tmp_path: Path
) -> None:
    sim.faults = Faults(not_found_first_polls=2, unknown_first_polls=2)
    async with rig(sim, tmp_path) as r:
        job = await r.job()
        r.assert_downloaded(job)
        assert sim.job(job.task_id or "")["polls"] >= 5
        assert not any(j.state is JobState.FAILED for j in r.seen)
        await r.still_works()


@SHAPES
@pytest.mark.asyncio
async def test_status_word_never_seen_before(sim: Simulator, tmp_path: Path) -> None:
    sim.faults = Faults(status_words="novel")
    async with rig(sim, tmp_path) as r:
        job = await r.job()
        r.assert_downloaded(job)
        assert "warming_up" in [j.remote_status for j in r.seen] or any(
            "warming_up" in str(reply) for reply in job.replies
        )
        await r.still_works()


@DOCUMENTED
@pytest.mark.asyncio
@pytest.mark.parametrize("style", ["percent", "absent"])
async def test_progress_as_percent_string_and_absent(
    sim: Simulator, tmp_path: Path, style: str
) -> None:
    sim.faults = Faults(progress_style=style)
    async with rig(sim, tmp_path) as r:
        job = await r.job()
        r.assert_downloaded(job)
        running = [j.progress for j in r.seen if j.state is JobState.RUNNING]
        assert running, "the job was seen running"
        if style == "percent":  # "37%" reads as 37
            assert all(isinstance(p, int) and 0 <= p <= 100 for p in running)
            assert any(p not in (0, None) for p in running)
        else:  # no number: shown as indeterminate, never as a made-up 0
            assert all(p is None for p in running)
        await r.still_works()


# -- where the video is ---------------------------------------------------------------------------


@SHAPES
@pytest.mark.asyncio
@pytest.mark.parametrize(
    "style", ["video_url", "url", "metadata", "wrapped", "wrapped_result", "redirect"]
)
async def test_video_address_in_each_of_its_places(
    sim: Simulator, tmp_path: Path, style: str
) -> None:
    sim.faults = Faults(url_style=style)
    async with rig(sim, tmp_path) as r:
        r.assert_downloaded(await r.job())
        video = [q for q in sim.requests if q.server == "video"]
        assert video and not any(k.lower() == "authorization" for q in video for k in q.headers)


@SHAPES
@pytest.mark.asyncio
async def test_data_uri_video(sim: Simulator, tmp_path: Path) -> None:
    sim.faults = Faults(url_style="data_uri")
    async with rig(sim, tmp_path) as r:
        job = await r.job()
        r.assert_downloaded(job)
        assert r.requests("video") == [] and not r.requests("gateway", "GET")[-1].endswith(
            "/content"
        )
        # Megabytes of base64 are not kept in the journal or the sidecar.
        assert job.video_url is not None and job.video_url.endswith(",<inline>")
        db = (tmp_path / "journal.sqlite3").read_bytes()
        assert b"AAAA" * 64 not in db
        await r.still_works()


@pytest.mark.asyncio
async def test_no_address_uses_the_content_route(sim: Simulator, tmp_path: Path) -> None:
    sim.faults = Faults(url_style="none")
    async with rig(sim, tmp_path) as r:
        job = await r.job()
        r.assert_downloaded(job)
        content = [q for q in sim.requests if q.path.endswith("/content")]
        assert content and all(
            q.headers.get("Authorization") == f"Bearer {FAULT_KEY}" for q in content
        )
        await r.still_works()


@SHAPES
@pytest.mark.asyncio
async def test_expired_link_gets_a_fresh_one_by_polling_again(
    sim: Simulator, tmp_path: Path
) -> None:
    sim.faults = Faults(expired_links_next=1)
    async with rig(sim, tmp_path) as r:
        job = await r.job()
        r.assert_downloaded(job)
        tokens = [
            q.path.split("token=")[1].split("&")[0] for q in sim.requests if q.server == "video"
        ]
        assert len(tokens) == 2 and tokens[0] != tokens[1]  # a dead link, then a fresh one
        await r.still_works()


# -- downloads that go wrong --------------------------------------------------------------------


@SHAPES
@pytest.mark.asyncio
async def test_download_cut_off_midway_resumes_with_range(sim: Simulator, tmp_path: Path) -> None:
    sim.faults = Faults(drop_download_after=20_000)
    async with rig(sim, tmp_path) as r:
        job = await r.job()
        r.assert_downloaded(job)
        video = [q for q in sim.requests if q.server == "video"]
        assert [q.headers.get("Range") for q in video] == [None, "bytes=20000-"]
        await r.still_works()


@SHAPES
@pytest.mark.asyncio
async def test_download_that_is_an_html_page_served_with_200(
    sim: Simulator, tmp_path: Path
) -> None:
    sim.faults = Faults(download_not_mp4=True)
    async with rig(sim, tmp_path) as r:
        job = await r.runner.submit(REQ)
        with pytest.raises(DownloadFailed) as e:
            await r.runner.watch(job.id)
        assert "not an MP4" in e.value.error.message
        stored = r.journal.get(job.id)
        assert stored and stored.state is JobState.COMPLETED and stored.error_message
        assert not [p for p in r.library.root.rglob("*") if p.is_file()]  # no page saved
        sim.faults.download_not_mp4 = False
        r.assert_downloaded(await r.runner.download(job.id))  # Download again works
        assert sim.post_count == 1


@pytest.mark.asyncio
async def test_download_larger_than_the_free_disk_space(
    sim: Simulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shutil.disk_usage

    def nearly_full(path: str | Path) -> object:
        return real(path)._replace(free=1000)

    async with rig(sim, tmp_path) as r:
        monkeypatch.setattr(shutil, "disk_usage", nearly_full)
        job = await r.runner.submit(REQ)
        with pytest.raises(DownloadFailed) as e:
            await r.runner.watch(job.id)
        message = e.value.error.message
        assert "disk space" in message and "MB" in message and "Download again" in message
        stored = r.journal.get(job.id)
        assert stored and stored.state is JobState.COMPLETED
        assert not list(r.library.root.rglob("*.mp4"))
        monkeypatch.setattr(shutil, "disk_usage", real)
        r.assert_downloaded(await r.runner.download(job.id))
        assert sim.post_count == 1


@pytest.mark.asyncio
async def test_download_into_an_unwritable_folder(sim: Simulator, tmp_path: Path) -> None:
    blocked = tmp_path / "videos"
    blocked.write_text("a file where the download folder should be")  # fails even for root
    async with rig(sim, tmp_path, library=blocked) as r:
        job = await r.runner.submit(REQ)
        with pytest.raises(DownloadFailed) as e:
            await r.runner.watch(job.id)
        assert "Cannot write" in e.value.error.message and "Settings" in e.value.error.message
        stored = r.journal.get(job.id)
        assert stored and stored.state is JobState.COMPLETED and stored.error_message
        blocked.unlink()  # the user picks a folder that works
        r.assert_downloaded(await r.runner.download(job.id))
        assert sim.post_count == 1


# -- the account ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_401_mid_way_pauses_and_a_new_key_resumes(sim: Simulator, tmp_path: Path) -> None:
    async with rig(sim, tmp_path) as r:
        job = await r.runner.submit(REQ)
        sim.faults.unauthorized_polls_next = 1000
        job = await r.runner.watch(job.id)
        assert job.state is JobState.PAUSED and job.error_kind == "auth"
        assert "not lost" in (job.error_message or "") and "key" in (job.error_message or "")
        assert not any(j.state is JobState.FAILED for j in r.seen)
        # The job finished upstream meanwhile; with a new key it is picked up, not re-sent.
        await until_task(r, job)
        sim.faults.unauthorized_polls_next = 0
        r.key[0] = ROTATED_KEY
        [job] = await r.runner.resume_all()
        r.assert_downloaded(job)
        assert sim.post_count == 1
        last = [q for q in sim.requests if q.server == "gateway"][-1]
        assert last.headers.get("Authorization") == f"Bearer {ROTATED_KEY}"


@pytest.mark.asyncio
async def test_403_out_of_credit(sim: Simulator, tmp_path: Path) -> None:
    sim.faults = Faults(out_of_credit=True)
    async with rig(sim, tmp_path) as r:
        with pytest.raises(OutOfCreditError) as e:
            await r.runner.submit(REQ)
        assert "credit" in e.value.message.lower() or "quota" in e.value.message.lower()
        [job] = r.journal.newest()
        assert job.state is JobState.FAILED and job.error_kind == "out_of_credit"
        assert sim.post_count == 1 and sim.task_ids == []  # refused, so nothing to pay for
        await r.runner.resume_all()
        assert sim.post_count == 1
        await r.still_works()
