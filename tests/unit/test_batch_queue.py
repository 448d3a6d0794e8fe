"""The batch queue over the real runner and journal, against a scripted gateway on a virtual
clock: one POST per row (a 429'd row is sent again, which is not a second job), after a crash
only rows whose job was never taken are sent, cancelled rows are never sent, reordered rows go
in their new order, and a rejected key pauses the batch instead of failing every row."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from tests.clips import tiny_mp4_bytes
from tests.scripted import Clock, scripted_runner
from veo_desktop.core.batch.pacer import Pacer, PacerPolicy, Pacers
from veo_desktop.core.batch.queue import BatchQueue, QueueEvent
from veo_desktop.core.batch.rows import BatchItem
from veo_desktop.core.batch.sources import Source
from veo_desktop.core.batch.store import BatchStore, RowState
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.request.models import GenerationRequest, Mode, Model

MP4 = tiny_mp4_bytes()


class Gateway:
    """Takes every POST (or answers `refuse(n)` with a status), finishes each job at once."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.posts: list[tuple[float, str, int]] = []  # (when, prompt, status)
        self.refusals: list[tuple[int, dict[str, str]]] = []
        self.tasks = 0

    def refuse(self, status: int, times: int = 1, headers: dict[str, str] | None = None) -> None:
        self.refusals += [(status, headers or {})] * times

    def __call__(self, req: httpx.Request) -> httpx.Response:
        if req.url.host == "cdn.example":
            return httpx.Response(200, content=MP4)
        if req.method == "POST":
            prompt = json.loads(req.content)["prompt"]
            if self.refusals:
                status, headers = self.refusals.pop(0)
                self.posts.append((self.clock.now, prompt, status))
                code = {429: "rate_limited", 401: "invalid_api_key"}[status]
                return httpx.Response(
                    status, json={"error": {"message": code, "code": code}}, headers=headers
                )
            self.posts.append((self.clock.now, prompt, 200))
            self.tasks += 1
            return httpx.Response(200, json={"id": f"t{self.tasks}", "status": "queued"})
        task = req.url.path.rsplit("/", 1)[-1]
        if not task.startswith("t"):
            return httpx.Response(404, json={"error": {"message": "task not exist"}})
        link = f"https://cdn.example/{task}.mp4"
        return httpx.Response(200, json={"id": task, "status": "completed", "video_url": link})

    def taken(self) -> list[str]:
        return [prompt for _, prompt, status in self.posts if status == 200]


class Rig:
    def __init__(self, tmp_path: Path, jobs_at_once: int = 3) -> None:
        self.clock = Clock()
        self.gateway = Gateway(self.clock)
        self.pacer_sleeps: list[float] = []
        self.journal = Journal(tmp_path / "journal.sqlite3")
        self.runner = scripted_runner(
            self.gateway, self.journal, tmp_path / "lib", self.clock, jobs_at_once
        )
        self.store = BatchStore(tmp_path / "batches.sqlite3")

        async def pacer_sleep(s: float) -> None:
            self.pacer_sleeps.append(s)
            await self.clock.sleep(s)

        def make(n: int) -> Pacer:
            return Pacer(n, PacerPolicy(), clock=self.clock, sleep=pacer_sleep, rng=lambda: 0.5)

        self.queue = BatchQueue(self.store, self.runner, Pacers(jobs_at_once, make))

    async def batch(self, n: int) -> str:
        items = [
            BatchItem(line, GenerationRequest(Mode.TEXT, Model.FAST_720P, f"shot {line}"), (), ())
            for line in range(1, n + 1)
        ]
        source = Source(Path("/shots.txt"), "sha", (), ())
        return (await self.queue.add(source, items)).id


@pytest.mark.asyncio
async def test_each_row_is_taken_once_and_a_429_row_waits_its_retry_after(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    batch = await rig.batch(5)
    rig.gateway.refuse(429, headers={"Retry-After": "7"})
    seen: dict[int, list[RowState]] = {}

    def listen(event: QueueEvent) -> None:
        if event.row is not None and event.job is None:
            seen.setdefault(event.row.line, []).append(event.row.state)

    rig.queue.subscribe(listen)
    rows = await rig.queue.run(batch)
    assert [r.state for r in rows] == [RowState.DONE] * 5
    assert sorted(rig.gateway.taken()) == [f"shot {n}" for n in range(1, 6)]  # once each
    assert len(rig.gateway.posts) == 6  # and the refused one
    assert 7.0 in rig.pacer_sleeps  # the whole queue held for the Retry-After
    assert rig.journal.count() == 5  # the refused row kept its job: nothing extra in the library
    for row in rows:
        job = rig.journal.get(row.job_id)
        assert job is not None and job.state is JobState.DOWNLOADED
    refused = rig.gateway.posts[0][1]
    line = int(refused.split()[1])
    assert seen[line][:4] == [
        RowState.SENDING,
        RowState.WAITING,
        RowState.SENDING,
        RowState.RUNNING,
    ]


@pytest.mark.asyncio
async def test_after_a_crash_only_rows_whose_job_was_never_taken_are_sent(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    batch = await rig.batch(6)
    rows = rig.store.rows(batch)

    def write(i: int, state: JobState, **fields: object) -> None:
        req = rows[i].request
        rig.journal.create(
            mode=req.mode,
            model=req.model_id,
            prompt=req.prompt,
            negative_prompt="",
            request=req.to_record(),
            job_id=rows[i].job_id,
            state=state,
        )
        if fields:
            rig.journal.update(rows[i].job_id, **fields)

    # What a kill mid-batch leaves: the store said "sending" or "running", the journal knows.
    write(0, JobState.QUEUED, task_id="t-before", submitted_at=rig.clock.now)  # taken
    write(1, JobState.SUBMITTING)  # written, killed before its POST
    write(2, JobState.FAILED, error_kind="rate_limited", error_message="429")  # refused
    # row 3: killed before its job was written
    write(4, JobState.POSTING)  # killed while the POST was on its way: may be billed
    write(5, JobState.UNCERTAIN, error_kind="submission_uncertain")
    for i in range(6):
        rig.store.set_state(batch, rows[i].key, RowState.SENDING if i < 4 else RowState.RUNNING)

    done = {r.line: r for r in await rig.queue.run(batch)}
    assert sorted(rig.gateway.taken()) == ["shot 2", "shot 3", "shot 4"]  # rows 1, 2, 3
    assert [done[n].state for n in range(1, 7)] == [RowState.DONE] * 4 + [RowState.FAILED] * 2
    posting = rig.journal.get(rows[4].job_id)
    assert posting is not None and posting.state is JobState.UNCERTAIN  # only the user resends
    assert rig.journal.count() == 6


@pytest.mark.asyncio
async def test_cancelled_rows_are_never_sent_and_reordered_rows_go_in_their_new_order(
    tmp_path: Path,
) -> None:
    rig = Rig(tmp_path, jobs_at_once=1)
    batch = await rig.batch(5)
    rows = rig.store.rows(batch)
    req = rows[1].request  # a crash had left row 2's job written but unsent
    rig.journal.create(
        mode=req.mode,
        model=req.model_id,
        prompt=req.prompt,
        negative_prompt="",
        request=req.to_record(),
        job_id=rows[1].job_id,
    )
    await rig.queue.reorder(batch, [4, 0, 1, 2, 3])
    cancelled = await rig.queue.cancel(batch, [1, 3])
    assert [r.line for r in cancelled] == [2, 4]
    final = await rig.queue.run(batch)
    assert rig.gateway.taken() == ["shot 5", "shot 1", "shot 3"]
    assert {r.line: r.state for r in final}[2] is RowState.CANCELLED
    await rig.runner.resume_all()  # nor does anything else send the cancelled row's job
    assert rig.gateway.taken() == ["shot 5", "shot 1", "shot 3"]
    job = rig.journal.get(rows[1].job_id)
    assert job is not None and job.state is JobState.FAILED and job.error_kind == "cancelled"


@pytest.mark.asyncio
async def test_a_rejected_key_pauses_the_batch_and_resume_sends_each_row_once(
    tmp_path: Path,
) -> None:
    rig = Rig(tmp_path)
    batch = await rig.batch(4)
    rig.gateway.refuse(401, times=10)
    rows = await rig.queue.run(batch, stop_when_paused=True)
    assert len(rig.gateway.posts) == 1  # one refusal, not one per row
    paused = rig.store.get(batch)
    assert paused is not None and paused.paused and "key" in (paused.note or "")
    assert [r.state for r in rows] == [RowState.WAITING] * 4
    rig.gateway.refusals.clear()  # the user fixed the key
    await rig.queue.resume(batch)
    rows = await rig.queue.run(batch)
    assert [r.state for r in rows] == [RowState.DONE] * 4
    assert sorted(rig.gateway.taken()) == [f"shot {n}" for n in range(1, 5)]
    assert rig.journal.count() == 4


@pytest.mark.asyncio
async def test_the_store_keeps_the_batch_for_the_next_process(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    batch = await rig.batch(3)
    await rig.queue.reorder(batch, [2, 1, 0])
    await rig.queue.cancel(batch, [1])
    rig.store.close()
    again = BatchStore(tmp_path / "batches.sqlite3")
    found = again.find(Path("/shots.txt"), "sha")
    assert found is not None and found.id == batch
    assert [(r.line, r.state) for r in again.rows(batch)] == [
        (3, RowState.WAITING),
        (2, RowState.CANCELLED),
        (1, RowState.WAITING),
    ]
    assert len({r.job_id for r in again.rows(batch)}) == 3


@pytest.mark.asyncio
async def test_a_local_failure_pauses_the_batch_with_its_rows_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rig = Rig(tmp_path)
    batch = await rig.batch(3)
    create = rig.journal.create

    def disk_full(**kw: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rig.journal, "create", disk_full)
    rows = await rig.queue.run(batch, stop_when_paused=True)
    assert rig.gateway.posts == []
    assert [r.state for r in rows] == [RowState.WAITING] * 3
    paused = rig.store.get(batch)
    assert paused is not None and paused.paused and "OSError" in (paused.note or "")
    monkeypatch.setattr(rig.journal, "create", create)  # space freed
    await rig.queue.resume(batch)
    rows = await rig.queue.run(batch)
    assert [r.state for r in rows] == [RowState.DONE] * 3
    assert sorted(rig.gateway.taken()) == ["shot 1", "shot 2", "shot 3"]
