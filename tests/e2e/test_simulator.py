"""The simulator answers like the gateway page says, serves real MP4s, and each fault knob
makes it misbehave the way real gateways do."""

from __future__ import annotations

import base64
import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import av
import httpx
import pytest
from PIL import Image

from tests.clips import picture
from veo_desktop.simulator import Faults, Simulator
from veo_desktop.simulator.clips import font, frame_size, load_image, wrap

AUTH = {"Authorization": "Bearer sk-sim"}
DONE = {"completed", "succeeded", "success"}
FAILED = {"failed", "failure", "error"}
Colour = tuple[int, int, int]


@pytest.fixture
def s() -> Iterator[Simulator]:
    with Simulator(job_seconds=0.5, max_height=144) as sim:
        yield sim


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


def create(sim: Simulator, http: httpx.Client, **body: Any) -> httpx.Response:
    payload = {"model": "veo3.1-fast-video-720p", "prompt": "a red kite", "duration": 4, **body}
    return http.post(sim.base_url + "/v1/video/generations", json=payload, headers=AUTH)


def make(sim: Simulator, http: httpx.Client, **body: Any) -> str:
    r = create(sim, http, **body)
    assert r.status_code == 200, r.text
    return str(r.json()["task_id"])


def polls(sim: Simulator, http: httpx.Client, tid: str, timeout: float = 20) -> list[Any]:
    """Every poll reply (JSON, or the status code when not 200) until the job ends."""
    seen: list[Any] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = http.get(f"{sim.base_url}/v1/videos/{tid}", headers=AUTH)
        seen.append(r.json() if r.status_code == 200 else r.status_code)
        job = job_of(seen[-1]) if r.status_code == 200 else {}
        if str(job.get("status", "")).lower() in DONE | FAILED:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"job did not finish: {seen[-3:]}")


def finish(sim: Simulator, http: httpx.Client, tid: str) -> dict[str, Any]:
    return dict(polls(sim, http, tid)[-1])


def job_of(body: dict[str, Any]) -> dict[str, Any]:
    return dict(body.get("data", body))


def download(sim: Simulator, http: httpx.Client, body: dict[str, Any], tid: str) -> bytes:
    """Fetch the video the way a tolerant client does, from wherever the reply put it."""
    job = job_of(body)
    link = (
        job.get("video_url")
        or job.get("url")
        or job.get("result_url")
        or (job.get("metadata") or {}).get("url")
        or f"{sim.base_url}/v1/videos/{tid}/content"
    )
    if link.startswith("data:"):
        return base64.b64decode(link.split(",", 1)[1])
    headers = AUTH if link.startswith(sim.base_url) else {}  # the key never leaves the gateway
    r = http.get(link, headers=headers, follow_redirects=True)
    assert r.status_code == 200, r.text
    return r.content


def png_uri(colour: Colour) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (160, 90), colour).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def frames_of(data: bytes) -> list[Image.Image]:
    with av.open(io.BytesIO(data), mode="r") as c:
        return [picture(f) for f in c.decode(video=0)]


def mean(image: Image.Image) -> Colour:
    pixel = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert isinstance(pixel, tuple)
    r, g, b = pixel
    return r, g, b


# -- the happy path and the five modes ---------------------------------------------------------


def test_create_poll_download_a_real_mp4(s: Simulator, http: httpx.Client) -> None:
    r = create(s, http, aspect_ratio="9:16", extra_body={"generate_audio": True})
    assert r.status_code == 200
    created = r.json()
    assert created["status"] == "queued" and created["progress"] == 0
    assert created["id"] == created["task_id"] and created["task_id"].startswith("task_")
    assert created["object"] == "video.generation.job" and isinstance(created["created_at"], int)
    assert created["model"] == "veo3.1-fast-video-720p"
    seen = polls(s, http, created["id"])
    statuses = [b["status"] for b in seen]
    assert statuses[-1] == "completed" and set(statuses) <= {"queued", "in_progress", "completed"}
    progress = [b["progress"] for b in seen]
    assert progress == sorted(progress) and progress[-1] == 100
    done = seen[-1]
    assert done["video_url"].startswith(s.video_base_url + "/files/")
    data = http.get(done["video_url"]).content
    assert data == s.served_bytes(created["id"]) and data[4:8] == b"ftyp"
    with av.open(io.BytesIO(data), mode="r") as c:
        v = c.streams.video[0]
        assert v.codec_context.name == "h264" and (v.width, v.height) == (144, 256)
        assert len(c.streams.audio) == 1 and c.streams.audio[0].codec_context.name == "aac"
        assert c.streams.audio[0].sample_rate == 48000 and c.streams.audio[0].channels == 2
        assert c.duration is not None and abs(float(c.duration / 1e6) - 4) < 0.3
        assert v.average_rate == 24
    assert s.job(created["id"])["status"] == "completed"


def test_no_audio_track_when_audio_is_off(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http, extra_body={"generate_audio": False}, aspect_ratio="16:9")
    with av.open(io.BytesIO(download(s, http, finish(s, http, tid), tid))) as c:
        assert len(c.streams.audio) == 0
        assert (c.streams.video[0].width, c.streams.video[0].height) == (256, 144)


def test_first_last_frames_end_on_the_last_image(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http, image=png_uri((230, 20, 20)), last_image=png_uri((20, 20, 230)))
    frames = frames_of(download(s, http, finish(s, http, tid), tid))
    first, last = mean(frames[0]), mean(frames[-1])
    assert first[0] > 150 and first[2] < 100
    assert last[2] > 200 and last[0] < 40  # the given last image itself, no caption on it
    assert s.job(tid)["mode"] == "frames"


def test_reference_images_are_shown_in_turn(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http, images=[png_uri((230, 20, 20)), png_uri((20, 200, 20))], duration=8)
    frames = frames_of(download(s, http, finish(s, http, tid), tid))
    assert len(frames) == 8 * 24
    assert mean(frames[0])[0] > 150 and mean(frames[-1])[1] > 150
    assert s.job(tid)["mode"] == "reference"


def test_extension_continues_the_source_clip(s: Simulator, http: httpx.Client) -> None:
    source = make(
        s,
        http,
        image=png_uri((230, 20, 20)),
        last_image=png_uri((20, 20, 230)),
        aspect_ratio="9:16",
    )
    url = job_of(finish(s, http, source))["video_url"]
    r = create(s, http, video=url, prompt="the kite flies on", duration=None)
    assert r.status_code == 200, r.text
    tid = r.json()["task_id"]
    data = download(s, http, finish(s, http, tid), tid)
    with av.open(io.BytesIO(data), mode="r") as c:
        assert c.duration is not None
        assert abs(float(c.duration / 1e6) - (4 + 7)) < 0.3  # the source, then about 7 s more
        assert c.streams.video[0].height > c.streams.video[0].width  # the source's shape
    frames = frames_of(data)
    assert mean(frames[0])[0] > 150  # the source itself first: red
    assert mean(frames[4 * 24])[2] > 120  # then on from where the source ended: blue


def test_images_from_elsewhere_become_a_placeholder_card(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http, image="https://example.invalid/a.png", prompt="下雨天的城市 rainy city")
    body = finish(s, http, tid)
    assert body["status"] == "completed"
    first = mean(frames_of(download(s, http, body, tid))[0])
    assert max(first) - min(first) < 40  # the grey card, not a colourful gradient


def test_images_load_from_data_uris_raw_base64_and_loopback_urls() -> None:
    raw = png_uri((10, 200, 10)).split(",", 1)[1]
    assert mean(load_image(raw)) == (10, 200, 10)
    png = base64.b64decode(raw)

    class Png(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Png)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/green.png"
        assert mean(load_image(url)) == (10, 200, 10)
    finally:
        server.shutdown()
        server.server_close()


def test_frame_sizes_and_text_that_wraps_in_any_script() -> None:
    assert frame_size("16:9", "4k", 720) == (1280, 720)
    assert frame_size("9:16", "1080p", 2160) == (1080, 1920)
    assert frame_size("16:9", "720p", 144) == (256, 144)
    face = font(20)
    lines = wrap(
        "一个人撑着红色的雨伞慢慢走过下雨天的城市街道 and then some English words", face, 200
    )
    assert 1 < len(lines) <= 3 and all(face.getlength(line) <= 210 for line in lines)


# -- validation and auth -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"model": "veo2"},
        {"duration": 5},
        {"duration": "8"},
        {"size": "1080p"},
        {"aspect_ratio": "4:3"},
        {"images": ["a", "b", "c", "d"], "duration": 8},
        {"images": ["a"], "duration": 8},
        {"images": "a,b", "duration": 8},
        {"images": ["a", "b"], "duration": 6},
        {"video": "https://x/v.mp4", "prompt": ""},
        {"video": "https://x/v.mp4", "duration": 4},
        {"last_image": "https://x/b.png"},
        {"model": "veo3.1-video-1080p", "size": "1080p", "duration": 6},
        {"model": "veo3.1-fast-video-4k", "duration": 4},
        {"extra_body": "audio please"},
    ],
)
def test_validation_like_the_gateway_page(
    s: Simulator, http: httpx.Client, body: dict[str, Any]
) -> None:
    r = create(s, http, **body)
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["message"] and error["type"] == "invalid_request_error"
    assert error["code"] == "invalid_request"
    assert s.post_count == 1 and s.task_ids == []


@pytest.mark.parametrize(
    "body",
    [
        {"duration": None},  # a missing duration means 8
        {"model": "veo3.1-video-4k", "size": "4k", "duration": 8},
        {"video": "https://elsewhere.example/v.mp4", "prompt": "more", "duration": None},
        {"model": "veo3.1-video-720p", "size": "720p", "aspect_ratio": "9:16", "duration": 6},
    ],
)
def test_valid_requests_are_accepted(
    s: Simulator, http: httpx.Client, body: dict[str, Any]
) -> None:
    payload = {k: v for k, v in body.items() if v is not None}
    r = http.post(
        s.base_url + "/v1/video/generations",
        json={"model": "veo3.1-fast-video-720p", "prompt": "ok", **payload},
        headers=AUTH,
    )
    assert r.status_code == 200, r.text
    assert r.json()["model"] == payload.get("model", "veo3.1-fast-video-720p")


def test_body_that_is_not_json(s: Simulator, http: httpx.Client) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    r = http.post(s.base_url + "/v1/video/generations", content=b"{nope", headers=headers)
    assert r.status_code == 400 and "JSON" in r.json()["error"]["message"]
    r = http.post(s.base_url + "/v1/video/generations", json=[1, 2], headers=AUTH)
    assert r.status_code == 400 and "object" in r.json()["error"]["message"]


def test_key_required(s: Simulator, http: httpx.Client) -> None:
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Basic abc"}):
        r = http.post(s.base_url + "/v1/video/generations", json={"model": "x"}, headers=headers)
        assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_api_key"
    assert http.get(s.base_url + "/v1/videos/task_00").status_code == 401
    r = http.get(s.base_url + "/v1/videos/task_00", headers=AUTH)
    assert r.status_code == 404 and r.json()["error"]["code"] == "task_not_exist"


def test_only_loopback() -> None:
    for host in ("0.0.0.0", "192.168.1.2", "example.com", "::"):
        with pytest.raises(ValueError):
            Simulator(host=host)


def test_context_manager_releases_its_ports(http: httpx.Client) -> None:
    with Simulator(job_seconds=0.5, max_height=144) as sim:
        port, video_port = sim.port, sim.video_port
        assert http.get(f"{sim.base_url}/v1/videos/x", headers=AUTH).status_code == 404
    with pytest.raises(httpx.ConnectError):
        http.get(f"http://127.0.0.1:{port}/v1/videos/x", headers=AUTH)
    with Simulator(port=port, video_port=video_port) as again:  # both ports are free again
        assert again.base_url.endswith(f":{port}")


# -- downloads ---------------------------------------------------------------------------------


def test_range_requests(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http)
    url = finish(s, http, tid)["video_url"]
    full = s.served_bytes(tid)
    r = http.get(url, headers={"Range": "bytes=100-199"})
    assert r.status_code == 206 and r.content == full[100:200]
    assert r.headers["content-range"] == f"bytes 100-199/{len(full)}"
    r = http.get(url, headers={"Range": "bytes=500-"})
    assert r.status_code == 206 and r.content == full[500:]
    assert http.get(url, headers={"Range": "bytes=-10"}).content == full[-10:]
    assert http.get(url, headers={"Range": f"bytes={len(full)}-"}).status_code == 416
    r = http.get(url)
    assert r.status_code == 200 and r.headers["accept-ranges"] == "bytes"
    assert r.headers["content-type"] == "video/mp4"
    head = http.head(url)
    assert head.content == b"" and int(head.headers["content-length"]) == len(full)
    content = f"{s.base_url}/v1/videos/{tid}/content"
    r = http.get(content, headers={**AUTH, "Range": "bytes=0-9"})
    assert r.status_code == 206 and r.content == full[:10]
    assert http.get(content).status_code == 401


def test_content_route_waits_for_the_job(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http)
    r = http.get(f"{s.base_url}/v1/videos/{tid}/content", headers=AUTH)
    assert r.status_code == 404 and r.json()["error"]["code"] == "video_not_ready"


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
def test_every_url_style_leads_to_the_same_bytes(
    s: Simulator, http: httpx.Client, style: str
) -> None:
    s.faults = Faults(url_style=style)
    tid = make(s, http)
    body = finish(s, http, tid)
    assert ("data" in body) == style.startswith("wrapped")
    assert download(s, http, body, tid) == s.served_bytes(tid)
    if style == "redirect":
        link = body["video_url"]
        assert link.startswith(s.video_base_url + "/redirect/")
        r = http.get(link)
        assert r.status_code == 302 and r.headers["location"].startswith(s.video_base_url)


def test_no_address_means_the_content_route(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(url_style="none")
    tid = make(s, http)
    body = finish(s, http, tid)
    assert not any(k in body for k in ("video_url", "url", "metadata", "data"))
    r = http.get(f"{s.base_url}/v1/videos/{tid}/content", headers=AUTH)
    assert r.content == s.served_bytes(tid)


def test_links_expire_and_polls_issue_fresh_ones(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(expire_links_after=0.2)
    tid = make(s, http)
    old = finish(s, http, tid)["video_url"]
    time.sleep(0.3)
    r = http.get(old)
    assert r.status_code == 403 and b"AccessDenied" in r.content
    fresh = finish(s, http, tid)["video_url"]
    assert fresh != old and http.get(fresh).content == s.served_bytes(tid)


def test_first_download_breaks_off_then_resumes(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(drop_download_after=1000)
    tid = make(s, http)
    url = finish(s, http, tid)["video_url"]
    full = s.served_bytes(tid)
    got = bytearray()
    with pytest.raises(httpx.HTTPError), http.stream("GET", url) as r:
        assert int(r.headers["content-length"]) == len(full)  # an honest length...
        for chunk in r.iter_raw():
            got += chunk  # ...but the body stops short
    assert 0 < len(got) <= 1000
    r = http.get(url, headers={"Range": f"bytes={len(got)}-"})
    assert r.status_code == 206 and bytes(got) + r.content == full


def test_download_that_is_not_an_mp4(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http)
    url = finish(s, http, tid)["video_url"]
    s.faults = Faults(download_not_mp4=True)
    r = http.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")


def test_video_host_never_needs_or_sees_a_key(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http)
    http.get(finish(s, http, tid)["video_url"])
    video = [r for r in s.requests if r.server == "video"]
    assert video and all("authorization" not in {k.lower() for k in r.headers} for r in video)
    assert video[0].method == "GET" and video[0].path.startswith(f"/files/{tid}.mp4?token=")
    gateway = [r for r in s.requests if r.server == "gateway"]
    assert gateway[0].method == "POST" and gateway[0].path == "/v1/video/generations"


# -- gateway faults ----------------------------------------------------------------------------


def test_rate_limit_and_html_errors(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(rate_limit_next=1, retry_after=3, html_errors_next=2)
    r = create(s, http)
    assert r.status_code == 429 and r.headers["retry-after"] == "3"
    assert r.json()["error"] == {
        "message": "Rate limit exceeded",
        "type": "rate_limit_error",
        "code": "rate_limited",
    }
    r1, r2 = create(s, http), http.get(f"{s.base_url}/v1/videos/task_00", headers=AUTH)
    assert (r1.status_code, r2.status_code) == (502, 503)
    assert "<html>" in r1.text and "nginx" in r2.text
    assert r1.headers["content-type"].startswith("text/html")
    assert create(s, http).status_code == 200
    assert s.post_count == 3 and len(s.task_ids) == 1


def test_latency_and_hanging_polls(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http)
    url = f"{s.base_url}/v1/videos/{tid}"
    s.faults = Faults(latency=0.3)
    started = time.monotonic()
    assert http.get(url, headers=AUTH).status_code == 200
    assert time.monotonic() - started >= 0.3
    s.faults = Faults(hang_next_polls=1.0)
    with pytest.raises(httpx.ReadTimeout):
        http.get(url, headers=AUTH, timeout=0.3)
    assert http.get(url, headers=AUTH, timeout=0.5).status_code == 200  # only the next one


def test_post_that_hangs_still_made_the_job(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(hang_after_post=1.0)
    with pytest.raises(httpx.ReadTimeout):
        http.post(
            s.base_url + "/v1/video/generations",
            json={"model": "veo3.1-video-720p", "prompt": "lost reply", "duration": 4},
            headers=AUTH,
            timeout=0.3,
        )
    assert s.post_count == 1 and len(s.task_ids) == 1
    assert s.job(s.task_ids[0])["body"]["prompt"] == "lost reply"


def test_unknown_and_not_found_right_after_create(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(not_found_first_polls=2, unknown_first_polls=1)
    tid = make(s, http)
    url = f"{s.base_url}/v1/videos/{tid}"
    assert [http.get(url, headers=AUTH).status_code for _ in range(2)] == [404, 404]
    assert http.get(url, headers=AUTH).json()["status"] == "unknown"
    assert finish(s, http, tid)["status"] == "completed"


@pytest.mark.parametrize(
    ("style", "where"),
    [
        ("error_object", lambda b: b["error"]["message"]),
        ("error_string", lambda b: b["error"]),
        ("fail_reason", lambda b: b["fail_reason"]),
        ("message", lambda b: b["message"]),
    ],
)
def test_failure_reasons_in_every_place(
    s: Simulator, http: httpx.Client, style: str, where: Any
) -> None:
    s.faults = Faults(failure_rate=1.0, error_style=style)
    tid = make(s, http)
    body = finish(s, http, tid)
    assert body["status"] == "failed"
    assert where(body) == s.job(tid)["failure_reason"] and "video_url" not in body


def test_audio_blocked_by_the_safety_filter(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(block_audio=True)
    blocked, silent = make(s, http), make(s, http, extra_body={"generate_audio": False})
    body = finish(s, http, blocked)
    assert body["status"] == "failed" and "audio" in body["error"]["message"]
    assert finish(s, http, silent)["status"] == "completed"


def test_out_of_credit_401_polls_and_resets(s: Simulator, http: httpx.Client) -> None:
    tid = make(s, http)
    url = f"{s.base_url}/v1/videos/{tid}"
    s.faults = Faults(unauthorized_polls_next=1, reset_next_polls=1, out_of_credit=True)
    with pytest.raises(httpx.TransportError):
        http.get(url, headers=AUTH)
    assert http.get(url, headers=AUTH).status_code == 401
    assert http.get(url, headers=AUTH).status_code == 200  # the job itself goes on
    r = create(s, http)
    assert r.status_code == 403 and r.json()["error"]["code"] == "insufficient_user_quota"


# -- reply shapes ------------------------------------------------------------------------------


def test_synonyms_in_any_letter_case(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(status_words="synonyms", seed=4)
    tids = [make(s, http) for _ in range(3)]
    chosen: set[str] = set()
    for tid in tids:
        words = s.job(tid)["status_words"]
        chosen |= set(words.values())
        seen = {b["status"] for b in polls(s, http, tid)}
        assert seen <= set(words.values()) and words["completed"] in seen
    known = {"queued", "pending", "submitted", "not_start", "in_progress", "processing"}
    known |= {"running", "failed", "failure", "error"} | DONE
    assert {w.lower() for w in chosen} <= known
    assert chosen - {"queued", "in_progress", "completed", "failed"}  # not just the doc's words


def test_novel_status_words_come_first(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults(status_words="novel", model_alias=True)
    seen = polls(s, http, make(s, http))
    assert seen[0]["status"] == "warming_up" and seen[-1]["status"] == "completed"
    assert {b["model"] for b in seen} == {"veo-3.1-generate-preview"}


@pytest.mark.parametrize("style", ["percent", "absent", "synthetic"])
def test_progress_styles(s: Simulator, http: httpx.Client, style: str) -> None:
    s.faults = Faults(progress_style=style)
    values = [b.get("progress") for b in polls(s, http, make(s, http))]
    if style == "percent":
        assert all(isinstance(v, str) and v.endswith("%") for v in values) and values[-1] == "100%"
    elif style == "absent":
        assert values == [None] * len(values)
    else:
        assert set(values) <= {0, 50, 100}


def test_a_quirky_gateway_still_delivers_every_video(s: Simulator, http: httpx.Client) -> None:
    s.faults = Faults.quirky(seed=11)
    tids = [make(s, http, prompt=f"quirky {i}") for i in range(5)]
    for tid in tids:
        seen = polls(s, http, tid)
        assert seen[0] == 404 and seen[1]["status"] == "unknown"
        assert download(s, http, seen[-1], tid) == s.served_bytes(tid)
    assert len({s.job(t)["url_style"] for t in tids}) > 1
