"""The app's two HTTP clients, made the same way: TLS verification on, the same timeouts, the
same User-Agent, and no default headers (the API key is added per request, for the gateway's
origin only; client.py).

- `make_http_client`: the one `AsyncClient`, on the asyncio loop, for the gateway's API.
- `make_download_client`: a blocking `Client` that video_fetch.py drives from worker threads,
  because reading big bodies through the loop halves their speed (see video_fetch.py).
"""

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
        "headers": {"User-Agent": USER_AGENT},
    }


def make_http_client(tls: ssl.SSLContext | None = None) -> httpx.AsyncClient:
    """The single `AsyncClient` for the process: TLS verification stays on (httpx's default,
    or `tls` from `start_tls_context`, which is the same context built ahead of time),
    connections are pooled, and the read timeout bounds a silent server."""
    return httpx.AsyncClient(http2=False, **_options(tls))


#: Bytes per socket read for the blocking client. httpcore asks for 64 KiB at a time; a video
#: body is hundreds of MB, and each read costs the same Python work (h11, httpx) however big it
#: is, so 1 MiB reads do a 200 MB download with 16x less of it (bench: download_ratio, 0.85 ->
#: above curl on loopback). Only the blocking connection class is tuned: the AsyncClient uses
#: httpcore's AsyncHTTP11Connection and keeps its default.
DOWNLOAD_READ_BYTES = 1 << 20


def make_download_client(tls: ssl.SSLContext | None = None) -> httpx.Client:
    """The blocking client video bodies are read with, on worker threads (httpx's `Client`
    is thread-safe). Same verification and limits as `make_http_client`."""
    import httpcore  # here, not at the top: httpx loads it on first request, after start-up

    httpcore.HTTP11Connection.READ_NUM_BYTES = DOWNLOAD_READ_BYTES
    return httpx.Client(**_options(tls))


def start_tls_context() -> Callable[[], ssl.SSLContext]:
    """Start building httpx's default TLS context (verification on, the CA bundle loaded, the
    SSL_CERT_FILE/SSL_CERT_DIR environment honoured) on a worker thread; returns a function
    that waits for it. Loading the CA bundle takes 25-60 ms with the GIL released, so the app
    starts it first and the load overlaps building the window instead of delaying it. Both
    clients share the one context (an `SSLContext` may be used from several threads)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tls-context")
    future = pool.submit(httpx.create_ssl_context)
    pool.shutdown(wait=False)  # the one job runs on; the pool takes no more
    return future.result  # re-raises what building it raised, where the context is needed
