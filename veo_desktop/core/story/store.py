"""Where storyboards are kept (stories.sqlite3 in the data dir, beside the journal): each board,
its shots in order, and each shot's takes with the job id given before the take is sent."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..jobs.job import new_job_id
from ..sqlite_store import SqliteStore
from .board import Board, Settings, Shot, Take, Trim, new_id

STORE_NAME = "stories.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    source TEXT,
    sha256 TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS boards_by_file ON boards (source, sha256);
CREATE TABLE IF NOT EXISTS shots (
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    prompt TEXT NOT NULL,
    image TEXT,
    last_image TEXT,
    refs_json TEXT NOT NULL DEFAULT '[]',
    overrides_json TEXT NOT NULL DEFAULT '{}',
    continues INTEGER NOT NULL,
    chosen TEXT,
    trim_in REAL NOT NULL DEFAULT 0,
    trim_out REAL,
    PRIMARY KEY (board_id, id)
);
CREATE TABLE IF NOT EXISTS takes (
    job_id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    shot_id TEXT NOT NULL,
    created_at REAL NOT NULL,
    start_frame TEXT,
    source_job TEXT,
    note TEXT,
    FOREIGN KEY (board_id, shot_id) REFERENCES shots (board_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS takes_by_shot ON takes (board_id, shot_id, created_at);
"""
_CONTENT = ("prompt", "image", "last_image", "refs_json", "overrides_json", "continues")


class StoryStore(SqliteStore):
    """Boards, their shots and takes, in one SQLite file (see SqliteStore); every write is one
    transaction."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, SCHEMA)

    # -- boards ------------------------------------------------------------------------------------

    def create(self, board: Board) -> Board:
        """Keep a new board (a fresh id when `board.id` is empty) with its shots and takes."""
        board_id = board.id or new_id()
        now = time.time()
        with self._write() as db:
            db.execute(
                "INSERT INTO boards (id, title, settings_json, source, sha256, created_at,"
                " updated_at) VALUES (?,?,?,?,?,?,?)",
                (
                    board_id,
                    board.title,
                    json.dumps(board.settings.to_json()),
                    board.source,
                    board.sha256,
                    now,
                    now,
                ),
            )
            for position, shot in enumerate(board.shots):
                _insert_shot(db, board_id, position, shot)
                for take in shot.takes:
                    _insert_take(db, board_id, shot.id, take)
        return self._get(board_id)

    def save(self, board: Board) -> Board:
        """Keep the board's title, settings and shots as edited (added, moved, changed, deleted).
        Takes, the chosen take and trims are left as the store has them: they change through
        `assign_takes`, `choose` and `set_trim`, so an edit never undoes a take made meanwhile."""
        with self._write() as db:
            db.execute(
                "UPDATE boards SET title=?, settings_json=?, updated_at=? WHERE id=?",
                (board.title, json.dumps(board.settings.to_json()), time.time(), board.id),
            )
            kept = {
                r["id"] for r in db.execute("SELECT id FROM shots WHERE board_id=?", (board.id,))
            }
            for gone in kept - {s.id for s in board.shots}:
                db.execute("DELETE FROM shots WHERE board_id=? AND id=?", (board.id, gone))
            for position, shot in enumerate(board.shots):
                if shot.id not in kept:
                    _insert_shot(db, board.id, position, shot)
                    continue
                values = _content(shot)
                cols = ", ".join(f"{c}=?" for c in _CONTENT)
                db.execute(
                    f"UPDATE shots SET position=?, {cols} WHERE board_id=? AND id=?",
                    (position, *values, board.id, shot.id),
                )
        return self._get(board.id)

    def delete(self, board_id: str) -> None:
        """The board goes; its takes' jobs stay in the journal and their clips in the library."""
        with self._write() as db:
            db.execute("DELETE FROM boards WHERE id=?", (board_id,))

    def get(self, board_id: str) -> Board | None:
        found = self._one("SELECT id FROM boards WHERE id=?", (board_id,))
        return self._get(board_id) if found else None

    def find(self, ref: str) -> Board | None:
        """By id or a unique start of one (four characters or more)."""
        ref = ref.strip()
        board = self.get(ref)
        if board is not None or len(ref) < 4:
            return board
        rows = self._all(
            "SELECT id FROM boards WHERE id LIKE ? LIMIT 2", (ref.replace("%", "") + "%",)
        )
        return self._get(rows[0]["id"]) if len(rows) == 1 else None

    def find_file(self, source: Path, sha256: str) -> Board | None:
        """The newest board made from this file with these exact contents."""
        row = self._one(
            "SELECT id FROM boards WHERE source=? AND sha256=?"
            " ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (str(source), sha256),
        )
        return self._get(row["id"]) if row else None

    def boards(self) -> list[Board]:
        """Newest first."""
        rows = self._all("SELECT id FROM boards ORDER BY created_at DESC, rowid DESC")
        return [self._get(r["id"]) for r in rows]

    # -- takes ------------------------------------------------------------------------------------

    def assign_takes(self, board_id: str, wanted: Mapping[str, str | None]) -> Board:
        """A new take, with its job id, for each shot in `wanted` whose latest take is still the
        one named there (None: no take yet). Checked in the transaction: two processes
        generating one board give a shot one new take, not two."""
        now = time.time()
        with self._write() as db:
            for shot_id, expected in wanted.items():
                row = db.execute(
                    "SELECT job_id FROM takes WHERE board_id=? AND shot_id=?"
                    " ORDER BY created_at DESC, rowid DESC LIMIT 1",
                    (board_id, shot_id),
                ).fetchone()
                if (row["job_id"] if row else None) == expected:
                    _insert_take(db, board_id, shot_id, Take(new_job_id(), now))
        return self._get(board_id)

    def update_take(self, job_id: str, **values: str | None) -> None:
        """Set a take's start_frame, source_job or note."""
        bad = set(values) - {"start_frame", "source_job", "note"}
        if bad:
            raise KeyError(f"not a take field: {sorted(bad)}")
        cols = ", ".join(f"{k}=?" for k in values)
        with self._write() as db:
            db.execute(f"UPDATE takes SET {cols} WHERE job_id=?", (*values.values(), job_id))

    def choose(self, board_id: str, shot_id: str, job_id: str | None) -> Board:
        """The take the film uses for this shot (one of its takes, or None)."""
        with self._write() as db:
            if (
                job_id is not None
                and not db.execute(
                    "SELECT 1 FROM takes WHERE board_id=? AND shot_id=? AND job_id=?",
                    (board_id, shot_id, job_id),
                ).fetchone()
            ):
                raise KeyError(job_id)
            db.execute(
                "UPDATE shots SET chosen=? WHERE board_id=? AND id=?", (job_id, board_id, shot_id)
            )
        return self._get(board_id)

    def choose_if_none(self, board_id: str, shot_id: str, job_id: str) -> Board:
        """Choose this take unless the shot already has a chosen one (the user's pick stays)."""
        with self._write() as db:
            db.execute(
                "UPDATE shots SET chosen=? WHERE board_id=? AND id=? AND chosen IS NULL",
                (job_id, board_id, shot_id),
            )
        return self._get(board_id)

    def set_trim(self, board_id: str, shot_id: str, trim: Trim) -> Board:
        with self._write() as db:
            db.execute(
                "UPDATE shots SET trim_in=?, trim_out=? WHERE board_id=? AND id=?",
                (max(0.0, trim.start), trim.end, board_id, shot_id),
            )
        return self._get(board_id)

    # -- reading ----------------------------------------------------------------------------------

    def _get(self, board_id: str) -> Board:
        with self._lock:  # one read of the board, its shots and takes
            b = self._db.execute("SELECT * FROM boards WHERE id=?", (board_id,)).fetchone()
            if b is None:
                raise KeyError(board_id)
            shots = self._db.execute(
                "SELECT * FROM shots WHERE board_id=? ORDER BY position", (board_id,)
            ).fetchall()
            takes = self._db.execute(
                "SELECT * FROM takes WHERE board_id=? ORDER BY created_at, rowid", (board_id,)
            ).fetchall()
        by_shot: dict[str, list[Take]] = {}
        for t in takes:
            by_shot.setdefault(t["shot_id"], []).append(
                Take(t["job_id"], t["created_at"], t["start_frame"], t["source_job"], t["note"])
            )
        return Board(
            id=b["id"],
            title=b["title"],
            settings=Settings.from_json(json.loads(b["settings_json"])),
            shots=tuple(_shot(s, by_shot.get(s["id"], [])) for s in shots),
            created_at=b["created_at"],
            source=b["source"],
            sha256=b["sha256"],
        )


def _content(shot: Shot) -> tuple[Any, ...]:
    return (
        shot.prompt,
        shot.image,
        shot.last_image,
        json.dumps(list(shot.refs), ensure_ascii=False),
        json.dumps(dict(shot.overrides), ensure_ascii=False),
        int(shot.continue_from_previous),
    )


def _insert_shot(db: sqlite3.Connection, board_id: str, position: int, shot: Shot) -> None:
    db.execute(
        f"INSERT INTO shots (board_id, id, position, {', '.join(_CONTENT)}, chosen, trim_in,"
        " trim_out) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            board_id,
            shot.id,
            position,
            *_content(shot),
            shot.chosen,
            shot.trim.start,
            shot.trim.end,
        ),
    )


def _insert_take(db: sqlite3.Connection, board_id: str, shot_id: str, take: Take) -> None:
    db.execute(
        "INSERT INTO takes (job_id, board_id, shot_id, created_at, start_frame, source_job, note)"
        " VALUES (?,?,?,?,?,?,?)",
        (
            take.job_id,
            board_id,
            shot_id,
            take.created_at,
            take.start_frame,
            take.source_job,
            take.note,
        ),
    )


def _shot(row: sqlite3.Row, takes: list[Take]) -> Shot:
    return Shot(
        id=row["id"],
        prompt=row["prompt"],
        image=row["image"],
        last_image=row["last_image"],
        refs=tuple(json.loads(row["refs_json"])),
        overrides=json.loads(row["overrides_json"]),
        continue_from_previous=bool(row["continues"]),
        takes=tuple(takes),
        chosen=row["chosen"],
        trim=Trim(row["trim_in"], row["trim_out"]),
    )
