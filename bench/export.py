"""export_ratio: three 8 s 720p takes with sound made into one film by stream copy (core/story/
film.py, in-process) ÷ `ffmpeg -f concat -safe 0 -i list.txt -c copy` on the same files."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from veo_desktop.core.story.film import Part, write_film
from veo_desktop.simulator.clips import render_clip

from .common import Figure

WHAT = "three 8 s 720p takes to one film by stream copy ÷ ffmpeg -f concat -c copy"


def run(work: Path, repeats: int) -> Figure:
    folder = work / "export"
    folder.mkdir(exist_ok=True)
    takes = []
    for n, prompt in enumerate(("a lighthouse at dawn", "the same at noon", "then at dusk")):
        take = folder / f"take{n}.mp4"
        render_clip(take, prompt=prompt, resolution="720p", max_height=720, duration=8, audio=True)
        takes.append(take)
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return Figure(
            "export_ratio", WHAT, [], 1.5, note="ffmpeg is not installed: apt-get install ffmpeg"
        )
    listing = folder / "list.txt"
    listing.write_text("".join(f"file '{_quoted(t)}'\n" for t in takes), "utf-8")
    parts = [Part(t) for t in takes]
    ours_s: list[float] = []
    theirs_s: list[float] = []
    ratios: list[float] = []
    film = write_film(parts, folder / "ours.mp4")  # warm: imports, codecs, the page cache
    _concat(ffmpeg, listing, folder / "ffmpeg.mp4")
    for _ in range(repeats):
        t = time.perf_counter()
        film = write_film(parts, folder / "ours.mp4")
        ours = time.perf_counter() - t
        t = time.perf_counter()
        _concat(ffmpeg, listing, folder / "ffmpeg.mp4")
        theirs = time.perf_counter() - t
        ours_s.append(ours)
        theirs_s.append(theirs)
        ratios.append(ours / theirs)
    return Figure(
        "export_ratio",
        WHAT,
        ratios,
        1.5,
        note=f"ours {statistics.median(ours_s) * 1000:.0f} ms ({film.method}, "
        f"{film.duration_s:.1f} s of film), ffmpeg {statistics.median(theirs_s) * 1000:.0f} ms "
        "(its process start included, as a user runs it)",
    )


def _concat(ffmpeg: str, listing: Path, out: Path) -> None:
    concat = ["-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", str(out)]
    subprocess.run([ffmpeg, "-y", "-loglevel", "error", *concat], check=True)


def _quoted(path: Path) -> str:
    """A path as the concat demuxer's `file '...'` line reads it."""
    return str(path).replace("'", "'\\''")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="veo-bench-") as tmp:
        print(run(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 5).line())
