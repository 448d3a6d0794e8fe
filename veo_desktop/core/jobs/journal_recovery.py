"""Opening the journal safely: a damaged file is set aside (never deleted) and rebuilt from the
newest sound backup, the sidecars and the in-flight copies, so no paid job is lost."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import StorageError
from ..i18n import msg
from ..library.store import reimport
from .job import RESUMABLE, JobState
from .journal import Journal
from .journal_backup import check_file, fsync_path, quick_check
from .journal_schema import migrate
from .locks import ProcessLock

log = logging.getLogger(__name__)

#: SQLite's codes for a file that is not (or no longer) a sound database. Every other error at
#: open (cannot open, read-only, I/O, busy) is about the folder, not the file's contents.
_DAMAGE_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


@dataclass(frozen=True)
class Recovery:
    """What opening a damaged journal did: `message` says it to the user."""

    journal: Path
    problem: str  # SQLite's own words, for the log
    set_aside: tuple[Path, ...]  # the damaged file (and its -wal/-shm) under their new names
    backup: Path | None  # restored from, or None: a new journal was started
    backup_time: float | None
    restored: int  # jobs in the restored backup
    reimported: int  # downloaded clips added back from the library's sidecars
    reimport_pending: bool  # no library was known: it is re-imported at the next open that has one
    inflight: int  # open jobs brought back (or given their task id) from the in-flight copies

    @property
    def message(self) -> str:
        aside = self.set_aside[0] if self.set_aside else self.journal
        parts = [
            msg(
                "The job journal was damaged; it was set aside, not deleted, as {path}.",
                path=str(aside),
            )
        ]
        if self.backup is not None and self.backup_time is not None:
            when = datetime.fromtimestamp(self.backup_time).strftime("%Y-%m-%d %H:%M")
            parts.append(
                msg(
                    "{count} job(s) were restored from the backup of {when}.",
                    count=self.restored,
                    when=when,
                )
            )
        else:
            parts.append(msg("No sound backup was found, so a new journal was started."))
        if self.reimport_pending:
            parts.append(msg("Clips in the library are re-imported at the next start."))
        else:
            parts.append(
                msg(
                    "{count} downloaded clip(s) were re-imported from the library.",
                    count=self.reimported,
                )
            )
        if self.inflight:
            parts.append(
                msg(
                    "{count} paid job(s) still open at the gateway were recovered and will be "
                    "fetched as usual.",
                    count=self.inflight,
                )
            )
        return " ".join(parts)


def storage_error(path: Path, exc: BaseException) -> StorageError:
    detail = f"{type(exc).__name__}: {exc}"
    if getattr(exc, "sqlite_errorcode", None) in _BUSY_CODES:
        return StorageError(
            msg(
                "The job journal at {path} is held by another Veo Desktop or `veo` for too "
                "long. Try again in a moment.",
                path=str(path),
            ),
            detail=detail,
        )
    return StorageError(
        msg(
            "Cannot open or write {path}: the folder is missing, read-only or full. Make it "
            "writable, or choose another data folder (--data-dir or VEO_DATA_DIR).",
            path=str(path),
        ),
        detail=detail,
    )


def open_checked(journal: Journal, library_dir: Path | None) -> None:
    """Give `journal` a sound, migrated connection, recovering a damaged file on the way."""
    path = journal.path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(path, exc) from exc
    # Two processes opening a damaged file must not both set it aside and restore over each
    # other: the second waits, then finds the first one's sound copy.
    with _exclusive(path):
        problem = _empty_with_history(journal) or _connect(journal)
        if problem is not None:
            journal.recovery = _recover(journal, problem, library_dir)
            return
        if journal.backups is not None and journal.backups.due():
            journal.backups.make(journal._db)
        # A copy whose row is gone means the row was lost (it is written after the row, and
        # removed before it): a deleted journal, or an earlier recovery that had no copy.
        restored = _restore_inflight(journal)
        if restored:
            log.warning("%d open job(s) put back into %s from in-flight copies", restored, path)
        marker = _pending(path)
        if library_dir is not None and library_dir.is_dir() and marker.exists():
            reimport(library_dir, journal)
            marker.unlink(missing_ok=True)


@contextlib.contextmanager
def _exclusive(path: Path, wait: float = 30.0) -> Iterator[None]:
    lock = ProcessLock(path.with_name(path.name + ".open-lock"))
    deadline = time.monotonic() + wait
    while not lock.try_acquire() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield
    finally:
        lock.release(remove=False)  # removing it would let a newcomer lock a second file


def _pending(path: Path) -> Path:
    return path.with_name(path.name + ".reimport")


def _empty_with_history(journal: Journal) -> str | None:
    """A 0-byte journal is damage when backups or in-flight copies show it once held jobs (a
    new file is empty for a moment too, before its first write)."""
    try:
        empty = journal.path.stat().st_size == 0
    except OSError:
        return None
    if empty and ((journal.backups and journal.backups.all()) or journal.inflight.load()):
        return "the journal file is empty"
    return None


def _connect(journal: Journal) -> str | None:
    """Connect, check and migrate; None when sound, else what is wrong (the file is closed)."""
    try:
        db = sqlite3.connect(
            journal.path, isolation_level=None, check_same_thread=False, timeout=10.0
        )
    except sqlite3.Error as exc:
        raise storage_error(journal.path, exc) from exc
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA busy_timeout=10000")  # the CLI and the app may write at once
        problem = quick_check(db)  # before anything writes to it: a damaged file stays as found
        if problem is None:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")  # a committed state change survives a crash
            migrate(db)
            journal._db = db  # the journal's one connection, from here on
            return None
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) not in _DAMAGE_CODES:
            db.close()
            raise storage_error(journal.path, exc) from exc
        problem = str(exc)
    db.close()
    return problem


def _recover(journal: Journal, problem: str, library_dir: Path | None) -> Recovery:
    path = journal.path
    log.error("journal %s is damaged (%s); setting it aside and recovering", path, problem)
    aside = list(set_aside(path))
    used: Path | None = None
    for backup in journal.backups.all() if journal.backups else []:
        why = check_file(backup)
        if why is None:
            _restore(backup, path)
            if _connect(journal) is None:
                used = backup
                break
            why = "failed after the restore"
            aside += set_aside(path)
        log.warning("backup %s not used: %s", backup, why)
    if used is None and _connect(journal) is not None:  # a new file cannot be damaged
        raise storage_error(path, RuntimeError("a new journal failed its check"))
    restored = journal.count() if used else 0
    pending = library_dir is None or not library_dir.is_dir()
    clips = 0 if pending or library_dir is None else len(reimport(library_dir, journal))
    if pending:
        with contextlib.suppress(OSError):
            _pending(path).touch()
    inflight = _restore_inflight(journal)
    if journal.backups is not None:
        journal.backups.make(journal._db)  # the recovered state is the one to come back to
    report = Recovery(
        journal=path,
        problem=problem,
        set_aside=tuple(aside),
        backup=used,
        backup_time=journal.backups.made(used) if used and journal.backups else None,
        restored=restored,
        reimported=clips,
        reimport_pending=pending,
        inflight=inflight,
    )
    log.warning("journal recovered: %s", report)
    return report


def set_aside(path: Path) -> list[Path]:
    """Rename the journal and its -wal/-shm to `<name>.damaged-<time>` (the -wal keeps its
    suffix, so SQLite still reads the pair together). Returns the new paths."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while base.exists():
        base = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    moved: list[Path] = []
    for suffix in ("", "-wal", "-shm"):
        old = path.with_name(path.name + suffix)
        if not old.exists():
            continue
        new = base.with_name(base.name + suffix)
        try:
            os.replace(old, new)
        except OSError as exc:
            raise storage_error(path, exc) from exc
        moved.append(new)
    fsync_path(path.parent, directory=True)
    return moved


def _restore(backup: Path, path: Path) -> None:
    """Copy `backup` to `path` through a temporary file, so a crash leaves no half journal."""
    tmp = path.with_name(f".{path.name}.restoring")
    try:
        tmp.write_bytes(backup.read_bytes())
        fsync_path(tmp)
        os.replace(tmp, path)
        fsync_path(path.parent, directory=True)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise storage_error(path, exc) from exc


def _restore_inflight(journal: Journal) -> int:
    """Put back each open job an in-flight copy knows and the restored journal does not (or
    knows without its task id). Returns how many."""
    count = 0
    for record in journal.inflight.load():
        job = journal.get(str(record["id"]))
        state = _resumable(record.get("state"))
        try:
            if job is None:
                count += journal.insert(_row(record, state))
            elif job.state.finished:
                journal.inflight.sync(job, job.id, None)  # settled after all: drop the copy
            elif job.task_id is None or job.updated_at < float(record.get("updated_at") or 0):
                journal.update(job.id, task_id=str(record["task_id"]), state=state)
                count += 1
        except (sqlite3.Error, ValueError, TypeError) as exc:
            log.warning("in-flight copy of %s not restored: %s", record.get("id"), exc)
    return count


def _resumable(value: Any) -> JobState:
    """The copy's state if `resume` can carry on from it with the task id; else queued,
    which polls the gateway and learns the rest (a task id means it was sent)."""
    try:
        state = JobState(value)
    except ValueError:
        return JobState.QUEUED
    sent = state not in (JobState.SUBMITTING, JobState.POSTING)
    return state if state in RESUMABLE and sent else JobState.QUEUED


def _row(record: dict[str, Any], state: JobState) -> dict[str, Any]:
    now = time.time()
    return {
        "id": str(record["id"]),
        "task_id": str(record["task_id"]),
        "state": state.value,
        "mode": str(record.get("mode") or "text"),
        "model": str(record.get("model") or ""),
        "prompt": str(record.get("prompt") or ""),
        "negative_prompt": str(record.get("negative_prompt") or ""),
        "request": record.get("request") or {},
        "created_at": float(record.get("created_at") or now),
        "updated_at": now,
        "submitted_at": record.get("submitted_at"),
    }
