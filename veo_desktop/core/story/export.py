"""A board as one film: its shots' chosen takes in order, with their trims, in one MP4 (film.py),
and a sidecar JSON beside it naming each shot's prompt, task, take, trim and start frame."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError
from ..files import write_json_atomic
from ..i18n import msg
from ..jobs.job import Job, JobState
from .board import Board, continues
from .film import Cancelled, Film, Part, Progress, write_film

SIDECAR_VERSION = 1


def film_parts(board: Board, job: Callable[[str], Job | None]) -> list[Part]:
    """Each shot's chosen take, trimmed. InvalidInputError naming the shots that have no
    downloaded take chosen (the film would have a hole)."""
    parts: list[Part] = []
    missing: list[str] = []
    for i, shot in enumerate(board.shots):
        chosen = job(shot.chosen) if shot.chosen else None
        video = Path(chosen.video_path) if chosen and chosen.video_path else None
        if chosen is None or chosen.state is not JobState.DOWNLOADED or video is None:
            missing.append(str(i + 1))
            continue
        if not video.is_file():
            raise InvalidInputError(
                msg(
                    "The clip of shot {n} is no longer in the library ({path}). Download it "
                    "again, or choose another take.",
                    n=i + 1,
                    path=str(video),
                )
            )
        parts.append(Part(video, shot.trim.start, shot.trim.end))
    if missing:
        raise InvalidInputError(
            msg(
                "The film cannot be made: no downloaded take is chosen for shot(s) {shots}. "
                "Generate them first, or delete them from the board.",
                shots=", ".join(missing),
            )
        )
    return parts


def export_board(
    board: Board,
    job: Callable[[str], Job | None],
    dest: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    reencode: bool = False,
) -> Film:
    """Write the film to `dest` and its sidecar beside it (`dest` with .json). Stream copy when
    the takes allow it, else a re-encode (`reencode` forces one). Blocking: off the UI thread."""
    if dest.suffix.lower() != ".mp4":
        raise InvalidInputError(msg("The film is an MP4: give a file name ending in .mp4."))
    film = write_film(
        film_parts(board, job), dest, progress=progress, cancelled=cancelled, reencode=reencode
    )
    write_json_atomic(sidecar_path(dest), film_sidecar(board, job, film))
    return film


def sidecar_path(film: Path) -> Path:
    return film.with_suffix(".json")


def film_sidecar(board: Board, job: Callable[[str], Job | None], film: Film) -> dict[str, Any]:
    shots: list[dict[str, Any]] = []
    at = 0.0
    for i, (shot, length) in enumerate(zip(board.shots, film.lengths, strict=True)):
        chosen = job(shot.chosen) if shot.chosen else None
        take = next((t for t in shot.takes if t.job_id == shot.chosen), None)
        start_frame = take.start_frame if take else None
        if continues(board, i) and start_frame is None and chosen is not None:
            image = chosen.request.get("image")
            start_frame = image if isinstance(image, str) else None
        shots.append(
            {
                "shot": i + 1,
                "id": shot.id,
                "prompt": shot.prompt,
                "task_id": chosen.task_id if chosen else None,
                "take": shot.chosen,
                "model": chosen.model if chosen else None,
                "clip": chosen.video_path if chosen else None,
                "trim": shot.trim.to_json(),
                "starts_at_s": round(at, 3),
                "length_s": round(length, 3),
                "continues": continues(board, i),
                # The local PNG sent as its start frame: the last frame of the take before.
                "start_frame": start_frame if continues(board, i) else None,
            }
        )
        at += length
    return {
        "sidecar_version": SIDECAR_VERSION,
        "board": board.id,
        "title": board.title,
        "film": film.path.name,
        "method": film.method,
        "duration_s": round(film.duration_s, 3),
        "exported_at": time.time(),
        "shots": shots,
    }
