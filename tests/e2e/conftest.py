"""End-to-end fixtures: the real simulator on loopback, and the real `veo` CLI as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.keys import E2E_KEY as TEST_KEY
from veo_desktop.core.jobs.poll_step import PollPolicy
from veo_desktop.simulator import Faults, Simulator

__all__ = ["TEST_KEY", "Cli", "cli_env", "fast_policy", "solid_png"]


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(job_seconds=0.6, max_height=144, faults=Faults()) as s:
        yield s


@dataclass
class Cli:
    base_url: str
    data_dir: Path
    env: dict[str, str]

    def run(
        self, *args: str, timeout: float = 90, key: bool = True
    ) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        if not key:
            env.pop("VEO_API_KEY", None)
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "veo_desktop.cli",
                "--base-url",
                self.base_url,
                "--data-dir",
                str(self.data_dir),
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "veo_desktop.cli",
                "--base-url",
                self.base_url,
                "--data-dir",
                str(self.data_dir),
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
        )

    def json(self, *args: str) -> tuple[int, Any]:
        r = self.run(*args)
        assert r.stdout.strip(), r.stderr
        return r.returncode, json.loads(r.stdout)


@pytest.fixture
def cli(sim: Simulator, tmp_path: Path) -> Cli:
    return Cli(sim.base_url, tmp_path / "data", cli_env(poll_seconds="0.3"))


def cli_env(*, poll_seconds: str = "0.2") -> dict[str, str]:
    """The environment a `veo` process runs in for a test: the test key, a fast poll, no
    keyring, and none of the user's own VEO_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEO_")}
    env.update(
        VEO_API_KEY=TEST_KEY,
        VEO_POLL_SECONDS=poll_seconds,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def solid_png(path: Path, color: tuple[int, int, int], size: tuple[int, int] = (320, 180)) -> Path:
    Image.new("RGB", size, color).save(path)
    return path


def fast_policy(grace: float, **more: Any) -> PollPolicy:
    """The runner's policy at test speed: polls and retries in tenths of a second."""
    return PollPolicy(
        first_delay=0.1,
        factor=1.0,
        max_delay=0.1,
        grace_seconds=grace,
        download_retry_first=0.05,
        download_retry_max=0.1,
        **more,
    )
