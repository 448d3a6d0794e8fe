"""The bytes of a video, fetched on a worker thread with a blocking `httpx.Client`.

Why a thread and a second, blocking client: httpx's `AsyncClient` on the Qt-driven asyncio loop
reads a 200 MB loopback file at about half curl's speed even with the bytes thrown away, because
each 64 KiB read is a round trip through the loop (socket notifier, callback, task wake-up).
The same httpx reading on a plain thread keeps pace with curl (bench: download_ratio), and the
loop stays free for the window: the thread holds the GIL only to parse each chunk, and tells
the loop about progress a few times a second.

What is fetched and from where follows client.py's rules, which this module is handed as
callables: the Bearer key only for the gateway's own origin (redirects are followed by hand, one
hop at a time, each deciding its own headers), resume with `Range` into the `.part` file, and
nothing but whole responses counted. The disk side (free space, fsync, errors that say what to
do) is video_file.py.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from . import video_file
from .background import background_pool
from .errors import DownloadError
from .text import msg

#: The threads downloads run on, below the window's priority (background.py). Four: more
#: clips than that at once only share the same link.
THREADS = background_pool("download", 4)
PROGRESS_SECONDS = 0.1  # how often the loop hears about progress (each report wakes it)
MAX_HOPS = 6


class Restart(Exception):
    """Try the download again, from where the part file ends."""


class Stopped(Exception):
    """The loop side gave up on this fetch (its task was cancelled)."""


class Stop:
    """Set from the loop thread to end a fetch. The flag is checked between chunks, and the
    socket of the response being read is shut down, so a read blocked on a silent server
    returns at once instead of after the read timeout."""

    def __init__(self) -> None:
        self._flag = threading.Event()
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None

    def is_set(self) -> bool:
        return self._flag.is_set()

    def watch(self, resp: httpx.Response) -> None:
        stream: Any = resp.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        with self._lock:
            self._sock = sock if isinstance(sock, socket.socket) else None
            if self._flag.is_set():
                self._shut()

    def unwatch(self) -> None:
        with self._lock:
            self._sock = None

    def set(self) -> None:
        with self._lock:
            self._flag.set()
            self._shut()

    def _shut(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):  # already closed: nothing left to wake
                self._sock.shutdown(socket.SHUT_RDWR)


@dataclass
class Fetch:
    """One download attempt's rules, run by `into` on a worker thread."""

    http: httpx.Client
    headers_for: Callable[[httpx.URL], dict[str, str]]
    error_for: Callable[[httpx.URL, httpx.Response], Exception]
    stop: Stop
    report: Callable[[int, int | None], None]

    def into(self, url: str, part: Path) -> None:
        """Fetch `url` into `part`, resuming from its current end. Raises `Restart` when the
        server's answer means starting over, httpx's `TransportError` when the link broke."""
        offset = part.stat().st_size if part.exists() else 0
        current = httpx.URL(url)
        for _hop in range(MAX_HOPS):
            self._check()
            headers = self.headers_for(current)
            if offset:
                headers["Range"] = f"bytes={offset}-"
            with self.http.stream("GET", current, headers=headers, follow_redirects=False) as resp:
                if resp.is_redirect and "location" in resp.headers:
                    current = current.join(resp.headers["location"])
                    continue  # next hop decides its own auth header from its own origin
                if resp.status_code == 416:
                    if offset and range_total(resp.headers) == offset:
                        return  # the part is already whole (stopped between fetch and rename)
                    part.unlink(missing_ok=True)
                    raise Restart("range not satisfiable")
                if resp.status_code >= 300:
                    resp.read()
                    raise self.error_for(current, resp)
                if resp.status_code == 206 and not resp.headers.get("content-range", "").startswith(
                    f"bytes {offset}-"
                ):
                    part.unlink(missing_ok=True)
                    raise Restart("server ignored our range")
                if resp.status_code == 200:
                    offset = 0  # full body: start over
                length = resp.headers.get("content-length")
                total = offset + int(length) if length and length.isdigit() else None
                video_file.ensure_space(part.parent, total, offset)
                self._body(resp, part, offset, total)
                return
        raise DownloadError(msg("The video link redirected too many times. Try Download again."))

    def _body(self, resp: httpx.Response, part: Path, offset: int, total: int | None) -> None:
        try:
            f = open(part, "ab" if offset else "wb")  # noqa: SIM115 (closed in the finally)
        except OSError as exc:
            raise video_file.disk_error(exc, part) from None
        done = offset
        reported = time.monotonic()
        flush = video_file.BackgroundFlush(f)
        self.stop.watch(resp)
        try:
            try:
                # Each chunk is what one socket read gave (decoded, should a host compress)
                # and goes straight to the OS, so whatever arrived is kept when the link
                # breaks or the app is killed; the disk catches up behind it.
                for chunk in resp.iter_bytes():
                    f.write(chunk)
                    done += len(chunk)
                    flush.wrote(len(chunk))
                    self._check()
                    now = time.monotonic()
                    if now - reported >= PROGRESS_SECONDS:
                        self.report(done, total)
                        reported = now
            finally:
                flush.close()
            video_file.flush_sync(f)
        except OSError as exc:
            raise video_file.disk_error(exc, part) from None
        finally:
            self.stop.unwatch()
            f.close()
        self.report(done, total)

    def _check(self) -> None:
        if self.stop.is_set():
            raise Stopped


def range_total(headers: httpx.Headers) -> int | None:
    """The full size from a 416's `Content-Range: bytes */N`."""
    unit, _, rest = headers.get("content-range", "").partition(" ")
    total = rest.rpartition("/")[2]
    return int(total) if unit == "bytes" and total.isdigit() else None
