"""One check's outcome, as the journal, sidecar, `--json` and the job row carry it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import msg

__all__ = [
    "CHECK_NAMES",
    "Check",
    "check_label",
    "checks_from_json",
    "checks_to_json",
    "clip_seconds",
    "failed",
]

#: Every check, in the order they run and are shown.
CHECK_NAMES = (
    "decodes",
    "duration",
    "resolution",
    "aspect_ratio",
    "audio",
    "start_frame",
    "end_frame",
    "continuation",
)


@dataclass(frozen=True)
class Check:
    """`expected` and `got` are short values for people and scripts ("8 s", "1280×720",
    "audible track", a distance); `detail` says more when a check failed."""

    name: str
    ok: bool
    expected: str | None = None
    got: str | None = None
    detail: str = ""

    @property
    def message(self) -> str:
        """One line in the user's language: what was checked and, if it failed, what is wrong."""
        if self.ok:
            return msg("{check}: as requested", check=check_label(self.name, ok=True))
        said = check_label(self.name, ok=False)
        if self.expected is not None or self.got is not None:
            return msg(
                "{problem} (expected {expected}, got {got})",
                problem=said,
                expected=self.expected if self.expected is not None else "—",
                got=self.got if self.got is not None else "—",
            )
        return said

    def to_json(self) -> dict[str, Any]:
        """The `checks` item of `veo --json`: name, ok, expected, got, message."""
        return {
            "name": self.name,
            "ok": self.ok,
            "expected": self.expected,
            "got": self.got,
            "message": self.message,
        }


def check_label(name: str, *, ok: bool) -> str:
    """The check's short name (ok) or its failure in a few words ("end frame not followed")."""
    labels = _labels().get(name)
    if labels is None:
        return name
    return labels[0] if ok else labels[1]


def _labels() -> dict[str, tuple[str, str]]:
    return {
        "decodes": (msg("Plays"), msg("does not play to the end")),
        "duration": (msg("Length"), msg("wrong length")),
        "resolution": (msg("Resolution"), msg("wrong resolution")),
        "aspect_ratio": (msg("Aspect ratio"), msg("wrong aspect ratio")),
        "audio": (msg("Sound"), msg("sound not as requested")),
        "start_frame": (msg("Start frame"), msg("start frame not followed")),
        "end_frame": (msg("End frame"), msg("end frame not followed")),
        "continuation": (msg("Continuation"), msg("does not continue the source clip")),
    }


def failed(checks: list[Check] | tuple[Check, ...] | None) -> list[Check]:
    return [c for c in checks or () if not c.ok]


def clip_seconds(checks: list[Check] | tuple[Check, ...] | None) -> float | None:
    """The clip's measured length, as its duration check read it (`got`, "8.0 s"); None when
    the clip was not checked (or not measured)."""
    for c in checks or ():
        if c.name == "duration" and c.got:
            try:
                return float(c.got.split()[0])
            except ValueError:
                return None
    return None


def checks_to_json(checks: list[Check] | tuple[Check, ...]) -> list[dict[str, Any]]:
    """The stored form (journal column, sidecar): no message, so it reads in any language."""
    return [
        {"name": c.name, "ok": c.ok, "expected": c.expected, "got": c.got, "detail": c.detail}
        for c in checks
    ]


def checks_from_json(data: Any) -> tuple[Check, ...] | None:
    """The stored form back; None when never checked (or unreadable: checked again on demand)."""
    if not isinstance(data, list):
        return None
    out: list[Check] = []
    for item in data:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            out.append(
                Check(
                    name=item["name"],
                    ok=bool(item.get("ok")),
                    expected=_text(item.get("expected")),
                    got=_text(item.get("got")),
                    detail=str(item.get("detail") or ""),
                )
            )
    return tuple(out)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
