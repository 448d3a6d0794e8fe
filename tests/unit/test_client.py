"""The gateway client against scripted HTTP (httpx.MockTransport): key scoping, the money rule,
retries, and downloads that land whole or not at all."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.clips import tiny_mp4_bytes
from veo_desktop.core import errors as E
from veo_desktop.core.gateway.client import GatewayClient, LinkExpiredError, RetryPolicy
from veo_desktop.core.library.video_file import NotMp4Error

GATEWAY = "https://gw.example.com"
KEY = "sk-test-secret-123"
MP4 = tiny_mp4_bytes(48, (320, 180))  # a real clip: downloads are decoded before they count


class Recorder:
    def __init__(self, handler: Callable[[httpx.Request], httpx.Response]) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)


def make_client(
    handler: Callable[[httpx.Request], httpx.Response],
) -> tuple[GatewayClient, Recorder, list[float]]:
    rec = Recorder(handler)
    sleeps: list[float] = []

    async def fake_sleep(s: float) -> None:
        sleeps.append(s)

    http = httpx.AsyncClient(transport=httpx.MockTransport(rec))
    client = GatewayClient(
        GATEWAY,
        http,
        lambda: KEY,
        retry=RetryPolicy(attempts=4),
        sleep=fake_sleep,
        rng=lambda: 0.5,
        downloads=httpx.Client(transport=httpx.MockTransport(rec)),
    )
    return client, rec, sleeps


def job(status: str = "queued", **kw: object) -> httpx.Response:
    return httpx.Response(200, json={"id": "task_1", "task_id": "task_1", "status": status, **kw})


class CutStream(httpx.SyncByteStream):
    """Sends `data[:cut]` and then drops the connection."""

    def __init__(self, data: bytes, cut: int) -> None:
        self.data, self.cut = data, cut

    def __iter__(self) -> Iterator[bytes]:
        yield self.data[: self.cut]
        raise httpx.RemoteProtocolError("peer closed connection without sending complete body")


# -- key scoping -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_key_goes_to_gateway_but_never_to_video_host(tmp_path: Path) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.url.host == "gw.example.com":
            return job("completed", video_url="https://cdn.example.net/v.mp4")
        return httpx.Response(200, content=MP4)

    client, rec, _ = make_client(handler)
    snap = await client.get("task_1")
    await client.download(snap.video_url, "task_1", tmp_path / "v.mp4")
    gw, cdn = rec.requests
    assert gw.headers["authorization"] == f"Bearer {KEY}"
    assert "authorization" not in cdn.headers
    assert (tmp_path / "v.mp4").read_bytes() == MP4


@pytest.mark.asyncio
async def test_redirect_to_another_origin_drops_the_key(tmp_path: Path) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.url.host == "gw.example.com":  # content route on the gateway redirects to S3
            return httpx.Response(302, headers={"location": "https://bucket.s3.example/v.mp4"})
        return httpx.Response(200, content=MP4)

    client, rec, _ = make_client(handler)
    await client.download(None, "task_1", tmp_path / "v.mp4")
    assert rec.requests[0].url.path == "/v1/videos/task_1/content"
    assert rec.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert rec.requests[1].url.host == "bucket.s3.example"
    assert "authorization" not in rec.requests[1].headers


@pytest.mark.asyncio
async def test_same_host_other_port_is_another_origin(tmp_path: Path) -> None:
    client, rec, _ = make_client(lambda r: httpx.Response(200, content=MP4))
    await client.download("https://gw.example.com:8443/v.mp4", "t", tmp_path / "v.mp4")
    assert "authorization" not in rec.requests[0].headers


# -- the money rule ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_create_retries_only_connections_that_never_opened() -> None:
    calls = {"n": 0}

    def handler(req: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] < 3:
            raise httpx.ConnectError("connection refused")
        return job()

    client, rec, sleeps = make_client(handler)
    snap = await client.create({"model": "m", "prompt": "p"})
    assert snap.task_id == "task_1" and len(rec.requests) == 3 and len(sleeps) == 2


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "exc",
    [
        httpx.ReadTimeout("slow"),
        httpx.ReadError("reset"),
        httpx.RemoteProtocolError("closed"),
        httpx.WriteError("x"),
    ],
)
async def test_create_that_may_have_landed_is_never_resent(exc: Exception) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        raise exc

    client, rec, _ = make_client(handler)
    with pytest.raises(E.SubmissionUncertainError) as e:
        await client.create({"model": "m", "prompt": "p"})
    assert len(rec.requests) == 1
    assert "not sent again" in e.value.message


@pytest.mark.asyncio
async def test_create_5xx_is_uncertain_and_not_retried() -> None:
    client, rec, _ = make_client(lambda r: httpx.Response(502, text="<html>bad gw</html>"))
    with pytest.raises(E.SubmissionUncertainError):
        await client.create({"model": "m"})
    assert len(rec.requests) == 1


@pytest.mark.asyncio
async def test_create_rejections_are_typed_and_not_retried() -> None:
    body = {"error": {"message": "user quota is not enough", "code": "insufficient_user_quota"}}
    client, rec, _ = make_client(lambda r: httpx.Response(403, json=body))
    with pytest.raises(E.OutOfCreditError):
        await client.create({"model": "m"})
    client, rec, _ = make_client(lambda r: httpx.Response(429, headers={"retry-after": "5"}))
    with pytest.raises(E.RateLimitedError):
        await client.create({"model": "m"})
    assert len(rec.requests) == 1


@pytest.mark.asyncio
async def test_create_body_is_sent_as_json_with_key() -> None:
    client, rec, _ = make_client(lambda r: job())
    await client.create({"model": "veo3.1-fast-video-720p", "prompt": "雨の日 🌧"})
    req = rec.requests[0]
    assert req.method == "POST" and req.url.path == "/v1/video/generations"
    assert json.loads(req.content) == {"model": "veo3.1-fast-video-720p", "prompt": "雨の日 🌧"}


# -- reads ---------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_poll_honours_retry_after_then_succeeds() -> None:
    replies = iter(
        [
            httpx.Response(429, headers={"Retry-After": "7"}, json={}),
            httpx.Response(503, text="<html><title>503</title></html>"),
            job("processing", progress="50%"),
        ]
    )
    client, rec, sleeps = make_client(lambda r: next(replies))
    snap = await client.get("task_1")
    assert snap.progress == 50 and len(rec.requests) == 3
    assert sleeps[0] == 7 and len(sleeps) == 2


@pytest.mark.asyncio
async def test_poll_gives_up_with_typed_network_error() -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("down")

    client, rec, _ = make_client(handler)
    with pytest.raises(E.NetworkError):
        await client.get("task_1")
    assert len(rec.requests) == 4


@pytest.mark.asyncio
async def test_key_check_reads_the_three_outcomes() -> None:
    client, _, _ = make_client(lambda r: httpx.Response(404, json={"error": "task not exist"}))
    await client.check_key()  # accepted
    client, _, _ = make_client(lambda r: httpx.Response(401, json={"error": "bad key"}))
    with pytest.raises(E.AuthError):
        await client.check_key()

    def down(r: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route")

    client, _, _ = make_client(down)
    with pytest.raises(E.NetworkError):
        await client.check_key()


# -- downloads -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_cut_download_resumes_with_range(tmp_path: Path) -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        rng = req.headers.get("range")
        if rng is None:
            return httpx.Response(
                200, headers={"content-length": str(len(MP4))}, stream=CutStream(MP4, 5000)
            )
        start = int(rng.removeprefix("bytes=").rstrip("-"))
        return httpx.Response(
            206,
            content=MP4[start:],
            headers={"content-range": f"bytes {start}-{len(MP4) - 1}/{len(MP4)}"},
        )

    client, rec, _ = make_client(handler)
    size = await client.download("https://cdn.example.net/v.mp4", "t", tmp_path / "v.mp4")
    assert size == len(MP4) and (tmp_path / "v.mp4").read_bytes() == MP4
    assert rec.requests[1].headers["range"] == "bytes=5000-"
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.asyncio
async def test_html_served_as_200_is_not_saved(tmp_path: Path) -> None:
    page = b"<html><body>AccessDenied</body></html>"
    client, _, _ = make_client(lambda r: httpx.Response(200, content=page))
    with pytest.raises(NotMp4Error):
        await client.download("https://cdn.example.net/v.mp4", "t", tmp_path / "v.mp4")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.asyncio
async def test_expired_link_is_reported_as_such(tmp_path: Path) -> None:
    client, _, _ = make_client(lambda r: httpx.Response(403, text="<Error>Expired</Error>"))
    with pytest.raises(LinkExpiredError):
        await client.download("https://cdn.example.net/v.mp4", "t", tmp_path / "v.mp4")


@pytest.mark.asyncio
async def test_data_uri_video_is_decoded_to_disk(tmp_path: Path) -> None:
    client, rec, _ = make_client(lambda r: httpx.Response(500))
    uri = "data:video/mp4;base64," + base64.b64encode(MP4).decode()
    await client.download(uri, "t", tmp_path / "v.mp4")
    assert (tmp_path / "v.mp4").read_bytes() == MP4 and rec.requests == []


@pytest.mark.asyncio
async def test_unwritable_folder_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the download folder should be")  # fails even for root
    client, _, _ = make_client(lambda r: httpx.Response(200, content=MP4))
    with pytest.raises(E.DownloadError) as e:
        await client.download("https://cdn.example.net/v.mp4", "t", blocker / "v.mp4")
    assert "Cannot write" in e.value.message and "Settings" in e.value.message


@pytest.mark.asyncio
async def test_too_big_for_the_disk_is_refused_before_writing(tmp_path: Path) -> None:
    huge = 1 << 60
    client, _, _ = make_client(
        lambda r: httpx.Response(200, headers={"content-length": str(huge)}, content=b"")
    )
    with pytest.raises(E.DownloadError, match="larger than any Veo clip"):
        await client.download("https://cdn.example.net/v.mp4", "t", tmp_path / "v.mp4")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.asyncio
async def test_whole_part_file_left_by_a_crash_is_committed_not_fetched_again(
    tmp_path: Path,
) -> None:
    (tmp_path / "v.mp4.part").write_bytes(MP4)  # killed between download and rename

    def handler(req: httpx.Request) -> httpx.Response:
        # Many content routes ignore Range: asking at all could fetch the whole clip again.
        raise AssertionError("a whole part file is committed without asking the host")

    client, rec, _ = make_client(handler)
    assert await client.download("https://cdn.example.net/v.mp4", "t", tmp_path / "v.mp4") == len(
        MP4
    )
    assert (tmp_path / "v.mp4").read_bytes() == MP4 and not rec.requests
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.asyncio
async def test_key_with_characters_no_header_can_carry_is_refused_before_sending() -> None:
    rec = Recorder(lambda r: job())
    http = httpx.AsyncClient(transport=httpx.MockTransport(rec))
    client = GatewayClient(GATEWAY, http, lambda: "sk-abc\u200b")
    with pytest.raises(E.AuthError, match="Paste it again"):
        await client.create({"model": "m"})
    with pytest.raises(E.AuthError):
        await client.get("task_1")
    assert rec.requests == []


def test_the_create_body_with_big_inline_images_is_exactly_the_json_of_the_request() -> None:
    """The body is built in slices (so a 20 MB image never stalls the window), and must still
    be byte-for-byte valid JSON of the request: escapes, Unicode and nesting included."""
    import base64
    import json
    import os

    from veo_desktop.core.gateway.request_body import json_body

    big = base64.b64encode(os.urandom(3_000_000)).decode()
    body = {
        "model": "veo3.1-fast-video-720p",
        "prompt": '猫 "quoted" \\ back\nslash',
        "image": "data:image/png;base64," + big,
        "images": ["data:image/jpeg;base64," + big[:200_000], "x" * 70_000 + '"\x01'],
        "seed": 7,
        "extra": {"nested": [None, True, "data:image/png;base64," + big[:90_000]]},
    }
    sent = json_body(body)
    assert json.loads(sent) == body
    assert sent == json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
