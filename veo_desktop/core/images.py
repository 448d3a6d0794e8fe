"""Images for the wire: a local file (or pasted data) becomes a `data:image/...;base64,` URI,
checked, EXIF-rotated and downscaled when needed; an http(s) URL passes through unchanged.

Gateways differ (some fetch URLs, some accept only data URIs), so local files always travel
inline. All the decoding runs in worker threads (`prepare_image` uses `asyncio.to_thread`):
a 50 MB image must never freeze the window.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ImageError

#: Longest edge sent. 4k output is 3840 wide, so more pixels add nothing but request size.
MAX_EDGE = 3840
#: Encoded bytes sent; gateways commonly cap request bodies around 10-20 MB and base64 adds a
#: third, so 8 MB of image keeps the whole body comfortably under those caps.
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
#: Beyond this the file is surely a mistake (and a decompression bomb risk).
MAX_PIXELS = 100_000_000
SUPPORTED_FORMATS = ("PNG", "JPEG", "WEBP")
_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
_FORMATS_TEXT = "PNG, JPEG or WebP"


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    width: int
    height: int
    format: str
    file_size: int

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 0.0


@dataclass(frozen=True)
class PreparedImage:
    source: str  # what the user gave; the journal keeps this, never the bytes
    wire: str  # what goes into the JSON body
    sha256: str | None
    width: int | None
    height: int | None
    resized: bool


def is_url(value: str) -> bool:
    return value.strip().lower().startswith(("http://", "https://"))


def is_data_uri(value: str) -> bool:
    return value.strip()[:11].lower() == "data:image/"


def _local_path(value: str) -> Path:
    text = value.strip()
    if text.lower().startswith("file://"):
        text = unquote(urlsplit(text).path)
    return Path(text).expanduser()


def _read_file(path: Path) -> bytes:
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise ImageError(f"“{name}” is a folder. Choose an image file ({_FORMATS_TEXT}).")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageError(
            f"“{name}” was not found. It may have been moved or deleted; choose the image again."
        ) from None
    except PermissionError:
        raise ImageError(
            f"“{name}” cannot be read (permission denied). Copy it somewhere you "
            "can read, or change its permissions."
        ) from None
    except IsADirectoryError:
        raise ImageError(f"“{name}” is a folder. Choose an image file ({_FORMATS_TEXT}).") from None
    except OSError as exc:
        raise ImageError(
            f"“{name}” could not be read. Check the file and try again.", detail=str(exc)
        ) from None
    if not data:
        raise ImageError(f"“{name}” is empty (0 bytes). Choose the image again or re-export it.")
    return data


def _open(data: bytes, name: str) -> tuple[Image.Image, str]:
    """Decode fully (so a truncated file fails here, not at the gateway)."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = (probe.format or "").upper()
            if fmt not in SUPPORTED_FORMATS:
                shown = fmt or "unknown"
                raise ImageError(
                    f"“{name}” is a {shown} image; Veo takes {_FORMATS_TEXT}. "
                    "Convert it and try again."
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageError(
                    f"“{name}” is too large ({probe.width} × {probe.height}). Resize it below "
                    f"{MAX_PIXELS // 1_000_000} megapixels and try again."
                )
            probe.load()
            image = probe.copy()
    except ImageError:
        raise
    except UnidentifiedImageError:
        raise ImageError(
            f"“{name}” is not an image Veo Desktop can read. Use a {_FORMATS_TEXT} file."
        ) from None
    except Image.DecompressionBombError as exc:
        raise ImageError(
            f"“{name}” is too large to open safely. Resize it below "
            f"{MAX_PIXELS // 1_000_000} megapixels and try again.",
            detail=str(exc),
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(
            f"“{name}” is damaged or incomplete. Re-export it as PNG or JPEG and try again.",
            detail=str(exc),
        ) from None
    except Exception as exc:  # Pillow plugins raise odd things on hostile input
        raise ImageError(
            f"“{name}” could not be decoded. Re-export it as PNG or JPEG and try again.",
            detail=f"{type(exc).__name__}: {exc}",
        ) from None
    return image, fmt


def inspect_image(path: str | Path) -> ImageInfo:
    """Size and format for a UI slot; raises `ImageError` for anything that would not send."""
    p = _local_path(str(path))
    data = _read_file(p)
    image, fmt = _open(data, p.name)
    oriented = ImageOps.exif_transpose(image) or image
    return ImageInfo(p, oriented.width, oriented.height, fmt, len(data))


def _encode(image: Image.Image) -> tuple[bytes, str]:
    """PNG when it has transparency and fits, else JPEG stepping down quality, then size."""
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        buf = io.BytesIO()
        image.save(buf, "PNG", optimize=True)
        if buf.tell() <= MAX_UPLOAD_BYTES:
            return buf.getvalue(), "PNG"
    rgb = image.convert("RGB")
    while True:
        for quality in (92, 85, 75, 65):
            buf = io.BytesIO()
            rgb.save(buf, "JPEG", quality=quality, optimize=True)
            if buf.tell() <= MAX_UPLOAD_BYTES:
                return buf.getvalue(), "JPEG"
        rgb = rgb.resize(
            (max(1, rgb.width * 3 // 4), max(1, rgb.height * 3 // 4)), Image.Resampling.LANCZOS
        )


def _prepare_bytes(
    data: bytes, name: str, source: str, sha: str | None, passthrough: str | None
) -> PreparedImage:
    image, fmt = _open(data, name)
    oriented = ImageOps.exif_transpose(image) or image
    rotated = image.getexif().get(0x0112, 1) not in (1, None)  # EXIF Orientation
    too_big = max(oriented.size) > MAX_EDGE or len(data) > MAX_UPLOAD_BYTES
    if not rotated and not too_big:
        wire = passthrough or f"data:{_MIME[fmt]};base64,{base64.b64encode(data).decode()}"
        return PreparedImage(source, wire, sha, oriented.width, oriented.height, False)
    if max(oriented.size) > MAX_EDGE:
        oriented = oriented.copy()
        oriented.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    encoded, out_fmt = _encode(oriented)
    wire = f"data:{_MIME[out_fmt]};base64,{base64.b64encode(encoded).decode()}"
    return PreparedImage(source, wire, sha, oriented.width, oriented.height, True)


def prepare_image_sync(value: str) -> PreparedImage:
    text = value.strip()
    if not text:
        raise ImageError("An image slot is empty. Add an image or clear the slot.")
    if is_url(text):
        return PreparedImage(text, text, None, None, None, False)
    if text[:5].lower() == "data:":
        if not is_data_uri(text) or ";base64," not in text[:64].lower():
            raise ImageError(
                "That data URI is not a base64 image. Save the image as a file and "
                "choose it instead."
            )
        try:
            data = base64.b64decode(text.split(",", 1)[1], validate=True)
        except (binascii.Error, ValueError):
            raise ImageError(
                "That data URI is damaged. Save the image as a file and choose it instead."
            ) from None
        return _prepare_bytes(data, "pasted image", text, hashlib.sha256(data).hexdigest(), text)
    path = _local_path(text)
    data = _read_file(path)
    return _prepare_bytes(data, path.name, text, hashlib.sha256(data).hexdigest(), None)


async def prepare_image(value: str) -> PreparedImage:
    return await asyncio.to_thread(prepare_image_sync, value)


async def prepare_images(values: Sequence[str]) -> list[PreparedImage]:
    """Concurrently, order preserved."""
    return list(await asyncio.gather(*(prepare_image(v) for v in values)))


def aspect_mismatch(info_aspect: float, aspect_ratio: str, tolerance: float = 0.03) -> bool:
    try:
        w, h = (float(x) for x in aspect_ratio.split(":"))
    except ValueError:
        return False
    target = w / h
    return abs(info_aspect - target) / target > tolerance
