"""A job's clip checked against its own request: the inputs gathered from the journal (local
frames, the source clip of an extension) and the outcome kept in the journal, sidecar and tally."""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ImageError
from ..gateway.profiles import GatewayProfiles
from ..jobs.job import Job, JobState
from ..jobs.journal import Journal
from ..library.store import Library
from ..links import is_inline
from ..request.images import decode_data_uri
from ..request.models import Mode
from . import habits
from .clip_checks import ClipInputs, run_checks
from .result import Check, checks_to_json

log = logging.getLogger(__name__)

__all__ = ["check_job", "checkable", "clip_inputs"]


def checkable(job: Job) -> bool:
    return job.state is JobState.DOWNLOADED and bool(job.video_path)


@contextlib.contextmanager
def clip_inputs(job: Job, journal: Journal) -> Iterator[ClipInputs]:
    """The request's checkable parts. A pasted (data URI) frame is written to a temporary file
    for the length of the check; a frame given as a link or since deleted is left unchecked."""
    req = job.request
    with tempfile.TemporaryDirectory(prefix="veo-check-") as tmp:
        yield ClipInputs(
            mode=job.mode,
            model=job.model,
            duration=_int(req.get("duration")),
            aspect_ratio=req.get("aspect_ratio") or None,
            generate_audio=req.get("generate_audio")
            if isinstance(req.get("generate_audio"), bool)
            else None,
            start_image=_local(req.get("image"), Path(tmp) / "start")
            if job.mode in (Mode.IMAGE, Mode.FRAMES)
            else None,
            end_image=_local(req.get("last_image"), Path(tmp) / "end")
            if job.mode is Mode.FRAMES
            else None,
            source_video=_source_clip(job, journal) if job.mode is Mode.EXTEND else None,
        )


def check_job(
    job: Job,
    journal: Journal,
    library: Library,
    profiles: GatewayProfiles,
    base_url: str,
) -> Job:
    """Check a downloaded clip, keep the outcome (journal, sidecar, the gateway's tally) and
    return the job as now stored. Decodes: call it off the UI thread."""
    assert job.video_path
    video = Path(job.video_path)
    with clip_inputs(job, journal) as inputs:
        checks = run_checks(video, inputs)
    updated = journal.update(job.id, checks=tuple(checks))
    _update_sidecar(library, video, checks)
    gateway = str(job.request.get("gateway") or base_url)
    if gateway:
        habits.record(profiles, gateway, job.id, job.mode, job.request, checks)
    bad = [c.name for c in checks if not c.ok]
    if bad:
        log.warning("clip of %s failed checks: %s", job.id, ", ".join(bad))
    return updated


def _update_sidecar(library: Library, video: Path, checks: list[Check]) -> None:
    try:
        library.update_sidecar(video, checks=checks_to_json(checks))
    except OSError as exc:  # the journal has the outcome; the sidecar is its copy
        log.warning("sidecar of %s not updated with its checks: %s", video.name, exc)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _local(value: Any, spill: Path) -> Path | None:
    """A local image file as given: a path that still exists, or a pasted data URI."""
    text = str(value or "").strip()
    if not text:
        return None
    if is_inline(text):
        try:
            spill.write_bytes(decode_data_uri(text))
        except (ImageError, OSError):
            return None
        return spill
    if "://" in text:
        return None  # a link: not fetched again just to check (it may cost, or be gone)
    path = Path(text).expanduser()
    return path if path.is_file() else None


def _source_clip(job: Job, journal: Journal) -> Path | None:
    """The local clip an extension continued: the downloaded job whose link it sent."""
    link = str(job.request.get("video") or "")
    source = journal.by_video_url(link) if link else None
    if source is None or source.id == job.id or not source.video_path:
        return None
    path = Path(source.video_path)
    return path if path.is_file() else None
