"""The job journal: the SQLite file (WAL) the app and the CLI share. A row is written before its
POST and every change is committed at once, so `resume` never sends a job twice."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checks.result import Check, checks_from_json, checks_to_json
from ..request.models import Mode
from .job import RESUMABLE, Job, JobState, new_job_id
from .journal_backup import BackupPolicy, Backups, InflightCopies
from .journal_schema import COLUMNS, MIGRATIONS, add_reply, immediate, redact_reply

if TYPE_CHECKING:
    from .journal_recovery import Recovery

__all__ = ["MIGRATIONS", "Journal", "redact_reply"]


def job_from_row(row: sqlite3.Row) -> Job:
    """The `Job` a journal row describes (the JSON columns decoded)."""
    d = dict(row)
    d.update(
        state=JobState(d["state"]),
        mode=Mode(d["mode"]),
        request=json.loads(d.pop("request_json")),
        replies=json.loads(d.pop("replies_json")),
        checks=_checks(d.pop("checks_json")),
    )
    return Job(**d)


def _checks(raw: str | None) -> tuple[Check, ...] | None:
    try:
        return checks_from_json(json.loads(raw)) if raw else None
    except ValueError:  # unreadable: as if never checked, so the clip is checked again
        return None


class Journal:
    """Thread-safe (one connection behind a lock): the runner writes from worker threads."""

    _db: sqlite3.Connection  # set by journal_recovery.open_checked

    def __init__(
        self,
        path: Path,
        *,
        gateway: str | Callable[[], str | None] | None = None,
        library_dir: Path | None = None,
        backups: BackupPolicy | None = BackupPolicy(),  # noqa: B008  frozen, shared safely
    ) -> None:
        """Open (create, check, migrate) the journal at `path`, recovering a damaged file
        (`recovery` then says how; None when nothing happened). `gateway` (the base URL, or a
        function giving it) goes into the in-flight copies; `library_dir` is where recovery
        finds the sidecars. Raises StorageError when the folder cannot be used."""
        from .journal_recovery import open_checked  # it builds on this module

        self.path = path
        self._lock = threading.RLock()
        self._gateway = gateway
        self._closed = False
        self.recovery: Recovery | None = None
        self.backups = Backups(path, backups) if backups else None
        self.inflight = InflightCopies(path.parent / "inflight")
        open_checked(self, library_dir)
        self._backed_up = self._db.total_changes

    def close(self) -> None:
        """Close, first backing up what this connection changed (see BackupPolicy)."""
        with self._lock:
            if self._closed:
                return
            if self.backups is not None and self._db.total_changes != self._backed_up:
                self.backups.make(self._db, supersede=True)
            self._db.close()
            self._closed = True

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _mirror(self, job_id: str, job: Job | None) -> None:
        """Keep the job's in-flight copy in step with its row (see InflightCopies)."""
        gateway = self._gateway() if callable(self._gateway) else self._gateway
        self.inflight.sync(job, job_id, gateway)

    # -- writes ----------------------------------------------------------------------------------

    def create(
        self,
        *,
        mode: Mode,
        model: str,
        prompt: str,
        negative_prompt: str,
        request: dict[str, Any],
        job_id: str | None = None,
        state: JobState = JobState.SUBMITTING,
        group_id: str | None = None,
    ) -> Job:
        now = time.time()
        jid = job_id or new_job_id()
        with self._lock:
            self._db.execute(
                "INSERT INTO jobs (id, state, mode, model, prompt, negative_prompt, request_json,"
                " created_at, updated_at, group_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    jid,
                    state.value,
                    mode.value,
                    model,
                    prompt,
                    negative_prompt,
                    json.dumps(request, ensure_ascii=False),
                    now,
                    now,
                    group_id,
                ),
            )
        job = self.get(jid)
        assert job is not None
        return job

    def update(self, job_id: str, *, reply: Any = None, **fields: Any) -> Job:
        """Set columns (by name) and, with `reply`, add a gateway reply to the job's history,
        all in one transaction. `state` may be a JobState."""
        if "request" in fields:
            fields["request_json"] = json.dumps(fields.pop("request"), ensure_ascii=False)
        if "checks" in fields:
            checks = fields.pop("checks")
            fields["checks_json"] = None if checks is None else json.dumps(checks_to_json(checks))
        bad = set(fields) - set(COLUMNS)
        if bad:
            raise KeyError(f"unknown journal columns: {sorted(bad)}")
        fields["updated_at"] = now = time.time()
        with self._lock, immediate(self._db):  # the reply and the fields it brought, at once
            if reply is not None:
                row = self._db.execute("SELECT replies_json FROM jobs WHERE id=?", (job_id,))
                found = row.fetchone()
                history = add_reply(json.loads(found[0]) if found else [], reply, now)
                fields["replies_json"] = json.dumps(history, ensure_ascii=False)
            cols = ", ".join(f"{k}=?" for k in fields)
            values = [v.value if isinstance(v, StrEnum) else v for v in fields.values()]
            self._db.execute(f"UPDATE jobs SET {cols} WHERE id=?", (*values, job_id))
        job = self.get(job_id)
        if job is None:
            raise KeyError(job_id)
        self._mirror(job_id, job)
        return job

    def claim(
        self, job_id: str, from_states: Iterable[JobState], to_state: JobState, **fields: Any
    ) -> bool:
        """Move a job from one of `from_states` to `to_state` atomically. False when another
        process got there first: this is what keeps two resumers from sending one job twice."""
        froms = [s.value for s in from_states]
        sets = {"state": to_state.value, "updated_at": time.time(), **fields}
        cols = ", ".join(f"{k}=?" for k in sets)
        marks = ",".join("?" * len(froms))
        with self._lock:
            cur = self._db.execute(
                f"UPDATE jobs SET {cols} WHERE id=? AND state IN ({marks})",
                (*sets.values(), job_id, *froms),
            )
        if cur.rowcount == 1:
            self._mirror(job_id, self.get(job_id))
        return cur.rowcount == 1

    def record_reply(self, job_id: str, reply: dict[str, Any]) -> None:
        """Add a gateway reply (cut to its story, see `add_reply`) to the job's history."""
        if self.get(job_id) is not None:
            self.update(job_id, reply=reply)

    def import_job(self, sidecar: dict[str, Any], video: Path) -> bool:
        """Insert a finished job described by its sidecar. False when the id (or task id)
        already exists or the sidecar is unreadable."""
        try:
            mode = Mode(str(sidecar.get("mode", "text")))
            created = float(sidecar.get("created_at") or video.stat().st_mtime)
        except (ValueError, OSError):
            return False
        return self.insert(
            {
                "id": str(sidecar["id"]),
                "task_id": sidecar.get("task_id") or None,
                "state": JobState.DOWNLOADED.value,
                "mode": mode.value,
                "model": str(sidecar.get("model") or ""),
                "prompt": str(sidecar.get("prompt") or ""),
                "negative_prompt": str(sidecar.get("negative_prompt") or ""),
                "request": sidecar.get("request") or {},
                "progress": 100,
                "video_url": sidecar.get("video_url"),
                "video_path": str(video),
                "replies_json": json.dumps(sidecar.get("replies") or [], ensure_ascii=False),
                "created_at": created,
                "updated_at": time.time(),
                "submitted_at": sidecar.get("submitted_at"),
                "completed_at": sidecar.get("completed_at"),
                "downloaded_at": sidecar.get("downloaded_at"),
                "group_id": str(sidecar["group"]) if sidecar.get("group") else None,
                "rating": sidecar["rating"] if isinstance(sidecar.get("rating"), int) else None,
                "checks_json": json.dumps(sidecar["checks"])
                if isinstance(sidecar.get("checks"), list)
                else None,
            }
        )

    def insert(self, row: dict[str, Any]) -> bool:
        """Insert a whole row rebuilt from a second copy (a sidecar, an in-flight copy). False
        when its id or task id is already known."""
        row = {**row, "mode": Mode(row["mode"]).value, "state": JobState(row["state"]).value}
        if set(row) - {*COLUMNS, "request"}:
            raise KeyError(f"unknown journal columns: {sorted(set(row) - set(COLUMNS))}")
        row["request_json"] = json.dumps(row.pop("request", {}), ensure_ascii=False)
        cols = ", ".join(row)
        with self._lock:
            try:
                self._db.execute(
                    f"INSERT INTO jobs ({cols}) VALUES ({','.join('?' * len(row))})",
                    tuple(row.values()),
                )
            except sqlite3.IntegrityError:
                return False
        self._mirror(row["id"], self.get(row["id"]))
        return True

    def delete(self, job_id: str) -> None:
        self._mirror(job_id, None)  # the copy first: a copy without its row means a lost row
        with self._lock:
            self._db.execute("DELETE FROM jobs WHERE id=?", (job_id,))

    # -- reads ---------------------------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        return job_from_row(row) if row else None

    def find(self, ref: str) -> Job | None:
        """By local id, gateway task id, or a unique prefix of the local id."""
        ref = ref.strip()
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM jobs WHERE id=? OR task_id=?", (ref, ref)
            ).fetchone()
            if row is None and len(ref) >= 4:
                rows = self._db.execute(
                    "SELECT * FROM jobs WHERE id LIKE ? LIMIT 2", (ref.replace("%", "") + "%",)
                ).fetchall()
                row = rows[0] if len(rows) == 1 else None
        return job_from_row(row) if row else None

    def group(self, group_id: str) -> list[Job]:
        """The takes sent together as variants of one prompt, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM jobs WHERE group_id=? ORDER BY created_at, rowid", (group_id,)
            ).fetchall()
        return [job_from_row(r) for r in rows]

    def by_video_url(self, url: str) -> Job | None:
        """The newest job whose clip came from this link (an extension names its source so)."""
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM jobs WHERE video_url=? ORDER BY created_at DESC LIMIT 1", (url,)
            ).fetchone()
        return job_from_row(row) if row else None

    def newest(
        self, *, states: Iterable[JobState] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Job]:
        """Newest first."""
        wanted = None if states is None else list(states)
        if wanted == []:  # no state asked for: nothing (search would read "any state")
            return []
        return self.search(states=wanted, limit=limit, offset=offset)

    def search(
        self,
        text: str = "",
        *,
        modes: Iterable[Mode] | None = None,
        models: Iterable[str] | None = None,
        states: Iterable[JobState] | None = None,
        since: float | None = None,
        until: float | None = None,
        checks_failed: bool = False,
        rated: bool = False,
        group_id: str | None = None,
        oldest_first: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Job]:
        """The library's query: words in the prompt or negative prompt (any script), filtered by
        mode, model, status, date, failed clip checks, kept (rated) takes and group. Runs on the
        local file alone."""
        where: list[str] = []
        args: list[Any] = []
        text = text.strip()
        if len(text) >= 3:
            where.append("rowid IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)")
            args.append('"' + text.replace('"', '""') + '"')
        elif text:  # trigrams need three characters; two-character words are common in CJK
            like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(prompt LIKE ? ESCAPE '\\' OR negative_prompt LIKE ? ESCAPE '\\')")
            args += [like, like]
        for column, values in (
            ("mode", [m.value for m in modes] if modes else None),
            ("model", list(models) if models else None),
            ("state", [st.value for st in states] if states else None),
        ):
            if values:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                args += values
        if since is not None:
            where.append("created_at >= ?")
            args.append(since)
        if until is not None:
            where.append("created_at < ?")
            args.append(until)
        if checks_failed:
            where.append(
                "EXISTS (SELECT 1 FROM json_each(checks_json)"
                " WHERE json_extract(value, '$.ok') = 0)"
            )
        if rated:
            where.append("rating >= 1")
        if group_id:
            where.append("group_id = ?")
            args.append(group_id)
        sql = "SELECT * FROM jobs"
        if where:
            sql += " WHERE " + " AND ".join(where)
        order = "ASC" if oldest_first else "DESC"
        sql += f" ORDER BY created_at {order}, rowid {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [job_from_row(r) for r in rows]

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])

    def unfinished(self) -> list[Job]:
        return list(reversed(self.newest(states=RESUMABLE)))  # oldest first
