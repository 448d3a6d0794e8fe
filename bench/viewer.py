"""viewer_open_ratio: from selecting a finished clip's row in the real window to its first frame in
the viewer, divided by a bare QMediaPlayer + QVideoSink opening the same file in the same process.

    python -m bench.viewer WORK_DIR   (one run; prints a JSON line)

"First frame" on both sides is the first valid frame the video sink receives (the viewer's sink is
its QVideoWidget's, which paints it on its next frame). Two 720p 8 s clips with sound, as Veo
returns them, are opened in turn, app and bare interleaved (the bare one opens copies of them);
each player pauses after its frame, so every open replaces a paused clip, as clicking from row to
row does (Qt takes longer for that than for an open into an empty player, on both sides alike)."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

from .common import PYTHON, Figure, child_json

ROUNDS = 8
SETTLE_S = 0.3  # after a stop, so no late frame of one open counts for the next


def make_data(work: Path) -> tuple[Path, list[Path]]:
    from veo_desktop.core.config import SharedSettings
    from veo_desktop.core.jobs.job import JobState
    from veo_desktop.core.jobs.journal import Journal
    from veo_desktop.core.request.models import Mode, Model
    from veo_desktop.simulator.clips import render_clip

    clips = []
    for i in range(2):
        clip = work / "viewer-clips" / f"veo-720p-{i}.mp4"
        if not clip.exists():
            clip.parent.mkdir(parents=True, exist_ok=True)
            render_clip(clip, prompt=f"viewer bench {i}", duration=8, seed=i, model="bench")
        clips.append(clip)
    data = work / "viewer-data"
    if not data.exists():
        data.mkdir(parents=True)
        SharedSettings(base_url="http://127.0.0.1:9").save(data / "settings.json")
        journal = Journal(data / "journal.sqlite3")
        for clip in clips:
            job = journal.create(
                mode=Mode.TEXT,
                model=Model.FAST_720P.value,
                prompt=clip.stem,
                negative_prompt="",
                request={"mode": "text"},
            )
            journal.update(job.id, state=JobState.DOWNLOADED, video_path=str(clip), progress=100)
        journal.close()
    return data, clips


def one_run(work: Path) -> dict[str, object]:
    import asyncio

    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

    from veo_desktop.app import create_app

    data, clips = make_data(work)
    # The bare player opens byte-identical copies: a file the other player holds paused opens
    # slower (~5 ms), which would tilt whichever side came second.
    twins = {str(c): c.with_name(f"{c.stem}-bare.mp4") for c in clips}
    for clip, twin in twins.items():
        if not twin.exists():
            shutil.copyfile(clip, twin)
    parts = create_app(["--data-dir", str(data)])
    window, player = parts.window, parts.player
    window.resize(1240, 760)
    window.show()
    bare = QMediaPlayer()
    sink = QVideoSink()
    bare.setVideoSink(sink)
    app_ms: list[float] = []
    bare_ms: list[float] = []
    wanted = [""]
    got: dict[str, float] = {}  # when each side's first frame reached the UI thread

    def on_shown(frame: QVideoFrame) -> None:
        if frame.isValid() and player.job_id == wanted[0]:
            got.setdefault("app", time.perf_counter())

    def on_bare(frame: QVideoFrame) -> None:
        if frame.isValid():
            got.setdefault("bare", time.perf_counter())

    # Both timed alike: each sink's frames queued to the UI thread.
    sink.videoFrameChanged.connect(on_bare, Qt.ConnectionType.QueuedConnection)

    async def first_frame(key: str, start: float) -> float:
        deadline = time.perf_counter() + 10
        while key not in got:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no first frame ({key}) within 10 s")
            await asyncio.sleep(0.002)
        return (got.pop(key) - start) * 1000

    async def scenario() -> None:
        await asyncio.sleep(2.0)  # start-up and its warm-up (media backend, viewer) settle
        surface = window.viewer.surface
        assert surface is not None, "the viewer's video surface was not built at warm-up"
        surface.videoSink().videoFrameChanged.connect(on_shown, Qt.ConnectionType.QueuedConnection)
        model = window.model
        rows = [model.job_at(r) for r in range(model.rowCount())]
        for n in range(ROUNDS + 1):  # the first round of each opens cold caches: not counted
            job = rows[n % len(rows)]
            wanted[0] = job.id
            got.clear()
            start = time.perf_counter()
            window.view.setCurrentIndex(model.index(model.row_of(job.id), 0))
            took = await first_frame("app", start)
            player.pause()  # the clip stays in the viewer, as when the next row is clicked
            await asyncio.sleep(SETTLE_S)
            got.clear()
            start = time.perf_counter()
            bare.setSource(QUrl.fromLocalFile(str(twins[job.video_path or ""])))
            bare.play()
            took_bare = await first_frame("bare", start)
            bare.pause()  # like the viewer's: the next open replaces a paused clip
            await asyncio.sleep(SETTLE_S)
            if n:
                app_ms.append(took)
                bare_ms.append(took_bare)

    with parts.loop:
        parts.loop.run_until_complete(scenario())
        parts.controller.close()
    return {
        "rounds": len(app_ms),
        "app_ms": statistics.median(app_ms),
        "bare_ms": statistics.median(bare_ms),
        "app_all_ms": [round(v, 1) for v in app_ms],
        "bare_all_ms": [round(v, 1) for v in bare_ms],
    }


def run(work: Path, repeats: int) -> Figure:
    make_data(work)  # rendered once, before any timing
    runs = [child_json([PYTHON, "-m", "bench.viewer", str(work)], 300) for _ in range(repeats)]
    app = [float(r["app_ms"]) for r in runs]
    bare = [float(r["bare_ms"]) for r in runs]
    return Figure(
        "viewer_open_ratio",
        "select a row to the viewer's first frame ÷ bare QMediaPlayer+QVideoSink, same file",
        [a / b for a, b in zip(app, bare, strict=True)],
        1.5,
        note=f"viewer_open_ms {statistics.median(app):.1f} ms, bare {statistics.median(bare):.1f}"
        f" ms (medians of {runs[0]['rounds']} opens per run, 720p 8 s clips with sound)",
        detail={"runs": runs},
    )


if __name__ == "__main__":
    print(json.dumps(one_run(Path(sys.argv[1]))), flush=True)
    os._exit(0)
