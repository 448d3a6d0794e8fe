"""Where batches are kept (batches.sqlite3 in the data dir, beside the journal): each batch's
rows, their order, their state and the job id each row was given before it was sent."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..i18n import msg
from ..jobs.job import new_job_id
from ..request.models import GenerationRequest
from ..sqlite_store import SqliteStore

STORE_NAME = "batches.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at REAL NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    skipped_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS batches_by_file ON batches (source, sha256);
CREATE TABLE IF NOT EXISTS rows (
    batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    key INTEGER NOT NULL,
    line INTEGER NOT NULL,
    position INTEGER NOT NULL,
    job_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    request_json TEXT NOT NULL,
    note TEXT,
    error_kind TEXT,
    PRIMARY KEY (batch_id, key)
);
"""


class RowState(StrEnum):
    WAITING = "waiting"  # not sent yet, or sent and refused (a 429): sent when its turn comes
    SENDING = "sending"
    RUNNING = "running"  # the gateway has it (or a download is still to come)
    DONE = "done"  # the clip is in the library
    FAILED = "failed"
    CANCELLED = "cancelled"  # never sent

    @property
    def settled(self) -> bool:
        return self in (RowState.DONE, RowState.FAILED, RowState.CANCELLED)

    @property
    def label(self) -> str:
        return {
            RowState.WAITING: msg("Waiting"),
            RowState.SENDING: msg("Sending"),
            RowState.RUNNING: msg("Running"),
            RowState.DONE: msg("Done"),
            RowState.FAILED: msg("Failed"),
            RowState.CANCELLED: msg("Cancelled"),
        }[self]


@dataclass(frozen=True)
class Batch:
    id: str
    source: str  # the file's absolute path
    sha256: str  # of its bytes when the batch was made
    created_at: float
    paused: bool
    note: str | None  # why the queue paused itself (a rejected key, no credit, no network)
    skipped: tuple[int, ...]  # lines left out as invalid (--skip-invalid)


@dataclass(frozen=True)
class BatchRow:
    batch_id: str
    key: int  # the row's index in the batch as made: never changes
    line: int
    position: int  # the sending order
    job_id: str  # given before the row is ever sent: the journal row it becomes
    state: RowState
    request: GenerationRequest
    note: str | None  # why it waits again, or failed
    error_kind: str | None


class BatchStore(SqliteStore):
    """Batches and their rows, in one SQLite file (see SqliteStore)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, SCHEMA)

    # -- batches ---------------------------------------------------------------------------------

    def create(
        self,
        source: Path,
        sha256: str,
        rows: Sequence[tuple[int, GenerationRequest]],
        skipped: Iterable[int] = (),
    ) -> Batch:
        """A new batch of (line, request) rows, in order, each with its job id."""
        batch_id = uuid.uuid4().hex[:12]
        with self._write() as db:
            db.execute(
                "INSERT INTO batches (id, source, sha256, created_at, skipped_json)"
                " VALUES (?,?,?,?,?)",
                (batch_id, str(source), sha256, time.time(), json.dumps(list(skipped))),
            )
            db.executemany(
                "INSERT INTO rows (batch_id, key, line, position, job_id, state, request_json)"
                " VALUES (?,?,?,?,?,?,?)",
                [
                    (batch_id, k, line, k, new_job_id(), RowState.WAITING.value, _dump(req))
                    for k, (line, req) in enumerate(rows)
                ],
            )
        batch = self.get(batch_id)
        assert batch is not None
        return batch

    def get(self, batch_id: str) -> Batch | None:
        row = self._one("SELECT * FROM batches WHERE id=?", (batch_id,))
        return _batch(row) if row else None

    def find(self, source: Path, sha256: str) -> Batch | None:
        """The newest batch made from this file with these exact contents."""
        row = self._one(
            "SELECT * FROM batches WHERE source=? AND sha256=?"
            " ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (str(source), sha256),
        )
        return _batch(row) if row else None

    def batches(self) -> list[Batch]:
        """Newest first."""
        rows = self._all("SELECT * FROM batches ORDER BY created_at DESC, rowid DESC")
        return [_batch(r) for r in rows]

    def set_paused(self, batch_id: str, paused: bool, note: str | None = None) -> Batch:
        with self._lock:
            self._db.execute(
                "UPDATE batches SET paused=?, note=? WHERE id=?", (int(paused), note, batch_id)
            )
        batch = self.get(batch_id)
        if batch is None:
            raise KeyError(batch_id)
        return batch

    # -- rows ------------------------------------------------------------------------------------

    def rows(self, batch_id: str) -> list[BatchRow]:
        """In sending order."""
        rows = self._all("SELECT * FROM rows WHERE batch_id=? ORDER BY position, key", (batch_id,))
        return [_row(r) for r in rows]

    def row(self, batch_id: str, key: int) -> BatchRow:
        row = self._one("SELECT * FROM rows WHERE batch_id=? AND key=?", (batch_id, key))
        if row is None:
            raise KeyError((batch_id, key))
        return _row(row)

    def set_state(
        self,
        batch_id: str,
        key: int,
        state: RowState,
        note: str | None = None,
        error_kind: str | None = None,
    ) -> BatchRow:
        with self._lock:
            self._db.execute(
                "UPDATE rows SET state=?, note=?, error_kind=? WHERE batch_id=? AND key=?",
                (state.value, note, error_kind, batch_id, key),
            )
        return self.row(batch_id, key)

    def reorder(self, batch_id: str, keys: Sequence[int]) -> None:
        """Put the waiting rows `keys` in this order, in the places they hold between them."""
        with self._write() as db:
            marks = ",".join("?" * len(keys))
            found = db.execute(
                f"SELECT key, position FROM rows WHERE batch_id=? AND state=? AND key IN ({marks})",
                (batch_id, RowState.WAITING.value, *keys),
            ).fetchall()
            waiting = {r["key"] for r in found}
            places = sorted(r["position"] for r in found)
            order = [k for k in dict.fromkeys(keys) if k in waiting]
            db.executemany(
                "UPDATE rows SET position=? WHERE batch_id=? AND key=?",
                [(p, batch_id, k) for p, k in zip(places, order, strict=True)],
            )


def _dump(request: GenerationRequest) -> str:
    return json.dumps(request.to_record(), ensure_ascii=False)


def _batch(row: sqlite3.Row) -> Batch:
    return Batch(
        id=row["id"],
        source=row["source"],
        sha256=row["sha256"],
        created_at=row["created_at"],
        paused=bool(row["paused"]),
        note=row["note"],
        skipped=tuple(json.loads(row["skipped_json"])),
    )


def _row(row: sqlite3.Row) -> BatchRow:
    data: dict[str, Any] = json.loads(row["request_json"])
    return BatchRow(
        batch_id=row["batch_id"],
        key=row["key"],
        line=row["line"],
        position=row["position"],
        job_id=row["job_id"],
        state=RowState(row["state"]),
        request=GenerationRequest.from_record(data),
        note=row["note"],
        error_kind=row["error_kind"],
    )
