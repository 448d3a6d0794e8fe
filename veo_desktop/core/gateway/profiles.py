"""What Veo Desktop remembers about each gateway it has talked to: its request dialect (as
detected, and as the user overrode it) and what its clips showed, in one JSON file per data dir."""

from __future__ import annotations

import copy
import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from ..files import write_json_atomic
from .dialects import Dialect

log = logging.getLogger(__name__)


def origin_of(base_url: str) -> str:
    """The key a gateway is remembered under: scheme, host and port, as the user typed them."""
    try:
        url = httpx.URL(base_url.strip())
    except (httpx.InvalidURL, TypeError):
        return base_url.strip().rstrip("/")
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host.lower()}{port}"


@dataclass(frozen=True)
class GatewayProfile:
    origin: str
    detected: str | None = None  # a Dialect value, as the gateway's replies gave it away
    evidence: str = ""
    detected_at: float | None = None
    override: str | None = None  # a Dialect value the user chose; None: follow detection

    @property
    def dialect(self) -> Dialect:
        """The dialect requests are sent in: the user's choice, else what was detected, else
        the gateway page's own."""
        for value in (self.override, self.detected):
            if value and (d := Dialect.parse(value)) is not None:
                return d
        return Dialect.DOCUMENTED

    @property
    def known(self) -> bool:
        return bool(self.override or self.detected)


class GatewayProfiles:
    """Thread-safe; `path` None keeps everything in memory (tests, a one-off CLI run)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._data: dict[str, dict[str, Any]] = self._load()

    def _load(self) -> dict[str, dict[str, Any]]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            # Only a memory of detections: start over rather than stop the app.
            log.warning("gateway profiles unreadable (%s); starting afresh", exc)
            return {}
        return (
            {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}
        )

    def get(self, base_url: str) -> GatewayProfile:
        origin = origin_of(base_url)
        with self._lock:
            row = dict(self._data.get(origin, {}))
        known = {f for f in GatewayProfile.__dataclass_fields__} - {"origin"}
        return GatewayProfile(origin, **{k: v for k, v in row.items() if k in known})

    def dialect(self, base_url: str) -> Dialect:
        return self.get(base_url).dialect

    def learn(self, base_url: str, dialect: Dialect, evidence: str) -> None:
        """A reply gave the dialect away. Written only when it changes what is known."""
        profile = self.get(base_url)
        if profile.detected == dialect.value:
            return
        log.info("gateway %s speaks the %s dialect (%s)", profile.origin, dialect, evidence)
        self._put(
            profile.origin, detected=dialect.value, evidence=evidence, detected_at=time.time()
        )

    def set_override(self, base_url: str, dialect: Dialect | None) -> None:
        """The user's choice; None goes back to following detection."""
        self._put(origin_of(base_url), override=dialect.value if dialect else None)

    def forget(self, base_url: str) -> None:
        with self._lock:
            self._data.pop(origin_of(base_url), None)
            self._save()

    def field(self, base_url: str, name: str) -> Any:
        """Another module's entry in this gateway's row (e.g. core/checks/habits.py's)."""
        with self._lock:
            value = self._data.get(origin_of(base_url), {}).get(name)
        return copy.deepcopy(value)

    def set_field(self, base_url: str, name: str, value: Any) -> None:
        self._put(origin_of(base_url), **{name: value})

    def _put(self, origin: str, **fields: Any) -> None:
        with self._lock:
            row = self._data.setdefault(origin, {})
            row.update(fields)
            self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            write_json_atomic(self.path, self._data)
        except OSError as exc:  # a read-only data dir: detection still works for this run
            log.warning("could not save gateway profiles: %s", exc)

    def all(self) -> list[GatewayProfile]:
        with self._lock:
            origins = list(self._data)
        return [self.get(o) for o in origins]


def describe(profile: GatewayProfile) -> dict[str, Any]:
    """The profile as plain data (`veo gateway --json`)."""
    return {**asdict(profile), "dialect": profile.dialect.value}
