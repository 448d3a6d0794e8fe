"""The gateway client: creates and reads jobs over the injected `httpx.AsyncClient`, and downloads
clips with a blocking `httpx.Client` on a worker thread (video_fetch.py)."""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from ..background import in_background
from ..errors import (
    AuthError,
    DownloadError,
    GatewayError,
    NetworkError,
    RateLimitedError,
    ServerError,
    SubmissionUncertainError,
)
from ..i18n import msg
from ..jobs import checkpoints
from ..library import video_file
from ..links import is_inline
from . import video_fetch
from .dialects import Dialect, from_probe, from_reply
from .http_clients import make_download_client
from .profiles import GatewayProfiles
from .replies import JobSnapshot, load_json, parse_job
from .reply_errors import error_from_response
from .request_body import json_body
from .transport_errors import network_error, not_sent, retryable, untrusted_certificate

log = logging.getLogger(__name__)

CREATE_PATH = "/v1/video/generations"


class LinkExpiredError(DownloadError):
    """A video link on another host answered 403/404/410: poll again for a fresh one."""

    kind = "link_expired"


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # tries in all for one read
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 120.0

    def delay(self, attempt: int, rng: Callable[[], float]) -> float:
        """Full jitter: spreads clients out after a shared outage."""
        return rng() * min(self.max_delay, self.base_delay * (2.0**attempt))


Sleep = Callable[[float], Awaitable[None]]
KeyProvider = Callable[[], str | None]


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return (url.scheme, url.host.lower(), url.port or default)


def _header_safe(key: str) -> bool:
    return key.isascii() and key.isprintable() and " " not in key


class GatewayClient:
    def __init__(
        self,
        base_url: str,
        http: httpx.AsyncClient | Callable[[], httpx.AsyncClient],
        key: KeyProvider,
        *,
        retry: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
        rng: Callable[[], float] = random.random,
        create_timeout: float = 120.0,
        downloads: httpx.Client | Callable[[], httpx.Client] = make_download_client,
        profiles: GatewayProfiles | None = None,
    ) -> None:
        self.profiles = profiles or GatewayProfiles(None)
        self._probed: dict[str, asyncio.Future[GatewayError | None]] = {}
        self.reconfigure(base_url)
        # Each client is given either made or as a factory (a client is not callable); a
        # factory runs on first use, see `http` and `downloads`.
        self._make_http = http if callable(http) else lambda: http
        self._make_downloads = downloads if callable(downloads) else lambda: downloads
        self.key_provider = key
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng
        self._create_timeout = create_timeout

    @functools.cached_property
    def http(self) -> httpx.AsyncClient:
        """The API's HTTP client; given a factory instead, it is built on first use."""
        # The app gives a factory, so the client's set-up (httpcore's import, the TLS context)
        # happens once the window is up rather than before its first paint.
        return self._make_http()

    @functools.cached_property
    def downloads(self) -> httpx.Client:
        """The blocking client video bodies are read with (video_fetch.py), built on first use
        like `http`."""
        return self._make_downloads()

    @property
    def http_built(self) -> bool:
        return "http" in self.__dict__  # where cached_property keeps what it built

    @property
    def downloads_built(self) -> bool:
        return "downloads" in self.__dict__

    def reconfigure(self, base_url: str) -> None:
        """Point at another gateway (Settings changed). The key provider follows the URL."""
        self.base_url = base_url.rstrip("/")
        self._origin = _origin(httpx.URL(self.base_url)) if self.base_url else ("", "", None)

    # -- auth ----------------------------------------------------------------------------------

    def is_gateway_origin(self, url: str | httpx.URL) -> bool:
        return _origin(httpx.URL(url)) == self._origin

    # The Bearer key goes only to the gateway's own origin: never to a video host, not even
    # through a redirect, which is why redirects are followed by hand.
    def _headers_for(self, url: str | httpx.URL) -> dict[str, str]:
        if not self.base_url:
            raise NetworkError(
                msg(
                    "No gateway is set. Open Settings and enter the gateway's URL, "
                    "or try the offline demo."
                )
            )
        if not self.is_gateway_origin(url):
            return {}
        key = self.key_provider()
        if not key:
            raise AuthError(
                msg(
                    "No API key is set for this gateway. Open Settings (or run "
                    "`veo login`) and enter your key."
                )
            )
        if not _header_safe(key):
            # Caught before any request: httpx would raise UnicodeEncodeError mid-send.
            raise AuthError(
                msg(
                    "The API key contains characters no API key has (spaces, accents or "
                    "invisible characters from a copy). Paste it again in Settings (or run "
                    "`veo login`)."
                )
            )
        return {"Authorization": f"Bearer {key}"}

    def has_key(self) -> bool:
        return bool(self.key_provider())

    def content_url(self, task_id: str) -> str:
        return f"{self.base_url}/v1/videos/{quote(task_id, safe='')}/content"

    # -- create --------------------------------------------------------------------------------

    async def create(self, body: dict[str, Any]) -> JobSnapshot:
        """POST a new job. Retries only connections that never opened."""
        url = self.base_url + CREATE_PATH
        headers = {**self._headers_for(url), "Content-Type": "application/json"}
        timeout = httpx.Timeout(self._create_timeout, connect=15.0)
        # A body with inline images is megabytes of base64: serialise it off the event loop, or
        # the window stalls while it is escaped and encoded (bench: heartbeat_max_ms).
        content = await in_background(json_body, body)
        attempt = 0
        while True:
            try:
                resp = await self.http.post(
                    url, content=content, headers=headers, timeout=timeout, follow_redirects=False
                )
                break
            except httpx.HTTPError as exc:
                if retryable(exc) and attempt + 1 < self._retry.attempts:
                    await self._sleep(self._retry.delay(attempt, self._rng))
                    attempt += 1
                    continue
                if not_sent(exc):
                    raise network_error(exc, "sending the job") from None
                # It may have left: a second POST could be billed twice, so it is never re-sent.
                raise SubmissionUncertainError(
                    msg(
                        "The job may have reached the gateway, but no answer came back. It was "
                        "not sent again, so you are not billed twice: check the gateway's task "
                        "list, then resend it yourself if it is not there."
                    ),
                    detail=f"{type(exc).__name__}: {exc}",
                ) from None
        if resp.status_code >= 500:
            raise SubmissionUncertainError(
                msg(
                    "The gateway failed (HTTP {status}) while taking the job, so it may "
                    "or may not have started. It was not sent again: check the gateway's task "
                    "list before resending.",
                    status=resp.status_code,
                ),
                status=resp.status_code,
                detail=resp.text[:300],
            )
        if resp.status_code >= 300:
            raise error_from_response(resp.status_code, resp.headers, resp.text)
        try:
            body = load_json(resp.text)
            self._learn(from_reply(resp.headers, body))
            snap = parse_job(body)
        except (ValueError, GatewayError):
            # A 2xx that is cut short, a web page, or no job at all: the gateway took the POST
            # and may have started the job, so this is never a plain "no".
            raise SubmissionUncertainError(
                msg(
                    "The gateway answered the job with a reply Veo Desktop cannot read (cut "
                    "short, or a web page: check the base URL). The job may have started, so it "
                    "was not sent again: check the gateway's task list before resending."
                ),
                status=resp.status_code,
                detail=resp.text[:300],
            ) from None
        if not snap.task_id:
            raise SubmissionUncertainError(
                msg(
                    "The gateway accepted the job but sent no task id, so it cannot be followed. "
                    "Check the gateway's task list."
                ),
                detail=resp.text[:300],
            )
        return snap

    # -- read ----------------------------------------------------------------------------------

    async def get(self, task_id: str) -> JobSnapshot:
        url = f"{self.base_url}/v1/videos/{quote(task_id, safe='')}"
        resp = await self._read(url, "checking the job")
        body = _json(resp)
        if not self.profiles.get(self.base_url).detected:
            self._learn(from_reply(resp.headers, body))
        return parse_job(body, fallback_task_id=task_id)

    async def check_key(self) -> None:
        """One cheap authenticated request: reading a job id that does not exist answers 401 for
        a bad key and 400/404 "task not exist" for a good one. Learns the dialect on the way."""
        error = await self._probe("testing the connection")
        if isinstance(error, AuthError | NetworkError | ServerError | RateLimitedError):
            raise error
        # task-not-found / invalid request: the key itself was accepted

    def dialect(self) -> Dialect:
        """The dialect as known now (no request): for rules shown while the user edits."""
        return self.profiles.dialect(self.base_url) if self.base_url else Dialect.DOCUMENTED

    async def request_dialect(self) -> Dialect:
        """The dialect to send in: remembered for this gateway, or learnt now from one read
        of a task that does not exist (before the first job, so its settings are not lost)."""
        profile = self.profiles.get(self.base_url)
        if not profile.known:
            # One probe per gateway; jobs sent meanwhile (variants, a batch) wait for its
            # answer instead of going out in the page's dialect and losing their settings.
            probe = self._probed.get(profile.origin)
            if probe is None:
                probe = asyncio.ensure_future(self._probe("checking the gateway"))
                self._probed[profile.origin] = probe
            if not probe.done():
                await asyncio.shield(probe)
        return self.profiles.dialect(self.base_url)

    async def _probe(self, what: str) -> GatewayError | None:
        """Read a task id that cannot exist; the error it gives (or None)."""
        url = f"{self.base_url}/v1/videos/veo-desktop-key-check"
        try:
            resp = await self._read(url, what, attempts=1, on_reply=self._learn_from_probe)
        except GatewayError as exc:
            return exc
        self._learn(from_reply(resp.headers, _json_or_none(resp)))
        return None

    def _learn_from_probe(self, resp: httpx.Response) -> None:
        self._learn(from_probe(resp.status_code, resp.headers, _json_or_none(resp)))

    def _learn(self, found: tuple[Dialect, str] | None) -> None:
        if found is not None and self.base_url:
            self.profiles.learn(self.base_url, *found)

    async def _read(
        self,
        url: str,
        what: str,
        attempts: int | None = None,
        on_reply: Callable[[httpx.Response], None] | None = None,
    ) -> httpx.Response:
        """GET with jittered backoff for transient trouble, honouring Retry-After. `on_reply`
        sees every answer, errors included."""
        tries = attempts or self._retry.attempts
        for attempt in range(tries):
            last = attempt + 1 >= tries
            try:
                resp = await self.http.get(
                    url, headers=self._headers_for(url), follow_redirects=False
                )
            except httpx.HTTPError as exc:
                if last or untrusted_certificate(exc) is not None:
                    raise network_error(exc, what) from None
                await self._sleep(self._retry.delay(attempt, self._rng))
                continue
            if on_reply is not None:
                on_reply(resp)
            if resp.status_code < 300:
                return resp
            err = error_from_response(resp.status_code, resp.headers, resp.text)
            transient = isinstance(err, RateLimitedError | ServerError)
            if not transient or last:
                raise err
            wait = self._retry.delay(attempt, self._rng)
            if isinstance(err, RateLimitedError) and err.retry_after is not None:
                wait = min(err.retry_after, self._retry.max_retry_after)
            log.info("retrying %s after %s in %.1fs", what, type(err).__name__, wait)
            await self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- download ------------------------------------------------------------------------------

    async def download(
        self,
        address: str | None,
        task_id: str,
        dest: Path,
        on_progress: Callable[[int, int | None], None] | None = None,
    ) -> int:
        """Fetch the video to `dest` (atomically); returns its size in bytes. `address` is the
        snapshot's link or `data:` URI; None means the gateway's content route."""
        # Only a whole MP4 lands in the library: streamed to `.part`, resumed with `Range`,
        # checked (an `ftyp` box, boxes that end with the file, a frame near the end decodes),
        # then renamed into place. Network side: video_fetch.py; disk side: video_file.py.
        if is_inline(address):
            return await asyncio.to_thread(video_file.write_data_uri, address, dest)
        url = address or self.content_url(task_id)
        part = dest.with_name(dest.name + ".part")
        if await asyncio.to_thread(video_file.is_whole, part):
            # Left whole by a stop between fetch and rename: many content routes ignore Range,
            # so asking again would fetch the whole clip a second time.
            return await asyncio.to_thread(video_file.verify_and_commit, part, dest)
        for attempt in range(5):
            try:
                await self._fetch_on_thread(url, part, on_progress)
                break
            except (httpx.TransportError, video_fetch.Restart) as exc:
                bad_cert = untrusted_certificate(exc)
                if bad_cert is not None:  # fails the same way every time: say so at once
                    raise DownloadError(
                        msg(
                            "The video host's security certificate could not be verified "
                            "({reason}), so nothing was downloaded. If you trust this host, add "
                            "its certificate to your system's trusted certificates, then choose "
                            "Download again.",
                            reason=bad_cert.verify_message or str(bad_cert),
                        ),
                        detail=f"{type(exc).__name__}: {exc}",
                    ) from None
                if attempt == 4:
                    raise DownloadError(
                        msg(
                            "The download kept breaking off. Check your connection "
                            "and choose Download again."
                        ),
                        detail=f"{type(exc).__name__}: {exc}",
                    ) from None
                log.info("download of %s broke off (%s); resuming", task_id, exc)
                await self._sleep(self._retry.delay(attempt, self._rng))
        await checkpoints.reached("downloaded")
        return await asyncio.to_thread(video_file.verify_and_commit, part, dest)

    async def _fetch_on_thread(
        self, url: str, part: Path, on_progress: Callable[[int, int | None], None] | None
    ) -> None:
        """One attempt of video_fetch on a worker thread; progress comes back to this loop."""
        loop = asyncio.get_running_loop()

        def report(done: int, total: int | None) -> None:
            if on_progress is not None:
                loop.call_soon_threadsafe(on_progress, done, total)

        stop = video_fetch.Stop()
        fetch = video_fetch.Fetch(
            self.downloads, self._headers_for, self._download_error, stop, report
        )
        job = loop.run_in_executor(video_fetch.THREADS, fetch.into, url, part)
        try:
            await asyncio.shield(job)
        except asyncio.CancelledError:
            # Wait for the thread to let go of the part file, so the caller's download lock is
            # never released while a write is still going on.
            stop.set()
            await asyncio.wait([job])
            if not job.cancelled():
                job.exception()  # retrieved: how the thread ended no longer matters
            raise

    def _download_error(self, url: httpx.URL, resp: httpx.Response) -> Exception:
        if self.is_gateway_origin(url):
            return error_from_response(resp.status_code, resp.headers, resp.text)
        if resp.status_code in (401, 403, 404, 410):
            return LinkExpiredError(
                msg("The video link has expired. Fetching a fresh one from the gateway."),
                detail=f"HTTP {resp.status_code} from {url.host}",
            )
        if resp.status_code >= 500 or resp.status_code == 429:
            return video_fetch.Restart(f"video host answered {resp.status_code}")
        return DownloadError(
            msg(
                "The video host refused the download (HTTP {status}). Choose Download again later.",
                status=resp.status_code,
            ),
            detail=str(url.host),
        )


def _json_or_none(resp: httpx.Response) -> Any:
    try:
        return load_json(resp.text)
    except ValueError:
        return None


def _json(resp: httpx.Response) -> Any:
    """The body as JSON; a 2xx that is not JSON (a proxy's page) is a readable error."""
    try:
        return load_json(resp.text)
    except ValueError:
        raise error_from_response(resp.status_code, resp.headers, resp.text) from None
