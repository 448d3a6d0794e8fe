"""`make bench`: every figure against its baseline in the same run, one line each, and
bench/results.json. BENCH_REPEATS (default 5) sets the repeats; the median is the figure.

This machine is small (2 cores) and shared: figures move from run to run, which is why each is
a median of repeats with its min and max printed, and why the baselines run interleaved with
the app in the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import batch, clip_check, compare, download, export, polls, startup, viewer
from .common import PYTHON, ROOT, Figure, child_env, child_json
from .library import make_library

JOBS = 1000


def _child_runs(module: str, args: list[str], repeats: int) -> list[dict[str, object]]:
    """One fresh process per repeat."""
    return [child_json([PYTHON, "-m", f"bench.{module}", *args], 600) for _ in range(repeats)]


def _scroll(library: Path, repeats: int) -> Figure:
    runs = _child_runs("scroll", [str(library)], repeats)
    p99 = [float(r["p99_ms"]) for r in runs]  # type: ignore[arg-type]
    worst = [float(r["max_ms"]) for r in runs]  # type: ignore[arg-type]
    return Figure(
        "list_scroll_ms_p99",
        "per-frame time scrolling the 1,000-job list end to end",
        p99,
        16,
        unit=" ms",
        note=f"{runs[0]['frames']} frames of {runs[0]['rows']} rows per run; worst frame "
        f"{min(worst):.1f}..{max(worst):.1f} ms",
        detail={"runs": runs},
    )


def _heartbeat(library: Path, work: Path, repeats: int) -> tuple[Figure, Figure]:
    runs = _child_runs("heartbeat", [str(library), str(work)], repeats)
    p99 = [float(r["p99_ms"]) for r in runs]  # type: ignore[arg-type]
    worst = [float(r["max_ms"]) for r in runs]  # type: ignore[arg-type]
    what = "5 ms timer lateness: 200 MB download + 20 jobs polling + 20 MB image"
    note = (
        f"{runs[0]['beats']} beats over {float(runs[0]['window_s']):.1f} s per run, "  # type: ignore[arg-type]
        f"{runs[0]['polls_in_window']} polls in the window, download took "
        f"{float(runs[0]['download_s']):.2f} s"  # type: ignore[arg-type]
    )
    return (
        Figure("heartbeat_p99_ms", what, p99, 16, unit=" ms", note=note, detail={"runs": runs}),
        Figure("heartbeat_max_ms", what, worst, 50, unit=" ms"),
    )


def main() -> int:
    repeats = int(os.environ.get("BENCH_REPEATS", "5"))
    # Start-up is measured with bytecode already compiled, as an installed app has it.
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", "veo_desktop", "bench"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        env=child_env(),
    )
    os.environ.update(child_env())
    started = time.time()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="veo-bench-") as tmp:
        work = Path(tmp)
        print(f"bench: {repeats} repeats per figure; building a {JOBS}-job library…", flush=True)
        clips = work / "clips"
        full = make_library(work / "full", JOBS, base_url="http://127.0.0.1:9", clip_cache=clips)
        empty = make_library(work / "empty", 0, base_url="http://127.0.0.1:9", clip_cache=clips)
        steps = (
            ("startup + rss", lambda: figures.extend(startup.run(full, empty, repeats))),
            ("download", lambda: figures.append(download.run(work, repeats))),
            ("heartbeat", lambda: figures.extend(_heartbeat(full, work, repeats))),
            ("scroll", lambda: figures.append(_scroll(_copy(full, work / "scroll"), repeats))),
            ("polls", lambda: figures.append(polls.run(repeats))),
            ("batch", lambda: figures.extend(batch.run(repeats))),
            ("viewer", lambda: figures.append(viewer.run(work, repeats))),
            ("compare", lambda: figures.extend(compare.run(work, repeats))),
            ("clip check", lambda: figures.append(clip_check.run(work, repeats))),
            ("export", lambda: figures.append(export.run(work, repeats))),
        )
        for name, step in steps:
            t = time.time()
            step()
            print(f"bench: {name} done in {time.time() - t:.0f} s", flush=True)
    print()
    for f in figures:
        print(f.line())
    met = sum(f.met for f in figures)
    print(
        f"\n{met} of {len(figures)} figures met ({time.time() - started:.0f} s, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})"
    )
    out = ROOT / "bench" / "results.json"
    results: dict[str, object] = {f.key: f.value for f in figures}
    results["details"] = {f.key: f.record() for f in figures}
    results["machine"] = {
        "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "python": sys.version.split()[0],
        "repeats": repeats,
    }
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


def _copy(src: Path, dest: Path) -> Path:
    import shutil

    shutil.copytree(src, dest)
    return dest


if __name__ == "__main__":
    raise SystemExit(main())
