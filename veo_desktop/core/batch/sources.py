"""Reading a batch file (.txt, .csv or .jsonl) into records: each row's fields as written, with
the line it starts on."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError
from ..i18n import msg

MAX_FILE_BYTES = 20 * 1024 * 1024  # far beyond any shot list; a mistaken file must not fill RAM
MAX_ROWS = 5_000
SUFFIXES = (".txt", ".csv", ".jsonl")

#: Every field a row may set (a CSV column or a JSONL key).
FIELDS = (
    "prompt",
    "negative_prompt",
    "model",
    "aspect_ratio",
    "duration",
    "audio",
    "seed",
    "image",
    "last_image",
    "refs",
    "mode",
    "video",
)
# Other spellings people use for the same columns (compared after `_key`).
ALIASES = {
    "negative": "negative_prompt",
    "aspect": "aspect_ratio",
    "ratio": "aspect_ratio",
    "generate_audio": "audio",
    "seconds": "duration",
    "start_frame": "image",
    "first_frame": "image",
    "end_frame": "last_image",
    "last_frame": "last_image",
    "ref": "refs",
    "references": "refs",
    "images": "refs",
}


class BatchFileError(InvalidInputError):
    """The file as a whole cannot be read as a batch (nothing in it is sent)."""

    kind = "invalid_batch"


@dataclass(frozen=True)
class Record:
    """One row as written: `fields` by field name (strings from .txt and .csv, any JSON value
    from .jsonl); `error` when the row could not be read at all."""

    line: int
    fields: dict[str, Any]
    error: str | None = None


@dataclass(frozen=True)
class Source:
    path: Path  # absolute
    sha256: str  # of the bytes read: with the path, what names the batch
    records: tuple[Record, ...]
    notes: tuple[str, ...]  # about the file as a whole (columns it ignores)


def read_source(path: Path) -> Source:
    """Read `path`; raises BatchFileError when it cannot be a batch at all."""
    path = path.expanduser().resolve()
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise BatchFileError(
            msg(
                "{name}: a batch is a .txt (one prompt per line), .csv or .jsonl file.",
                name=name,
            )
        )
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BatchFileError(
            msg("{name}: cannot read it ({reason}).", name=name, reason=exc.strerror or exc)
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise BatchFileError(msg("{name} is larger than 20 MB: split it.", name=name))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BatchFileError(
            msg(
                "{name} is not UTF-8 text (bad byte at {where}). Save it as UTF-8 (in Excel: "
                "CSV UTF-8) and try again.",
                name=name,
                where=exc.start,
            )
        ) from None
    notes: list[str] = []
    if suffix == ".txt":
        records = list(_txt(text))
    elif suffix == ".csv":
        records = list(_csv(text, name, notes))
    else:
        records = list(_jsonl(text, notes))
    if not records:
        raise BatchFileError(msg("{name} has no rows to send.", name=name))
    if len(records) > MAX_ROWS:
        raise BatchFileError(
            msg(
                "{name} has {count} rows; a batch takes at most {limit}. Split it.",
                name=name,
                count=f"{len(records):,}",
                limit=f"{MAX_ROWS:,}",
            )
        )
    return Source(path, hashlib.sha256(data).hexdigest(), tuple(records), tuple(notes))


def _key(name: str) -> str:
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    return ALIASES.get(key, key)


def _txt(text: str) -> Iterator[Record]:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield Record(number, {"prompt": line})


def _csv(text: str, name: str, notes: list[str]) -> Iterator[Record]:
    lines = text.splitlines()
    header_line = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if header_line is None:
        return
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[header_line]))
    header: list[str] | None = None
    start = 1
    for cells in reader:
        line, start = start, reader.line_num + 1  # a quoted cell may span lines
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [_key(c) for c in cells]
            if "prompt" not in header:
                raise BatchFileError(
                    msg(
                        "{name}: the first row must name the columns, one of them “prompt” "
                        "(found: {found}).",
                        name=name,
                        found=", ".join(c.strip() for c in cells if c.strip()) or "nothing",
                    )
                )
            notes.extend(_ignored(header))
            continue
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            yield Record(
                line,
                {},
                msg(
                    "This row has {cells} cells but the header has {columns}: a prompt that "
                    "contains a comma must be in double quotes.",
                    cells=len(cells),
                    columns=len(header),
                ),
            )
            continue
        fields = {k: v for k, v in zip(header, cells, strict=False) if k in FIELDS}
        yield Record(line, fields)


def _delimiter(header: str) -> str:
    """Comma, or the semicolon or tab some spreadsheets write: whichever names more columns."""
    best, found = ",", -1
    for sep in (",", ";", "\t"):
        known = sum(_key(c) in FIELDS for c in header.split(sep))
        if known > found:
            best, found = sep, known
    return best


def _ignored(keys: list[str]) -> list[str]:
    return [
        msg("The field “{name}” is not one Veo Desktop reads; it is ignored.", name=k)
        for k in dict.fromkeys(keys)
        if k and k not in FIELDS
    ]


def _jsonl(text: str, notes: list[str]) -> Iterator[Record]:
    unknown: dict[str, None] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except ValueError as exc:  # JSONDecodeError, and numbers too large to read
            yield Record(number, {}, msg("This line is not valid JSON ({reason}).", reason=exc))
            continue
        if not isinstance(value, dict):
            yield Record(number, {}, msg('This line must be a JSON object, like {"prompt": "…"}.'))
            continue
        fields: dict[str, Any] = {}
        for k, v in value.items():
            key = _key(str(k))
            if key in FIELDS:
                fields[key] = v
            else:
                unknown[key] = None
        yield Record(number, fields)
    notes.extend(_ignored(list(unknown)))
