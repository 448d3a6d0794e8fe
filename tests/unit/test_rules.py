"""Rules block what the gateway page lists as common errors and missing inputs; they warn about
upstream limits; every message says what to do."""

from typing import Any

import pytest

from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.core.request.rules import Severity, check, errors


def req(mode: Mode = Mode.TEXT, **kw: Any) -> GenerationRequest:
    base: dict[str, Any] = {"model": Model.FAST_720P, "prompt": "a cat"}
    base.update(kw)
    return GenerationRequest(mode, **base)


def fields(r: GenerationRequest, sev: Severity = Severity.ERROR) -> set[str]:
    return {f.field for f in check(r) if f.severity is sev}


def test_valid_text_request_has_no_errors() -> None:
    assert errors(req()) == []


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (req(duration=5), "duration"),
        (req(duration=10), "duration"),
        (req(model="veo3-unknown"), "model"),
        (req(prompt="   "), "prompt"),
        (req(aspect_ratio="4:3"), "aspect_ratio"),
        (req(seed=-1), "seed"),
        (req(seed=4_294_967_296), "seed"),
        (req(Mode.IMAGE), "image"),
        (req(Mode.FRAMES, last_image="b.png"), "image"),
        (req(Mode.FRAMES, image="a.png"), "last_image"),
        (req(Mode.REFERENCE, images=("a",)), "images"),
        (req(Mode.REFERENCE, images=("a", "b", "c", "d")), "images"),
        (req(Mode.EXTEND, video=None), "video"),
        (req(Mode.EXTEND, video="https://x/v.mp4", prompt=""), "prompt"),
    ],
)
def test_blocking_errors(request_: GenerationRequest, field: str) -> None:
    found = [f for f in check(request_) if f.blocks]
    assert field in {f.field for f in found}
    for f in found:
        assert len(f.message) > 20 and f.message.rstrip().endswith(".")


def test_extension_ignores_duration() -> None:
    assert errors(req(Mode.EXTEND, video="https://x/v.mp4", duration=5)) == []


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (req(model=Model.FAST_1080P, duration=6), "duration"),
        (req(model=Model.STANDARD_4K, duration=4), "duration"),
        (req(Mode.REFERENCE, images=("a", "b"), duration=6), "duration"),
        (req(Mode.IMAGE, image="a.png"), "aspect_ratio"),
        (req(Mode.EXTEND, video="https://x/v.mp4"), "video"),
        (req(Mode.EXTEND, video="https://x/v.mp4", model=Model.STANDARD_1080P), "model"),
        (req(Mode.REFERENCE, images=("a", "b"), image="f.png"), "images"),
    ],
)
def test_upstream_limits_warn_but_allow(request_: GenerationRequest, field: str) -> None:
    assert field in fields(request_, Severity.WARNING)
    assert errors(request_) == []


def test_errors_sort_before_warnings() -> None:
    found = check(req(Mode.FRAMES, model=Model.FAST_1080P, duration=6))
    kinds = [f.severity for f in found]
    assert kinds == sorted(kinds, key=lambda s: s is not Severity.ERROR)
    assert kinds[0] is Severity.ERROR
