"""What the journal stores: its columns, the migrations that build them (one step per schema
version; `PRAGMA user_version` counts the steps applied), and how gateway replies are kept."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from ..links import is_inline

COLUMNS = (
    "id",
    "task_id",
    "state",
    "mode",
    "model",
    "prompt",
    "negative_prompt",
    "request_json",
    "progress",
    "remote_status",
    "video_url",
    "video_path",
    "error_kind",
    "error_message",
    "replies_json",
    "poll_count",
    "created_at",
    "updated_at",
    "submitted_at",
    "completed_at",
    "downloaded_at",
    "link_seen_at",
    "checks_json",
    "group_id",
    "rating",
)

MIGRATIONS: Sequence[Sequence[str]] = (
    # v1: jobs
    (
        """
        CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        task_id TEXT,
        state TEXT NOT NULL,
        mode TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt TEXT NOT NULL DEFAULT '',
        negative_prompt TEXT NOT NULL DEFAULT '',
        request_json TEXT NOT NULL,
        progress INTEGER,
        remote_status TEXT,
        video_url TEXT,
        video_path TEXT,
        error_kind TEXT,
        error_message TEXT,
        replies_json TEXT NOT NULL DEFAULT '[]',
        poll_count INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        submitted_at REAL,
        completed_at REAL,
        downloaded_at REAL,
        link_seen_at REAL
        )
        """,
        """
        CREATE UNIQUE INDEX jobs_task_id ON jobs(task_id) WHERE task_id IS NOT NULL
        """,
        """
        CREATE INDEX jobs_created ON jobs(created_at DESC)
        """,
        """
        CREATE INDEX jobs_state ON jobs(state)
        """,
    ),
    # v2: full-text search over prompts. The trigram tokenizer matches any substring in any
    # script (Chinese has no spaces to split words on); triggers keep it in step with jobs.
    (
        """CREATE VIRTUAL TABLE jobs_fts USING fts5(prompt, negative_prompt, content='jobs',
        content_rowid='rowid', tokenize='trigram')""",
        """CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN
        INSERT INTO jobs_fts(rowid, prompt, negative_prompt)
        VALUES (new.rowid, new.prompt, new.negative_prompt); END""",
        """CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN
        INSERT INTO jobs_fts(jobs_fts, rowid, prompt, negative_prompt)
        VALUES ('delete', old.rowid, old.prompt, old.negative_prompt); END""",
        """CREATE TRIGGER jobs_fts_update AFTER UPDATE OF prompt, negative_prompt ON jobs BEGIN
        INSERT INTO jobs_fts(jobs_fts, rowid, prompt, negative_prompt)
        VALUES ('delete', old.rowid, old.prompt, old.negative_prompt);
        INSERT INTO jobs_fts(rowid, prompt, negative_prompt)
        VALUES (new.rowid, new.prompt, new.negative_prompt); END""",
        "INSERT INTO jobs_fts(jobs_fts) VALUES ('rebuild')",
    ),
    # v3: the clip checks (core/checks), a JSON list; NULL until the clip has been checked.
    ("ALTER TABLE jobs ADD COLUMN checks_json TEXT",),
    # v4: takes. Variants of one prompt share a group; a creator rates a take 1-5 (kept: ≥ 1).
    (
        "ALTER TABLE jobs ADD COLUMN group_id TEXT",
        "ALTER TABLE jobs ADD COLUMN rating INTEGER",
        "CREATE INDEX jobs_group ON jobs(group_id) WHERE group_id IS NOT NULL",
    ),
)


def migrate(db: sqlite3.Connection) -> None:
    """Apply the steps `db` lacks, in one transaction (a crash leaves the old version whole)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        for i, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            for stmt in statements:
                db.execute(stmt)
            version = i
        # Written even when unchanged: a read-only file fails here, not at the first paid job.
        db.execute(f"PRAGMA user_version={version}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def immediate(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE), so a read-then-write inside it
    cannot interleave with another process's."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


MAX_REPLIES = 20  # the sidecar keeps the story of a job; a stuck job must not grow forever
MAX_TEXT = 2_000  # characters of one string kept from a reply (a link, a reason)
MAX_ITEMS = 50  # items of one list or object kept from a reply
MAX_DEPTH = 8  # levels of nesting kept from a reply


def redact_reply(reply: Any, depth: int = 0) -> Any:
    """A reply cut to what tells the job's story: inline `data:` payloads (megabytes of video),
    long strings, long lists and deep nesting become short markers."""
    if depth >= MAX_DEPTH and isinstance(reply, dict | list):
        return "<nested too deep: omitted>"
    if isinstance(reply, dict):
        items = list(reply.items())
        kept = {str(k)[:MAX_TEXT]: redact_reply(v, depth + 1) for k, v in items[:MAX_ITEMS]}
        if len(items) > MAX_ITEMS:
            kept["…"] = f"<{len(items) - MAX_ITEMS} more keys omitted>"
        return kept
    if isinstance(reply, list):
        more = [f"<{len(reply) - MAX_ITEMS} more items omitted>"] if len(reply) > MAX_ITEMS else []
        return [redact_reply(v, depth + 1) for v in reply[:MAX_ITEMS]] + more
    if isinstance(reply, str):
        if is_inline(reply) and len(reply) > 120:
            return f"{reply.split(',', 1)[0]},<{len(reply)} chars omitted>"
        if len(reply) > MAX_TEXT:
            return reply[:MAX_TEXT] + f"<{len(reply) - MAX_TEXT} chars omitted>"
    return reply


def add_reply(history: list[dict[str, Any]], reply: Any, at: float) -> list[dict[str, Any]]:
    """The job's reply history with `reply` added: the same reply as the last one only counts
    a repeat (a job polled 40 times reads the same a lot), and only the last MAX_REPLIES stay."""
    kept = redact_reply(reply)
    if history and history[-1].get("reply") == kept:
        last = {**history[-1], "last_at": at, "repeats": int(history[-1].get("repeats", 1)) + 1}
        return [*history[:-1], last]
    return [*history, {"at": at, "reply": kept}][-MAX_REPLIES:]
