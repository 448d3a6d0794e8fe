"""The simulator answers like the gateway page says, serves real MP4s, and each fault knob
makes it misbehave the way real gateways do."""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Iterator
from typing import Any

import av
import httpx
import pytest
from PIL import Image

from veo_desktop.simulator import Faults, Simulator

AUTH = {"Authorization": "Bearer sk-sim"}


@pytest.fixture
def s() -> Iterator[Simulator]:
    with Simulator(job_seconds=0.5, max_height=144) as sim:
        yield sim


def create(sim: Simulator, **body: Any) -> httpx.Response:
    payload = {"model": "veo3.1-fast-video-720p", "prompt": "a red kite", "duration": 4, **body}
    return httpx.post(sim.base_url + "/v1/video/generations", json=payload, headers=AUTH)


def finish(sim: Simulator, tid: str, timeout: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = httpx.get(f"{sim.base_url}/v1/videos/{tid}", headers=AUTH)
        if r.status_code == 200:
            body = r.json()
            job = body.get("data", body)
            if str(job.get("status", "")).lower() in (
                "completed",
                "succeeded",
                "success",
                "failed",
                "failure",
                "error",
            ):
                return body
        time.sleep(0.1)
    raise AssertionError("job did not finish")


def png_uri(colour: tuple[int, int, int]) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (160, 90), colour).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def test_create_poll_download_a_real_mp4(s: Simulator) -> None:
    r = create(s, aspect_ratio="9:16", extra_body={"generate_audio": True})
    assert r.status_code == 200
    created = r.json()
    assert created["status"] == "queued" and created["progress"] == 0
    assert created["id"] == created["task_id"] and "created_at" in created
    done = finish(s, created["id"])
    assert done["progress"] == 100 and done["video_url"].startswith(s.video_base_url)
    data = httpx.get(done["video_url"]).content
    assert data == s.served_bytes(created["id"]) and data[4:8] == b"ftyp"
    with av.open(io.BytesIO(data)) as c:
        v = c.streams.video[0]
        assert v.codec_context.name == "h264" and v.height > v.width  # 9:16
        assert len(c.streams.audio) == 1
        assert abs(float(c.duration / 1e6) - 4) < 0.3


def test_no_audio_track_when_audio_is_off(s: Simulator) -> None:
    tid = create(s, extra_body={"generate_audio": False}).json()["id"]
    url = finish(s, tid)["video_url"]
    with av.open(io.BytesIO(httpx.get(url).content)) as c:
        assert len(c.streams.audio) == 0


def test_first_last_frames_end_on_the_last_image(s: Simulator) -> None:
    tid = create(s, image=png_uri((230, 20, 20)), last_image=png_uri((20, 20, 230))).json()["id"]
    data = httpx.get(finish(s, tid)["video_url"]).content
    with av.open(io.BytesIO(data)) as c:
        frames = [f.to_image() for f in c.decode(video=0)]
    first = frames[0].resize((1, 1)).getpixel((0, 0))
    last = frames[-1].resize((1, 1)).getpixel((0, 0))
    assert first[0] > 150 and last[2] > 150 and last[0] < 70


@pytest.mark.parametrize(
    "body",
    [
        {"model": "veo2"},
        {"duration": 5},
        {"size": "1080p"},
        {"aspect_ratio": "4:3"},
        {"images": ["a", "b", "c", "d"], "duration": 8},
        {"images": ["a"], "duration": 8},
        {"video": "https://x/v.mp4", "prompt": ""},
        {"last_image": "https://x/b.png"},
        {"model": "veo3.1-video-1080p", "size": "1080p", "duration": 6},
    ],
)
def test_validation_like_the_gateway_page(s: Simulator, body: dict[str, Any]) -> None:
    r = create(s, **body)
    assert r.status_code == 400 and r.json()["error"]["message"]


def test_key_required(s: Simulator) -> None:
    r = httpx.post(s.base_url + "/v1/video/generations", json={"model": "x"})
    assert r.status_code == 401


def test_range_requests(s: Simulator) -> None:
    tid = create(s).json()["id"]
    url = finish(s, tid)["video_url"]
    full = s.served_bytes(tid)
    r = httpx.get(url, headers={"Range": "bytes=100-199"})
    assert r.status_code == 206 and r.content == full[100:200]
    assert r.headers["content-range"] == f"bytes 100-199/{len(full)}"
    r = httpx.get(url, headers={"Range": "bytes=500-"})
    assert r.content == full[500:]
    content = httpx.get(
        f"{s.base_url}/v1/videos/{tid}/content", headers={**AUTH, "Range": "bytes=0-9"}
    )
    assert content.status_code == 206 and content.content == full[:10]
    assert httpx.get(f"{s.base_url}/v1/videos/{tid}/content").status_code == 401


@pytest.mark.parametrize(
    "style",
    [
        "video_url",
        "url",
        "metadata",
        "wrapped",
        "wrapped_result",
        "data_uri",
        "gateway",
        "redirect",
    ],
)
def test_every_url_style_leads_to_the_same_bytes(s: Simulator, style: str) -> None:
    s.faults = Faults(url_style=style)
    tid = create(s).json()["id"]
    body = finish(s, tid)
    job = body.get("data", body)
    link = (
        job.get("video_url")
        or job.get("url")
        or job.get("result_url")
        or (job.get("metadata") or {}).get("url")
    )
    if link.startswith("data:"):
        data = base64.b64decode(link.split(",", 1)[1])
    else:
        headers = AUTH if link.startswith(s.base_url) else {}
        data = httpx.get(link, headers=headers, follow_redirects=True).content
    assert data == s.served_bytes(tid)


def test_no_address_means_the_content_route(s: Simulator) -> None:
    s.faults = Faults(url_style="none")
    tid = create(s).json()["id"]
    body = finish(s, tid)
    assert not any(k in body for k in ("video_url", "url", "metadata"))
    r = httpx.get(f"{s.base_url}/v1/videos/{tid}/content", headers=AUTH)
    assert r.content == s.served_bytes(tid)


def test_links_expire_and_polls_issue_fresh_ones(s: Simulator) -> None:
    s.faults = Faults(expire_links_after=0.2)
    tid = create(s).json()["id"]
    old = finish(s, tid)["video_url"]
    time.sleep(0.3)
    assert httpx.get(old).status_code == 403
    fresh = finish(s, tid)["video_url"]
    assert fresh != old and httpx.get(fresh).status_code == 200


def test_first_download_breaks_off(s: Simulator) -> None:
    s.faults = Faults(drop_download_after=1000)
    tid = create(s).json()["id"]
    url = finish(s, tid)["video_url"]
    with pytest.raises(httpx.HTTPError):
        httpx.get(url)
    assert httpx.get(url).content == s.served_bytes(tid)


def test_rate_limit_and_html_errors(s: Simulator) -> None:
    s.faults = Faults(rate_limit_next=1, retry_after=3, html_errors_next=1)
    r = create(s)
    assert r.status_code == 429 and r.headers["retry-after"] == "3"
    r = create(s)
    assert r.status_code in (502, 503) and "<html>" in r.text
    assert create(s).status_code == 200
    assert s.post_count == 3


def test_unknown_and_not_found_right_after_create(s: Simulator) -> None:
    s.faults = Faults(not_found_first_polls=1, unknown_first_polls=1)
    tid = create(s).json()["id"]
    url = f"{s.base_url}/v1/videos/{tid}"
    assert httpx.get(url, headers=AUTH).status_code == 404
    assert httpx.get(url, headers=AUTH).json()["status"] == "unknown"
    assert finish(s, tid)["status"] == "completed"


def test_failures_out_of_credit_and_401_polls(s: Simulator) -> None:
    s.faults = Faults(failure_rate=1.0, error_style="error_string")
    tid = create(s).json()["id"]
    body = finish(s, tid)
    assert body["status"] == "failed" and isinstance(body["error"], str)
    s.faults = Faults(unauthorized_polls_next=1)
    assert httpx.get(f"{s.base_url}/v1/videos/{tid}", headers=AUTH).status_code == 401
    s.faults = Faults(out_of_credit=True)
    r = create(s)
    assert r.status_code == 403 and r.json()["error"]["code"] == "insufficient_user_quota"


def test_not_mp4_and_reset(s: Simulator) -> None:
    tid = create(s).json()["id"]
    url = finish(s, tid)["video_url"]
    s.faults = Faults(download_not_mp4=True, reset_next_polls=1)
    r = httpx.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{s.base_url}/v1/videos/{tid}", headers=AUTH)


def test_video_host_never_needs_or_sees_a_key(s: Simulator) -> None:
    tid = create(s).json()["id"]
    httpx.get(finish(s, tid)["video_url"])
    video = [r for r in s.requests if r.server == "video"]
    assert video and all("Authorization" not in r.headers for r in video)


def test_only_loopback() -> None:
    with pytest.raises(ValueError):
        Simulator(host="0.0.0.0")
