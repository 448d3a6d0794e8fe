"""The journal keeps every job across crashes and concurrent writers."""

import json
import multiprocessing
import sqlite3
from pathlib import Path

from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import MIGRATIONS, Journal, redact_reply
from veo_desktop.core.request.models import Mode


def make(journal: Journal, prompt: str = "p") -> str:
    return journal.create(
        mode=Mode.TEXT,
        model="veo3.1-fast-video-720p",
        prompt=prompt,
        negative_prompt="",
        request={"prompt": prompt},
    ).id


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    assert j.schema_version == len(MIGRATIONS)
    mode = sqlite3.connect(tmp_path / "j.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    j.close()
    again = Journal(tmp_path / "j.sqlite3")  # reopening migrates nothing twice
    assert again.schema_version == len(MIGRATIONS)


def test_state_changes_are_durable_across_reopen(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    jid = make(j, "a fox")
    j.update(jid, task_id="task_1", state=JobState.RUNNING, progress=40)
    j.close()  # no explicit commit anywhere: every update is already committed
    job = Journal(tmp_path / "j.sqlite3").find("task_1")
    assert job and job.id == jid and job.state is JobState.RUNNING and job.progress == 40


def test_claim_lets_only_one_sender_win(tmp_path: Path) -> None:
    a = Journal(tmp_path / "j.sqlite3")
    b = Journal(tmp_path / "j.sqlite3")
    jid = make(a)
    assert a.claim(jid, [JobState.SUBMITTING], JobState.POSTING)
    assert not b.claim(jid, [JobState.SUBMITTING], JobState.POSTING)


def test_newest_first_and_unfinished_oldest_first(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    ids = [make(j, f"p{i}") for i in range(4)]
    j.update(ids[1], state=JobState.DOWNLOADED)
    j.update(ids[2], state=JobState.UNCERTAIN)
    assert [x.id for x in j.newest()] == list(reversed(ids))
    assert [x.id for x in j.unfinished()] == [ids[0], ids[3]]


def test_find_by_prefix(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    jid = make(j)
    found = j.find(jid[:6])
    assert found is not None and found.id == jid
    assert j.find("nope") is None


def test_replies_are_capped_and_data_uris_redacted(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    jid = make(j)
    big = "data:video/mp4;base64," + "A" * 5000
    for i in range(30):
        j.record_reply(jid, {"status": "running", "n": i, "video_url": big})
    job = j.get(jid)
    assert job and len(job.replies) == 20 and job.replies[-1]["reply"]["n"] == 29
    assert "AAAA" not in job.replies[-1]["reply"]["video_url"]
    assert redact_reply({"a": [big]})["a"][0].startswith("data:video/mp4;base64,<")


def _writer(path: str, n: int) -> None:
    j = Journal(Path(path))
    for i in range(n):
        jid = make(j, f"w{i}")
        j.update(jid, state=JobState.RUNNING, progress=i % 100)


def test_concurrent_processes_keep_the_journal_consistent(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    Journal(path).close()
    procs = [
        multiprocessing.get_context("spawn").Process(target=_writer, args=(str(path), 40))
        for _ in range(3)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    j = Journal(path)
    assert j.count() == 120
    assert all(x.state is JobState.RUNNING for x in j.newest())
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_busy_timeout_lets_writers_wait_instead_of_failing(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    assert j._db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    other = sqlite3.connect(tmp_path / "j.sqlite3", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock for a moment
    import threading

    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    make(j, "waits its turn")  # blocks ~0.3 s, then succeeds: no "database is locked"
    assert j.count() == 1


def _claimer(path: str, ids: list[str], out: "multiprocessing.Queue[list[str]]") -> None:
    j = Journal(Path(path))
    won = [jid for jid in ids if j.claim(jid, [JobState.SUBMITTING], JobState.POSTING)]
    for jid in won:  # the winner moves the job on, as the runner does after its POST
        j.update(jid, state=JobState.QUEUED, task_id=f"task_{jid}")
    out.put(won)


def test_racing_processes_claim_each_job_exactly_once(tmp_path: Path) -> None:
    """Two windows, the app and the CLI, or two `veo resume`s all reach for the same unsent
    jobs: each job is sent by exactly one of them."""
    path = tmp_path / "j.sqlite3"
    j = Journal(path)
    ids = [make(j, f"job {i}") for i in range(60)]
    ctx = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue[list[str]] = ctx.Queue()
    procs = [ctx.Process(target=_claimer, args=(str(path), ids, out)) for _ in range(4)]
    for p in procs:
        p.start()
    won = [jid for _ in procs for jid in out.get(timeout=60)]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert sorted(won) == sorted(ids)  # every job claimed, none twice
    assert {x.state for x in j.newest()} == {JobState.QUEUED}
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_replies_are_cut_to_their_story_and_repeats_only_counted(tmp_path: Path) -> None:
    """A gateway that sends megabytes per poll, or the same reply forty times, must not grow
    the journal (or its rewrite on every poll) without bound."""
    j = Journal(tmp_path / "j.sqlite3")
    jid = j.create(mode=Mode.TEXT, model="m", prompt="p", negative_prompt="", request={}).id
    huge = {"status": "running", "log": "x" * 5_000_000, "deep": [[[[[[[[[[[1]]]]]]]]]]]}
    for _ in range(40):
        j.update(jid, reply=huge, poll_count=1)
    j.update(jid, reply={"status": "completed", "items": list(range(1000))})
    job = j.get(jid)
    assert job is not None and len(job.replies) == 2
    assert job.replies[0]["repeats"] == 40
    assert len(json.dumps(job.replies)) < 20_000
    assert job.replies[1]["reply"]["items"][-1] == "<950 more items omitted>"
