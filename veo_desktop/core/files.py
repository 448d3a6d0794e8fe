"""Writing a file so that a crash leaves the old one or the new one, never half of one."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def replaced_atomically(path: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A temporary path beside `path` to write to; when the block ends well it is flushed to
    disk and renamed over `path`, and on any error it is removed (the parent is made if need be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        # fsync works on the file, not the descriptor: a new one pushes what the writer left
        # (opened for writing: Windows refuses to flush a read-only handle).
        fd = os.open(tmp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_file(path: Path, mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """`open(path, mode, **options)` with the write made whole or not at all (as above)."""
    with replaced_atomically(path) as tmp, open(tmp, mode, **options) as f:
        yield f


def write_json_atomic(path: Path, data: Any) -> None:
    """`data` as UTF-8 JSON at `path`, written whole or not at all."""
    with atomic_file(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
