"""What a user can do with a finished (or failed) job, shared by the UI and the CLI: remix,
retry, extend, chain a frame into the next shot, export, and move its files to the trash."""

from __future__ import annotations

import glob
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ..errors import InvalidInputError
from ..i18n import msg
from ..library.store import Library
from ..links import is_inline
from ..request.models import GenerationRequest, Mode, Model, Resolution
from .failures import FollowUp, audio_may_be_why
from .job import Job, JobState

EXTEND_MAX_AGE_S = 2 * 24 * 3600  # upstream deletes videos after about two days


#: Many gateways' video links expire 24 h after the job completes (upstream keeps the video
#: about two days). The conservative figure is the one to show: it is when to worry.
LINK_LIFETIME_S = 24 * 3600


def link_time_left(job: Job, now: float | None = None) -> float | None:
    """Seconds the video link of a completed, not yet downloaded job is likely still valid
    (0 when probably expired); None for any other job."""
    if job.state is not JobState.COMPLETED or job.completed_at is None:
        return None
    return max(0.0, job.completed_at + LINK_LIFETIME_S - (time.time() if now is None else now))


def remix_request(job: Job) -> GenerationRequest:
    """The job's request as the user made it (mode, prompt, negative prompt, model, aspect,
    duration, audio, seed and input images), ready to edit and send again."""
    try:
        return GenerationRequest.from_record(
            {"mode": job.mode.value, "model": job.model, "prompt": job.prompt, **job.request}
        )
    except (KeyError, TypeError, ValueError):
        return GenerationRequest(
            job.mode,
            Model.parse(job.model) or job.model,
            job.prompt,
            negative_prompt=job.negative_prompt or None,
        )


@dataclass(frozen=True)
class RetryChoice:
    label: str
    request: GenerationRequest
    follow_up: FollowUp = FollowUp.RETRY


def retry_choices(job: Job) -> list[RetryChoice]:
    """The ways to try a failed job again, best first: a safety block that names audio is
    usually fixed by turning audio off, so that comes first."""
    base = remix_request(job)
    same = RetryChoice(FollowUp.RETRY.label, base)
    if audio_may_be_why(job):
        quiet = replace(base, generate_audio=False)
        without = FollowUp.RETRY_WITHOUT_AUDIO
        return [RetryChoice(without.label, quiet, without), same]
    return [same]


def extend_warnings(job: Job, now: float | None = None) -> list[str]:
    """Why extending this clip may fail upstream (it still may be tried)."""
    out: list[str] = []
    finished = job.completed_at or job.created_at
    if (now or time.time()) - finished > EXTEND_MAX_AGE_S:
        out.append(
            msg(
                "This clip is more than two days old; the upstream may have deleted it, "
                "and extension would fail."
            )
        )
    model = Model.parse(job.model)
    if model is not None and model.resolution is not Resolution.P720:
        out.append(
            msg(
                "This clip is {resolution}; extension works on 720p clips.",
                resolution=model.resolution.value,
            )
        )
    if not job.video_url or is_inline(job.video_url):
        out.append(msg("The gateway gave no link for this clip; extension needs the clip's URL."))
    return out


def extend_request(job: Job) -> GenerationRequest:
    """The extension of `job`'s clip, ready to edit. InvalidInputError when it has no link to
    send (never a stored `data:` marker, which a gateway would bill as a broken job)."""
    video = extend_link(job)
    model = Model.parse(job.model) or Model.FAST_720P
    if model.resolution is not Resolution.P720:
        model = Model.of(model.tier, Resolution.P720)
    return GenerationRequest(
        Mode.EXTEND,
        model,
        "",
        video=video,
        duration=None,
        aspect_ratio=job.request.get("aspect_ratio") or "16:9",
    )


def chain_frame(job: Job, library: Library, which: Literal["first", "last"]) -> Path:
    """Save the clip's exact first or last frame as a PNG in the library (beside the clip) so
    it can start (or end) the next shot. Runs decoding: call it off the UI thread."""
    from ..library.frames import save_frame_png

    if not job.video_path or not Path(job.video_path).is_file():
        raise InvalidInputError(msg("This job has no downloaded clip yet."))
    video = Path(job.video_path)
    return save_frame_png(video, which, video.with_name(f"{video.stem}-{which}.png"))


def export_job(job: Job, folder: Path) -> list[Path]:
    """Copy the MP4 and its sidecar to `folder`."""
    if not job.video_path or not Path(job.video_path).is_file():
        raise InvalidInputError(msg("This job has no downloaded clip to export."))
    folder.mkdir(parents=True, exist_ok=True)
    video = Path(job.video_path)
    copied = [Path(shutil.copy2(video, folder / video.name))]
    sidecar = Library.sidecar_for(video)
    if sidecar.exists():
        copied.append(Path(shutil.copy2(sidecar, folder / sidecar.name)))
    return copied


def trash_job_files(job: Job) -> list[Path]:
    """Move the clip, its sidecar and the frames taken from it to the system trash."""
    from send2trash import send2trash

    if not job.video_path:
        return []
    video = Path(job.video_path)
    candidates = [
        video,
        Library.sidecar_for(video),
        video.with_name(f"{video.stem}-first.png"),
        video.with_name(f"{video.stem}-last.png"),
        # Frames the viewer saved ("Frame from here", ui/player/frame_tools.py).
        *sorted(video.parent.glob(f"{glob.escape(video.stem)}-at-*ms.png")),
    ]
    moved = []
    for p in candidates:
        if p.exists():
            send2trash(str(p))
            moved.append(p)
    return moved


def extend_link(job: Job) -> str:
    """The link an extension of `job`'s clip sends: its video URL. InvalidInputError when the
    job is not finished or the gateway gave no link (a data: URI is not one)."""
    if job.state not in (JobState.COMPLETED, JobState.DOWNLOADED):
        raise InvalidInputError(msg("Only a finished clip can be extended."))
    if not job.video_url or is_inline(job.video_url):
        raise InvalidInputError(
            msg("The gateway gave no link for this clip; extension needs the clip's URL.")
        )
    return job.video_url
