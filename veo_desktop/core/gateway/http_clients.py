"""The app's two HTTP clients, made alike (TLS verification on, the same timeouts and User-Agent):
the `AsyncClient` for the gateway's API, and a blocking `Client` for video bodies."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

USER_AGENT = "veo-desktop/0.1"


def _options(tls: ssl.SSLContext | None) -> dict[str, Any]:
    return {
        "verify": tls if tls is not None else True,
        # The read timeout bounds a silent server; connecting gets less.
        "timeout": httpx.Timeout(60.0, connect=15.0),
        "limits": httpx.Limits(max_connections=20, max_keepalive_connections=10),
        # No key here: client.py adds it per request, for the gateway's origin only.
        "headers": {"User-Agent": USER_AGENT},
    }


def make_http_client(tls: ssl.SSLContext | None = None) -> httpx.AsyncClient:
    """The single `AsyncClient` for the process, for the gateway's API; `tls` is the context
    from `start_tls_context` (httpx's default, built ahead of time)."""
    return httpx.AsyncClient(http2=False, **_options(tls))


#: Bytes per socket read for the blocking client. httpcore asks for 64 KiB at a time, and each
#: read costs the same Python work (h11, httpx) however big it is, so 1 MiB reads do a video
#: body with 16x less of it (bench: download_ratio). Only the blocking connection class is
#: tuned: the AsyncClient uses httpcore's AsyncHTTP11Connection and keeps its default.
DOWNLOAD_READ_BYTES = 1 << 20


def make_download_client(tls: ssl.SSLContext | None = None) -> httpx.Client:
    """The blocking client video bodies are read with, on worker threads (httpx's `Client`
    is thread-safe); video_fetch.py says why."""
    import httpcore  # here, not at the top: httpx loads it on first request, after start-up

    httpcore.HTTP11Connection.READ_NUM_BYTES = DOWNLOAD_READ_BYTES
    return httpx.Client(**_options(tls))


def start_tls_context() -> Callable[[], ssl.SSLContext]:
    """Start building httpx's default TLS context on a worker thread; returns a function that
    waits for it."""
    # httpx's default: verification on, the CA bundle loaded, SSL_CERT_FILE/SSL_CERT_DIR
    # honoured. Loading the bundle is slow but releases the GIL, so the app starts it first and
    # it overlaps building the window (bench: startup_ratio). Both clients share the one
    # context (an `SSLContext` may be used from several threads).
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tls-context")
    future = pool.submit(httpx.create_ssl_context)
    pool.shutdown(wait=False)  # the one job runs on; the pool takes no more
    return future.result  # re-raises what building it raised, where the context is needed
