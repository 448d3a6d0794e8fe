"""TLS verification is always on: the app's HTTP clients refuse a host whose certificate
it cannot verify (here a self-signed one on loopback), with a message, and sends nothing."""

from __future__ import annotations

import datetime
import http.server
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from veo_desktop.core.errors import DownloadError, NetworkError
from veo_desktop.core.gateway.client import GatewayClient
from veo_desktop.core.gateway.http_clients import make_http_client, start_tls_context
from veo_desktop.core.paths import resolve_paths
from veo_desktop.core.services import build_services


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def ssl_context_of(transport: httpx.AsyncBaseTransport | httpx.BaseTransport) -> ssl.SSLContext:
    """The context httpx's default transport verifies with (kept on its connection pool)."""
    assert isinstance(transport, (httpx.AsyncHTTPTransport, httpx.HTTPTransport))
    ctx = transport._pool._ssl_context
    assert ctx is not None
    return ctx


@pytest.fixture
def tls_gateway(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*_self_signed(tmp_path))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.asyncio
@pytest.mark.parametrize("made", ["make_http_client", "app start-up"])
async def test_a_certificate_that_cannot_be_verified_is_refused(
    tls_gateway: tuple[str, list[str]], made: str, tmp_path: Path
) -> None:
    url, seen = tls_gateway
    services = None
    if made == "make_http_client":
        client = GatewayClient(url, make_http_client(), lambda: "sk-tls-test")
    else:
        # The app's way: the TLS context built ahead on a worker thread, the HTTP client on
        # first use (see app.create_app).
        services = build_services(
            url,
            paths=resolve_paths(str(tmp_path)),
            key=lambda: "sk-tls-test",
            tls=start_tls_context(),
        )
        client = services.client
        assert not client.http_built
    try:
        with pytest.raises(NetworkError) as info:
            await client.create({"model": "veo3.1-fast-video-720p", "prompt": "x"})
        assert "certificate could not be verified" in info.value.message
        assert "nothing was sent" in info.value.message
        with pytest.raises(NetworkError, match="certificate"):
            await client.get("task_1")  # polls too, at once: a bad certificate stays bad
        assert seen == []  # nothing reached the handler: the handshake failed first
        ctx = ssl_context_of(client.http._transport)
        assert ctx.verify_mode is ssl.CERT_REQUIRED and ctx.check_hostname
    finally:
        await (services.aclose() if services else client.http.aclose())


@pytest.mark.asyncio
async def test_a_video_host_whose_certificate_cannot_be_verified_gets_nothing_downloaded(
    tls_gateway: tuple[str, list[str]], tmp_path: Path
) -> None:
    """Video bodies go through the blocking download client (gateway/video_fetch.py): it
    verifies like the API client; a bad certificate is said at once, not retried as a cut link."""
    url, _ = tls_gateway
    services = build_services(
        "https://gw.example.com",
        paths=resolve_paths(str(tmp_path / "data")),
        key=lambda: "sk-tls-test",
        tls=start_tls_context(),
    )
    try:
        with pytest.raises(DownloadError) as info:
            await services.client.download(f"{url}/v.mp4", "t", tmp_path / "v.mp4")
        assert "certificate could not be verified" in info.value.message
        assert "nothing was downloaded" in info.value.message
        assert not list(tmp_path.glob("v.mp4*"))
        ctx = ssl_context_of(services.client.downloads._transport)
        assert ctx.verify_mode is ssl.CERT_REQUIRED and ctx.check_hostname
    finally:
        await services.aclose()
