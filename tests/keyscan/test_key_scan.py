"""After the whole suite: no test key anywhere the suite wrote. Scans every file under
$VEO_TEST_SCRATCH (scripts/run-tests.sh points TMPDIR and the XDG dirs there, so every test's
data dir, journal, sidecars, settings, logs and crash reports live under it) for every key value
the suite used: those in tests/keys.py and every `sk-...` literal in the tests' source."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import pytest

from tests.keys import ALL_KEYS

TESTS = Path(__file__).resolve().parents[1]
LITERAL = re.compile(r"""["'](sk-[A-Za-z0-9][A-Za-z0-9_\-]{7,})["']""")


def suite_keys() -> set[str]:
    keys = set(ALL_KEYS)
    for source in TESTS.rglob("*.py"):
        keys.update(LITERAL.findall(source.read_text("utf-8", errors="replace")))
    return keys


def needles(keys: set[str]) -> dict[bytes, str]:
    """Each key as written plainly, and base64-encoded (as in a Basic auth header)."""
    out: dict[bytes, str] = {}
    for key in keys:
        out[key.encode()] = key
        out[base64.b64encode(key.encode())] = f"{key} (base64)"
    return out


def scan(root: Path, keys: set[str], skip: tuple[Path, ...] = ()) -> tuple[int, list[str]]:
    """(files read, "file: key" for every hit)."""
    found: list[str] = []
    count = 0
    patterns = needles(keys)
    for path in root.rglob("*"):
        if not path.is_file() or path.is_symlink() or any(path.is_relative_to(s) for s in skip):
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue  # a socket or a file another process just removed
        count += 1
        found += [f"{path}: {name}" for needle, name in patterns.items() if needle in data]
    return count, found


def test_the_scanner_finds_a_planted_key(tmp_path: Path) -> None:
    key = sorted(suite_keys())[0]
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "veo-desktop.log").write_text(f"... Authorization: Bearer {key} ...")
    (tmp_path / "clean.json").write_text("{}")
    count, found = scan(tmp_path, suite_keys())
    assert count == 2 and found == [f"{tmp_path / 'logs' / 'veo-desktop.log'}: {key}"]


def test_no_test_key_in_any_file_the_suite_left(tmp_path_factory: pytest.TempPathFactory) -> None:
    scratch = os.environ.get("VEO_TEST_SCRATCH")
    assert scratch and Path(scratch).is_dir(), "run the key scan through scripts/run-tests.sh"
    root = Path(scratch)
    keyring = Path(os.environ.get("XDG_DATA_HOME", root / "data")) / "keyrings"
    # The keyring is where keys belong; this run's own temp dir holds the planted test key.
    skip = (keyring, tmp_path_factory.getbasetemp())
    keys = suite_keys()
    assert len(keys) >= len(ALL_KEYS)
    count, found = scan(root, keys, skip)
    names = {p.name for p in root.rglob("*") if p.is_file()}
    # Not a vacuous pass: the suite's journals and logs are really here to be read.
    assert "journal.sqlite3" in names and "veo-desktop.log" in names, sorted(names)[:50]
    assert count > 50
    assert not found, "API key written to disk:\n" + "\n".join(found)
