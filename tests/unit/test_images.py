"""Local images become data URIs (unchanged when they can be), rotated, downscaled or refused
with a message that says what to do; URLs pass through; nothing raises anything else."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from veo_desktop.core.errors import ImageError
from veo_desktop.core.links import is_inline, is_link, is_url
from veo_desktop.core.request.images import (
    MAX_EDGE,
    MAX_UPLOAD_BYTES,
    SUPPORTED_FORMATS,
    PreparedImage,
    aspect_mismatch,
    inspect_image,
    is_data_uri,
    prepare_image,
    prepare_image_sync,
    prepare_images,
)


def decode(uri: str) -> tuple[str, bytes]:
    head, payload = uri.split(",", 1)
    return head, base64.b64decode(payload)


def wire_image(prepared: PreparedImage) -> Image.Image:
    image = Image.open(io.BytesIO(decode(prepared.wire)[1]))
    image.load()
    return image


def data_uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


def gradient(size: tuple[int, int]) -> Image.Image:
    w, h = size
    return Image.frombytes(
        "RGB",
        size,
        bytes((x * 7 + y * 3) % 256 for y in range(h) for x in range(w) for _ in range(3)),
    )


def rotated_jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    image = Image.new("RGB", size, (200, 0, 0))
    exif = image.getexif()
    exif[0x0112] = 6  # Orientation: shown rotated 90° clockwise
    return encoded(image, "JPEG", exif=exif.tobytes())


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG that claims to be `width` × `height` (what a decompression bomb looks like)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


# -- sent unchanged -------------------------------------------------------------------------------


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
    assert fmt in SUPPORTED_FORMATS


def test_content_decides_not_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "actually-png.jpg"
    Image.new("RGB", (64, 36)).save(path, "PNG")
    prepared = prepare_image_sync(str(path))
    assert prepared.wire.startswith("data:image/png;base64,") and not prepared.resized
    assert inspect_image(path).format == "PNG"


def test_file_uri_and_home_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "my pictures"
    folder.mkdir()
    path = folder / "frame.png"
    Image.new("RGB", (20, 10)).save(path)
    assert prepare_image_sync(path.as_uri()).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    monkeypatch.setenv("HOME", str(tmp_path))
    prepared = prepare_image_sync("~/my pictures/frame.png")
    assert prepared.width == 20 and prepared.source == "~/my pictures/frame.png"


# -- re-encoded -----------------------------------------------------------------------------------


def test_exif_rotation_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    path.write_bytes(rotated_jpeg((400, 300)))
    prepared = prepare_image_sync(str(path))
    assert prepared.resized and (prepared.width, prepared.height) == (300, 400)
    assert wire_image(prepared).size == (300, 400)
    assert wire_image(prepared).getexif().get(0x0112) is None  # no second rotation downstream
    info = inspect_image(path)
    assert (info.width, info.height, info.format) == (300, 400, "JPEG")
    assert info.aspect == pytest.approx(0.75) and info.file_size == path.stat().st_size


def test_huge_image_is_downscaled(tmp_path: Path) -> None:
    path = tmp_path / "huge.jpg"
    Image.new("RGB", (8000, 4500), (90, 90, 200)).save(path, quality=90)
    prepared = prepare_image_sync(str(path))
    assert prepared.resized and (prepared.width, prepared.height) == (3840, 2160)
    assert max(wire_image(prepared).size) <= MAX_EDGE
    assert len(decode(prepared.wire)[1]) <= MAX_UPLOAD_BYTES
    assert inspect_image(path).width == 8000  # the slot shows the file's own size


def test_heavy_noisy_file_is_reencoded_under_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "noise.png"
    w, h = 5000, 3334  # ~50 MB of incompressible pixels
    Image.frombytes("RGB", (w, h), os.urandom(w * h * 3)).save(path, compress_level=0)
    assert path.stat().st_size > 45 * 1024 * 1024
    prepared = prepare_image_sync(str(path))
    head, data = decode(prepared.wire)
    assert prepared.resized and len(data) <= MAX_UPLOAD_BYTES and head == "data:image/jpeg;base64"
    assert max(prepared.width or 0, prepared.height or 0) <= MAX_EDGE
    assert wire_image(prepared).size == (prepared.width, prepared.height)


def test_small_rgba_keeps_transparency_as_png(tmp_path: Path) -> None:
    path = tmp_path / "alpha.webp"
    Image.new("RGBA", (5000, 100), (255, 0, 0, 128)).save(path, "WEBP", lossless=True)
    prepared = prepare_image_sync(str(path))
    assert prepared.resized and prepared.wire.startswith("data:image/png;base64,")
    image = wire_image(prepared)
    assert image.mode == "RGBA" and image.getpixel((10, 10)) == (255, 0, 0, 128)


def test_transparency_too_heavy_for_png_becomes_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "noisy-alpha.png"
    w, h = 1600, 1400  # 9 MB of noisy RGBA: over the limit as PNG
    Image.frombytes("RGBA", (w, h), os.urandom(w * h * 4)).save(path, compress_level=0)
    prepared = prepare_image_sync(str(path))
    head, data = decode(prepared.wire)
    assert head == "data:image/jpeg;base64" and len(data) <= MAX_UPLOAD_BYTES
    assert (prepared.width, prepared.height) == (w, h)


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path: Path) -> None:
    path = tmp_path / "depth.png"
    Image.new("I;16", (5000, 20), 40000).save(path)
    image = wire_image(prepare_image_sync(str(path)))
    assert 140 <= image.convert("L").tobytes()[0] <= 170  # 40000 / 256 ≈ 156, not white


def test_animated_webp_sends_its_first_frame(tmp_path: Path) -> None:
    path = tmp_path / "anim.webp"
    frames = [Image.new("RGB", (64, 36), c) for c in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(path, "WEBP", save_all=True, append_images=frames[1:], lossless=True)
    prepared = prepare_image_sync(str(path))
    image = wire_image(prepared)
    assert prepared.resized and not getattr(image, "is_animated", False)
    red, green, blue = image.convert("RGB").tobytes()[:3]
    assert red > 240 and green < 15 and blue < 15  # frame one (red), through JPEG


# -- refused --------------------------------------------------------------------------------------


def _truncated_png(p: Path) -> None:
    Image.new("RGB", (300, 300), (1, 2, 3)).save(p, "PNG")
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])


def _truncated_jpeg(p: Path) -> None:
    data = encoded(gradient((200, 150)), "JPEG")
    p.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_text("hello, not an image"), "not an image"),
        (_truncated_png, "damaged or incomplete"),
        (_truncated_jpeg, "re-export it as PNG or JPEG"),
        (lambda p: Image.new("RGB", (10, 10)).save(p, "GIF"), "PNG, JPEG or WebP"),
        (lambda p: Image.new("RGB", (10, 10)).save(p, "BMP"), "BMP image"),
        (lambda p: None, "not found"),
        (lambda p: p.mkdir(), "folder"),
        (lambda p: p.write_bytes(png_header(12_000, 10_000)), "too large"),
        (lambda p: p.write_bytes(png_header(20_000, 20_000)), "Resize it below 100 megapixels"),
    ],
    ids=[
        "empty",
        "text",
        "truncated-png",
        "truncated-jpeg",
        "gif",
        "bmp",
        "missing",
        "dir",
        "120MP",
        "bomb",
    ],
)
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_bad_files_get_a_message_that_says_what_to_do(
    tmp_path: Path, make: Callable[[Path], object], words: str
) -> None:
    path = tmp_path / "slot.png"
    make(path)
    with pytest.raises(ImageError) as e:
        prepare_image_sync(str(path))
    assert words in e.value.message and "slot.png" in e.value.message
    assert str(tmp_path) not in e.value.message  # the basename, not the whole path
    with pytest.raises(ImageError) as e2:
        inspect_image(path)
    assert e2.value.message == e.value.message


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.png"
    Image.new("RGB", (8, 8)).save(path)

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)  # root can read anything; chmod proves nothing
    with pytest.raises(ImageError) as e:
        prepare_image_sync(str(path))
    assert "permission denied" in e.value.message and "locked.png" in e.value.message


def test_unexpected_pillow_failure_is_still_an_image_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "odd.png"
    Image.new("RGB", (8, 8)).save(path)

    def explode(*args: object, **kwargs: object) -> Image.Image:
        raise RuntimeError("plugin exploded")

    monkeypatch.setattr(Image, "open", explode)
    with pytest.raises(ImageError) as e:
        prepare_image_sync(str(path))
    assert "odd.png" in e.value.message and "re-export" in e.value.message
    assert "RuntimeError: plugin exploded" in e.value.detail


def test_odd_paths_and_raw_base64_are_refused() -> None:
    with pytest.raises(ImageError, match="could not be read"):
        prepare_image_sync("/tmp/bad\x00name.png")
    with pytest.raises(ImageError, match="empty"):
        prepare_image_sync("   ")
    raw = base64.b64encode(encoded(Image.new("RGB", (4, 4)), "PNG")).decode()
    with pytest.raises(ImageError) as e:
        prepare_image_sync(raw)
    assert "base64" in e.value.message and "file" in e.value.message
    with pytest.raises(ImageError, match="base64"):
        prepare_image_sync("QUJD" * 100)


# -- URLs and data URIs ---------------------------------------------------------------------------


def test_urls_pass_through_untouched() -> None:
    url = "https://example.com/keyframe.png?sig=abc"
    assert is_url(url) and is_url("HTTP://example.com/a.jpg")
    assert not is_url("/tmp/x.png") and not is_url("ftp://example.com/a.png")
    # Inline data is a link too (never a file to open), whatever its case or leading space.
    assert is_inline(" DATA:image/png;base64,AAAA") and is_link("data:video/mp4;base64,AAAA")
    assert not is_inline(None) and not is_link("data.png") and not is_link("./data:x.png")
    prepared = prepare_image_sync(url)
    assert prepared == PreparedImage(url, url, None, None, None, False)
    with pytest.raises(ImageError, match="local image files"):
        inspect_image(url)


def test_data_uri_round_trip_and_repair(tmp_path: Path) -> None:
    png = encoded(Image.new("RGB", (32, 18)), "PNG")
    uri = data_uri(png)
    assert is_data_uri(uri) and not is_data_uri("data:text/plain;base64,aGVsbG8=")
    prepared = prepare_image_sync(uri)
    assert prepared.wire == uri and not prepared.resized and prepared.source == uri
    assert prepared.sha256 == hashlib.sha256(png).hexdigest()
    assert (prepared.width, prepared.height) == (32, 18)
    # A wrong type or a wrapped payload is repaired, not sent as is.
    assert prepare_image_sync(data_uri(png, "image/jpeg")).wire == uri
    payload = uri.split(",", 1)[1]
    wrapped = "data:image/png;base64," + "\n".join(
        payload[i : i + 20] for i in range(0, len(payload), 20)
    )
    assert prepare_image_sync(wrapped).wire == uri
    # A rotated photo pasted inline is rotated like a file.
    rotated = prepare_image_sync(data_uri(rotated_jpeg(), "image/jpeg"))
    assert rotated.resized and (rotated.width, rotated.height) == (300, 400)


@pytest.mark.parametrize(
    ("uri", "words"),
    [
        ("data:image/png;base64,!!!notbase64", "damaged"),
        ("data:text/plain;base64,aGVsbG8=", "not an image"),
        ("data:image/svg+xml,<svg/>", "not a base64"),
        ("data:image/png;base64,", "empty"),
        ("data:image/png;base64," + base64.b64encode(b"hello there").decode(), "not an image"),
        (data_uri(encoded(Image.new("RGB", (4, 4)), "GIF"), "image/gif"), "PNG, JPEG or WebP"),
    ],
)
def test_bad_data_uris_are_refused(uri: str, words: str) -> None:
    with pytest.raises(ImageError) as e:
        prepare_image_sync(uri)
    assert words in e.value.message and e.value.message.startswith(("The pasted", "That"))


# -- async ----------------------------------------------------------------------------------------


def test_prepare_images_keeps_order_and_runs_off_the_loop(tmp_path: Path) -> None:
    paths = []
    for i, colour in enumerate([(255, 0, 0), (0, 255, 0), (0, 0, 255)]):
        p = tmp_path / f"{i}.png"
        Image.new("RGB", (16 * (i + 1), 9), colour).save(p)
        paths.append(str(p))
    values = [paths[2], "https://example.com/x.png", paths[0], paths[1]]
    result = asyncio.run(prepare_images(values))
    assert [r.width for r in result] == [48, None, 16, 32]
    assert [r.source for r in result] == values
    assert asyncio.run(prepare_image(paths[1])).width == 32
    with pytest.raises(ImageError, match="not found"):
        asyncio.run(prepare_images([paths[0], str(tmp_path / "gone.png")]))


# -- aspect ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aspect", "ratio", "mismatch"),
    [
        (1920 / 1080, "16:9", False),
        (1280 / 722, "16:9", False),  # within 3 %
        (4 / 3, "16:9", True),
        (1080 / 1920, "9:16", False),
        (1920 / 1080, "9:16", True),
        (1.0, "9:16", True),
        (1.0, "nonsense", False),
        (1.0, "16:0", False),
        (0.0, "16:9", False),  # unknown size
    ],
)
def test_aspect_mismatch(aspect: float, ratio: str, mismatch: bool) -> None:
    assert aspect_mismatch(aspect, ratio) is mismatch


def test_aspect_mismatch_tolerance() -> None:
    assert aspect_mismatch(1.7, "16:9") and not aspect_mismatch(1.7, "16:9", tolerance=0.05)


# -- nothing but ImageError -----------------------------------------------------------------------

_FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# Pillow warns about the broken EXIF and absurd sizes these make; refusing them is the point.
_quiet = pytest.mark.filterwarnings(
    "ignore::UserWarning", "ignore::PIL.Image.DecompressionBombWarning"
)


def _must_be_image_or_image_error(path: Path) -> None:
    for call in (prepare_image_sync, inspect_image):
        try:
            call(str(path))
        except ImageError as exc:
            assert exc.message


@_quiet
@_FUZZ
@given(
    st.binary(max_size=2048),
    st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x00\x00\x00\x00WEBPVP8 "]),
)
def test_any_bytes_give_an_image_or_an_image_error(
    tmp_path: Path, data: bytes, prefix: bytes
) -> None:
    path = tmp_path / "fuzz.png"
    path.write_bytes(prefix + data)
    _must_be_image_or_image_error(path)


def _exif_jpeg() -> bytes:
    image = gradient((48, 32))
    exif = image.getexif()
    exif[0x0112] = 3
    exif[0x010F] = "Camera"
    return encoded(image, "JPEG", exif=exif.tobytes())


_VALID = [
    encoded(gradient((48, 32)), "PNG"),
    _exif_jpeg(),
    encoded(gradient((48, 32)), "WEBP"),
    encoded(gradient((48, 32)).convert("RGBA"), "WEBP", lossless=True),
]


@_quiet
@_FUZZ
@given(
    st.sampled_from(_VALID),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
    st.integers(1, 10_000),
)
def test_damaged_real_images_give_an_image_or_an_image_error(
    tmp_path: Path, valid: bytes, flips: list[tuple[int, int]], keep: int
) -> None:
    data = bytearray(valid)
    for position, value in flips:
        data[position % len(data)] = value
    path = tmp_path / "damaged.jpg"
    path.write_bytes(bytes(data[:keep]))
    _must_be_image_or_image_error(path)
