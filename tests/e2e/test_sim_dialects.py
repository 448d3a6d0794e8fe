"""The simulator speaks each real gateway's dialect on the wire: documented, quirky (every
tolerated shape plus bounded trouble) and new-api (read from its source at e2c7aa7b1)."""

from __future__ import annotations

import base64
import io
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import av
import httpx
import pytest
from PIL import Image

from tests.clips import picture
from veo_desktop.simulator import DIALECTS, Faults, Simulator

AUTH = {"Authorization": "Bearer sk-sim"}
POLL_KEYS = {"id", "object", "model", "status", "progress", "created_at", "completed_at"}
TASK_NOT_EXIST = b'{"code":"task_not_exist","message":"task_not_exist","data":null}'
RED, BLUE = (220, 30, 30), (30, 30, 220)
Colour = tuple[int, int, int]


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


def sim_of(dialect: str, **kw: Any) -> Simulator:
    kw.setdefault("job_seconds", 0.5)
    kw.setdefault("task_row_delay", 0.2)
    return Simulator(dialect=dialect, max_height=144, **kw)


def create(sim: Simulator, http: httpx.Client, **body: Any) -> httpx.Response:
    payload = {"model": "veo3.1-fast-video-720p", "prompt": "a red kite", "duration": 4, **body}
    return http.post(sim.base_url + "/v1/video/generations", json=payload, headers=AUTH)


def make(sim: Simulator, http: httpx.Client, **body: Any) -> str:
    r = create(sim, http, **body)
    assert r.status_code == 200, r.text
    return str(r.json()["id"])


def poll_until_done(sim: Simulator, http: httpx.Client, tid: str) -> list[httpx.Response]:
    seen: list[httpx.Response] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        r = http.get(f"{sim.base_url}/v1/videos/{tid}", headers=AUTH)
        seen.append(r)
        if r.status_code == 200:
            job = r.json().get("data", r.json())
            if str(job.get("status", "")).lower() in ("completed", "succeeded", "success"):
                return seen
        time.sleep(0.05)
    raise AssertionError(f"job did not finish: {[x.text for x in seen[-3:]]}")


def png_uri(colour: Colour) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (160, 90), colour).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def mean(image: Image.Image) -> Colour:
    pixel = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert isinstance(pixel, tuple)
    return int(pixel[0]), int(pixel[1]), int(pixel[2])


def edge_frames(data: bytes) -> tuple[Image.Image, Image.Image]:
    with av.open(io.BytesIO(data), mode="r") as c:
        frames = [picture(f) for f in c.decode(video=0)]
    return frames[0], frames[-1]


def content(sim: Simulator, http: httpx.Client, tid: str, **headers: str) -> httpx.Response:
    return http.get(f"{sim.base_url}/v1/videos/{tid}/content", headers={**AUTH, **headers})


def row_saved(sim: Simulator, http: httpx.Client, tid: str) -> None:
    """Wait until new-api has saved the task's row (`task_row_delay` after the create): its
    content route, which counts nothing, stops answering "Task not found"."""
    deadline = time.monotonic() + 10
    while content(sim, http, tid).status_code == 404:
        assert time.monotonic() < deadline, "the task row was never saved"
        time.sleep(0.02)


def error_json(status: int, message: str, kind: str) -> bytes:
    return json.dumps({"error": {"message": message, "type": kind}}, separators=(",", ":")).encode()


# -- new-api ------------------------------------------------------------------------------------


def test_dialects_are_named_and_checked() -> None:
    assert DIALECTS == ("documented", "new-api", "quirky")
    with pytest.raises(ValueError, match="dialect"):
        Simulator(dialect="litellm")


def test_newapi_create_then_task_not_exist_window_then_bare_polls(http: httpx.Client) -> None:
    with sim_of("new-api", job_seconds=7.5, task_row_delay=6.0) as sim:
        r = create(sim, http, size="720p")
        assert r.status_code == 200
        assert r.headers["X-New-Api-Other-Ratios"] == '{"resolution":1,"seconds":4}'
        created = r.json()
        assert list(created) == [
            *("id", "task_id", "object", "model", "status", "progress", "created_at"),
        ]
        assert created["id"] == created["task_id"]
        assert re.fullmatch(r"task_[0-9A-Za-z]{32}", created["id"])
        assert created["object"] == "video" and created["model"] == "veo3.1-fast-video-720p"
        assert (created["status"], created["progress"]) == ("queued", 0)
        tid = created["id"]
        early = http.get(f"{sim.base_url}/v1/videos/{tid}", headers=AUTH)
        assert early.status_code == 400 and early.content == TASK_NOT_EXIST
        seen = poll_until_done(sim, http, tid)
        missing = [r for r in seen if r.status_code == 400]
        assert missing and all(r.content == TASK_NOT_EXIST for r in missing)
        assert time.time() - created["created_at"] >= 5  # the window lasted its 6 s
        bodies = [r.json() for r in seen if r.status_code == 200]
        for body in bodies:
            assert set(body) == POLL_KEYS  # never task_id, a URL or a reason
            assert body["progress"] in (0, 50, 100)
            assert body["model"] == "veo-3.1-fast-generate-preview"
        assert {b["status"] for b in bodies} == {"in_progress", "completed"}
        assert next(b["progress"] for b in bodies if b["status"] == "in_progress") == 50
        assert bodies[-1]["progress"] == 100


def test_newapi_unknown_id_and_unknown_status(http: httpx.Client) -> None:
    with sim_of("new-api", faults=Faults(unknown_first_polls=1)) as sim:
        r = http.get(f"{sim.base_url}/v1/videos/task_nope", headers=AUTH)
        assert r.status_code == 400 and r.content == TASK_NOT_EXIST
        tid = make(sim, http)
        row_saved(sim, http, tid)
        first = http.get(f"{sim.base_url}/v1/videos/{tid}", headers=AUTH).json()
        assert (first["status"], first["progress"]) == ("unknown", 0)
        assert "completed_at" in first


def test_newapi_content_route(http: httpx.Client) -> None:
    with sim_of("new-api", job_seconds=1.5) as sim:
        tid = make(sim, http)
        r = content(sim, http, "task_nope")
        assert r.status_code == 404
        assert r.content == error_json(404, "Task not found", "invalid_request_error")
        row_saved(sim, http, tid)
        r = content(sim, http, tid)
        assert r.status_code == 400
        message = "Task is not completed yet, current status: IN_PROGRESS"
        assert r.content == error_json(400, message, "invalid_request_error")
        poll_until_done(sim, http, tid)
        r = content(sim, http, tid, Range="bytes=100-199")
        assert r.status_code == 200 and "Content-Range" not in r.headers
        assert r.content == sim.served_bytes(tid) and r.headers["Content-Type"] == "video/mp4"
        head = http.head(f"{sim.base_url}/v1/videos/{tid}/content", headers=AUTH)
        assert head.status_code == 404
        assert http.get(f"{sim.base_url}/v1/videos/{tid}/content").status_code == 401


def test_newapi_blocked_clip_reads_completed_but_has_no_bytes(http: httpx.Client) -> None:
    with sim_of("new-api", faults=Faults(block_audio=True)) as sim:
        tid = make(sim, http, extra_body={"generate_audio": False})  # dropped: audio stays on
        done = poll_until_done(sim, http, tid)[-1].json()
        assert (done["status"], done["progress"]) == ("completed", 100)
        r = content(sim, http, tid)
        assert r.status_code == 502
        assert r.content == error_json(502, "Failed to resolve Gemini video URL", "server_error")
        quiet = make(sim, http, metadata={"generateAudio": False})  # Google's name is honoured
        poll_until_done(sim, http, quiet)
        assert content(sim, http, quiet).status_code == 200


def test_newapi_deleted_clip(http: httpx.Client) -> None:
    with sim_of("new-api", faults=Faults(clip_deleted=True)) as sim:
        tid = make(sim, http)
        poll_until_done(sim, http, tid)
        r = content(sim, http, tid)
        assert r.status_code == 502
        message = "Upstream service returned status 404"
        assert r.content == error_json(502, message, "server_error")


def test_newapi_error_bodies(http: httpx.Client) -> None:
    invalid = re.compile(
        rb'\{"error":\{"code":"","message":"Invalid token \(request id: \w+\)",'
        rb'"type":"new_api_error"\}\}'
    )
    with sim_of("new-api") as sim:
        url = sim.base_url + "/v1/video/generations"
        r = http.post(url, json={"model": "veo3.1-video-720p", "prompt": "x"})
        assert r.status_code == 401 and invalid.fullmatch(r.content)
        tid = make(sim, http)
        row_saved(sim, http, tid)
        for path in (f"/v1/videos/{tid}", f"/v1/videos/{tid}/content"):
            r = http.get(sim.base_url + path)
            assert r.status_code == 401 and invalid.fullmatch(r.content), path
        sim.faults.unauthorized_polls_next = 1
        r = http.get(f"{sim.base_url}/v1/videos/{tid}", headers=AUTH)
        assert r.status_code == 401 and invalid.fullmatch(r.content)
        assert http.get(f"{sim.base_url}/v1/videos/{tid}", headers=AUTH).status_code == 200

        r = create(sim, http, model="veo9-video")
        assert r.status_code == 503 and r.json()["error"]["code"] == "model_not_found"
        assert r.json()["error"]["message"].startswith(
            "No available channel for model veo9-video under group default (distributor)"
        )
        r = create(sim, http, prompt="")
        assert r.status_code == 400
        assert r.content == b'{"code":"invalid_request","message":"prompt is required","data":null}'

        posts = len(sim.task_ids)
        sim.faults.out_of_credit = True
        r = create(sim, http)
        assert r.status_code == 403
        assert r.json() == {
            "code": "insufficient_user_quota",
            "message": "用户额度不足, 剩余额度: ＄0.000000",
            "data": None,
        }
        sim.faults.out_of_credit = False
        sim.faults.rate_limit_next = 1
        r = create(sim, http)
        assert r.status_code == 429 and "Retry-After" not in r.headers
        assert r.json() == {
            "code": "fail_to_fetch_task",
            "message": "当前分组上游负载已饱和，请稍后再试",
            "data": None,
        }
        r = create(sim, http, size="1920x1080", duration=6)  # Google's 400, passed on
        assert r.status_code == 400 and r.json()["code"] == "fail_to_fetch_task"
        assert len(sim.task_ids) == posts  # none of these made a job
        r = http.get(sim.base_url + "/v1/nothing", headers=AUTH)
        assert r.status_code == 404
        assert r.json()["error"]["message"] == "Invalid URL (GET /v1/nothing)"


def test_newapi_forwards_only_what_its_gemini_channel_reads(http: httpx.Client) -> None:
    start, end = png_uri(RED), png_uri(BLUE)
    raw = start.split(",", 1)[1]
    with sim_of("new-api") as sim:
        tid = make(
            sim,
            http,
            image=start,
            images=[raw, end],
            last_image=end,
            video="http://127.0.0.1:9/source.mp4",
            aspect_ratio="9:16",
            size="1080p",
            duration=8,
            extra_body={"generate_audio": False, "seed": 3, "negative_prompt": "fog"},
            metadata={"negativePrompt": "rain", "Seed": 7, "RESOLUTION": "720P"},
        )
        assert sim.forwarded(tid) == {
            "instances": [
                {
                    "prompt": "a red kite",
                    "image": {"bytesBase64Encoded": raw, "mimeType": "image/png"},
                }
            ],
            "parameters": {
                "sampleCount": 1,
                "durationSeconds": 8,
                "aspectRatio": "16:9",  # from size, whatever aspect_ratio said
                "resolution": "720p",
                "negativePrompt": "rain",
                "seed": 7,
            },
        }
        tid = make(sim, http, image="https://example.com/a.png", size="1080x1920", duration=8)
        assert sim.forwarded(tid) == {
            "instances": [{"prompt": "a red kite"}],  # http(s) images are dropped
            "parameters": {
                "sampleCount": 1,
                "durationSeconds": 8,
                "aspectRatio": "9:16",
                "resolution": "1080p",
            },
        }
        meta = {"aspectRatio": "9:16", "generateAudio": False, "durationSeconds": 4}
        tid = make(sim, http, metadata=json.dumps(meta))
        params = sim.forwarded(tid)["parameters"]
        assert params == {"sampleCount": 1, **meta}
        assert sim.job(tid)["audio"] is False


def test_documented_forwards_everything(http: httpx.Client) -> None:
    with sim_of("documented") as sim:
        start, end = png_uri(RED), png_uri(BLUE)
        tid = make(
            sim,
            http,
            image=start,
            last_image=end,
            aspect_ratio="9:16",
            extra_body={"generate_audio": False, "seed": 5, "negative_prompt": "fog"},
        )
        fwd = sim.forwarded(tid)
        instance = fwd["instances"][0]
        assert instance["image"]["mimeType"] == "image/png" and "lastFrame" in instance
        assert fwd["parameters"] == {
            "sampleCount": 1,
            "durationSeconds": 4,
            "aspectRatio": "9:16",
            "resolution": "720p",
            "negativePrompt": "fog",
            "seed": 5,
            "generateAudio": False,
        }


@pytest.mark.parametrize("dialect", ["documented", "new-api"])
def test_first_last_clip_ends_on_the_end_frame_only_where_it_was_forwarded(
    http: httpx.Client, dialect: str
) -> None:
    with sim_of(dialect) as sim:
        tid = make(sim, http, image=png_uri(RED), last_image=png_uri(BLUE))
        poll_until_done(sim, http, tid)
        first, last = edge_frames(content(sim, http, tid).content)
        assert mean(first)[0] > 150  # both start on the red start frame
        if dialect == "documented":
            assert mean(last)[2] > 150 and mean(last)[0] < 100
        else:  # new-api dropped last_image: plain image-to-video, still red at the end
            assert mean(last)[0] > 150 and mean(last)[2] < 100


# -- quirky -------------------------------------------------------------------------------------


def test_quirky_jobs_complete_through_bounded_trouble(http: httpx.Client) -> None:
    with sim_of("quirky", faults=Faults(seed=4)) as sim:
        tids = [make(sim, http) for _ in range(6)]
        assert sim.post_count == 6 and len(sim.task_ids) == 6  # every POST made its job
        trouble: list[httpx.Response] = []
        for tid in tids:
            seen = poll_until_done(sim, http, tid)
            troubled = [r for r in seen if r.status_code in (429, 502, 503)]
            assert len(troubled) <= 2
            trouble += troubled
        assert trouble, "seed 4 meets some trouble"
        for r in trouble:
            assert "Retry-After" not in r.headers
            if r.status_code != 429:
                assert r.headers["Content-Type"] == "text/html" and b"nginx" in r.content
        full = content(sim, http, tids[0], Range="bytes=0-99")
        assert full.status_code == 200 and full.content == sim.served_bytes(tids[0])
    plans = []
    for _ in range(2):
        with sim_of("quirky", faults=Faults(seed=4)) as again:
            for _ in range(6):
                make(again, http)
            plans.append([again._jobs[t].trouble for t in again.task_ids])
    assert plans[0] == plans[1]
