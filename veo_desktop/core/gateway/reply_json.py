"""Reply bodies as JSON, bounded: `load_json` turns a body that is huge, nested without end or full
of values Python or SQLite cannot hold into plain data or a typed `ServerError`, never a crash."""

from __future__ import annotations

import json
import math
import re
import reprlib
from collections.abc import Mapping
from typing import Any

from ..errors import ServerError
from ..i18n import msg

#: Longest reply body decoded (characters). A job reply is a few hundred bytes, but a gateway
#: that sends the clip inline (a `data:` URI) sends megabytes: an 8 s 1080p clip is ~2 MB of
#: base64, a 4k one tens. Past this it is a gateway gone wrong.
MAX_REPLY_CHARS = 64 << 20
#: Deepest nesting kept. Real replies nest three or four levels; anything deeper is cut off
#: (read as null) so that `repr`, `json.dumps` and the journal never recurse without end.
MAX_DEPTH = 32

# What Python raises on values no gateway was seen to send (a number too big for a float, a
# nesting too deep for repr...): readers turn these into "unreadable", never into a crash.
ODD_VALUE = (ArithmeticError, LookupError, RecursionError, TypeError, ValueError)

# json.loads joins valid surrogate pairs; whatever surrogate is left is alone, and SQLite and
# every UTF-8 encoder refuse it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class UnreadableReplyError(ServerError, ValueError):
    """A reply body that is not JSON we can hold. Also a `ValueError`, so callers written for
    `json.loads`'s errors keep handling it as before."""


def load_json(text: str) -> Any:
    """The body as plain JSON data; `UnreadableReplyError` for a body that is not JSON, too
    large or too deeply nested."""
    # Lone surrogates become U+FFFD, NaN and infinities null, nesting past `MAX_DEPTH` null.
    if len(text) > MAX_REPLY_CHARS:
        raise unreadable(f"reply of {len(text)} characters (limit {MAX_REPLY_CHARS})")
    try:
        # NaN/Infinity are not JSON, and 1e999 overflows: both read as "no number".
        value = json.loads(
            text.removeprefix("\ufeff"),  # a BOM some proxies send: bytes-level json allowed it
            parse_constant=lambda _: None,
            parse_float=_finite,
        )
    except RecursionError:
        raise unreadable("reply nested too deeply to decode") from None
    except ValueError as exc:  # JSONDecodeError, or an integer of more than 4300 digits
        raise unreadable(f"not JSON: {exc}; starts {text[:80]!r}") from None
    return _clean(value, 0)


def _finite(text: str) -> float | None:
    number = float(text)
    return number if math.isfinite(number) else None


def _clean(value: Any, depth: int) -> Any:
    """A copy that holds only what the rest of Veo Desktop can store and print."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value
    if isinstance(value, dict | list) and depth >= MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {_clean(k, depth): _clean(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, depth + 1) for v in value]
    return value


def unreadable(detail: str) -> UnreadableReplyError:
    """The error for a reply that cannot be read; `detail` (for the log) says why."""
    return UnreadableReplyError(
        msg("The gateway sent a reply Veo Desktop cannot read. Try again in a moment."),
        detail=detail,
    )


# -- values, as shown -------------------------------------------------------------------------


def one_line(text: str, limit: int = 500) -> str:
    """Gateway text as one line of at most `limit` characters: it is shown to the user as is."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def text_of(v: Any) -> str:
    """A scalar as text; "" for absent values and containers."""
    if v is None or isinstance(v, Mapping | list):
        return ""
    return str(v).strip()


def preview(v: Any, n: int = 200) -> str:
    """A short look at any value, for the log (reprlib: bounded in length and depth)."""
    s = v if isinstance(v, str) else reprlib.repr(v)
    return s[:n]
