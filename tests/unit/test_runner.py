"""The runner's promises against a scripted gateway: grace periods, pauses instead of failures,
fresh links for expired ones, and no second POST after a crash mid-send."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.clips import tiny_mp4_bytes
from veo_desktop.core.gateway.client import GatewayClient, RetryPolicy
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.jobs.poll_step import PollPolicy
from veo_desktop.core.jobs.runner import JobRunner
from veo_desktop.core.library.store import Library
from veo_desktop.core.request.models import GenerationRequest, Mode, Model

GW = "https://gw.example.com"
MP4 = tiny_mp4_bytes()


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, s: float) -> None:
        self.sleeps.append(s)
        self.now += s


def make_runner(
    tmp_path: Path,
    handler: Callable[[httpx.Request], httpx.Response],
    policy: PollPolicy | None = None,
) -> tuple[JobRunner, list[httpx.Request], Clock]:
    seen: list[httpx.Request] = []
    clock = Clock()

    def record(req: httpx.Request) -> httpx.Response:
        seen.append(req)
        return handler(req)

    http = httpx.AsyncClient(transport=httpx.MockTransport(record))
    client = GatewayClient(
        GW,
        http,
        lambda: "sk-x",
        retry=RetryPolicy(attempts=1),
        sleep=clock.sleep,
        downloads=httpx.Client(transport=httpx.MockTransport(record)),
    )
    runner = JobRunner(
        client,
        Journal(tmp_path / "j.sqlite3"),
        Library(tmp_path / "lib"),
        policy=policy or PollPolicy(),
        sleep=clock.sleep,
        clock=clock,
    )
    return runner, seen, clock


REQ = GenerationRequest(Mode.TEXT, Model.FAST_720P, "a lighthouse", duration=4)


def posts(seen: list[httpx.Request]) -> int:
    return sum(r.method == "POST" for r in seen)


@pytest.mark.asyncio
async def test_not_found_and_unknown_right_after_create_are_waited_out(tmp_path: Path) -> None:
    polls = iter(
        [
            httpx.Response(404, json={"error": "task not exist"}),
            httpx.Response(200, json={"id": "t1", "status": "unknown"}),
            httpx.Response(200, json={"id": "t1", "status": "running", "progress": "40%"}),
            httpx.Response(
                200,
                json={"id": "t1", "status": "SUCCEEDED", "video_url": "https://cdn.example/v.mp4"},
            ),
        ]
    )

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "t1", "status": "queued", "progress": 0})
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        return next(polls)

    runner, seen, _ = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.DOWNLOADED, job.error_message
    assert Path(job.video_path or "").read_bytes() == MP4
    assert posts(seen) == 1


@pytest.mark.asyncio
async def test_task_not_found_after_grace_keeps_the_job_and_a_later_check_finds_it(
    tmp_path: Path,
) -> None:
    known = {"yes": False}

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "t1", "status": "queued"})
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        if known["yes"]:
            return httpx.Response(
                200, json={"id": "t1", "status": "completed", "video_url": "https://cdn.example/v"}
            )
        return httpx.Response(404, json={"error": {"message": "task not exist"}})

    runner, seen, clock = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.MISSING, job.state
    assert "t1" in (job.error_message or "") and "Check again" in (job.error_message or "")
    assert clock.now - 1_000_000.0 >= PollPolicy().grace_seconds
    assert job.id in [j.id for j in runner.journal.unfinished()]  # kept for resume

    known["yes"] = True  # the gateway's database caught up
    job = await runner.check_once(job.id)
    assert job.state is JobState.DOWNLOADED
    assert posts(seen) == 1


NEW_API_CREATED = {
    "id": "task_abc",
    "task_id": "task_abc",
    "object": "video",
    "model": "veo3.1-fast-video-720p",
    "status": "queued",
    "progress": 0,
    "created_at": 1,
}
TASK_NOT_EXIST = {"code": "task_not_exist", "message": "task_not_exist", "data": None}


def new_api_poll(status: str, progress: int) -> dict[str, object]:
    return {
        "id": "task_abc",
        "object": "video",
        "model": "veo-3.1-fast-generate-preview",
        "status": status,
        "progress": progress,
        "created_at": 1,
        "completed_at": 2,
    }


@pytest.mark.asyncio
async def test_new_api_400_task_not_exist_before_its_row_is_saved_is_waited_out(
    tmp_path: Path,
) -> None:
    """new-api answers the create before it saves the task row: the first polls are 400."""
    polls = iter(
        [httpx.Response(400, json=TASK_NOT_EXIST)] * 3
        + [
            httpx.Response(200, json=new_api_poll("in_progress", 50)),
            httpx.Response(200, json=new_api_poll("completed", 100)),
        ]
    )

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json=NEW_API_CREATED)
        if req.url.path.endswith("/content"):
            assert req.headers["authorization"] == "Bearer sk-x"
            return httpx.Response(200, content=MP4)
        return next(polls)

    runner, seen, _ = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.DOWNLOADED, job.error_message
    assert Path(job.video_path or "").read_bytes() == MP4
    assert posts(seen) == 1


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(400, json={"error": {"message": "bad things", "type": "x"}}),
        httpx.Response(500, json={"error": {"message": "boom"}}),
        httpx.Response(502, text="<html><title>502 Bad Gateway</title></html>"),
        httpx.Response(429, json={"code": "fail_to_fetch_task", "message": "饱和", "data": None}),
        httpx.Response(200, text="not json"),
    ],
)
@pytest.mark.asyncio
async def test_no_error_on_a_poll_fails_a_job(tmp_path: Path, answer: httpx.Response) -> None:
    count = {"polls": 0}

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json=NEW_API_CREATED)
        if req.url.path.endswith("/content"):
            return httpx.Response(200, content=MP4)
        count["polls"] += 1
        if count["polls"] <= 3:
            return answer
        return httpx.Response(200, json=new_api_poll("completed", 100))

    runner, seen, _ = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.DOWNLOADED, job.error_message
    assert posts(seen) == 1


BLOCKED_502 = {"error": {"message": "Failed to resolve Gemini video URL", "type": "server_error"}}
DELETED_502 = {"error": {"message": "Upstream service returned status 404", "type": "server_error"}}


@pytest.mark.parametrize(
    ("body", "kind", "words"),
    [
        (BLOCKED_502, "no_video_blocked", ("safety filter", "audio", "Retry without audio")),
        (DELETED_502, "no_video_expired", ("2 days",)),
    ],
)
@pytest.mark.asyncio
async def test_completed_then_502_on_content_ends_without_a_video(
    tmp_path: Path, body: dict[str, object], kind: str, words: tuple[str, ...]
) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json=NEW_API_CREATED)
        if req.url.path.endswith("/content"):
            return httpx.Response(502, json=body)
        return httpx.Response(200, json=new_api_poll("completed", 100))

    runner, seen, _ = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.NO_VIDEO
    assert job.error_kind == kind
    for word in words:
        assert word in (job.error_message or "")
    assert posts(seen) == 1


@pytest.mark.asyncio
async def test_a_passing_502_on_content_is_retried_with_backoff(tmp_path: Path) -> None:
    count = {"content": 0}

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json=NEW_API_CREATED)
        if req.url.path.endswith("/content"):
            count["content"] += 1
            if count["content"] <= 2:
                return httpx.Response(502, text="<html><title>502 Bad Gateway</title></html>")
            return httpx.Response(200, content=MP4)
        return httpx.Response(200, json=new_api_poll("completed", 100))

    runner, _, clock = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.DOWNLOADED
    assert count["content"] == 3
    assert PollPolicy().content_first_delay in clock.sleeps


@pytest.mark.asyncio
async def test_a_lasting_502_on_content_ends_without_a_video_after_a_while(
    tmp_path: Path,
) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json=NEW_API_CREATED)
        if req.url.path.endswith("/content"):
            return httpx.Response(502, text="<html><title>502 Bad Gateway</title></html>")
        return httpx.Response(200, json=new_api_poll("completed", 100))

    runner, _, clock = make_runner(tmp_path, handler)
    start = clock.now
    job = await runner.run(REQ)
    assert job.state is JobState.NO_VIDEO and job.error_kind == "no_video"
    assert "audio" in (job.error_message or "")
    assert clock.now - start >= PollPolicy().content_retry_seconds


@pytest.mark.asyncio
async def test_401_while_polling_pauses_and_resume_finishes(tmp_path: Path) -> None:
    state = {"auth_ok": False}

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "t1", "status": "queued"})
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        if not state["auth_ok"]:
            return httpx.Response(401, json={"error": {"message": "quota exhausted"}})
        return httpx.Response(
            200, json={"id": "t1", "status": "completed", "video_url": "https://cdn.example/v.mp4"}
        )

    runner, seen, _ = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.PAUSED and "not lost" in (job.error_message or "")
    state["auth_ok"] = True
    [job] = await runner.resume_all()
    assert job.state is JobState.DOWNLOADED and posts(seen) == 1


@pytest.mark.asyncio
async def test_expired_link_is_refreshed_by_polling_again(tmp_path: Path) -> None:
    n = {"poll": 0}

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "t1", "status": "queued"})
        if req.url.host == "cdn.example":
            if req.url.params.get("v") == "1":
                return httpx.Response(403, text="<Error><Code>AccessDenied</Code></Error>")
            return httpx.Response(200, content=MP4)
        n["poll"] += 1
        return httpx.Response(
            200,
            json={
                "id": "t1",
                "status": "completed",
                "video_url": f"https://cdn.example/v.mp4?v={n['poll']}",
            },
        )

    runner, _, _ = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.DOWNLOADED and n["poll"] == 2


@pytest.mark.asyncio
async def test_safety_block_is_a_failure_with_the_reason(tmp_path: Path) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "t1", "status": "queued"})
        return httpx.Response(
            200,
            json={"id": "t1", "status": "completed", "fail_reason": "Blocked: audio safety filter"},
        )

    runner, _, _ = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.FAILED and job.error_kind == "blocked"
    assert "audio" in (job.error_message or "")


@pytest.mark.asyncio
async def test_crash_while_posting_becomes_uncertain_not_a_second_post(tmp_path: Path) -> None:
    runner, seen, _ = make_runner(tmp_path, lambda r: httpx.Response(500))
    job = runner.journal.create(
        mode=Mode.TEXT,
        model=REQ.model_id,
        prompt=REQ.prompt,
        negative_prompt="",
        request=REQ.to_record(),
    )
    runner.journal.update(job.id, state=JobState.POSTING)  # as a kill mid-POST leaves it
    [job] = await runner.resume_all()
    assert job.state is JobState.UNCERTAIN and "not sent again" in (job.error_message or "")
    assert seen == []


@pytest.mark.asyncio
async def test_crash_before_posting_sends_on_resume(tmp_path: Path) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(
                200,
                json={"id": "t9", "status": "completed", "video_url": "https://cdn.example/v.mp4"},
            )
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        return httpx.Response(
            200, json={"id": "t9", "status": "completed", "video_url": "https://cdn.example/v.mp4"}
        )

    runner, seen, _ = make_runner(tmp_path, handler)
    runner.journal.create(
        mode=Mode.TEXT,
        model=REQ.model_id,
        prompt=REQ.prompt,
        negative_prompt="",
        request=REQ.to_record(),
    )  # killed while encoding
    [job] = await runner.resume_all()
    assert job.state is JobState.DOWNLOADED and posts(seen) == 1


@pytest.mark.asyncio
async def test_a_file_already_in_place_is_not_downloaded_again(tmp_path: Path) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        assert req.url.host != "cdn.example", "downloaded twice"
        return httpx.Response(
            200, json={"id": "t1", "status": "completed", "video_url": "https://cdn.example/v.mp4"}
        )

    runner, _, _ = make_runner(tmp_path, handler)
    job = runner.journal.create(
        mode=Mode.TEXT,
        model=REQ.model_id,
        prompt=REQ.prompt,
        negative_prompt="",
        request=REQ.to_record(),
    )
    job = runner.journal.update(job.id, task_id="t1", state=JobState.COMPLETED)
    dest = runner.library.path_for(job)  # killed between rename and the journal update
    dest.parent.mkdir(parents=True)
    dest.write_bytes(MP4)
    [job] = await runner.resume_all()
    assert job.state is JobState.DOWNLOADED and dest.with_suffix(".json").exists()


@pytest.mark.asyncio
async def test_polls_for_a_six_minute_job_stay_under_forty(tmp_path: Path) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "t1", "status": "queued"})
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        done = clock.now - start >= 360
        return httpx.Response(
            200,
            json={
                "id": "t1",
                "status": "completed" if done else "running",
                "video_url": "https://cdn.example/v.mp4" if done else None,
            },
        )

    runner, seen, clock = make_runner(tmp_path, handler)
    start = clock.now
    job = await runner.run(REQ)
    gets = [r for r in seen if r.method == "GET" and r.url.host == "gw.example.com"]
    assert job.state is JobState.DOWNLOADED
    assert len(gets) <= 40
    assert max(clock.sleeps) <= PollPolicy().max_delay


@pytest.mark.asyncio
async def test_jobs_at_once_holds_a_slot_until_the_gateway_is_done(tmp_path: Path) -> None:
    import asyncio

    posts_at: list[float] = []
    created: dict[str, float] = {}

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            tid = f"t{len(created)}"
            created[tid] = clock.now
            posts_at.append(clock.now)
            return httpx.Response(200, json={"id": tid, "status": "queued"})
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        tid = req.url.path.rsplit("/", 1)[-1]
        if tid not in created:  # the dialect probe before the first job
            return httpx.Response(404, json={"error": {"message": "task not exist"}})
        done = clock.now - created[tid] >= 30
        return httpx.Response(
            200,
            json={
                "id": tid,
                "status": "completed" if done else "running",
                "video_url": "https://cdn.example/v.mp4" if done else None,
            },
        )

    runner, _, clock = make_runner(tmp_path, handler)
    runner.set_max_concurrent(1)
    jobs = await asyncio.gather(runner.run(REQ), runner.run(REQ))
    assert all(j.state is JobState.DOWNLOADED for j in jobs)
    assert len(posts_at) == 2 and posts_at[1] - posts_at[0] >= 30  # the second waited its turn


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text='{"id": "task_abc", "status": "que'),  # cut short
        httpx.Response(200, text="<html><body>Welcome to nginx</body></html>"),
        httpx.Response(200, json={"status": "queued"}),  # no id
    ],
)
@pytest.mark.asyncio
async def test_a_2xx_create_that_cannot_be_read_is_uncertain_never_failed(
    tmp_path: Path, answer: httpx.Response
) -> None:
    from veo_desktop.core.errors import SubmissionUncertainError

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return answer
        return httpx.Response(404, json={"error": {"message": "task not exist"}})

    runner, seen, _ = make_runner(tmp_path, handler)
    with pytest.raises(SubmissionUncertainError):
        await runner.submit(REQ, job_id="mine01")
    job = runner.journal.get("mine01")  # the id the caller chose is the row's id
    assert job is not None and job.state is JobState.UNCERTAIN
    assert posts(seen) == 1


@pytest.mark.asyncio
async def test_a_task_id_the_journal_already_holds_makes_the_second_job_uncertain(
    tmp_path: Path,
) -> None:
    from veo_desktop.core.errors import SubmissionUncertainError

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "task_same", "status": "queued"})
        return httpx.Response(200, json={"id": "task_same", "status": "running"})

    runner, seen, _ = make_runner(tmp_path, handler)
    first = await runner.submit(REQ)
    with pytest.raises(SubmissionUncertainError):
        await runner.submit(REQ, job_id="second")
    second = runner.journal.get("second")
    assert second is not None and second.state is JobState.UNCERTAIN
    assert first.id in (second.error_message or "")
    again = runner.journal.get(first.id)
    assert again is not None and again.task_id == "task_same"
    assert posts(seen) == 2


@pytest.mark.asyncio
async def test_download_of_a_clip_whose_file_was_deleted_fetches_it_again(tmp_path: Path) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "t1", "status": "queued"})
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        return httpx.Response(
            200, json={"id": "t1", "status": "completed", "video_url": "https://cdn.example/v"}
        )

    runner, seen, _ = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    Path(job.video_path or "").unlink()
    again = await runner.download(job.id)
    assert again.state is JobState.DOWNLOADED
    assert Path(again.video_path or "").read_bytes() == MP4
    assert posts(seen) == 1


@pytest.mark.asyncio
async def test_a_failed_download_is_tried_again_on_its_own_in_core(tmp_path: Path) -> None:
    """The app and `veo` alike: a paid clip whose download failed is fetched again after a
    pause, with no Download again from the user."""
    count = {"cdn": 0}

    def handler(req: httpx.Request) -> httpx.Response:
        if req.method == "POST":
            return httpx.Response(200, json={"id": "t1", "status": "queued"})
        if req.url.host == "cdn.example":
            count["cdn"] += 1
            if count["cdn"] <= 2:
                return httpx.Response(400, text="bad request")  # the host refuses, twice
            return httpx.Response(200, content=MP4)
        return httpx.Response(
            200, json={"id": "t1", "status": "completed", "video_url": "https://cdn.example/v"}
        )

    runner, seen, clock = make_runner(tmp_path, handler)
    job = await runner.run(REQ)
    assert job.state is JobState.DOWNLOADED
    assert count["cdn"] == 3
    assert [s for s in clock.sleeps if s >= 30] == [30.0, 60.0]
    assert posts(seen) == 1
