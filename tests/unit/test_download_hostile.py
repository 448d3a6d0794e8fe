"""Downloads from a hostile video host never lose or corrupt a clip: a body without a length
lands in a day folder not made yet, an endless one is stopped before it fills the disk, a
trickling one is given up on and resumed later, what arrived survives a kill, and a truncated
MP4 never enters the library. Each host is a raw socket on loopback."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from veo_desktop.core.errors import DownloadError
from veo_desktop.core.gateway import video_fetch
from veo_desktop.core.library import video_file
from veo_desktop.simulator.clips import render_clip

Handler = Callable[[socket.socket, bytes], None]


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real MP4 (video and sound), as the gateway's simulator renders it."""
    path = tmp_path_factory.mktemp("clip") / "clip.mp4"
    render_clip(path, prompt="hostile host", duration=2, max_height=144)
    return path.read_bytes()


@contextmanager
def serving(handler: Handler) -> Iterator[str]:
    """A loopback host that hands each connection and its request head to `handler`."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve(conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                got = conn.recv(65536)
                if not got:
                    return
                request += got
            with contextlib.suppress(OSError):  # the client hung up: what these hosts provoke
                handler(conn, request)

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/video.mp4"
    finally:
        listener.close()


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


CHUNKED_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nTransfer-Encoding: chunked\r\n\r\n"


def fetch(**limits: Any) -> video_fetch.Fetch:
    return video_fetch.Fetch(
        httpx.Client(timeout=10),
        lambda url: {},
        lambda url, resp: DownloadError(f"HTTP {resp.status_code}"),
        video_fetch.Stop(),
        lambda done, total: None,
        **limits,
    )


def run_into(f: video_fetch.Fetch, url: str, part: Path) -> None:
    try:
        f.into(url, part)
    finally:
        f.http.close()


# -- 1. no Content-Length ------------------------------------------------------------------------


@pytest.mark.parametrize("framing", ["chunked", "close-delimited"])
def test_a_body_without_length_lands_in_a_day_folder_not_made_yet(
    clip: bytes, tmp_path: Path, framing: str
) -> None:
    def host(conn: socket.socket, _request: bytes) -> None:
        if framing == "chunked":
            conn.sendall(CHUNKED_HEAD)
            for i in range(0, len(clip), 7000):
                conn.sendall(chunk(clip[i : i + 7000]))
            conn.sendall(b"0\r\n\r\n")
        else:  # HTTP/1.0 style: the body ends when the host closes the connection
            conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + clip)

    dest = tmp_path / "library" / "2025-06-01" / "clip-abc.mp4"
    part = dest.with_name(dest.name + ".part")
    with serving(host) as url:
        run_into(fetch(), url, part)
    assert video_file.verify_and_commit(part, dest) == len(clip)
    assert dest.read_bytes() == clip and not part.exists()


# -- 2. no length and no end -------------------------------------------------------------------

ENDLESS_STOPS_AT = 64 << 20  # the test's host gives up here, so a fetch with no cap still ends


def endless(head: bytes) -> Handler:
    def host(conn: socket.socket, _request: bytes) -> None:
        conn.sendall(CHUNKED_HEAD + chunk(head))
        piece = chunk(os.urandom(256 << 10))
        sent = 0
        while sent < ENDLESS_STOPS_AT:
            conn.sendall(piece)
            sent += 256 << 10
        conn.sendall(b"0\r\n\r\n")

    return host


def test_an_endless_body_stops_at_the_size_cap_and_nothing_is_kept(
    clip: bytes, tmp_path: Path
) -> None:
    dest = tmp_path / "clip.mp4"
    part = dest.with_name(dest.name + ".part")
    with serving(endless(clip[:4096])) as url, pytest.raises(DownloadError) as caught:
        run_into(fetch(max_bytes=4 << 20), url, part)
    assert "larger than any Veo clip" in caught.value.message
    assert "Download again" in caught.value.message
    assert not part.exists() and not dest.exists()


def test_a_length_past_the_cap_is_refused_before_writing(clip: bytes, tmp_path: Path) -> None:
    def host(conn: socket.socket, _request: bytes) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (2 << 30) + clip)
        time.sleep(5)  # never sends the rest

    part = tmp_path / "clip.mp4.part"
    part.write_bytes(clip[:1000])  # an earlier attempt's: this host cannot finish it either
    with serving(host) as url, pytest.raises(video_fetch.TooLargeError):
        run_into(fetch(), url, part)
    assert not part.exists()


def test_the_size_cap_is_a_sane_bound_for_a_veo_clip() -> None:
    # An 8 s 4k clip with sound is well under 200 MB; a gigabyte is a lie or an endless body.
    assert video_fetch.MAX_VIDEO_BYTES == 1 << 30
    assert video_fetch.Fetch.max_bytes == video_fetch.MAX_VIDEO_BYTES


def test_free_space_is_watched_while_a_body_of_unknown_size_grows(
    clip: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "clip.mp4"
    part = dest.with_name(dest.name + ".part")
    real = shutil.disk_usage

    def disk_usage(path: Any) -> Any:
        # A disk with 2 MB to spare above the reserve when the download starts.
        usage = real(path)
        written = part.stat().st_size if part.exists() else 0
        free = video_file.DISK_RESERVE + (2 << 20) - written
        return usage._replace(free=free)

    monkeypatch.setattr(shutil, "disk_usage", disk_usage)
    with serving(endless(clip[:4096])) as url, pytest.raises(DownloadError) as caught:
        run_into(fetch(), url, part)
    assert "almost full" in caught.value.message and "Free some space" in caught.value.message
    assert not part.exists() and not dest.exists()


def test_a_body_of_unknown_size_is_not_started_on_a_disk_already_below_the_reserve(
    clip: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shutil.disk_usage
    monkeypatch.setattr(
        shutil, "disk_usage", lambda path: real(path)._replace(free=video_file.DISK_RESERVE - 1)
    )
    part = tmp_path / "clip.mp4.part"
    with serving(endless(clip[:4096])) as url, pytest.raises(video_file.LowSpaceError):
        run_into(fetch(), url, part)
    assert not part.exists()


# -- 3. one byte a second ----------------------------------------------------------------------


def test_a_trickling_host_is_given_up_on_and_the_next_attempt_resumes(
    clip: bytes, tmp_path: Path
) -> None:
    fast = 8000
    requests: list[bytes] = []

    def host(conn: socket.socket, request: bytes) -> None:
        requests.append(request)
        if b"range: bytes=" in request.lower():
            start = int(request.lower().split(b"range: bytes=")[1].split(b"-")[0])
            conn.sendall(
                b"HTTP/1.1 206 Partial Content\r\nContent-Length: %d\r\n"
                b"Content-Range: bytes %d-%d/%d\r\n\r\n"
                % (len(clip) - start, start, len(clip) - 1, len(clip))
                + clip[start:]
            )
            return
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(clip) + clip[:fast])
        for i in range(fast, fast + 300):  # 100 bytes a second, for three seconds at most
            time.sleep(0.01)
            conn.sendall(clip[i : i + 1])

    dest = tmp_path / "clip.mp4"
    part = dest.with_name(dest.name + ".part")
    with serving(host) as url:
        started = time.monotonic()
        with pytest.raises(video_fetch.Restart):
            run_into(fetch(min_speed=64 << 10, speed_window=0.3), url, part)
        assert time.monotonic() - started < 1.5
        kept = part.stat().st_size
        assert fast <= kept < fast + 300 and part.read_bytes() == clip[:kept]
        run_into(fetch(min_speed=64 << 10, speed_window=0.3), url, part)
    assert f"range: bytes={kept}-".encode() in requests[-1].lower()
    assert video_file.verify_and_commit(part, dest) == len(clip)
    assert dest.read_bytes() == clip


def test_the_speed_floor_defaults_are_sane() -> None:
    assert video_fetch.Fetch.min_speed == video_fetch.MIN_SPEED == 16 << 10
    assert video_fetch.Fetch.speed_window == video_fetch.SPEED_WINDOW_S == 60.0
    assert issubclass(
        video_fetch.TooSlow, video_fetch.Restart
    )  # core/gateway/client.py retries a Restart


# -- 4. a kill mid-download --------------------------------------------------------------------

CHILD = """
import sys
from pathlib import Path

import httpx

from veo_desktop.core.gateway import video_fetch
from veo_desktop.core.errors import DownloadError

video_fetch.PROGRESS_SECONDS = 0  # every chunk is reported: the parent learns what arrived
fetch = video_fetch.Fetch(
    httpx.Client(timeout=30),
    lambda url: {},
    lambda url, resp: DownloadError("refused"),
    video_fetch.Stop(),
    lambda done, total: print(done, flush=True),
)
fetch.into(sys.argv[1], Path(sys.argv[2]))
"""


def test_bytes_received_are_in_the_part_file_when_the_process_is_killed(
    clip: bytes, tmp_path: Path
) -> None:
    # Small pieces, well inside a write buffer, so nothing reaches the file unless each
    # chunk is handed to the OS as it comes.
    pieces = [clip[i : i + 500] for i in range(0, 5000, 500)]
    sent = sum(map(len, pieces))
    release = threading.Event()

    def host(conn: socket.socket, _request: bytes) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(clip))
        for piece in pieces:
            conn.sendall(piece)
            time.sleep(0.02)
        release.wait(30)  # silent from here on, the connection held open

    part = tmp_path / "clip.mp4.part"
    with serving(host) as url:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, url, str(part)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert child.stdout is not None
            received = 0
            deadline = time.monotonic() + 20
            while received < sent and time.monotonic() < deadline:
                # select, so a child that never reports cannot hang the test
                if not select.select([child.stdout], [], [], 0.5)[0]:
                    continue
                line = child.stdout.readline()
                if not line:
                    break
                received = int(line)
            assert received == sent
            os.kill(child.pid, signal.SIGKILL)
            child.wait(10)
        finally:
            release.set()
            if child.poll() is None:
                child.kill()
                child.wait()
    assert child.returncode == -signal.SIGKILL
    kept = part.read_bytes()
    assert (len(kept), kept) == (sent, clip[:sent])


# -- 5. an MP4 that is cut short ---------------------------------------------------------------


def test_a_truncated_mp4_from_a_host_that_lies_about_its_size_is_not_committed(
    clip: bytes, tmp_path: Path
) -> None:
    cut = clip[: len(clip) * 9 // 10]

    def host(conn: socket.socket, _request: bytes) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(cut) + cut)

    dest = tmp_path / "clip.mp4"
    part = dest.with_name(dest.name + ".part")
    with serving(host) as url:
        run_into(fetch(), url, part)
    with pytest.raises(video_file.DamagedVideoError) as caught:
        video_file.verify_and_commit(part, dest)
    assert caught.value.kind == "damaged_video"
    assert "damaged" in caught.value.message and "Download again" in caught.value.message
    assert not part.exists() and not dest.exists()  # the next attempt starts from zero
