"""What a text that may name a file is: a web address, data carried inline (a data: URI), or
else a path on this machine. One reading for requests, replies, the journal and input files."""

from __future__ import annotations

from typing import TypeGuard


def is_url(value: str) -> bool:
    """An http(s) address."""
    return value.strip()[:8].lower().startswith(("http://", "https://"))


def is_inline(value: str | None) -> TypeGuard[str]:
    """A data: URI (the bytes themselves, as a gateway may send a clip or a user an image)."""
    return value is not None and value.strip()[:5].lower() == "data:"


def is_link(value: str) -> bool:
    """A web address or inline data: anything that is not a path on this machine."""
    return is_url(value) or is_inline(value)
