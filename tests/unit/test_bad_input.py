"""Bad input, through the same runner the app and the CLI use: each gets a clear message or is
normalised, and nothing reaches the gateway (or the journal) when it is invalid. Plus property
tests that fuzz the request builder against the simulator's copy of the gateway's rules, and
the wire parser with every reply shape real gateways send.

Per-file image decoding is covered in test_images.py (incl. a 50 MB noisy PNG); here the same
kinds of file go through `submit`, where "nothing sent, nothing written" is decided."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.clips import tiny_mp4_bytes
from tests.keys import BAD_INPUT_KEY
from veo_desktop.core.config import normalize_base_url, normalize_key
from veo_desktop.core.errors import AuthError, ImageError, InvalidInputError
from veo_desktop.core.gateway.client import GatewayClient, RetryPolicy
from veo_desktop.core.gateway.replies import RemoteStatus, parse_job
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.jobs.poll_step import PollPolicy
from veo_desktop.core.jobs.runner import JobRunner
from veo_desktop.core.library.store import Library
from veo_desktop.core.request.images import MAX_EDGE, MAX_UPLOAD_BYTES
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.core.request.rules import check
from veo_desktop.simulator.jobs import Invalid, validate

GW = "https://gw.example.com"
MP4 = tiny_mp4_bytes()  # a real clip: downloads are decoded before they count


class Gateway:
    """A scripted gateway that accepts anything, finishes at once, and records every request."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, req: httpx.Request) -> httpx.Response:
        self.requests.append(req)
        if req.method == "POST":
            return httpx.Response(200, json={"id": "task_1", "status": "queued"})
        if req.url.host == "cdn.example.net":
            return httpx.Response(200, content=MP4)
        return httpx.Response(
            200,
            json={"id": "task_1", "status": "completed", "video_url": "https://cdn.example.net/v"},
        )

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests if r.method == "POST"]


def make_runner(tmp_path: Path, key: str = BAD_INPUT_KEY) -> tuple[JobRunner, Gateway]:
    gw = Gateway()

    async def no_sleep(_: float) -> None:
        return None

    http = httpx.AsyncClient(transport=httpx.MockTransport(gw))
    client = GatewayClient(
        GW,
        http,
        lambda: key,
        retry=RetryPolicy(attempts=1),
        sleep=no_sleep,
        downloads=httpx.Client(transport=httpx.MockTransport(gw)),
    )
    runner = JobRunner(
        client,
        Journal(tmp_path / "journal.sqlite3"),
        Library(tmp_path / "library"),
        policy=PollPolicy(first_delay=0, download_retry_first=0.01, download_retry_max=0.02),
        sleep=no_sleep,
    )
    return runner, gw


def image_req(path: Path | str, mode: Mode = Mode.IMAGE) -> GenerationRequest:
    if mode is Mode.REFERENCE:
        good = str(Path(path).with_name("good.png"))
        return GenerationRequest(mode, Model.FAST_720P, "refs", images=(good, good, str(path)))
    if mode is Mode.FRAMES:
        good = str(Path(path).with_name("good.png"))
        return GenerationRequest(mode, Model.FAST_720P, "frames", image=good, last_image=str(path))
    return GenerationRequest(mode, Model.FAST_720P, "a still comes alive", image=str(path))


def encoded(image: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt)
    return buf.getvalue()


# -- images ---------------------------------------------------------------------------------------

BAD_IMAGES: dict[str, Callable[[], bytes]] = {
    "corrupt": lambda: b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50,
    "truncated": lambda: encoded(Image.effect_noise((300, 200), 50).convert("RGB"), "PNG")[:900],
    "zero-byte": lambda: b"",
    "wrong-type-text": lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
    "wrong-type-video": lambda: MP4,
    "unsupported-gif": lambda: encoded(Image.new("RGB", (20, 20), (1, 2, 3)), "GIF"),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", list(BAD_IMAGES))
@pytest.mark.parametrize("mode", [Mode.IMAGE, Mode.FRAMES, Mode.REFERENCE])
async def test_bad_image_is_refused_with_its_name_and_nothing_is_sent(
    tmp_path: Path, kind: str, mode: Mode
) -> None:
    Image.new("RGB", (320, 180), (10, 200, 10)).save(tmp_path / "good.png")
    bad = tmp_path / "bad.png"
    bad.write_bytes(BAD_IMAGES[kind]())
    runner, gw = make_runner(tmp_path)
    with pytest.raises(ImageError) as e:
        await runner.submit(image_req(bad, mode))
    assert "bad.png" in e.value.message and len(e.value.message) < 300
    assert gw.requests == []
    assert runner.journal.count() == 0  # no half-made job to resume or to confuse the list


@pytest.mark.asyncio
async def test_mislabelled_image_is_sent_as_what_it_really_is(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"  # a JPEG with a PNG's name
    data = encoded(Image.new("RGB", (320, 180), (200, 30, 30)), "JPEG")
    path.write_bytes(data)
    runner, gw = make_runner(tmp_path)
    job = await runner.run(image_req(path))
    assert job.state is JobState.DOWNLOADED
    [body] = gw.bodies
    head, payload = body["image"].split(",", 1)
    assert head == "data:image/jpeg;base64" and base64.b64decode(payload) == data


@pytest.mark.asyncio
async def test_huge_8000_px_image_is_sent_downscaled_under_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.jpg"
    Image.new("RGB", (8000, 4500), (90, 90, 200)).save(path, quality=90)
    runner, gw = make_runner(tmp_path)
    job = await runner.run(image_req(path))
    assert job.state is JobState.DOWNLOADED
    [body] = gw.bodies
    data = base64.b64decode(body["image"].split(",", 1)[1])
    assert len(data) <= MAX_UPLOAD_BYTES
    assert max(Image.open(io.BytesIO(data)).size) <= MAX_EDGE
    assert job.request["image"] == str(path)  # the journal keeps the path, not the pixels


# -- prompts --------------------------------------------------------------------------------------

PROMPTS = {
    "cjk": "雨の日の東京、ネオンが水たまりに映る。镜头缓慢推进。비 오는 밤",
    "emoji": "🌧️ a paper boat ⛵ sails past a family 👨‍👩‍👧 on the 🏳️‍🌈 pier",
    "rtl": "قارب ورقي يبحر في المطر، ثم sunset over תל אביב",
    "long": ("A slow dolly shot over a misty harbour at dawn. " * 209)[:10_000],
    "control": "line one\nline two\ttabbed \u200b zero-width",
}


@pytest.mark.asyncio
@pytest.mark.parametrize("name", list(PROMPTS))
async def test_any_script_prompt_is_sent_and_stored_exactly(tmp_path: Path, name: str) -> None:
    prompt = PROMPTS[name]
    req = GenerationRequest(Mode.TEXT, Model.FAST_720P, prompt, negative_prompt=prompt[:50])
    assert not [f for f in check(req) if f.blocks]
    runner, gw = make_runner(tmp_path)
    job = await runner.run(req)
    assert job.state is JobState.DOWNLOADED
    [body] = gw.bodies
    assert body["prompt"] == prompt and body["extra_body"]["negative_prompt"] == prompt[:50]
    stored = runner.journal.get(job.id)
    assert stored is not None and stored.prompt == prompt
    video = Path(job.video_path or "")
    assert video.is_file() and len(video.name.encode()) < 255 and "/" not in video.name
    sidecar = json.loads(video.with_suffix(".json").read_text("utf-8"))
    assert sidecar["prompt"] == prompt


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        ("x" * 20_001, "shorten it"),
        ("   \n\t ", "Write a prompt"),
        ("caf\udcff au lait", "not valid characters"),  # undecodable bytes from a terminal
    ],
    ids=["too-long", "blank", "undecodable-bytes"],
)
async def test_unusable_prompt_is_refused_before_anything_is_written(
    tmp_path: Path, prompt: str, words: str
) -> None:
    runner, gw = make_runner(tmp_path)
    with pytest.raises(InvalidInputError) as e:
        await runner.submit(GenerationRequest(Mode.TEXT, Model.FAST_720P, prompt))
    assert words in e.value.message
    assert gw.requests == [] and runner.journal.count() == 0


@pytest.mark.asyncio
async def test_file_name_in_another_encoding_is_refused_not_a_crash(tmp_path: Path) -> None:
    name = "caf\udce9.png"  # "café.png" in Latin-1, as Python receives it from argv
    runner, gw = make_runner(tmp_path)
    with pytest.raises(InvalidInputError, match="rename the file"):
        await runner.submit(image_req(tmp_path / name))
    assert gw.requests == [] and runner.journal.count() == 0


# -- seeds ----------------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("seed", [-1, 4_294_967_296, 2**63, -(2**70)])
async def test_seed_outside_the_range_is_refused(tmp_path: Path, seed: int) -> None:
    runner, gw = make_runner(tmp_path)
    with pytest.raises(InvalidInputError, match="Seed must be a whole number from 0"):
        await runner.submit(GenerationRequest(Mode.TEXT, Model.FAST_720P, "x", seed=seed))
    assert gw.requests == [] and runner.journal.count() == 0


@pytest.mark.asyncio
@pytest.mark.parametrize("seed", [0, 4_294_967_295])
async def test_seed_at_the_edges_is_sent_exactly(tmp_path: Path, seed: int) -> None:
    runner, gw = make_runner(tmp_path)
    await runner.run(GenerationRequest(Mode.TEXT, Model.FAST_720P, "x", seed=seed))
    assert gw.bodies[0]["extra_body"]["seed"] == seed


# -- base URLs and keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://gw.example.com/v1/videos/", "https://gw.example.com"),
        ("https://gw.example.com/proxy/v1/", "https://gw.example.com/proxy"),
        ("https://gw.example.com///", "https://gw.example.com"),
        ("https://gw.example.com/?utm=1#top", "https://gw.example.com"),
        ("\thttps://gw.example.com\n", "https://gw.example.com"),
        ("http://[::1]:8765/", "http://[::1]:8765"),
        ("http://127.0.0.2:9000", "http://127.0.0.2:9000"),
    ],
)
def test_base_url_with_paths_and_trailing_slashes_is_normalised(text: str, expected: str) -> None:
    assert normalize_base_url(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ftp://gw.example.com", "not a web address"),
        ("file:///etc/passwd", "not a web address"),
        ("ws://gw.example.com", "not a web address"),
        ("https://gw.example.com:99999", "not a web address"),
        ("http://127.0.0.1.evil.example", "unencrypted"),  # looks like loopback, is not
        ("http://localhost.evil.example", "unencrypted"),
        ("http://10.0.0.5:8080", "unencrypted"),
        ("https://me:secret@gw.example.com", "user name and password"),
    ],
)
def test_base_url_that_is_not_a_safe_gateway_address_is_refused(text: str, words: str) -> None:
    with pytest.raises(InvalidInputError) as e:
        normalize_base_url(text)
    assert words in e.value.message


@pytest.mark.asyncio
async def test_gateway_under_a_path_gets_its_requests_there(tmp_path: Path) -> None:
    gw = Gateway()
    http = httpx.AsyncClient(transport=httpx.MockTransport(gw))
    client = GatewayClient(
        normalize_base_url("https://gw.example.com/proxy/v1/"), http, lambda: "k"
    )
    await client.create({"model": "m"})
    await client.get("task 1/..")
    assert [str(r.url) for r in gw.requests] == [
        "https://gw.example.com/proxy/v1/video/generations",
        "https://gw.example.com/proxy/v1/videos/task%201%2F..",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        " sk-abc123\n",
        "sk-abc\n123",
        "\ufeffsk-abc123",  # a BOM from a text file
        "sk-abc\u200b123",  # a zero-width space from a web page
        "“sk-abc123”",  # smart quotes from a chat
        "'sk-abc123'",
        "Bearer  sk-abc123",
        "sk-abc\u00a0123",  # a non-breaking space
    ],
)
def test_pasted_key_is_normalised(raw: str) -> None:
    assert normalize_key(raw) == "sk-abc123"


@pytest.mark.asyncio
@pytest.mark.parametrize("key", ["sk-ключ-123", "sk-abc 123", "sk-abc\x00"])
async def test_key_no_gateway_could_accept_is_refused_before_sending(
    tmp_path: Path, key: str
) -> None:
    runner, gw = make_runner(tmp_path, key=key)
    with pytest.raises(AuthError) as e:
        await runner.submit(GenerationRequest(Mode.TEXT, Model.FAST_720P, "x"))
    assert "Paste it again" in e.value.message
    assert gw.requests == []
    # The job's row says "failed" (nothing was sent), never "posting": that would turn into a
    # false "may have been billed" on the next start.
    assert [j.state for j in runner.journal.newest()] == [JobState.FAILED]
    assert runner.journal.unfinished() == []


# -- fuzz: the request builder against the gateway's own rules ------------------------------------

_URL = st.sampled_from(["https://img.example/a.png", "data:image/png;base64,iVBORw0KGgo="])
requests = st.builds(
    GenerationRequest,
    mode=st.sampled_from(list(Mode)),
    model=st.sampled_from([*Model, *Model, *Model, "veo9", "", "veo3.1-video"]),
    prompt=st.one_of(st.text(max_size=40), st.text(min_size=1, max_size=40).map("a {}".format)),
    image=st.one_of(st.none(), _URL),
    last_image=st.one_of(st.none(), _URL),
    images=st.lists(_URL, max_size=4).map(tuple),
    video=st.one_of(st.none(), st.just("https://cdn.example/v.mp4")),
    aspect_ratio=st.sampled_from(["16:9", "9:16", "16:9", "9:16", "4:3", None]),
    duration=st.sampled_from([4, 6, 8, 4, 6, 8, None, 0, 5, 10]),
    generate_audio=st.sampled_from([None, True, False]),
    negative_prompt=st.one_of(st.none(), st.text(max_size=20)),
    seed=st.one_of(st.none(), st.integers(0, 2**32 - 1), st.integers(-(2**40), 2**40)),
)


@settings(max_examples=500, deadline=None)
@given(requests)
def test_a_request_the_rules_pass_is_one_the_gateway_accepts(req: GenerationRequest) -> None:
    findings = check(req)
    assert all(f.message and f.field for f in findings)
    if any(f.blocks for f in findings):
        return
    body = req.to_body()
    json.dumps(body, ensure_ascii=False).encode("utf-8")  # sendable as it stands
    assert body["size"] == Model(req.model_id).size
    assert ("duration" in body) == (req.mode is not Mode.EXTEND)
    assert 0 <= body.get("extra_body", {}).get("seed", 0) <= 4_294_967_295
    warned = {f.field for f in findings}
    try:
        assert validate(body) == req.mode.value
    except Invalid:
        # Only what the rules warned about (upstream limits) may still be refused upstream.
        assert warned & {"duration", "model"}, (body, findings)
    # What the journal keeps rebuilds the same request.
    assert GenerationRequest.from_record(json.loads(json.dumps(req.to_record()))).to_body() == body


# -- fuzz: the wire parser with every reply shape -------------------------------------------------

WORDS = {
    RemoteStatus.QUEUED: ["queued", "pending", "submitted", "not_start"],
    RemoteStatus.RUNNING: ["in_progress", "processing", "running"],
    RemoteStatus.COMPLETED: ["completed", "succeeded", "success"],
    RemoteStatus.FAILED: ["failed", "failure", "cancelled", "expired", "error"],
}
LINK = "https://cdn.example.net/files/task_1.mp4?token=abc"


@st.composite
def replies(draw: st.DrawFn) -> tuple[dict[str, Any], RemoteStatus, int | None, str | None]:
    status = draw(st.sampled_from(list(WORDS)))
    word = draw(st.sampled_from(WORDS[status]))
    word = draw(st.sampled_from([word, word.upper(), word.capitalize()]))
    job: dict[str, Any] = {draw(st.sampled_from(["id", "task_id"])): "task_1", "status": word}
    pct = draw(st.one_of(st.none(), st.integers(0, 100)))
    if pct is not None:
        job["progress"] = draw(st.sampled_from([pct, f"{pct}%", str(pct)]))
    link: str | None = None
    place = draw(st.sampled_from(["video_url", "url", "metadata", "data.url", "data.result_url"]))
    if status is RemoteStatus.COMPLETED:
        link = draw(st.sampled_from([LINK, "data:video/mp4;base64,AAAAGGZ0eXBpc29t", None]))
    if link is not None and place == "metadata":
        job["metadata"] = {"url": link}
    elif link is not None and not place.startswith("data."):
        job[place] = link
    elif link is not None:
        job[place.split(".")[1]] = link
    if status is RemoteStatus.FAILED:
        job["fail_reason"] = "upstream said no"
    if place.startswith("data.") or draw(st.booleans()):
        job = {"code": draw(st.sampled_from([0, 200, "success"])), "message": "ok", "data": job}
    expected_pct = pct if status is not RemoteStatus.COMPLETED or pct is not None else 100
    return job, status, expected_pct, link


@settings(max_examples=400, deadline=None)
@given(replies())
def test_every_reply_shape_reads_the_same(
    case: tuple[dict[str, Any], RemoteStatus, int | None, str | None],
) -> None:
    payload, status, pct, link = case
    snap = parse_job(payload)
    assert snap.task_id == "task_1" and snap.status is status
    assert snap.progress == pct
    assert snap.video_url == link
    if status is RemoteStatus.FAILED:
        assert snap.failure_reason == "upstream said no"
