"""A storyboard as plain data: its settings, its ordered shots (each with its takes, the take it
uses and a trim), the edits a user makes to it, and the request each shot sends."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..i18n import msg
from ..request.models import DEFAULT_MODEL, GenerationRequest, Mode, Model
from ..request.rules import check

#: The board settings a shot may override, by name.
SETTING_KEYS = ("model", "aspect_ratio", "duration", "audio")


@dataclass(frozen=True)
class Settings:
    """What every shot gets unless it overrides it."""

    model: str = DEFAULT_MODEL.value
    aspect_ratio: str = "16:9"
    duration: int = 8
    audio: bool | None = None  # None: the field is left out (upstream makes sound by default)

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in SETTING_KEYS}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Settings:
        return cls(**{k: data[k] for k in SETTING_KEYS if k in data})


@dataclass(frozen=True)
class Trim:
    """Non-destructive in and out points, in seconds of the take (`end` None: to its end)."""

    start: float = 0.0
    end: float | None = None

    @property
    def whole(self) -> bool:
        return self.start <= 0 and self.end is None

    def to_json(self) -> dict[str, float | None]:
        return {"in": self.start, "out": self.end}


@dataclass(frozen=True)
class Take:
    """One generation of a shot: its job id is given (and kept) before the job is ever sent."""

    job_id: str
    created_at: float
    start_frame: str | None = None  # the local PNG sent as its start frame (a chained shot)
    source_job: str | None = None  # the take before whose last frame that PNG is
    note: str | None = None  # why it could not be sent (nothing reached the gateway)


@dataclass(frozen=True)
class Shot:
    id: str
    prompt: str
    image: str | None = None  # start frame (a path or link) of a shot that does not continue
    last_image: str | None = None
    refs: tuple[str, ...] = ()
    overrides: Mapping[str, Any] = field(default_factory=dict)  # some of SETTING_KEYS
    continue_from_previous: bool = True  # read only for a shot after the first
    takes: tuple[Take, ...] = ()  # oldest first; regenerating adds one, none is dropped
    chosen: str | None = None  # the job id of the take the film uses
    trim: Trim = Trim()

    @property
    def latest(self) -> Take | None:
        return self.takes[-1] if self.takes else None


@dataclass(frozen=True)
class Board:
    id: str
    title: str
    settings: Settings
    shots: tuple[Shot, ...]
    created_at: float = 0.0
    source: str | None = None  # the file it was made from (absolute), if any
    sha256: str | None = None  # of that file's bytes when the board was made

    def index(self, shot_id: str) -> int:
        for i, shot in enumerate(self.shots):
            if shot.id == shot_id:
                return i
        raise KeyError(shot_id)

    def shot(self, shot_id: str) -> Shot:
        return self.shots[self.index(shot_id)]


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def new_shot(prompt: str, **values: Any) -> Shot:
    return Shot(id=uuid.uuid4().hex[:8], prompt=prompt, **values)


# -- the chain ---------------------------------------------------------------------------------


def continues(board: Board, index: int) -> bool:
    """Whether the shot at `index` starts on the last frame of the shot before it."""
    return index > 0 and board.shots[index].continue_from_previous


def previous(board: Board, shot_id: str) -> Shot | None:
    """The shot this one continues from (None: it starts on its own)."""
    i = board.index(shot_id)
    return board.shots[i - 1] if continues(board, i) else None


def dependents(board: Board, shot_id: str) -> list[Shot]:
    """The later shots that wait for this one: the rest of its chain."""
    out: list[Shot] = []
    for i in range(board.index(shot_id) + 1, len(board.shots)):
        if not continues(board, i):
            break
        out.append(board.shots[i])
    return out


def settings_of(board: Board, shot: Shot) -> Settings:
    values = {k: v for k, v in shot.overrides.items() if k in SETTING_KEYS}
    return replace(board.settings, **values)


def request_for(board: Board, shot: Shot, start_frame: str | None = None) -> GenerationRequest:
    """What the shot sends. A shot that continues sends `start_frame` (the last frame of the
    take before) as its start image, with its own end frame if it has one."""
    s = settings_of(board, shot)
    image, refs = shot.image, shot.refs
    if continues(board, board.index(shot.id)):
        image, refs = start_frame, ()
    if refs:
        mode = Mode.REFERENCE
    elif image and shot.last_image:
        mode = Mode.FRAMES
    else:
        mode = Mode.IMAGE if image else Mode.TEXT
    return GenerationRequest(
        mode=mode,
        model=Model.parse(s.model) or s.model,
        prompt=shot.prompt,
        image=image,
        last_image=shot.last_image if image else None,
        images=refs,
        aspect_ratio=s.aspect_ratio,
        duration=s.duration,
        generate_audio=s.audio,
    )


def problems(board: Board) -> list[str]:
    """Why shots cannot be sent, one line each ("Shot 2: ..."): nothing of a board with any is
    sent. A chained shot is checked as if its start frame were there."""
    out: list[str] = []
    if not board.shots:
        out.append(msg("The storyboard has no shots. Add one with a prompt."))
    for i, shot in enumerate(board.shots):
        reasons: list[str] = []
        if continues(board, i) and shot.refs:
            reasons.append(
                msg(
                    "It continues from the shot before, so it starts on that shot's last "
                    "frame and cannot use reference images. Remove the references, or turn "
                    "off “continue from the previous shot”."
                )
            )
        placeholder = "previous-shot-last-frame.png" if continues(board, i) else None
        req = request_for(board, shot, placeholder)
        reasons += [f.message for f in check(req) if f.blocks]
        out += [msg("Shot {n}: {reason}", n=i + 1, reason=r) for r in reasons]
    return out


# -- edits: each returns the new board (the store keeps it) --------------------------------------


def add_shot(board: Board, shot: Shot, index: int | None = None) -> Board:
    shots = list(board.shots)
    shots.insert(len(shots) if index is None else max(0, min(index, len(shots))), shot)
    return replace(board, shots=tuple(shots))


def duplicate_shot(board: Board, shot_id: str) -> Board:
    """A copy of the shot right after it: same prompt, frames, settings and switch, no takes."""
    source = board.shot(shot_id)
    copy = replace(source, id=new_shot("").id, takes=(), chosen=None)
    return add_shot(board, copy, board.index(shot_id) + 1)


def move_shot(board: Board, shot_id: str, index: int) -> Board:
    """Move a shot to `index` (a drag in the list); the others keep their order."""
    shot = board.shot(shot_id)
    rest = replace(board, shots=tuple(s for s in board.shots if s.id != shot_id))
    return add_shot(rest, shot, index)


def delete_shot(board: Board, shot_id: str) -> Board:
    """The shot leaves the board; its takes stay in the journal and the library."""
    board.shot(shot_id)  # KeyError for a shot the board does not have
    return replace(board, shots=tuple(s for s in board.shots if s.id != shot_id))


def edit_shot(board: Board, shot_id: str, **changes: Any) -> Board:
    """Change a shot's prompt, frames, overrides or switch (its takes are the store's)."""
    allowed = {f.name for f in fields(Shot)} - {"id", "takes"}
    bad = set(changes) - allowed
    if bad:
        raise KeyError(f"not a shot field: {sorted(bad)}")
    shots = tuple(replace(s, **changes) if s.id == shot_id else s for s in board.shots)
    board.shot(shot_id)
    return replace(board, shots=shots)
