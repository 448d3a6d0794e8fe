"""A damaged journal never loses a job: it is set aside, the newest sound backup comes back, the
library's sidecars and the in-flight copies fill in the rest, and the user is told."""

import json
import random
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from veo_desktop.core.errors import StorageError
from veo_desktop.core.jobs.job import RESUMABLE, JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.jobs.journal_backup import BackupPolicy
from veo_desktop.core.library.store import Library
from veo_desktop.core.request.models import Mode

GATEWAY = "https://gateway.example/v1"


def make(journal: Journal, prompt: str) -> str:
    return journal.create(
        mode=Mode.TEXT,
        model="veo3.1-fast-video-720p",
        prompt=prompt,
        negative_prompt="",
        request={"prompt": prompt, "seed": 7},
    ).id


def download(journal: Journal, library: Library, job_id: str) -> None:
    """What the runner leaves behind for a fetched clip: the MP4, its sidecar, the row."""
    job = journal.update(job_id, task_id=f"task_{job_id}", state=JobState.COMPLETED)
    video = library.path_for(job)
    video.parent.mkdir(parents=True, exist_ok=True)
    video.write_bytes(b"\0\0\0\x18ftypmp42 not really a clip")
    job = journal.update(job_id, state=JobState.DOWNLOADED, video_path=str(video))
    library.write_sidecar(job, video)


@dataclass
class Scene:
    path: Path
    library_dir: Path
    in_backup: list[str]  # jobs the backup holds
    after_backup: str  # downloaded after the backup: only its sidecar knows it
    inflight: str  # sent after the backup: only its in-flight copy knows it
    real: bytes  # the journal file as it was before the damage


@pytest.fixture
def scene(tmp_path: Path) -> Scene:
    path = tmp_path / "data" / "journal.sqlite3"
    lib_dir = tmp_path / "library"
    library = Library(lib_dir)
    j = Journal(path, gateway=GATEWAY, library_dir=lib_dir)
    # Enough rows for the file to have pages in its middle to damage.
    in_backup = [make(j, f"old prompt {i} " + "words " * 80) for i in range(40)]
    download(j, library, in_backup[0])
    j.update(in_backup[1], task_id="task_running", state=JobState.RUNNING, progress=30)
    j.close()  # it changed things: a backup is made on close
    # A second session (its close makes no backup) that the damage then takes away.
    j = Journal(path, gateway=GATEWAY, library_dir=lib_dir, backups=None)
    after = make(j, "a clip fetched after the backup")
    download(j, library, after)
    inflight = make(j, "a paid job still running at the gateway")
    j.claim(inflight, [JobState.SUBMITTING], JobState.POSTING)
    j.update(inflight, task_id="task_inflight", state=JobState.RUNNING, progress=10)
    j.close()
    return Scene(path, lib_dir, in_backup, after, inflight, path.read_bytes())


def _middle(real: bytes) -> bytes:
    data = bytearray(real)
    pages = len(data) // 4096
    assert pages > 8
    start = pages // 2 * 4096
    data[start : start + 3 * 4096] = random.Random(1).randbytes(3 * 4096)
    return bytes(data)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda real: b"",
    "truncated": lambda real: real[: len(real) // 3],
    "garbage": lambda real: random.Random(0).randbytes(len(real)),
    "middle": _middle,
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_journal_loses_no_job(scene: Scene, kind: str) -> None:
    damaged = DAMAGE[kind](scene.real)
    scene.path.write_bytes(damaged)

    j = Journal(scene.path, library_dir=scene.library_dir)

    # Set aside as it was, never overwritten or deleted.
    [aside] = scene.path.parent.glob("journal.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged
    # The backup's jobs, with the running one still holding its task id.
    assert {x.id for x in j.newest()} >= set(scene.in_backup)
    running = j.find("task_running")
    assert running and running.state is JobState.RUNNING
    # The clip fetched after the backup, from its sidecar.
    after = j.get(scene.after_backup)
    assert after and after.state is JobState.DOWNLOADED and Path(after.video_path or "").is_file()
    # The paid job sent after the backup, from its in-flight copy, ready for `resume`.
    paid = j.get(scene.inflight)
    assert paid and paid.task_id == "task_inflight" and paid.state in RESUMABLE
    assert paid.state not in (JobState.SUBMITTING, JobState.POSTING)  # never sent again
    assert paid.request["seed"] == 7 and paid.prompt.startswith("a paid job")
    assert paid.id in {x.id for x in j.unfinished()}
    # And it says so.
    report = j.recovery
    assert report is not None
    assert report.set_aside[0] == aside
    assert report.backup is not None and report.backup.parent.name == "backups"
    assert report.restored == len(scene.in_backup)
    assert report.reimported == 1 and report.inflight == 1
    assert str(aside) in report.message and "restored" in report.message
    assert j.count() == len(scene.in_backup) + 2
    assert sqlite3.connect(scene.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    j.close()
    again = Journal(scene.path, library_dir=scene.library_dir)
    assert again.recovery is None and again.count() == len(scene.in_backup) + 2


def test_two_processes_opening_a_damaged_journal_recover_it_once(scene: Scene) -> None:
    scene.path.write_bytes(b"")
    opened: list[Journal] = []
    threads = [
        threading.Thread(target=lambda: opened.append(Journal(scene.path))) for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(opened) == 3
    assert [j.recovery is not None for j in opened].count(True) == 1
    assert len(list(scene.path.parent.glob("journal.sqlite3.damaged-*"))) == 1
    assert all(j.count() == len(scene.in_backup) + 1 for j in opened)  # + the in-flight job


def test_a_sound_journal_opens_as_before_and_says_nothing(scene: Scene) -> None:
    j = Journal(scene.path, library_dir=scene.library_dir)
    assert j.recovery is None
    assert j.count() == len(scene.in_backup) + 2
    assert not list(scene.path.parent.glob("*.damaged-*"))


def test_with_no_sound_backup_sidecars_and_inflight_copies_rebuild_it(scene: Scene) -> None:
    backups = scene.path.parent / "backups"
    for b in backups.iterdir():
        b.write_bytes(b"not a database at all")  # backups damaged too: none is used
    scene.path.write_bytes(b"garbage" * 1000)

    j = Journal(scene.path, library_dir=scene.library_dir)

    report = j.recovery
    assert report and report.backup is None and report.restored == 0
    assert "new journal" in report.message
    downloaded = {x.id for x in j.newest(states=[JobState.DOWNLOADED])}
    assert downloaded == {scene.in_backup[0], scene.after_backup}  # both sidecars
    paid = j.find("task_inflight")
    assert paid and paid.id == scene.inflight and paid.state in RESUMABLE


def test_the_newest_sound_backup_is_used(scene: Scene, tmp_path: Path) -> None:
    backups = sorted((scene.path.parent / "backups").iterdir())
    good = backups[-1]
    newer = good.with_name("journal-29990101-000000-000000.sqlite3")
    newer.write_bytes(good.read_bytes()[:5000])  # the newest backup is torn
    scene.path.write_bytes(b"")

    j = Journal(scene.path, library_dir=scene.library_dir)

    assert j.recovery and j.recovery.backup == good
    assert newer.exists()  # a bad backup is skipped, not deleted


def test_a_backup_known_only_to_the_journal_gets_its_task_id_back(scene: Scene) -> None:
    """A backup made while the POST was on its way has the row but not the task id."""
    j = Journal(scene.path, library_dir=scene.library_dir)
    j.close()
    db = sqlite3.connect(scene.path)
    db.execute("UPDATE jobs SET task_id=NULL, state='posting' WHERE id=?", (scene.inflight,))
    db.commit()
    db.close()
    Journal(scene.path, library_dir=scene.library_dir, backups=BackupPolicy(every=0)).close()
    scene.path.write_bytes(b"")

    j = Journal(scene.path, library_dir=scene.library_dir)

    paid = j.get(scene.inflight)
    assert paid and paid.task_id == "task_inflight" and paid.state is JobState.RUNNING
    assert j.recovery and j.recovery.inflight == 1


def test_without_a_library_the_clips_come_back_at_the_next_open_that_has_one(
    scene: Scene,
) -> None:
    scene.path.write_bytes(b"")
    j = Journal(scene.path)  # the CLI's offline commands open it this way
    assert j.recovery and j.recovery.reimport_pending and j.get(scene.after_backup) is None
    j.close()

    j = Journal(scene.path, library_dir=scene.library_dir)

    assert j.recovery is None
    after = j.get(scene.after_backup)
    assert after and after.state is JobState.DOWNLOADED


def test_inflight_copy_follows_the_job_and_goes_when_it_is_done(tmp_path: Path) -> None:
    j = Journal(tmp_path / "journal.sqlite3", gateway=GATEWAY)
    jid = make(j, "a fox")
    copy = tmp_path / "inflight" / f"{jid}.json"
    j.claim(jid, [JobState.SUBMITTING], JobState.POSTING)
    assert not copy.exists()  # no task id yet: nothing to fetch with
    j.update(jid, task_id="task_fox", state=JobState.QUEUED)
    data = json.loads(copy.read_text("utf-8"))
    assert data["task_id"] == "task_fox" and data["gateway"] == GATEWAY
    assert data["state"] == "queued" and data["request"] == {"prompt": "a fox", "seed": 7}
    j.update(jid, state=JobState.RUNNING, progress=50)
    assert json.loads(copy.read_text("utf-8"))["state"] == "running"
    j.update(jid, state=JobState.DOWNLOADED)
    assert not copy.exists()
    assert [p.name for p in copy.parent.iterdir()] == []  # no temp file left either
    # A deleted job's copy goes first, so reopening does not bring it back.
    unwanted = make(j, "unwanted")
    j.update(unwanted, task_id="task_unwanted", state=JobState.RUNNING)
    j.delete(unwanted)
    assert [p.name for p in copy.parent.iterdir()] == []
    j.close()
    assert Journal(tmp_path / "journal.sqlite3").get(unwanted) is None


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_backups_roll_keeping_at_most_n(tmp_path: Path) -> None:
    clock = Clock()
    policy = BackupPolicy(keep=3, every=600, clock=clock)
    path = tmp_path / "journal.sqlite3"
    folder = tmp_path / "backups"
    for i in range(6):
        j = Journal(path, backups=policy)
        make(j, f"session {i}")
        j.close()
        clock.now += 3600
    kept = sorted(folder.glob("journal-*.sqlite3"))
    assert len(kept) == 3
    newest = sqlite3.connect(kept[-1])
    assert newest.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 6
    assert newest.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # stands alone
    assert not list(folder.glob(".*"))  # no temp files


def test_short_sessions_replace_the_newest_backup_instead_of_pushing_old_ones_out(
    tmp_path: Path,
) -> None:
    clock = Clock()
    policy = BackupPolicy(keep=3, every=600, clock=clock)
    path = tmp_path / "journal.sqlite3"
    j = Journal(path, backups=policy)  # the first open makes one
    j.close()
    clock.now += 3600
    for i in range(10):  # ten CLI commands a few seconds apart
        j = Journal(path, backups=policy)
        make(j, f"quick {i}")
        j.close()
        clock.now += 5
    kept = sorted((tmp_path / "backups").glob("journal-*.sqlite3"))
    assert len(kept) == 3  # the open-time one, the first close's, and the newest
    counts = [sqlite3.connect(b).execute("SELECT COUNT(*) FROM jobs").fetchone()[0] for b in kept]
    assert counts == [0, 0, 10]


def test_reads_alone_make_no_backup_at_close(tmp_path: Path) -> None:
    clock = Clock()
    policy = BackupPolicy(keep=3, every=600, clock=clock)
    Journal(tmp_path / "journal.sqlite3", backups=policy).close()
    clock.now += 10
    j = Journal(tmp_path / "journal.sqlite3", backups=policy)
    j.newest()
    j.close()
    assert len(list((tmp_path / "backups").glob("journal-*.sqlite3"))) == 1


def test_a_data_dir_that_cannot_be_made_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StorageError) as e:
        Journal(blocker / "data" / "journal.sqlite3")
    assert e.value.kind == "storage"
    assert str(blocker / "data" / "journal.sqlite3") in e.value.message
    assert "\n" not in e.value.message and "VEO_DATA_DIR" in e.value.message


def test_a_read_only_file_system_is_a_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened as SQLite opens a file on a read-only mount (root passes permission checks, so
    this stands in for one): refused as storage, not mistaken for damage."""
    path = tmp_path / "journal.sqlite3"
    Journal(path).close()
    real = sqlite3.connect

    def read_only(database: Path, **kw: object) -> sqlite3.Connection:
        return real(f"{Path(database).as_uri()}?mode=ro", uri=True, check_same_thread=False)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with pytest.raises(StorageError) as e:
        Journal(path, backups=None)
    assert str(path) in e.value.message and "readonly" in e.value.detail
    assert not list(tmp_path.glob("*.damaged-*"))
