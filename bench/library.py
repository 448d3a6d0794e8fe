"""A 1,000-job library like a long-used one: real journal rows (mostly downloaded, some failed,
a few uncertain) over months, real small MP4s from the simulator's clip generator (shared across
rows) with their posters already cached, as the app leaves them after each download."""

from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path

from veo_desktop.core.config import SharedSettings
from veo_desktop.core.jobs.job import JobState, new_job_id
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.library.frames import make_poster
from veo_desktop.core.request.models import Mode, Model
from veo_desktop.simulator.clips import render_clip

CLIPS = 6
_PROMPT = (
    "a paper boat drifts down a rain-soaked street at dusk, neon reflections ripple, slow dolly "
    "in, shallow depth of field, the camera follows a red umbrella past shop windows while steam "
    "rises from a noodle stall and a tram crosses in the distance"
)
WORDS = _PROMPT.split()


def make_clips(folder: Path, n: int = CLIPS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    clips = []
    for i in range(n):
        path = folder / f"clip{i}.mp4"
        if not path.exists():
            ratio = "9:16" if i % 3 == 2 else "16:9"
            render_clip(
                path,
                prompt=f"bench clip {i}",
                aspect_ratio=ratio,
                duration=2,
                audio=i % 2 == 0,
                seed=i,
                max_height=240,
                model="veo3.1-fast-video-720p",
            )
        clips.append(path)
    return clips


def make_library(data_dir: Path, jobs: int, *, base_url: str, clip_cache: Path) -> Path:
    """Fill `data_dir` (the app's --data-dir) with `jobs` finished jobs. Returns data_dir."""
    data_dir.mkdir(parents=True, exist_ok=True)
    SharedSettings(base_url=base_url).save(data_dir / "settings.json")
    journal = Journal(data_dir / "journal.sqlite3")
    if jobs == 0:
        journal.close()
        return data_dir
    clips = make_clips(clip_cache)
    posters = [make_poster(c, clip_cache / f"{c.stem}.jpg") for c in clips]
    day = data_dir / "library" / "2026-01-01"
    day.mkdir(parents=True, exist_ok=True)
    shared = []
    for c in clips:
        shutil.copyfile(c, day / c.name)
        shared.append(day / c.name)
    poster_dir = data_dir / "posters"
    poster_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(6)
    models = list(Model)
    now = time.time()
    # One transaction for the bench's own set-up: with the journal's synchronous=FULL, a
    # thousand separate commits would spend most of the bench's time in fsync.
    db = journal._db
    db.execute("BEGIN")
    for n in range(jobs):
        mode = rng.choice(list(Mode))
        prompt = " ".join(rng.sample(WORDS, rng.randint(6, len(WORDS))))
        model = rng.choice(models).value
        request = {"mode": mode.value, "model": model, "prompt": prompt, "duration": 8}
        job_id = new_job_id()
        created = now - (jobs - n) * 3600.0  # one an hour, newest last
        roll = rng.random()
        # Whole rows in the one transaction (Journal.update takes its own write transaction).
        fields: dict[str, object] = dict(
            id=job_id,
            mode=mode.value,
            model=model,
            prompt=prompt,
            negative_prompt="",
            request=request,
            updated_at=created + 400,
            task_id=f"task_bench_{n:05d}",
            created_at=created,
            submitted_at=created + 1,
            progress=100,
            remote_status="completed",
            poll_count=rng.randint(8, 30),
            replies_json=json.dumps([{"at": created + 60, "reply": {"status": "completed"}}]),
        )
        if roll < 0.9:
            k = n % len(shared)
            fields.update(
                state=JobState.DOWNLOADED,
                completed_at=created + rng.uniform(30, 360),
                downloaded_at=created + 400,
                video_path=str(shared[k]),
            )
            shutil.copyfile(posters[k], poster_dir / f"{job_id}.jpg")
        elif roll < 0.97:
            fields.update(
                state=JobState.FAILED,
                progress=None,
                error_kind="blocked",
                error_message="The prompt was blocked by the safety filter.",
            )
        else:
            fields.update(
                state=JobState.UNCERTAIN,
                progress=None,
                error_kind="submission_uncertain",
                error_message="Veo Desktop stopped while this job was being sent.",
            )
        journal.insert(fields)
    db.execute("COMMIT")
    journal.close()
    return data_dir
