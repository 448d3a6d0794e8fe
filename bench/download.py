"""download_ratio: the app's `GatewayClient.download` of a 200 MB file from a loopback server,
called on the app's own qasync loop, against curl fetching the same file from the same server.

The note also gives what the download did before it moved to a worker thread: httpx's
`AsyncClient` reading the same file through the Qt-driven loop, bytes thrown away (no disk).
That is the ceiling any download read through the loop would have, and why
core/gateway/video_fetch.py reads on a thread instead."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from .common import Figure
from .procs import server

SIZE = 200 * 1024 * 1024


def make_file(path: Path, size: int = SIZE) -> Path:
    """A real (tiny) clip padded with a `free` box of incompressible bytes to `size`: the client
    decodes a download before it enters the library, so random bytes would be refused."""
    if path.exists() and path.stat().st_size == size:
        return path
    clip = _tiny_clip()
    block = os.urandom(1 << 20)
    pad = size - len(clip)
    with open(path, "wb") as f:
        f.write(clip + pad.to_bytes(4, "big") + b"free")
        left = pad - 8
        while left > 0:
            f.write(block[: min(left, len(block))])
            left -= len(block)
    return path


def _tiny_clip() -> bytes:
    import io
    from fractions import Fraction

    import av

    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as c:
        s = c.add_stream("libx264", rate=12)
        s.width, s.height, s.pix_fmt = 64, 36, "yuv420p"
        s.time_base = Fraction(1, 12)
        for i in range(12):
            frame = av.VideoFrame(64, 36, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([i * 20 % 256]) * plane.buffer_size)
            for packet in s.encode(frame):
                c.mux(packet)
        for packet in s.encode():
            c.mux(packet)
    return out.getvalue()


def curl_seconds(url: str, dest: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["curl", "-sSf", "-o", str(dest), url], check=True)
    elapsed = time.perf_counter() - start
    dest.unlink()
    return elapsed


def _on_qt_loop(fetch: Callable[[], Awaitable[float]]) -> float:
    """Run `fetch()` to the end on a qasync loop over a QApplication, as the app runs."""
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app, already_running=False)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(fetch())


def app_seconds(url: str, dest: Path) -> float:
    from veo_desktop.core.gateway.client import GatewayClient
    from veo_desktop.core.gateway.http_clients import make_http_client

    async def fetch() -> float:
        async with make_http_client() as http:
            client = GatewayClient("http://127.0.0.1:9", http, lambda: "bench-key")
            start = time.perf_counter()
            await client.download(url, "bench", dest)
            elapsed = time.perf_counter() - start
            client.downloads.close()
            return elapsed

    elapsed = _on_qt_loop(fetch)
    dest.unlink()
    return elapsed


def through_loop_seconds(url: str) -> float:
    """httpx's AsyncClient on the same kind of loop reading the same file and throwing the
    bytes away (no disk, no checks): the most a download read through the loop could do."""
    from veo_desktop.core.gateway.http_clients import make_http_client

    async def fetch() -> float:
        async with make_http_client() as http:
            start = time.perf_counter()
            async with http.stream("GET", url) as resp:
                async for _ in resp.aiter_bytes():
                    pass
            return time.perf_counter() - start

    return _on_qt_loop(fetch)


def run(work: Path, repeats: int) -> Figure:
    if not shutil.which("curl"):
        return Figure(
            "download_ratio",
            "app ÷ curl throughput, 200 MB over loopback",
            [],
            0.95,
            higher_is_better=True,
            note="curl is missing: bash scripts/system-deps.sh",
        )
    src = make_file(work / "big.mp4")
    ratios, app_mbs, curl_mbs, loop_mbs = [], [], [], []
    with server("file", str(src)) as port:
        url = f"http://127.0.0.1:{port}/big.mp4"
        curl_seconds(url, work / "warm.bin")  # page cache and socket buffers warm for both
        for _ in range(repeats):
            c = curl_seconds(url, work / "curl.bin")
            a = app_seconds(url, work / "app.mp4")
            ratios.append(c / a)
            app_mbs.append(SIZE / a / 1e6)
            curl_mbs.append(SIZE / c / 1e6)
            loop_mbs.append(SIZE / through_loop_seconds(url) / 1e6)
    via_loop = sorted(a / c for a, c in zip(loop_mbs, curl_mbs, strict=True))
    return Figure(
        "download_ratio",
        "app ÷ curl throughput, 200 MB over loopback",
        ratios,
        0.95,
        higher_is_better=True,
        note=f"app {sorted(app_mbs)[len(app_mbs) // 2]:.0f} MB/s, "
        f"curl {sorted(curl_mbs)[len(curl_mbs) // 2]:.0f} MB/s (medians); the body is read "
        f"on a worker thread.\n{'':<22}Read through the qasync loop instead (httpx AsyncClient, "
        f"bytes discarded): {sorted(loop_mbs)[len(loop_mbs) // 2]:.0f} MB/s = "
        f"{via_loop[len(via_loop) // 2]:.2f} of curl",
        detail={"app_MBps": app_mbs, "curl_MBps": curl_mbs, "through_loop_MBps": loop_mbs},
    )
