"""Builds a front end's core objects once (paths, settings, key store, HTTP and gateway clients,
journal, library, runner). The app and the CLI both start here, so they share one journal."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .checks.habits import habits
from .config import SharedSettings
from .gateway.client import GatewayClient
from .gateway.http_clients import make_download_client, make_http_client
from .gateway.profiles import GatewayProfiles
from .jobs.journal import Journal
from .jobs.journal_recovery import storage_error
from .jobs.poll_step import PollPolicy
from .jobs.runner import JobRunner
from .library.store import Library
from .paths import Paths, resolve_paths
from .request.models import GenerationRequest
from .request.rules import Finding, check
from .secrets import KeyStore


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
        """The API client (`AsyncClient`, built on first use when a factory was given)."""
        return self.client.http

    def findings(self, req: GenerationRequest) -> list[Finding]:
        """The request's rule findings for this gateway: its dialect, and its habits (what its
        earlier clips failed to deliver)."""
        return check(req, self.client.dialect(), habits(self.client.profiles, self.client.base_url))

    async def aclose(self) -> None:
        await self.runner.settle()  # a clip check still writes to the journal
        if self.client.http_built:
            await self.client.http.aclose()
        if self.client.downloads_built:
            self.client.downloads.close()
        self.journal.close()
        for close in self._closers:
            close()


def library_folder(settings: SharedSettings, default: Path) -> Path:
    """Where clips go: the folder chosen in Settings (`~` expanded), else `default`."""
    return Path(settings.library_dir).expanduser() if settings.library_dir else default


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
    paths = paths or resolve_paths()
    try:
        paths.ensure()
    except OSError as exc:  # a read-only or missing data folder: one line, not a traceback
        raise storage_error(Path(exc.filename or paths.data_dir), exc) from exc
    settings = SharedSettings.load(paths.config_file)
    keystore = keystore or KeyStore()
    if settings.library_dir:
        library_dir = library_folder(settings, paths.library_dir)
        paths = Paths(paths.data_dir, library_dir, paths.config_dir, paths.log_dir).ensure()
    if http is None:
        # Built on first use (see GatewayClient.http), with the TLS context `tls` hands over.
        http = lambda: make_http_client(tls() if tls else None)  # noqa: E731
    downloads = lambda: make_download_client(tls() if tls else None)  # noqa: E731
    # What each gateway's replies gave away (its request dialect), kept with the journal.
    profiles = GatewayProfiles(paths.data_dir / "gateways.json")
    client = GatewayClient(base_url, http, lambda: None, downloads=downloads, profiles=profiles)

    def stored_key() -> str | None:
        # Follows whichever gateway the client points at now (Settings can change it).
        return keystore.get(client.base_url) if client.base_url else None

    client.key_provider = key or stored_key
    # The gateway goes into each open job's in-flight copy; the library is where a damaged
    # journal's clips are found again (see journal_recovery).
    journal = Journal(
        paths.journal, gateway=lambda: client.base_url or None, library_dir=paths.library_dir
    )
    library = Library(paths.library_dir)
    runner = JobRunner(
        client, journal, library, policy=policy, max_concurrent=settings.max_concurrent_jobs
    )
    return Services(paths, settings, keystore, base_url, client, journal, library, runner)
