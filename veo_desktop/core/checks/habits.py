"""Each gateway's habits: which clip checks failed on which modes, tallied from the last jobs'
checks and kept in the gateway's profile, so the next job that relies on a feature is warned."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ..gateway.profiles import GatewayProfiles
from ..i18n import msg
from ..request.models import GenerationRequest, Mode
from .result import Check, check_label

__all__ = ["Habit", "clear", "habits", "record", "relied_on"]

FIELD = "habits"  # the entry in gateways.json
KEEP_JOBS = 200  # the tally reads the last jobs only: a gateway that mended its ways is forgiven


@dataclass(frozen=True)
class Habit:
    """One (mode, check) tally: `failed` of `total` checked jobs of `mode` failed `check`."""

    mode: Mode
    check: str  # a check name; audio is "audio:on" or "audio:off" (two different habits)
    failed: int
    total: int

    @property
    def worrying(self) -> bool:
        """Failed at least half the time: worth a warning before the next such job."""
        return self.failed > 0 and self.failed * 2 >= self.total

    @property
    def text(self) -> str:
        """ "end frame not followed on 3 of 3 First + Last jobs"."""
        return msg(
            "{problem} on {failed} of {total} {mode} jobs",
            problem=habit_label(self.check),
            failed=self.failed,
            total=self.total,
            mode=self.mode.label,
        )


def habit_label(key: str) -> str:
    if key == "audio:on":
        return msg("no sound although sound was on")
    if key == "audio:off":
        return msg("sound although sound was off")
    return check_label(key, ok=False)


def _key(check: Check, request: dict[str, Any]) -> str:
    if check.name == "audio":
        return "audio:off" if request.get("generate_audio") is False else "audio:on"
    return check.name


def record(
    profiles: GatewayProfiles,
    base_url: str,
    job_id: str,
    mode: Mode,
    request: dict[str, Any],
    checks: list[Check] | tuple[Check, ...],
) -> None:
    """Count a job's checks for its gateway; checking the same job again replaces its entry."""
    jobs = _jobs(profiles, base_url)
    jobs.pop(job_id, None)
    jobs[job_id] = {
        "mode": mode.value,
        "at": time.time(),
        "checks": {_key(c, request): c.ok for c in checks if c.name != "decodes"},
    }
    profiles.set_field(base_url, FIELD, dict(list(jobs.items())[-KEEP_JOBS:]))


def clear(profiles: GatewayProfiles, base_url: str) -> None:
    profiles.set_field(base_url, FIELD, {})


def habits(profiles: GatewayProfiles, base_url: str) -> list[Habit]:
    """The tally, failures first: every (mode, check) seen on this gateway."""
    counts: dict[tuple[str, str], list[int]] = {}
    for entry in _jobs(profiles, base_url).values():
        for key, ok in (entry.get("checks") or {}).items():
            tally = counts.setdefault((str(entry.get("mode")), str(key)), [0, 0])
            tally[0] += 0 if ok else 1
            tally[1] += 1
    out: list[Habit] = []
    for (mode, key), (failed, total) in counts.items():
        try:
            out.append(Habit(Mode(mode), key, failed, total))
        except ValueError:  # a mode this version does not know
            continue
    out.sort(key=lambda h: (-h.failed, h.mode.value, h.check))
    return out


def relied_on(req: GenerationRequest) -> set[str]:
    """The habit keys a request depends on: the checks its clip will be held to."""
    keys = {"duration", "resolution"}
    if req.mode in (Mode.IMAGE, Mode.FRAMES) and req.image:
        keys.add("start_frame")
    if req.mode is Mode.FRAMES and req.last_image:
        keys.add("end_frame")
    if req.mode is Mode.EXTEND:
        keys.add("continuation")
    elif req.aspect_ratio:
        keys.add("aspect_ratio")
    if req.generate_audio is not None:
        keys.add("audio:on" if req.generate_audio else "audio:off")
    return keys


def _jobs(profiles: GatewayProfiles, base_url: str) -> dict[str, dict[str, Any]]:
    raw = profiles.field(base_url, FIELD)
    return (
        {str(k): v for k, v in raw.items() if isinstance(v, dict)} if isinstance(raw, dict) else {}
    )
