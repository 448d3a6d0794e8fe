"""The request body is exactly what docs/gateway-contract.md describes, for every mode and model."""

import pytest

from veo_desktop.core.request.models import GenerationRequest, Mode, Model, Resolution, Tier


def test_six_models_cover_tier_by_resolution() -> None:
    pairs = {(m.tier, m.resolution) for m in Model}
    assert pairs == {(t, r) for t in Tier for r in Resolution}
    assert Model.of(Tier.FAST, Resolution.K4) is Model.FAST_4K
    assert Model.FAST_1080P.size == "1080p" and Model.STANDARD_4K.size == "4k"


@pytest.mark.parametrize("model", list(Model))
def test_size_is_always_derived_from_model(model: Model) -> None:
    body = GenerationRequest(Mode.TEXT, model, "a cat").to_body()
    assert body["size"] == model.resolution.value
    assert body["model"] == model.value


def test_text_body_matches_gateway_example() -> None:
    req = GenerationRequest(
        Mode.TEXT,
        Model.STANDARD_1080P,
        "A golden-hour street interview",
        aspect_ratio="16:9",
        duration=8,
        generate_audio=True,
        negative_prompt="watermark, blur",
        seed=7,
    )
    assert req.to_body() == {
        "model": "veo3.1-video-1080p",
        "prompt": "A golden-hour street interview",
        "size": "1080p",
        "aspect_ratio": "16:9",
        "duration": 8,
        "extra_body": {"generate_audio": True, "negative_prompt": "watermark, blur", "seed": 7},
    }


def test_fields_present_only_when_set() -> None:
    body = GenerationRequest(Mode.TEXT, Model.FAST_720P, "x", aspect_ratio=None).to_body()
    assert set(body) == {"model", "prompt", "size", "duration"}
    assert "extra_body" not in body


def test_mode_specific_image_fields() -> None:
    frames = GenerationRequest(
        Mode.FRAMES, Model.FAST_720P, "p", image="a", last_image="b", images=("x", "y")
    )
    body = frames.to_body()
    assert body["image"] == "a" and body["last_image"] == "b" and "images" not in body
    ref = GenerationRequest(Mode.REFERENCE, Model.FAST_720P, "p", image="a", images=("x", "y"))
    body = ref.to_body()
    assert body["images"] == ["x", "y"] and "image" not in body and "last_image" not in body
    img = GenerationRequest(Mode.IMAGE, Model.FAST_720P, "p", image="a", last_image="b")
    assert "last_image" not in img.to_body()


def test_extension_sends_video_and_no_duration() -> None:
    body = GenerationRequest(
        Mode.EXTEND, Model.FAST_720P, "then it rains", video="https://v/x.mp4", duration=8
    ).to_body()
    assert body["video"] == "https://v/x.mp4" and "duration" not in body


def test_audio_false_is_sent_explicitly() -> None:
    body = GenerationRequest(Mode.TEXT, Model.FAST_720P, "x", generate_audio=False).to_body()
    assert body["extra_body"] == {"generate_audio": False}


def test_record_round_trip_keeps_every_parameter() -> None:
    req = GenerationRequest(
        Mode.FRAMES,
        Model.STANDARD_4K,
        "p",
        image="/a.png",
        last_image="https://x/b.png",
        aspect_ratio="9:16",
        duration=6,
        generate_audio=False,
        negative_prompt="blur",
        seed=42,
    )
    assert GenerationRequest.from_record(req.to_record()) == req
