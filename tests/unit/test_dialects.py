"""Request dialects (docs/gateway-contract.md, "Dialects"): the body each gateway kind reads,
how replies give the kind away, what is remembered per gateway, and the warnings before sending."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from veo_desktop.core.gateway.client import GatewayClient
from veo_desktop.core.gateway.dialects import Dialect, dropped, from_probe, from_reply, request_body
from veo_desktop.core.gateway.profiles import GatewayProfiles, origin_of
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.core.request.rules import Severity, check

PNG = "data:image/png;base64,iVBORw0KGgo="


def test_new_api_body_carries_the_settings_under_google_names_and_size_as_wxh() -> None:
    req = GenerationRequest(
        Mode.TEXT,
        Model.STANDARD_1080P,
        "a lighthouse",
        aspect_ratio="9:16",
        duration=8,
        generate_audio=False,
        negative_prompt="fog",
        seed=42,
    )
    body = request_body(req, Dialect.NEW_API)
    assert body["metadata"] == {
        "aspectRatio": "9:16",
        "generateAudio": False,
        "negativePrompt": "fog",
        "seed": 42,
        "durationSeconds": 8,
        "resolution": "1080p",
    }
    assert body["size"] == "1080x1920"  # new-api reads W and H; the larger side is 1080p
    assert body["model"] == Model.STANDARD_1080P.value and body["prompt"] == "a lighthouse"


@pytest.mark.parametrize(
    ("model", "ratio", "size"),
    [
        (Model.FAST_720P, "16:9", "1280x720"),
        (Model.FAST_720P, "9:16", "720x1280"),
        (Model.STANDARD_4K, "16:9", "3840x2160"),
    ],
)
def test_new_api_size(model: Model, ratio: str, size: str) -> None:
    body = request_body(
        GenerationRequest(Mode.TEXT, model, "x", aspect_ratio=ratio), Dialect.NEW_API
    )
    assert body["size"] == size


def test_documented_body_is_the_pages_own() -> None:
    req = GenerationRequest(Mode.TEXT, Model.FAST_720P, "x", seed=1)
    assert request_body(req, Dialect.DOCUMENTED) == req.to_body()
    assert "metadata" not in req.to_body()


def test_what_new_api_drops() -> None:
    frames = GenerationRequest(Mode.FRAMES, Model.FAST_720P, "x", image=PNG, last_image=PNG)
    refs = GenerationRequest(Mode.REFERENCE, Model.FAST_720P, "x", images=(PNG, PNG, PNG))
    extend = GenerationRequest(Mode.EXTEND, Model.FAST_720P, "x", video="https://v/1.mp4")
    linked = GenerationRequest(Mode.IMAGE, Model.FAST_720P, "x", image="https://img/1.png")
    assert dropped(frames, Dialect.NEW_API) == ["last_image"]
    assert dropped(refs, Dialect.NEW_API) == ["images"]
    assert dropped(extend, Dialect.NEW_API) == ["video"]
    assert dropped(linked, Dialect.NEW_API) == ["image_url"]
    for req in (frames, refs, extend, linked):
        assert dropped(req, Dialect.DOCUMENTED) == []


def test_rules_warn_before_sending_an_end_frame_to_new_api_and_not_elsewhere() -> None:
    frames = GenerationRequest(Mode.FRAMES, Model.FAST_720P, "x", image=PNG, last_image=PNG)
    warned = [f for f in check(frames, Dialect.NEW_API) if f.field == "last_image"]
    assert warned and warned[0].severity is Severity.WARNING
    assert "end frame" in warned[0].message
    assert not [f for f in check(frames) if f.field == "last_image"]


def dialect_in(found: tuple[Dialect, str] | None) -> Dialect | None:
    return found[0] if found else None


def test_replies_give_the_dialect_away() -> None:
    assert from_reply({}, {"object": "video"}) == (Dialect.NEW_API, 'object "video"')
    assert dialect_in(from_reply({"X-New-Api-Other-Ratios": "{}"}, {})) is Dialect.NEW_API
    assert dialect_in(from_reply({}, {"object": "video.generation.job"})) is Dialect.DOCUMENTED
    assert from_reply({}, {"status": "queued"}) is None
    body = {"code": "task_not_exist", "message": "task_not_exist", "data": None}
    assert dialect_in(from_probe(400, {}, body)) is Dialect.NEW_API
    assert from_probe(404, {}, {"error": {"message": "task not exist"}}) is None


def test_profiles_are_remembered_per_gateway_and_an_override_wins(tmp_path: Path) -> None:
    path = tmp_path / "gateways.json"
    profiles = GatewayProfiles(path)
    profiles.learn("https://gw.example:8443/", Dialect.NEW_API, "header x")
    again = GatewayProfiles(path)
    assert again.dialect("https://GW.example:8443") is Dialect.NEW_API
    assert again.dialect("https://other.example") is Dialect.DOCUMENTED
    again.set_override("https://gw.example:8443", Dialect.DOCUMENTED)
    assert GatewayProfiles(path).dialect("https://gw.example:8443") is Dialect.DOCUMENTED
    again.set_override("https://gw.example:8443", None)
    assert GatewayProfiles(path).dialect("https://gw.example:8443") is Dialect.NEW_API
    assert origin_of("https://gw.example:8443/x") == "https://gw.example:8443"


def test_a_damaged_profiles_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "gateways.json"
    path.write_text("{not json")
    assert GatewayProfiles(path).dialect("https://gw.example") is Dialect.DOCUMENTED


@pytest.mark.asyncio
async def test_the_client_probes_once_before_the_first_job_and_learns_new_api() -> None:
    seen: list[str] = []

    def handler(req: httpx.Request) -> httpx.Response:
        seen.append(f"{req.method} {req.url.path}")
        assert req.headers["authorization"] == "Bearer sk-x"
        return httpx.Response(
            400, json={"code": "task_not_exist", "message": "task_not_exist", "data": None}
        )

    client = GatewayClient(
        "https://gw.example",
        httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        lambda: "sk-x",
    )
    assert await client.request_dialect() is Dialect.NEW_API
    assert await client.request_dialect() is Dialect.NEW_API
    assert seen == ["GET /v1/videos/veo-desktop-key-check"]  # one read, never a POST


@pytest.mark.asyncio
async def test_a_documented_gateway_is_probed_once_per_session_and_left_documented() -> None:
    count = {"n": 0}

    def handler(req: httpx.Request) -> httpx.Response:
        count["n"] += 1
        return httpx.Response(404, json={"error": {"message": "task not exist"}})

    client = GatewayClient(
        "https://gw.example",
        httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        lambda: "sk-x",
    )
    assert await client.request_dialect() is Dialect.DOCUMENTED
    assert await client.request_dialect() is Dialect.DOCUMENTED
    assert count["n"] == 1
