"""A video's bytes, fetched into its `.part` file on a worker thread with a blocking `httpx.Client`,
by the rules client.py hands in, and bounded against a hostile host."""

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

from ..background import background_pool
from ..errors import DownloadError
from ..i18n import msg
from ..library import video_file

# Why a thread and a second, blocking client: httpx's `AsyncClient` on the Qt-driven loop reads
# a big body well below curl's speed even with the bytes thrown away, because each read is a
# round trip through the loop (socket notifier, callback, task wake-up); on a plain thread the
# same httpx keeps pace (bench: download_ratio). The loop stays free for the window: the thread
# holds the GIL only to parse each chunk, and reports progress every PROGRESS_SECONDS.

#: The threads downloads run on, below the window's priority (background.py). Four: more
#: clips than that at once only share the same link.
THREADS = background_pool("download", 4)
PROGRESS_SECONDS = 0.1  # how often the loop hears about progress (each report wakes it)
MAX_HOPS = 6
#: No Veo clip comes near this (an 8 s 4k clip with sound is well under 200 MB): a body past it
#: is an endless stream or a lying host, and without a cap it would fill the disk.
MAX_VIDEO_BYTES = 1 << 30
#: The slowest average, over SPEED_WINDOW_S, an attempt may run at before it is dropped and
#: resumed on a fresh connection. 16 KiB/s still brings a 200 MB clip in under four hours;
#: below it, a host is stuck or dripping bytes to hold the connection, not on a slow link.
MIN_SPEED = 16 << 10
SPEED_WINDOW_S = 60.0
SPACE_EVERY = 8 << 20  # bytes between free-space checks when the host gave no length


class Restart(Exception):
    """Try the download again, from where the part file ends."""


class TooSlow(Restart):
    """The host sent below the speed floor; what arrived stays in the part file for a resume."""


class TooLargeError(DownloadError):
    """The host sent (or announced) more than any clip could be; nothing is kept."""

    kind = "too_large"


class Stopped(Exception):
    """The loop side gave up on this fetch (its task was cancelled)."""


class Stop:
    """Set from the loop thread to end a fetch: the flag is checked between chunks, and the
    socket being read is shut down."""

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
        # With its socket shut down, a read blocked on a silent server returns at once.
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

    # client.py's rules, handed in: `headers_for` gives the key to the gateway's origin only
    # (each redirect hop asks for its own), `error_for` turns a refusal into the right error.
    http: httpx.Client
    headers_for: Callable[[httpx.URL], dict[str, str]]
    error_for: Callable[[httpx.URL, httpx.Response], Exception]
    stop: Stop
    report: Callable[[int, int | None], None]
    max_bytes: int = MAX_VIDEO_BYTES
    min_speed: int = MIN_SPEED  # bytes a second, averaged over `speed_window`
    speed_window: float = SPEED_WINDOW_S

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
                if total is not None and total > self.max_bytes:
                    part.unlink(missing_ok=True)
                    raise too_large(self.max_bytes)
                video_file.ensure_space(part.parent, total, offset)
                self._body(resp, part, offset, total)
                return
        raise DownloadError(msg("The video link redirected too many times. Try Download again."))

    def _body(self, resp: httpx.Response, part: Path, offset: int, total: int | None) -> None:
        try:
            done = self._write(resp, part, offset, total)
        except OSError as exc:
            raise video_file.disk_error(exc, part) from None
        except (TooLargeError, video_file.LowSpaceError):
            # Never a clip, and the space is the user's: the part file goes (closed by now).
            part.unlink(missing_ok=True)
            raise
        self.report(done, total)

    def _write(self, resp: httpx.Response, part: Path, offset: int, total: int | None) -> int:
        with video_file.open_part(part, offset) as f:
            flush = video_file.BackgroundFlush(f)
            guard = _Guard(self, part.parent, offset, total)
            self.stop.watch(resp)
            try:
                # Each chunk is what one socket read gave (decoded, should a host compress)
                # and goes straight to the OS (the file is unbuffered), so whatever arrived is
                # kept when the link breaks or the app is killed; the disk catches up behind it.
                for chunk in resp.iter_bytes():
                    video_file.write_all(f, chunk)
                    flush.wrote(len(chunk))
                    self._check()
                    guard.grew(len(chunk))
            finally:
                self.stop.unwatch()
                flush.close()
            video_file.flush_sync(f)
        return guard.done

    def _check(self) -> None:
        if self.stop.is_set():
            raise Stopped


class _Guard:
    """What one attempt's body may not do as it grows: outgrow any clip, fill a disk when the
    host gave no length, or crawl along below the speed floor. Also reports progress."""

    def __init__(self, fetch: Fetch, folder: Path, done: int, total: int | None) -> None:
        self._fetch, self._folder, self._total = fetch, folder, total
        self.done = done
        self._unchecked = 0  # bytes since the last free-space check
        now = time.monotonic()
        self._reported = now
        # The speed floor is judged per window: the bytes that came in it against its length.
        self._window_start, self._window_done = now, done

    def grew(self, n: int) -> None:
        fetch = self._fetch
        self.done += n
        if self.done > fetch.max_bytes:
            raise too_large(fetch.max_bytes)
        if self._total is None:
            self._unchecked += n
            if self._unchecked >= SPACE_EVERY:
                video_file.ensure_reserve(self._folder)
                self._unchecked = 0
        now = time.monotonic()
        elapsed = now - self._window_start
        if elapsed >= fetch.speed_window:
            came = self.done - self._window_done
            if came < fetch.min_speed * elapsed:
                raise TooSlow(f"the host sent {came} bytes in {elapsed:.0f} s")
            self._window_start, self._window_done = now, self.done
        if now - self._reported >= PROGRESS_SECONDS:
            fetch.report(self.done, self._total)
            self._reported = now


def too_large(limit: int) -> TooLargeError:
    return TooLargeError(
        msg(
            "The video host's answer is larger than any Veo clip (over {limit} MB), so the "
            "download was stopped and nothing was kept. Choose Download again later; if it "
            "happens again, the link does not lead to a video.",
            limit=limit >> 20,
        )
    )


def range_total(headers: httpx.Headers) -> int | None:
    """The full size from a 416's `Content-Range: bytes */N`."""
    unit, _, rest = headers.get("content-range", "").partition(" ")
    total = rest.rpartition("/")[2]
    return int(total) if unit == "bytes" and total.isdigit() else None
