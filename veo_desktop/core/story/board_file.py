"""A storyboard as a JSON file: read (`veo story run`, Open) with paths relative to the file, and
written (Save) the same way, takes and trims included."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError
from ..files import write_json_atomic
from ..i18n import msg
from ..links import is_link
from ..request.image_files import file_label, path_in_file
from .board import SETTING_KEYS, Board, Settings, Shot, Take, Trim, new_shot

FILE_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024  # far beyond any storyboard; a mistaken file must not fill RAM
_SHOT_KEYS = {"prompt", "image", "last_image", "refs", "continue", "id", "takes", "chosen", "trim"}


class StoryFileError(InvalidInputError):
    """The file cannot be read as a storyboard (nothing in it is sent)."""

    kind = "invalid_story"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_board_file(path: Path, known_job: Callable[[str], bool] = lambda _: False) -> Board:
    """The board `path` describes (not yet kept: its id is empty). Image paths are made absolute
    from the file's folder and must exist. Takes are kept only where `known_job` says the
    journal has their job: a take from another machine's journal must never be sent from here."""
    path = path.expanduser().resolve()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoryFileError(
            msg("Cannot read {name} ({error}).", name=path.name, error=exc.strerror or exc)
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise StoryFileError(msg("{name} is too large for a storyboard.", name=path.name))
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise StoryFileError(
            msg(
                "{name} is not JSON a storyboard can be read from ({error}).",
                name=path.name,
                error=exc,
            )
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("shots"), list):
        raise StoryFileError(
            msg(
                "{name} needs an object with a list of shots: "
                '{{"title": …, "shots": [{{"prompt": …}}, …]}}.',
                name=path.name,
            )
        )
    problems: list[str] = []
    settings = _settings(doc, Settings(), problems, msg("the board"))
    shots = [
        _shot(n, raw, path.parent, problems, known_job) for n, raw in enumerate(doc["shots"], 1)
    ]
    if problems:
        raise StoryFileError(" ".join(problems))
    title = str(doc.get("title") or path.stem)
    board = Board("", title, settings, tuple(shots), source=str(path))
    return replace(board, sha256=hashlib.sha256(data).hexdigest())


def write_board_file(board: Board, path: Path) -> Path:
    """Save the board as JSON (atomically); image paths relative to the file where they can be."""
    path = path.expanduser().resolve()
    doc: dict[str, Any] = {"version": FILE_VERSION, "title": board.title}
    doc.update(board.settings.to_json())
    doc["shots"] = []
    for i, shot in enumerate(board.shots):
        item: dict[str, Any] = {"id": shot.id, "prompt": shot.prompt}
        for name in ("image", "last_image"):
            if getattr(shot, name):
                item[name] = _relative(getattr(shot, name), path.parent)
        if shot.refs:
            item["refs"] = [_relative(r, path.parent) for r in shot.refs]
        item.update({k: v for k, v in shot.overrides.items() if k in SETTING_KEYS})
        if i > 0:
            item["continue"] = shot.continue_from_previous
        if shot.takes:
            item["takes"] = [t.job_id for t in shot.takes]
        if shot.chosen:
            item["chosen"] = shot.chosen
        if not shot.trim.whole:
            item["trim"] = shot.trim.to_json()
        doc["shots"].append(item)
    write_json_atomic(path, doc)
    return path


def _settings(raw: Mapping[str, Any], base: Settings, problems: list[str], where: str) -> Settings:
    values: dict[str, Any] = {}
    for key in ("model", "aspect_ratio"):
        if raw.get(key) is not None:
            values[key] = str(raw[key]).strip()
    duration = raw.get("duration")
    if duration is not None:
        if isinstance(duration, int) and not isinstance(duration, bool):
            values["duration"] = duration
        else:
            problems.append(
                msg(
                    "In {where}, duration must be 4, 6 or 8 (not {value}).",
                    where=where,
                    value=duration,
                )
            )
    audio = raw.get("audio")
    if audio is not None:
        if isinstance(audio, bool):
            values["audio"] = audio
        else:
            problems.append(
                msg(
                    "In {where}, audio must be true or false (not {value}).",
                    where=where,
                    value=audio,
                )
            )
    return replace(base, **values)


def _shot(
    n: int,
    raw: Any,
    folder: Path,
    problems: list[str],
    known_job: Callable[[str], bool],
) -> Shot:
    where = msg("shot {n}", n=n)
    if isinstance(raw, str):
        raw = {"prompt": raw}
    if not isinstance(raw, dict):
        problems.append(msg("Shot {n} must be an object with a prompt.", n=n))
        return new_shot("")
    unknown = set(raw) - _SHOT_KEYS - set(SETTING_KEYS)
    if unknown:
        problems.append(
            msg(
                "Shot {n} has fields a storyboard does not read: {names}.",
                n=n,
                names=", ".join(sorted(unknown)),
            )
        )
    over = _settings(raw, Settings(), problems, where)
    overrides = {k: getattr(over, k) for k in SETTING_KEYS if raw.get(k) is not None}
    image = _image(raw.get("image"), folder, n, problems)
    follows = raw.get("continue")
    if follows is not None and not isinstance(follows, bool):
        problems.append(msg("Shot {n}: continue must be true or false.", n=n))
        follows = None
    if n > 1 and image and follows is None:
        problems.append(
            msg(
                "Shot {n} has its own start image but would continue from the shot before "
                '(its last frame). Add "continue": false to start from the image, or remove '
                "the image.",
                n=n,
            )
        )
    refs = raw.get("refs") or []
    takes = [str(t) for t in raw.get("takes") or [] if known_job(str(t))]
    chosen = str(raw["chosen"]) if raw.get("chosen") in takes else None
    trim: dict[str, Any] = raw["trim"] if isinstance(raw.get("trim"), dict) else {}
    return Shot(
        id=str(raw.get("id") or new_shot("").id),
        prompt=str(raw.get("prompt") or "").strip(),
        image=image,
        last_image=_image(raw.get("last_image"), folder, n, problems),
        refs=tuple(v for r in refs if (v := _image(r, folder, n, problems))),
        overrides=overrides,
        continue_from_previous=n > 1 if follows is None else follows,
        takes=tuple(Take(job_id, float(k)) for k, job_id in enumerate(takes)),
        chosen=chosen,
        trim=Trim(float(trim.get("in") or 0.0), _seconds(trim.get("out"))),
    )


def _seconds(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _image(value: Any, folder: Path, n: int, problems: list[str]) -> str | None:
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if is_link(text):
        return text
    p = path_in_file(text, folder)
    if not p.is_file():
        problems.append(
            msg(
                "Shot {n}: the image {name} was not found (looked for {path}).",
                n=n,
                name=file_label(p),
                path=str(p),
            )
        )
    return str(p)


def _relative(value: str, folder: Path) -> str:
    if is_link(value):
        return value
    try:
        return os.path.relpath(value, folder)
    except ValueError:  # another drive (Windows): keep it absolute
        return value
