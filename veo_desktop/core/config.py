"""Settings the app and the CLI share (gateway, library folder, concurrency) in a small JSON file,
and how the gateway URL is chosen and checked. Never the API key: that is `secrets.py`'s."""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .errors import InvalidInputError
from .files import write_json_atomic
from .i18n import msg

DEFAULT_BASE_URL = ""  # no default gateway: the user names theirs, or uses the demo


@dataclass
class SharedSettings:
    base_url: str = DEFAULT_BASE_URL
    library_dir: str = ""  # empty: the default from `paths.resolve_paths`
    max_concurrent_jobs: int = 3
    allow_insecure_http: bool = False  # plain http to a non-loopback host, confirmed by the user

    @classmethod
    def load(cls, path: Path) -> SharedSettings:
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = (
            {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        )
        try:
            return cls(**values)
        except TypeError:
            return cls()

    def save(self, path: Path) -> None:
        """Atomic write: a crash mid-save leaves the previous file, never half of one."""
        write_json_atomic(path, asdict(self))


def is_loopback(host: str | None) -> bool:
    """`localhost` or a loopback IP address; `127.0.0.1.example.com` is a remote host."""
    h = (host or "").lower().strip("[]").rstrip(".")
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def gateway_url(
    given: str | None, settings: SharedSettings, env: Mapping[str, str] = os.environ
) -> str:
    """The gateway the app and `veo` talk to: `--base-url` (`given`) beats `VEO_BASE_URL` beats
    Settings, normalized (`normalize_base_url`, plain http to a remote host only when Settings
    allow it); "" when none is set. Raises `InvalidInputError` when the one chosen is unusable."""
    text = given or env.get("VEO_BASE_URL") or settings.base_url
    if not text:
        return ""
    return normalize_base_url(text, allow_insecure_http=settings.allow_insecure_http)


def normalize_base_url(text: str, *, allow_insecure_http: bool = False) -> str:
    """`https://host[:port]` from what a user typed or pasted: surrounding spaces, trailing
    slashes and a pasted `/v1` or endpoint path are dropped. Raises `InvalidInputError` with a
    message that says what to type instead."""
    raw = text.strip()
    if not raw:
        raise InvalidInputError(
            msg("Enter the gateway's base URL, for example https://api.example.com.")
        )
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    try:
        _ = parts.port  # urlsplit checks the port only when asked
    except ValueError:
        parts = urlsplit("")
    if scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInputError(
            msg(
                "“{text}” is not a web address. Enter the gateway's "
                "base URL, for example https://api.example.com.",
                text=text.strip(),
            )
        )
    if parts.username is not None or parts.password is not None:
        raise InvalidInputError(
            msg(
                "Remove the user name and password from the gateway's address: the API key goes "
                "in its own field, where it is kept in the system keyring."
            )
        )
    if scheme == "http" and not is_loopback(parts.hostname) and not allow_insecure_http:
        raise InvalidInputError(
            msg(
                "Plain http would send your key unencrypted. Use the https:// "
                "address of the gateway (or allow insecure http in Settings)."
            )
        )
    path = parts.path.rstrip("/")
    for suffix in ("/v1/video/generations", "/v1/videos", "/v1"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return urlunsplit((scheme, parts.netloc.lower(), path.rstrip("/"), "", ""))


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_QUOTES = "\"'`“”‘’«»"


def normalize_key(text: str) -> str:
    """A pasted key loses surrounding whitespace and quotes, inner line breaks, invisible
    characters that rich-text copies carry (zero-width spaces, a BOM) and a `Bearer ` prefix."""
    text = text.translate(_INVISIBLE).strip().strip(_QUOTES)
    key = "".join(text.split())
    if key.lower().startswith("bearer") and len(key) > 6 and text.strip()[6:7].isspace():
        key = key[6:]
    return key
