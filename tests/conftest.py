"""Shared test set-up: every test runs with its own data dir and never sees a real key, the
user's files, or the network beyond loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for var in ("VEO_API_KEY", "VEO_BASE_URL", "VEO_DATA_DIR"):
    os.environ.pop(var, None)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    d = tmp_path / "veo-data"
    d.mkdir()
    monkeypatch.setenv("VEO_DATA_DIR", str(d))
    yield d


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "dialects(*names): the simulator dialects an end-to-end test applies to"
    )
    # The long suite (make test-long) runs `slow` tests; the default suite skips them by marker
    # selection, not by skip(), so no test is ever reported "skipped to get green".
    if not os.environ.get("VEO_LONG_TESTS") and not config.option.markexpr:
        config.option.markexpr = "not slow"
