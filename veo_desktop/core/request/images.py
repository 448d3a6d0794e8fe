"""Images for the wire: a local file or a pasted data URI becomes a checked, EXIF-rotated and if
need be downscaled `data:image/...;base64,` URI; an http(s) URL passes through unchanged."""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import io
import math
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from ..background import in_background
from ..errors import ImageError
from ..i18n import msg
from ..links import is_link, is_url
from .image_files import MAX_FILE_BYTES as MAX_FILE_BYTES
from .image_files import check_file, file_label, local_path, read_file

#: Longest edge sent. Veo's largest output (4k) is 3840 wide, so more pixels add nothing to the
#: video, only to the request body, which gateways cap.
MAX_EDGE = 3840
#: Encoded bytes sent. Gateways commonly cap request bodies around 10-20 MB and base64 adds a
#: third, so 8 MB per image keeps a body with a first and a last frame under those caps.
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
#: Beyond this a file is surely a mistake, and decoding it could exhaust memory.
MAX_PIXELS = 100_000_000
SUPPORTED_FORMATS = ("PNG", "JPEG", "WEBP")

_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
_JPEG_QUALITIES = (92, 85, 75, 65)
# Raw base64 of a PNG, JPEG, WebP, GIF: what people paste when they copy "image data".
_BASE64_MAGIC = ("iVBORw0KGgo", "/9j/", "UklGR", "R0lGOD")
_BASE64_TEXT = re.compile(r"[A-Za-z0-9+/=_\-\s]+")


@dataclass(frozen=True)
class ImageInfo:
    """What a UI slot shows. `width` and `height` are as displayed (after EXIF orientation)."""

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
    sha256: str | None  # of the given bytes; None for URLs
    width: int | None  # as sent
    height: int | None
    resized: bool  # re-encoded (rotated, downscaled or shrunk), not the original bytes


def is_data_uri(value: str) -> bool:
    return value.strip()[:11].lower() == "data:image/"


# -- reading ------------------------------------------------------------------------------------


def _pasted() -> str:
    """What a pasted data URI is called in messages (evaluated late: the language may change)."""
    return msg("The pasted image")


def _looks_like_base64(text: str) -> bool:
    if text.startswith(_BASE64_MAGIC) and _BASE64_TEXT.fullmatch(text):
        return True
    # A long run of base64 characters with no dot is not a file name anyone types.
    return len(text) >= 200 and "." not in text and _BASE64_TEXT.fullmatch(text) is not None


# -- decoding -----------------------------------------------------------------------------------


@contextmanager
def _pillow_errors(label: str) -> Iterator[None]:
    """Whatever Pillow raises on hostile or broken input becomes an `ImageError`."""
    megapixels = MAX_PIXELS // 1_000_000
    try:
        yield
    except ImageError:
        raise
    except UnidentifiedImageError as exc:
        raise ImageError(
            msg(
                "{label} is not an image Veo Desktop can read. Use a PNG, JPEG or WebP file.",
                label=label,
            ),
            detail=str(exc),
        ) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError) as exc:
        raise ImageError(
            msg(
                "{label} is too large to open safely. Resize it below {megapixels} megapixels "
                "and try again.",
                label=label,
                megapixels=megapixels,
            ),
            detail=f"{type(exc).__name__}: {exc}",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(
            msg(
                "{label} is damaged or incomplete — re-export it as PNG or JPEG and try again.",
                label=label,
            ),
            detail=f"{type(exc).__name__}: {exc}",
        ) from None
    except Exception as exc:  # Pillow plugins raise odd things (struct.error, ...) on bad input
        raise ImageError(
            msg(
                "{label} could not be decoded — re-export it as PNG or JPEG and try again.",
                label=label,
            ),
            detail=f"{type(exc).__name__}: {exc}",
        ) from None


@dataclass(frozen=True)
class _Decoded:
    image: Image.Image  # fully loaded, not yet oriented; JPEGs maybe at a reduced scale
    format: str
    size: tuple[int, int]  # as stored in the file
    orientation: int  # EXIF 1-8; 1 when absent or unusable

    @property
    def shown_size(self) -> tuple[int, int]:
        w, h = self.size
        return (h, w) if self.orientation in (5, 6, 7, 8) else (w, h)


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:  # broken EXIF is not a broken image: show it as stored
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _decode(data: bytes, label: str, *, reduce_to: int | None) -> _Decoded:
    """Identify by content, check the size, decode every byte (so a truncated file fails here,
    not at the gateway); a JPEG may decode smaller, its longest edge still at least `reduce_to`."""
    with _pillow_errors(label):
        image = Image.open(io.BytesIO(data))
        fmt = (image.format or "").upper()
        if fmt not in SUPPORTED_FORMATS:
            raise ImageError(
                msg(
                    "{label} is a {format} image; Veo takes PNG, JPEG or WebP. "
                    "Convert it and try again.",
                    label=label,
                    format=fmt or msg("unknown"),
                )
            )
        w, h = image.size
        if w * h > MAX_PIXELS:
            raise ImageError(
                msg(
                    "{label} is too large ({width} × {height}). Resize it below "
                    "{megapixels} megapixels and try again.",
                    label=label,
                    width=w,
                    height=h,
                    megapixels=MAX_PIXELS // 1_000_000,
                )
            )
        orientation = _orientation(image)
        # JPEG's draft mode decodes at 1/2 to 1/8 scale: cheap, and the whole stream is still read.
        if reduce_to is not None and fmt == "JPEG" and max(w, h) > reduce_to:
            scale = reduce_to / max(w, h)
            image.draft(None, (max(1, math.ceil(w * scale)), max(1, math.ceil(h * scale))))
        image.load()
        return _Decoded(image, fmt, (w, h), orientation)


# -- encoding -----------------------------------------------------------------------------------


def _normalise(image: Image.Image) -> Image.Image:
    """RGBA when there is real transparency, else RGB (or L): what PNG and JPEG can carry."""
    if image.mode.startswith("I"):  # 16-bit grey: scale to 8 bits (convert() would clip)
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        lowest = rgba.getchannel("A").getextrema()[0]
        if isinstance(lowest, int | float) and lowest < 255:
            return rgba
        return rgba.convert("RGB")  # an alpha channel that is opaque everywhere
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


def _encode(image: Image.Image) -> tuple[bytes, str, tuple[int, int]]:
    """PNG when it has transparency and fits, else JPEG stepping down quality, then size."""
    image = _normalise(image)
    if max(image.size) > MAX_EDGE:
        image = ImageOps.contain(image, (MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    if image.mode == "RGBA":
        png = _save(image, "PNG")
        if len(png) <= MAX_UPLOAD_BYTES:
            return png, "PNG", image.size
        # JPEG has no alpha; flatten onto white so hidden pixels do not show through.
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    while True:
        for quality in _JPEG_QUALITIES:
            # No `optimize=True`: it makes Pillow encode the whole image in one C call that
            # holds the GIL, the window frozen meanwhile (bench: heartbeat_max_ms); plain
            # Huffman tables cost a little size and encode in small GIL-releasing steps.
            jpeg = _save(image, "JPEG", quality=quality)
            if len(jpeg) <= MAX_UPLOAD_BYTES:
                return jpeg, "JPEG", image.size
        w, h = image.size
        image = image.resize((max(1, w * 3 // 4), max(1, h * 3 // 4)), Image.Resampling.LANCZOS)


def _data_uri(mime: str, data: bytes) -> str:
    # In 3 MiB slices (a multiple of 3 bytes, so the pieces join into one valid base64 text):
    # one b64encode over a big image would hold the GIL and stall the window's thread (bench:
    # heartbeat_max_ms).
    step = 3 << 20
    encoded = b"".join(base64.b64encode(data[i : i + step]) for i in range(0, len(data), step))
    return f"data:{mime};base64,{encoded.decode('ascii')}"


def _prepare_bytes(data: bytes, label: str, source: str, same_uri: str | None) -> PreparedImage:
    """`same_uri`: the data URI the user gave, sent as is when the bytes can go unchanged."""
    sha = hashlib.sha256(data).hexdigest()
    decoded = _decode(data, label, reduce_to=MAX_EDGE)
    w, h = decoded.shown_size
    animated = bool(getattr(decoded.image, "is_animated", False))  # send a still: frame one
    if (
        decoded.orientation == 1
        and not animated
        and max(w, h) <= MAX_EDGE
        and len(data) <= MAX_UPLOAD_BYTES
    ):
        original = _data_uri(_MIME[decoded.format], data)
        wire = (
            same_uri if same_uri is not None and _same_image_uri(same_uri, original) else original
        )
        return PreparedImage(source, wire, sha, w, h, resized=False)
    with _pillow_errors(label):
        oriented = ImageOps.exif_transpose(decoded.image) or decoded.image
        encoded, fmt, (w, h) = _encode(oriented)
    return PreparedImage(source, _data_uri(_MIME[fmt], encoded), sha, w, h, resized=True)


def _same_image_uri(given: str, canonical: str) -> bool:
    """The pasted URI already says the right type and carries the payload without line breaks
    (so it can go as is); otherwise the canonical form is sent."""
    head, _, payload = given.partition(",")
    c_head, _, c_payload = canonical.partition(",")
    return head.lower() == c_head and payload == c_payload


def decode_data_uri(text: str) -> bytes:
    """The bytes of a base64 `data:` image; `ImageError` saying what to do when it is not one."""
    head, comma, payload = text.partition(",")
    if not comma or not head.lower().endswith(";base64"):
        raise ImageError(
            msg(
                "{label} is not a base64 data URI. Save the image as a file and choose it instead.",
                label=_pasted(),
            )
        )
    try:
        data = base64.b64decode("".join(payload.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImageError(
            msg(
                "{label} is damaged (its base64 does not decode). Save the image as a file and "
                "choose it instead.",
                label=_pasted(),
            ),
            detail=str(exc),
        ) from None
    if not data:
        raise ImageError(
            msg(
                "{label} is empty. Save the image as a file and choose it instead.",
                label=_pasted(),
            )
        )
    return data


# -- public -------------------------------------------------------------------------------------
# Every failure is an `ImageError` that names the file and says what to do; nothing else escapes,
# whatever bytes the file holds.


def inspect_image(path: str | Path) -> ImageInfo:
    """Size and format for a UI slot; raises `ImageError` for anything that would not send.
    Cheap: JPEGs decode at 1/8 scale, enough to prove every byte is there."""
    text = str(path)
    if is_link(text):
        raise ImageError(msg("Only local image files can be inspected. Choose a file."))
    p = local_path(text)
    data = read_file(p)
    decoded = _decode(data, file_label(p), reduce_to=1)
    w, h = decoded.shown_size
    return ImageInfo(p, w, h, decoded.format, len(data))


def prepare_image_sync(value: str) -> PreparedImage:
    """What one image slot sends. Blocking (decodes images): call `prepare_image` from async
    code. Raises `ImageError`."""
    text = value.strip()
    path = _file_named(text)
    # Local files always travel inline: some gateways fetch URLs, some accept only data URIs.
    if path is not None:
        return _prepare_bytes(read_file(path), file_label(path), text, None)
    if is_url(text):
        return PreparedImage(text, text, None, None, None, resized=False)
    if not is_data_uri(text):
        raise ImageError(
            msg(
                "{label} is not an image data URI. Save the image as a file and choose it instead.",
                label=_pasted(),
            )
        )
    return _prepare_bytes(decode_data_uri(text), _pasted(), text, text)


def check_local(values: Sequence[str]) -> None:
    """Cheap checks of the local files among `values` (regular, readable, not too large; not
    decoded), so a bad path is refused before a job is written. Raises `ImageError`."""
    for value in values:
        path = _file_named(value.strip())
        if path is not None:
            check_file(path)


def _file_named(text: str) -> Path | None:
    """The local file a slot's (stripped) value names; None for a link or a data URI. An empty
    slot or pasted raw base64 is an `ImageError`."""
    if not text:
        raise ImageError(msg("An image slot is empty. Add an image or clear the slot."))
    if is_link(text):
        return None
    if _looks_like_base64(text) and not os.path.lexists(text):
        raise ImageError(
            msg(
                "That looks like raw base64 image data, which is not accepted. Save the image as "
                "a file (PNG, JPEG or WebP) and choose it, or paste a full data:image/… URI or a "
                "link."
            )
        )
    return local_path(text)


# Decoding runs on background.py's lower-priority pool: a big image must never freeze the window.
async def prepare_image(value: str) -> PreparedImage:
    return await in_background(prepare_image_sync, value)


async def prepare_images(values: Sequence[str]) -> list[PreparedImage]:
    """Concurrently (Pillow decodes without the GIL), order preserved."""
    return list(await asyncio.gather(*(prepare_image(v) for v in values)))


def aspect_mismatch(info_aspect: float, aspect_ratio: str, tolerance: float = 0.03) -> bool:
    """Whether an image's aspect (width/height) differs from `aspect_ratio` ("16:9", "9:16") by
    more than `tolerance`, relative. Unknown or malformed input is never a mismatch."""
    try:
        w, h = (float(x) for x in aspect_ratio.split(":"))
    except ValueError:
        return False
    if not (w > 0 and h > 0 and math.isfinite(w / h)) or not info_aspect > 0:
        return False
    target = w / h
    return abs(info_aspect - target) / target > tolerance
