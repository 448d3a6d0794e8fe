"""Second copies of the journal, so a damaged file never costs a paid job: rolling SQLite backups,
and a small JSON file per job open at the gateway (its task id and request)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import write_json_atomic

if TYPE_CHECKING:
    from .job import Job

log = logging.getLogger(__name__)

INFLIGHT_VERSION = 1
_STAMP = "%Y%m%d-%H%M%S-%f"  # UTC, fixed width: names sort in time order


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups to keep and how far apart; `clock` is a seam for tests."""

    keep: int = 5
    every: float = 30 * 60.0  # seconds
    clock: Callable[[], float] = field(default=time.time, compare=False)


def check_file(path: Path) -> str | None:
    """None when `path` is a sound SQLite journal, else what is wrong with it."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return quick_check(db) or (None if _has_jobs(db) else "no jobs table")
        finally:
            db.close()
    except sqlite3.Error as exc:
        return str(exc)


def quick_check(db: sqlite3.Connection) -> str | None:
    """None when SQLite's quick check passes, else its first findings (for the log)."""
    rows = db.execute("PRAGMA quick_check(5)").fetchall()
    found = "; ".join(str(r[0]) for r in rows)
    return None if found == "ok" else found


def _has_jobs(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='jobs'").fetchone()
    return row is not None


def fsync_path(path: Path, *, directory: bool = False) -> None:
    """Flush a file (or a folder's entries, after a rename) to disk. Folders cannot be opened
    for that on Windows, where the rename is durable enough."""
    flags = os.O_RDONLY if directory else os.O_RDWR
    with contextlib.suppress(OSError):
        fd = os.open(path, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Backups:
    """`backups/<stem>-<UTC time><suffix>` beside the journal, newest last by name."""

    def __init__(self, journal: Path, policy: BackupPolicy) -> None:
        self.folder = journal.parent / "backups"
        self.policy = policy
        self._stem, self._suffix = journal.stem, journal.suffix
        self._opened: Path | None = None

    def all(self) -> list[Path]:
        """Every backup, newest first."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.glob(f"{self._stem}-*{self._suffix}") if self.made(p)]
        return sorted(found, key=lambda p: p.name, reverse=True)

    def made(self, backup: Path) -> float | None:
        """When `backup` was made (from its name: a copied file keeps its time)."""
        stamp = backup.name[len(self._stem) + 1 : len(backup.name) - len(self._suffix)]
        try:
            return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC).timestamp()
        except ValueError:
            return None

    def _name(self, when: float) -> Path:
        stamp = datetime.fromtimestamp(when, UTC).strftime(_STAMP)
        return self.folder / f"{self._stem}-{stamp}{self._suffix}"

    def due(self) -> bool:
        newest = self.all()[:1]
        made = self.made(newest[0]) if newest else None
        return made is None or self.policy.clock() - made >= self.policy.every

    def make(self, db: sqlite3.Connection, *, supersede: bool = False) -> Path | None:
        """Copy `db` into a new backup and drop the oldest beyond `keep`. With `supersede` (at
        close), a newest backup younger than `every` is replaced unless this session made it at
        open, so a burst of short sessions (CLI commands) does not push older backups out.
        Never raises: a failed backup is logged and the journal works on."""
        previous = self.all()[:1]
        now = self.policy.clock()
        final = self._name(now)
        while final.exists():
            now += 1e-6  # a coarse clock (Windows) may give the open's time again at close
            final = self._name(now)
        tmp: Path | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            os.close(fd)
            tmp = Path(name)
            copy = sqlite3.connect(tmp)
            try:
                db.backup(copy)
                # A rollback journal: the file stands alone, with no -wal beside it to lose.
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
            fsync_path(tmp)
            problem = check_file(tmp)
            if problem:
                raise sqlite3.DatabaseError(problem)
            os.replace(tmp, final)
            tmp = None
            fsync_path(self.folder, directory=True)
        except (OSError, sqlite3.Error) as exc:
            log.warning("journal backup to %s failed: %s", self.folder, exc)
            return None
        finally:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
        made = self.made(previous[0]) if previous else None
        recent = made is not None and 0 <= now - made < self.policy.every
        if supersede and recent and previous[0] != self._opened:
            previous[0].unlink(missing_ok=True)
        elif not supersede:
            self._opened = final  # the state before this session: a close must not replace it
        for old in self.all()[self.policy.keep :]:
            with contextlib.suppress(OSError):
                old.unlink()
        return final


class InflightCopies:
    """`inflight/<job id>.json`: what `resume` needs to fetch a paid clip (task id, request),
    kept outside the journal while the job is open at the gateway."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._written: dict[str, tuple[str | None, str]] = {}  # saves a write per progress poll

    def path(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.json"

    def sync(self, job: Job | None, job_id: str, gateway: str | None) -> None:
        """Keep the copy in step with the row: written while the job has a task id and is
        open, removed once it is finished or gone. A failure is logged, never raised: the
        journal itself already holds the change."""
        try:
            if job is None or job.state.finished:
                self._written.pop(job_id, None)
                self.path(job_id).unlink(missing_ok=True)
                return
            if not job.task_id or self._written.get(job_id) == (job.task_id, job.state.value):
                return
            write_json_atomic(self.path(job_id), self._record(job, gateway))
            self._written[job_id] = (job.task_id, job.state.value)
        except OSError as exc:
            log.warning("in-flight copy of job %s not updated: %s", job_id, exc)

    @staticmethod
    def _record(job: Job, gateway: str | None) -> dict[str, Any]:
        return {
            "inflight_version": INFLIGHT_VERSION,
            "id": job.id,
            "task_id": job.task_id,
            "gateway": gateway,
            "state": job.state.value,
            "mode": job.mode.value,
            "model": job.model,
            "prompt": job.prompt,
            "negative_prompt": job.negative_prompt,
            "request": job.request,
            "created_at": job.created_at,
            "submitted_at": job.submitted_at,
            "updated_at": job.updated_at,
        }

    def load(self) -> list[dict[str, Any]]:
        """Every readable copy (a torn or foreign file is skipped)."""
        found: list[dict[str, Any]] = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("id") and data.get("task_id"):
                found.append(data)
        return found
