"""A batch row's fields turned into a request, with what blocks it (values that cannot be read,
missing files, rule errors) and what is worth knowing (rule warnings)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..gateway.dialects import Dialect
from ..i18n import msg
from ..links import is_link
from ..request.image_files import file_label, path_in_file
from ..request.models import DEFAULT_MODEL, GenerationRequest, Mode, Model
from ..request.rules import Finding, Severity, check
from .sources import Record

TRUE_WORDS = ("1", "true", "yes", "y", "on", "是", "开")
FALSE_WORDS = ("0", "false", "no", "n", "off", "否", "关")
_SEPARATOR = re.compile(r"\||;(?!base64,)")
MODE_WORDS = {
    "text": Mode.TEXT,
    "image": Mode.IMAGE,
    "frames": Mode.FRAMES,
    "first_last": Mode.FRAMES,
    "reference": Mode.REFERENCE,
    "references": Mode.REFERENCE,
    "refs": Mode.REFERENCE,
    "extend": Mode.EXTEND,
}


@dataclass(frozen=True)
class Defaults:
    """What a row that leaves a field out gets (the UI passes the compose panel's choices)."""

    model: str = DEFAULT_MODEL.value
    aspect_ratio: str | None = "16:9"
    duration: int | None = 8
    generate_audio: bool | None = None


DEFAULTS = Defaults()


@dataclass(frozen=True)
class BatchItem:
    """One row of a batch as imported: its request (as near to the row as could be read), the
    values that could not be read, and the request rules' findings."""

    line: int  # 1-based, where the row starts in the file
    request: GenerationRequest
    problems: tuple[str, ...]  # each blocks the row
    findings: tuple[Finding, ...]  # errors block, warnings show

    @property
    def blocked(self) -> bool:
        return bool(self.problems) or any(f.blocks for f in self.findings)

    @property
    def reasons(self) -> list[str]:
        """Why it cannot be sent (empty when it can)."""
        return [*self.problems, *(f.message for f in self.findings if f.blocks)]

    @property
    def warnings(self) -> list[str]:
        return [f.message for f in self.findings if f.severity is Severity.WARNING]

    def describe(self) -> str:
        """One line naming the row and why it cannot be sent."""
        return msg("Line {line}: {reason}", line=self.line, reason=" ".join(self.reasons))


Exists = Callable[[Path], bool]


def file_checker() -> Exists:
    """`os.path.isfile` remembered per path: rows often share an image, and the preview of a
    500-row file must not stat the same file 500 times."""
    seen: dict[Path, bool] = {}

    def exists(path: Path) -> bool:
        if path not in seen:
            seen[path] = os.path.isfile(path)
        return seen[path]

    return exists


def make_item(
    record: Record,
    base: Path,
    dialect: Dialect = Dialect.DOCUMENTED,
    defaults: Defaults = DEFAULTS,
    exists: Exists | None = None,
) -> BatchItem:
    """The row `record` describes; image paths are relative to `base` (the file's folder)."""
    problems: list[str] = [record.error] if record.error else []
    reader = _Reader(record.fields, problems)
    images = _Images(base, exists or file_checker(), problems)
    image = images.one("image", record.fields.get("image"))
    last = images.one("last_image", record.fields.get("last_image"))
    refs = images.many(record.fields.get("refs"))
    video = reader.text("video") or None
    mode = reader.mode() or _inferred(image, last, refs, video)
    model = reader.text("model") or defaults.model
    request = GenerationRequest(
        mode=mode,
        model=Model.parse(model) or model,
        prompt=reader.text("prompt"),
        image=image,
        last_image=last,
        images=refs,
        video=video,
        aspect_ratio=reader.text("aspect_ratio") or defaults.aspect_ratio,
        duration=None if mode is Mode.EXTEND else reader.number("duration", defaults.duration),
        generate_audio=reader.flag("audio", defaults.generate_audio),
        negative_prompt=reader.text("negative_prompt") or None,
        seed=reader.number("seed", None),
    )
    return checked(record.line, request, problems, dialect)


def checked(
    line: int, request: GenerationRequest, problems: list[str], dialect: Dialect
) -> BatchItem:
    """The item with the rules' findings for `request` (also after an edit in the preview)."""
    return BatchItem(line, request, tuple(problems), tuple(check(request, dialect)))


def _inferred(
    image: str | None, last: str | None, refs: tuple[str, ...], video: str | None
) -> Mode:
    if refs:
        return Mode.REFERENCE
    if last:
        return Mode.FRAMES
    if image:
        return Mode.IMAGE
    return Mode.EXTEND if video else Mode.TEXT


class _Reader:
    """Typed values out of a row; what cannot be read becomes a problem and the default."""

    def __init__(self, fields: Mapping[str, Any], problems: list[str]) -> None:
        self.fields = fields
        self.problems = problems

    def text(self, name: str) -> str:
        value = self.fields.get(name)
        return "" if value is None else str(value).strip()

    def number(self, name: str, default: int | None) -> int | None:
        value = self.fields.get(name)
        text = self.text(name).lower().removesuffix("s").strip()
        if not text:
            return default
        if isinstance(value, bool):
            text = "?"
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if number != number or not number.is_integer():
            self.problems.append(
                msg(
                    "“{value}” is not a whole number for {field}.",
                    value=self.text(name),
                    field=name,
                )
            )
            return default
        return int(number)

    def flag(self, name: str, default: bool | None) -> bool | None:
        value = self.fields.get(name)
        if isinstance(value, bool):
            return value
        text = self.text(name).lower()
        if not text:
            return default
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        self.problems.append(
            msg("“{value}” is not yes or no for {field}.", value=self.text(name), field=name)
        )
        return default

    def mode(self) -> Mode | None:
        text = self.text("mode").lower().replace("-", "_").replace(" ", "_").replace("+", "_")
        if not text:
            return None
        mode = MODE_WORDS.get(text)
        if mode is None:
            self.problems.append(
                msg(
                    "Unknown mode “{mode}”. Use text, image, frames, reference or extend, "
                    "or leave it empty.",
                    mode=self.text("mode"),
                )
            )
        return mode


class _Images:
    """Image fields: a link or data URI as given, a path made absolute from the batch file's
    folder and checked to exist (a stat, never decoded: the runner reads it when it sends)."""

    def __init__(self, base: Path, exists: Exists, problems: list[str]) -> None:
        self.base = base
        self.exists = exists
        self.problems = problems

    def one(self, field: str, value: Any) -> str | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if is_link(text):
            return text
        path = path_in_file(text, self.base)
        if not self.exists(path):
            self.problems.append(
                msg(
                    "The {field} file {name} was not found (looked for {path}).",
                    field=field,
                    name=file_label(path),
                    path=str(path),
                )
            )
        return str(path)

    def many(self, value: Any) -> tuple[str, ...]:
        if isinstance(value, list):
            parts = [str(v) for v in value if v is not None]
        else:
            # `;` or `|` between paths; not the `;` inside a data URI ("data:image/png;base64,")
            parts = _SEPARATOR.split("" if value is None else str(value))
        found = (self.one("refs", p) for p in parts)
        return tuple(v for v in found if v)
