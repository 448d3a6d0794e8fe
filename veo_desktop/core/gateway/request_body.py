"""The create request's body as bytes: the compact JSON httpx's `json=` would send, built so that
megabytes of inline base64 never hold the GIL for long."""

from __future__ import annotations

import json
import os
from typing import Any

_INLINE_MIN = 1 << 16  # strings longer than this (inline images) are spliced in as bytes
_SLICE = 1 << 20
_JSON_UNSAFE = b'"\\' + bytes(range(32))  # what JSON would have to escape in ASCII text


def json_body(body: dict[str, Any]) -> bytes:
    """What httpx's `json=` sends (compact, UTF-8), made where the caller chooses."""
    # `json.dumps` over a big base64 image holds the GIL in one long C call, and the window's
    # thread waits for it even though we run on a worker (bench: heartbeat_max_ms). So long
    # ASCII strings that need no escaping are checked and copied in slices (the GIL changes
    # hands between them) and spliced into the JSON of everything else.
    inline: dict[str, bytes] = {}
    marker = f"@veo-inline-{os.getpid()}-{id(body)}-"

    def swap(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, str) and len(value) > _INLINE_MIN and value.isascii():
            raw = value.encode("ascii")
            if all(
                len(raw[i : i + _SLICE].translate(None, _JSON_UNSAFE)) == len(raw[i : i + _SLICE])
                for i in range(0, len(raw), _SLICE)
            ):
                token = f"{marker}{len(inline)}@"
                inline[token] = raw
                return token
        return value

    skeleton = json.dumps(swap(body), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if not inline:
        return skeleton
    pieces: list[bytes] = []
    rest = skeleton
    for token, raw in inline.items():
        head, rest = rest.split(token.encode("ascii"), 1)
        pieces += [head, raw]
    pieces.append(rest)
    return b"".join(pieces)
