"""Builds the core objects once (paths, settings, key store, the one HTTP client, gateway client,
journal, library, runner) for a front end. The app and the CLI both start here, so they always
share one journal and one library."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .client import GatewayClient
from .config import SharedSettings
from .journal import Journal
from .library import Library
from .paths import Paths, resolve_paths
from .runner import JobRunner, PollPolicy
from .secrets import KeyStore

USER_AGENT = "veo-desktop/0.1"


def make_http_client(tls: ssl.SSLContext | None = None) -> httpx.AsyncClient:
    """The single `AsyncClient` for the process: TLS verification stays on (httpx's default,
    or `tls` from `start_tls_context`, which is the same context built ahead of time),
    connections are pooled, and the read timeout bounds a silent server."""
    return httpx.AsyncClient(
        verify=tls if tls is not None else True,
        timeout=httpx.Timeout(60.0, connect=15.0),
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        headers={"User-Agent": USER_AGENT},
        http2=False,
    )


def start_tls_context() -> Callable[[], ssl.SSLContext]:
    """Start building httpx's default TLS context (verification on, the CA bundle loaded, the
    SSL_CERT_FILE/SSL_CERT_DIR environment honoured) on a worker thread; returns a function
    that waits for it. Loading the CA bundle takes 25-60 ms with the GIL released, so the app
    starts it first and the load overlaps building the window instead of delaying it."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tls-context")
    future = pool.submit(httpx.create_ssl_context)
    pool.shutdown(wait=False)  # the one job runs on; the pool takes no more
    return future.result  # re-raises what building it raised, where the context is needed


@dataclass
class Services:
    paths: Paths
    settings: SharedSettings
    keystore: KeyStore
    base_url: str
    client: GatewayClient
    journal: Journal
    library: Library
    runner: JobRunner
    _closers: list[Callable[[], None]] = field(default_factory=list)

    @property
    def http(self) -> httpx.AsyncClient:
        """The one HTTP client (built on first use when a factory was given)."""
        return self.client.http

    async def aclose(self) -> None:
        if self.client.http_built:
            await self.client.http.aclose()
        self.journal.close()
        for close in self._closers:
            close()


def build_services(
    base_url: str,
    *,
    paths: Paths | None = None,
    key: Callable[[], str | None] | None = None,
    http: httpx.AsyncClient | Callable[[], httpx.AsyncClient] | None = None,
    keystore: KeyStore | None = None,
    policy: PollPolicy | None = None,
    tls: Callable[[], ssl.SSLContext] | None = None,
) -> Services:
    paths = (paths or resolve_paths()).ensure()
    settings = SharedSettings.load(paths.config_file)
    keystore = keystore or KeyStore()
    if settings.library_dir:
        paths = Paths(
            paths.data_dir, Path(settings.library_dir).expanduser(), paths.config_dir, paths.log_dir
        ).ensure()
    if http is None:
        # Built on first use (see GatewayClient.http), with the TLS context `tls` hands over.
        http = lambda: make_http_client(tls() if tls else None)  # noqa: E731
    client = GatewayClient(base_url, http, lambda: None)

    def stored_key() -> str | None:
        # Follows whichever gateway the client points at now (Settings can change it).
        return keystore.get(client.base_url) if client.base_url else None

    client.key_provider = key or stored_key
    journal = Journal(paths.journal)
    library = Library(paths.library_dir)
    runner = JobRunner(
        client, journal, library, policy=policy, max_concurrent=settings.max_concurrent_jobs
    )
    return Services(paths, settings, keystore, base_url, client, journal, library, runner)
