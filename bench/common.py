"""What every figure shares: repeat-and-summarise, the result record, the printed line, and the
environment a child process of the app needs (offscreen Qt, no keyring, no user files)."""

from __future__ import annotations

import math
import os
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): the value at or above q% of the samples."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Figure:
    """One line of `make bench`: the median of the repeats, compared with the target."""

    key: str
    what: str
    samples: list[float]
    target: float
    higher_is_better: bool = False
    unit: str = ""
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def value(self) -> float:
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def met(self) -> bool:
        if math.isnan(self.value):
            return False
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    def line(self) -> str:
        cmp = "≥" if self.higher_is_better else "≤"
        verdict = "met" if self.met else "NOT MET"
        lo, hi = (min(self.samples), max(self.samples)) if self.samples else (math.nan, math.nan)
        u = self.unit
        text = (
            f"{self.key:<20} {self.value:9.3f}{u}  target {cmp} {self.target:g}{u}  {verdict:<7}  "
            f"median of {len(self.samples)}, min {lo:.3f}{u}, max {hi:.3f}{u}  ({self.what})"
        )
        return text + (f"\n{'':<22}{self.note}" if self.note else "")

    def record(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(value=self.value, met=self.met)
        if self.samples:
            d.update(min=min(self.samples), max=max(self.samples))
        return d


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A child process of the app: offscreen Qt, quiet multimedia, a key from the environment
    (no keyring prompt or D-Bus round trip in the timing), and the repo importable."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.multimedia*=false;qt.qpa.*=false",
        VEO_API_KEY="bench-key",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    for name in ("VEO_BASE_URL", "VEO_DATA_DIR"):
        env.pop(name, None)
    env.update(extra or {})
    return env


def rss_bytes() -> int:
    """This process's resident set (Linux /proc; the bench runs where the tests run)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def child_json(argv: list[str], timeout: float) -> dict[str, Any]:
    """Run a bench child (its own process: one Qt app each, nothing carried between runs) and
    return the JSON object on the last `{` line it printed."""
    import json
    import subprocess

    proc = subprocess.run(
        argv, env=child_env(), cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(argv[1:3])} failed: {proc.stderr[-3000:]}")
    out: dict[str, Any] = json.loads(lines[-1])
    return out
