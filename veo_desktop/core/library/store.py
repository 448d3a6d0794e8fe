"""The library of downloaded clips: where each job's MP4 goes, and the JSON sidecar beside it that
lets a clip explain itself (and be re-imported) without the journal."""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from pathlib import Path
from typing import Any

from ..checks.result import checks_to_json
from ..files import write_json_atomic
from ..jobs.job import Job
from ..jobs.journal import Journal
from ..links import is_inline

SIDECAR_VERSION = 1


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe start of the prompt; keeps CJK letters (they are valid in file names)."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-_")
    return (text[:limit].rstrip("-_") or "clip").lower()


class Library:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, job: Job) -> Path:
        """Deterministic, so a resumed download lands where the first attempt aimed."""
        day = time.strftime("%Y-%m-%d", time.localtime(job.created_at))
        return self.root / day / f"{slug(job.prompt)}-{job.id}.mp4"

    @staticmethod
    def sidecar_for(video: Path) -> Path:
        return video.with_suffix(".json")

    def write_sidecar(self, job: Job, video: Path, *, sha256: str | None = None) -> Path:
        data: dict[str, Any] = {
            "sidecar_version": SIDECAR_VERSION,
            "id": job.id,
            "task_id": job.task_id,
            "mode": job.mode.value,
            "model": job.model,
            "prompt": job.prompt,
            "negative_prompt": job.negative_prompt,
            "seed": job.request.get("seed"),
            "group": job.group_id,
            "rating": job.rating,
            "request": job.request,
            "replies": job.replies,
            "video_file": video.name,
            "video_sha256": sha256,
            "video_url": job.video_url if job.video_url and not is_inline(job.video_url) else None,
            "created_at": job.created_at,
            "submitted_at": job.submitted_at,
            "completed_at": job.completed_at,
            "downloaded_at": job.downloaded_at or time.time(),
            # The clip against its request (core/checks); absent until checked.
            **({"checks": checks_to_json(job.checks)} if job.checks is not None else {}),
        }
        path = self.sidecar_for(video)
        write_json_atomic(path, data)
        return path

    def update_sidecar(self, video: Path, **fields: Any) -> None:
        """Set fields in the clip's existing sidecar (none there: nothing to update)."""
        path = self.sidecar_for(video)
        data = read_sidecar(path)
        if data is not None:
            write_json_atomic(path, {**data, **fields})


def read_sidecar(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and "sidecar_version" in data and data.get("id")
    return data if ok else None


def reimport(folder: Path, journal: Journal) -> list[str]:
    """Rebuild journal rows from the sidecars under `folder` (a lost or new journal, or a
    library copied from another machine). Jobs already known are left alone. Returns the ids
    added."""
    added: list[str] = []
    for sidecar in sorted(folder.rglob("*.json")):
        data = read_sidecar(sidecar)
        if data is None:
            continue
        video = sidecar.with_name(str(data.get("video_file") or sidecar.stem + ".mp4"))
        if not video.is_file() or journal.get(str(data["id"])) is not None:
            continue
        if journal.import_job(data, video):
            added.append(str(data["id"]))
    return added


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
