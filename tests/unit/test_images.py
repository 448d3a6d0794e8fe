"""Local images become data URIs (unchanged when they can be), rotated, downscaled or refused
with a message that says what to do; URLs pass through; nothing raises anything else."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from veo_desktop.core.errors import ImageError
from veo_desktop.core.images import (
    MAX_EDGE,
    MAX_UPLOAD_BYTES,
    aspect_mismatch,
    inspect_image,
    is_url,
    prepare_image_sync,
    prepare_images,
)


def decode(uri: str) -> tuple[str, bytes]:
    head, payload = uri.split(",", 1)
    return head, base64.b64decode(payload)


@pytest.mark.parametrize(
    ("fmt", "ext", "mime"),
    [("PNG", "png", "image/png"), ("JPEG", "jpg", "image/jpeg"), ("WEBP", "webp", "image/webp")],
)
def test_supported_files_pass_through_byte_identical(
    tmp_path: Path, fmt: str, ext: str, mime: str
) -> None:
    path = tmp_path / f"frame.{ext}"
    Image.new("RGB", (320, 180), (10, 200, 30)).save(path, fmt)
    prepared = prepare_image_sync(str(path))
    head, data = decode(prepared.wire)
    assert head == f"data:{mime};base64" and data == path.read_bytes()
    assert prepared.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (prepared.width, prepared.height, prepared.resized) == (320, 180, False)
    assert prepared.source == str(path)


def test_content_decides_not_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "actually-png.jpg"
    Image.new("RGB", (64, 36)).save(path, "PNG")
    assert prepare_image_sync(str(path)).wire.startswith("data:image/png;base64,")


def test_exif_rotation_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    img = Image.new("RGB", (400, 300), (200, 0, 0))
    exif = img.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    img.save(path, "JPEG", exif=exif.tobytes())
    prepared = prepare_image_sync(str(path))
    assert prepared.resized and (prepared.width, prepared.height) == (300, 400)
    assert inspect_image(path).width == 300
    _, data = decode(prepared.wire)
    from io import BytesIO

    assert Image.open(BytesIO(data)).size == (300, 400)


def test_huge_image_is_downscaled(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    Image.new("RGB", (8000, 4500), (90, 90, 200)).save(path)
    prepared = prepare_image_sync(str(path))
    assert prepared.resized and max(prepared.width or 0, prepared.height or 0) <= MAX_EDGE
    assert len(decode(prepared.wire)[1]) <= MAX_UPLOAD_BYTES


def test_heavy_noisy_file_is_reencoded_under_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "noise.png"
    Image.frombytes("RGB", (3000, 2000), os.urandom(3000 * 2000 * 3)).save(path, compress_level=1)
    assert path.stat().st_size > MAX_UPLOAD_BYTES
    prepared = prepare_image_sync(str(path))
    assert prepared.resized and len(decode(prepared.wire)[1]) <= MAX_UPLOAD_BYTES


def test_small_rgba_keeps_transparency_as_png(tmp_path: Path) -> None:
    path = tmp_path / "alpha.webp"
    Image.new("RGBA", (5000, 100), (255, 0, 0, 128)).save(path, "WEBP", lossless=True)
    prepared = prepare_image_sync(str(path))
    assert prepared.resized and prepared.wire.startswith("data:image/png;base64,")


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_text("hello, not an image"), "not an image"),
        (
            lambda p: (
                Image.new("RGB", (300, 300), (1, 2, 3)).save(p, "PNG"),
                p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
            ),
            "damaged",
        ),
        (lambda p: Image.new("RGB", (10, 10)).save(p, "GIF"), "PNG, JPEG or WebP"),
        (lambda p: Image.new("RGB", (10, 10)).save(p, "BMP"), "PNG, JPEG or WebP"),
        (lambda p: None, "not found"),
        (lambda p: p.mkdir(), "folder"),
    ],
)
def test_bad_files_get_a_message_that_says_what_to_do(
    tmp_path: Path,
    make,
    words: str,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "slot.png"
    make(path)
    with pytest.raises(ImageError) as e:
        prepare_image_sync(str(path))
    assert words in e.value.message and "slot.png" in e.value.message
    with pytest.raises(ImageError):
        inspect_image(path)


def test_urls_pass_through_untouched() -> None:
    url = "https://example.com/keyframe.png?sig=abc"
    assert is_url(url) and not is_url("/tmp/x.png")
    prepared = prepare_image_sync(url)
    assert prepared.wire == url and prepared.sha256 is None


def test_data_uri_round_trip_and_damage(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    Image.new("RGB", (32, 18)).save(path)
    uri = "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()
    assert prepare_image_sync(uri).wire == uri
    with pytest.raises(ImageError):
        prepare_image_sync("data:image/png;base64,!!!notbase64")
    with pytest.raises(ImageError):
        prepare_image_sync("data:text/plain;base64,aGVsbG8=")


def test_prepare_images_keeps_order(tmp_path: Path) -> None:
    paths = []
    for i, colour in enumerate([(255, 0, 0), (0, 255, 0), (0, 0, 255)]):
        p = tmp_path / f"{i}.png"
        Image.new("RGB", (16 * (i + 1), 9), colour).save(p)
        paths.append(str(p))
    result = asyncio.run(prepare_images(paths))
    assert [r.width for r in result] == [16, 32, 48]


def test_aspect_mismatch() -> None:
    assert not aspect_mismatch(1920 / 1080, "16:9")
    assert aspect_mismatch(4 / 3, "16:9")
    assert not aspect_mismatch(1080 / 1920, "9:16")
    assert aspect_mismatch(1.0, "9:16")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=2048),
    st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x00\x00\x00\x00WEBPVP8 "]),
)
def test_any_bytes_give_an_image_or_an_image_error(
    tmp_path: Path, data: bytes, prefix: bytes
) -> None:
    path = tmp_path / "fuzz.png"
    path.write_bytes(prefix + data)
    try:
        prepare_image_sync(str(path))
    except ImageError as exc:
        assert exc.message
