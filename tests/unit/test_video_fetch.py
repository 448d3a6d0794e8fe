"""Video bodies are read on a worker thread (core/gateway/video_fetch.py), on loopback sockets:
a cancelled download lets go of its part file at once even when the host has gone silent,
progress reaches the loop's own thread, and the thread yields the CPU to the window's."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from tests.clips import tiny_mp4_bytes
from veo_desktop.core.background import in_background
from veo_desktop.core.gateway import video_fetch
from veo_desktop.core.gateway.client import GatewayClient
from veo_desktop.core.gateway.http_clients import make_download_client

MP4_HEAD = b"\x00\x00\x00\x18ftypisom" + bytes(12)


@pytest.fixture
def video_host() -> Iterator[tuple[str, threading.Event]]:
    """Answers every GET with a 200 for `Content-Length: 50 MB`, sends `first` bytes of it, and
    then goes silent (holding the connection open) until `release` is set, or sends the rest at
    once when the path is /whole."""
    listener = socket.create_server(("127.0.0.1", 0))
    release = threading.Event()
    size, first = 50 << 20, 256 << 10
    # A real clip padded with a `free` box to 50 MB: downloads are decoded before they count.
    clip = tiny_mp4_bytes()
    pad = size - len(clip)
    full = clip + pad.to_bytes(4, "big") + b"free" + bytes(pad - 8)
    body = full[:first]

    def serve(conn: socket.socket) -> None:
        with conn:
            request = conn.recv(65536)
            whole = request.startswith(b"GET /whole")
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: %d\r\n\r\n" % size
            )
            conn.sendall(body)
            if whole:
                for at in range(first, size, 1 << 20):
                    conn.sendall(full[at : at + (1 << 20)])
            release.wait(30)

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", release
    finally:
        release.set()
        listener.close()


def open_files_under(folder: Path) -> list[str]:
    """Paths under `folder` this process holds open (Linux /proc)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


@pytest_asyncio.fixture
async def client() -> AsyncIterator[GatewayClient]:
    http = httpx.AsyncClient()
    client = GatewayClient(
        "https://gw.example.com", http, lambda: "sk-x", downloads=make_download_client()
    )
    yield client
    await http.aclose()
    client.downloads.close()


@pytest.mark.asyncio
async def test_a_cancelled_download_lets_go_of_its_file_at_once_when_the_host_goes_silent(
    video_host: tuple[str, threading.Event], client: GatewayClient, tmp_path: Path
) -> None:
    url, _ = video_host
    dest = tmp_path / "v.mp4"
    part = tmp_path / "v.mp4.part"
    task = asyncio.ensure_future(client.download(f"{url}/stall", "t", dest))
    for _ in range(500):
        if part.exists() and part.stat().st_size == 256 << 10:
            break
        await asyncio.sleep(0.01)
    assert part.stat().st_size == 256 << 10  # what arrived is on disk while the host is silent
    await asyncio.sleep(0.2)
    assert not task.done()  # still waiting on the silent host (the read timeout is 60 s)

    started = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - started < 2.0
    assert open_files_under(tmp_path) == []  # the worker thread has closed the part file
    assert part.stat().st_size == 256 << 10 and not dest.exists()  # kept for a resume


@pytest.mark.asyncio
async def test_progress_is_reported_on_the_loop_thread_up_to_the_whole_size(
    video_host: tuple[str, threading.Event], client: GatewayClient, tmp_path: Path
) -> None:
    url, _ = video_host
    seen: list[tuple[int, int | None, bool]] = []

    def on_progress(done: int, total: int | None) -> None:
        seen.append((done, total, threading.current_thread() is threading.main_thread()))

    size = await client.download(f"{url}/whole", "t", tmp_path / "v.mp4", on_progress)
    for _ in range(500):  # reports are queued to the loop: wait for the last one to run
        if seen and seen[-1][:2] == (size, size):
            break
        await asyncio.sleep(0.01)
    assert size == 50 << 20 == (tmp_path / "v.mp4").stat().st_size
    assert seen and all(on_loop for *_, on_loop in seen)
    assert seen[-1][:2] == (size, size)
    assert [d for d, *_ in seen] == sorted(d for d, *_ in seen)


@pytest.mark.asyncio
async def test_downloads_and_image_work_run_below_the_window_threads_priority() -> None:
    """A full-speed download or a 20 MB re-encode must leave the window's thread first in line
    for the CPU (background.py); the window's own priority is left alone."""

    def own_nice() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    window = own_nice()
    loop = asyncio.get_running_loop()
    download = await loop.run_in_executor(video_fetch.THREADS, own_nice)
    work = await in_background(own_nice)
    lowered = min(19, window + 10) if sys.platform.startswith("linux") else window  # Linux only
    assert download == work == lowered
    assert own_nice() == window
