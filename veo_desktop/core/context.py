"""Builds the core objects once (paths, settings, key store, the one HTTP client, gateway client,
journal, library, runner) for a front end. The app and the CLI both start here, so they always
share one journal and one library."""

from __future__ import annotations

from collections.abc import Callable
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


def make_http_client() -> httpx.AsyncClient:
    """The single `AsyncClient` for the process: TLS verification stays on (httpx's default),
    connections are pooled, and the read timeout bounds a silent server."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(60.0, connect=15.0),
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        headers={"User-Agent": USER_AGENT},
        http2=False,
    )


@dataclass
class Services:
    paths: Paths
    settings: SharedSettings
    keystore: KeyStore
    base_url: str
    http: httpx.AsyncClient
    client: GatewayClient
    journal: Journal
    library: Library
    runner: JobRunner
    _closers: list[Callable[[], None]] = field(default_factory=list)

    async def aclose(self) -> None:
        await self.http.aclose()
        self.journal.close()
        for close in self._closers:
            close()


def build_services(
    base_url: str,
    *,
    paths: Paths | None = None,
    key: Callable[[], str | None] | None = None,
    http: httpx.AsyncClient | None = None,
    keystore: KeyStore | None = None,
    policy: PollPolicy | None = None,
) -> Services:
    paths = (paths or resolve_paths()).ensure()
    settings = SharedSettings.load(paths.config_file)
    keystore = keystore or KeyStore()
    if settings.library_dir:
        paths = Paths(
            paths.data_dir, Path(settings.library_dir).expanduser(), paths.config_dir, paths.log_dir
        ).ensure()
    http = http or make_http_client()
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
    return Services(paths, settings, keystore, base_url, http, client, journal, library, runner)
