"""Start a bench server process and read its port; stop it by its own pid."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from .common import PYTHON, ROOT, child_env


@contextmanager
def server(*args: str) -> Iterator[int]:
    proc = subprocess.Popen(
        [PYTHON, "-m", "bench.servers", *args],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.strip().isdigit():
            raise RuntimeError(f"bench server {args} did not start")
        yield int(line)
    finally:
        proc.terminate()
        proc.wait(10)
