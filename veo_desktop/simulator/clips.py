"""Real MP4s a person can recognise (H.264, AAC with audio, the prompt on screen; image modes move
from the first frame toward the last), and the input images decoded. PyAV and Pillow only."""

from __future__ import annotations

import base64
import hashlib
import io
import math
import re
import struct
import urllib.request
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import av
from PIL import Image, ImageDraw, ImageFont, ImageOps

FPS = 24
SAMPLE_RATE = 48_000
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Latin and CJK in one face
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
RESOLUTION_HEIGHT = {"720p": 720, "1080p": 1080, "4k": 2160}
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
# A wrap unit: a run of non-CJK text with its trailing spaces, or one CJK character (CJK text
# has no spaces, so it may break between any two characters).
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_WRAP_UNITS = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+\\s*|\\s+")


@lru_cache(maxsize=16)
def font(size: int) -> Font:
    for path in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def frame_size(aspect_ratio: str, resolution: str, max_height: int) -> tuple[int, int]:
    """16:9 → height from the resolution (capped), width = height*16/9; 9:16 is the transpose.
    Both even, as yuv420p needs."""
    short = min(RESOLUTION_HEIGHT.get(resolution, 720), max_height)
    short -= short % 2
    long = round(short * 16 / 9)
    long -= long % 2
    return (short, long) if aspect_ratio == "9:16" else (long, short)


def wrap(text: str, face: Font, max_width: int, max_lines: int = 3) -> list[str]:
    """Greedy wrap by measured pixel width, so CJK (full-width, spaceless) wraps as well as
    Latin; the last line gets an ellipsis when text is left over."""
    lines: list[str] = []
    line = ""
    for unit in _WRAP_UNITS.findall(" ".join(text.split())):
        if line and face.getlength((line + unit).rstrip()) > max_width:
            lines.append(line.rstrip())
            line = unit.lstrip()
        else:
            line += unit
        while face.getlength(line.rstrip()) > max_width and len(line) > 1:  # an over-long word
            cut = len(line) - 1
            while cut > 1 and face.getlength(line[:cut]) > max_width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        tail = lines[max_lines - 1].rstrip(" .")
        while tail and face.getlength(tail + "…") > max_width:
            tail = tail[:-1]
        lines = [*lines[: max_lines - 1], tail + "…"]
    return lines


def load_image(value: Any, size_hint: tuple[int, int] = (640, 360)) -> Image.Image:
    """A data URI, raw base64 or a loopback URL; anything else becomes a card that says the
    image could not be fetched (the simulator never goes beyond this machine)."""
    text = str(value or "").strip()
    try:
        if text.startswith("data:"):
            return Image.open(io.BytesIO(base64.b64decode(text.split(",", 1)[1]))).convert("RGB")
        if text.lower().startswith(("http://", "https://")):
            host = urlsplit(text).hostname or ""
            if host == "localhost" or host.startswith("127."):
                with urllib.request.urlopen(text, timeout=5) as r:
                    return Image.open(io.BytesIO(r.read())).convert("RGB")
            return _card(size_hint, f"Image not fetched (offline simulator):\n{host}")
        return Image.open(io.BytesIO(base64.b64decode(text, validate=True))).convert("RGB")
    except Exception:  # any unreadable input still yields a video, as a tolerant gateway would
        return _card(size_hint, "Image could not be read")


def _card(size: tuple[int, int], text: str) -> Image.Image:
    card = Image.new("RGB", size, (70, 70, 80))
    ImageDraw.Draw(card).multiline_text((20, 20), text, font=font(22), fill=(230, 230, 230))
    return card


def _colours(key: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    d = hashlib.sha256(key.encode("utf-8")).digest()
    return (40 + d[0] % 150, 40 + d[1] % 150, 60 + d[2] % 150), (
        30 + d[3] % 120,
        60 + d[4] % 150,
        40 + d[5] % 150,
    )


def _gradient(
    size: tuple[int, int], a: tuple[int, int, int], b: tuple[int, int, int], t: float
) -> Image.Image:
    """A slowly turning two-colour gradient: a 2x2 image scaled up (cheap per frame)."""
    s = 0.5 + 0.5 * math.sin(t * math.tau / 4)
    c1 = tuple(int(x * (1 - s) + y * s) for x, y in zip(a, b, strict=True))
    c2 = tuple(int(y * (1 - s) + x * s) for x, y in zip(a, b, strict=True))
    tiny = Image.new("RGB", (2, 2))
    tiny.putdata([c1, c2, c2, c1])
    image = tiny.resize(size, Image.Resampling.BILINEAR)
    # A drifting disc, so even a still-looking gradient visibly plays.
    w, h = size
    r = min(w, h) // 6
    x = w / 2 + (w / 2 - r) * math.sin(t * math.tau / 6)
    y = h * 0.4 + h * 0.15 * math.cos(t * math.tau / 3)
    glow = tuple(min(255, c + 70) for c in c2)
    ImageDraw.Draw(image).ellipse((x - r, y - r, x + r, y + r), fill=glow)
    return image


def _cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    return ImageOps.fit(image.convert("RGB"), size, Image.Resampling.BILINEAR)


def _zoom(image: Image.Image, amount: float) -> Image.Image:
    """Ken Burns: crop toward the centre by `amount` (0..~0.15) and scale back."""
    w, h = image.size
    dx, dy = int(w * amount / 2), int(h * amount / 2)
    return image.crop((dx, dy, w - dx, h - dy)).resize((w, h), Image.Resampling.BILINEAR)


def _caption(size: tuple[int, int], prompt: str) -> tuple[int, Image.Image]:
    """The prompt on a dark translucent band for the bottom third: (top y, RGBA band)."""
    w, h = size
    fsize = max(10, min(w, h) // 16)
    face = font(fsize)
    lines = wrap(prompt.strip() or "(no prompt)", face, w - 2 * (w // 24))
    line_h = int(fsize * 1.3)
    band_h = line_h * len(lines) + line_h // 2 + h // 30
    band = Image.new("RGBA", (w, band_h), (0, 0, 0, 140))
    draw = ImageDraw.Draw(band)
    for i, line in enumerate(lines):
        draw.text((w // 24, line_h // 4 + i * line_h), line, font=face, fill=(255, 255, 255, 255))
    return h - band_h - h // 30, band


def _tone(seconds: float, hue: int) -> list[bytes]:
    """Stereo float32 planes of a soft fifth. One period is computed and repeated (fast); only
    the short fade-in and fade-out are computed per sample."""
    n = int(seconds * SAMPLE_RATE)
    planes = []
    for period in (SAMPLE_RATE // (220 + hue), SAMPLE_RATE * 2 // (3 * (220 + hue))):
        cycle = struct.pack(
            f"<{period}f", *(0.2 * math.sin(math.tau * i / period) for i in range(period))
        )
        data = bytearray((cycle * (n // period + 1))[: n * 4])
        fade = min(n // 2, SAMPLE_RATE // 4)
        for i in range(fade):
            for j in (i, n - 1 - i):
                (v,) = struct.unpack_from("<f", data, j * 4)
                struct.pack_into("<f", data, j * 4, v * i / fade)
        planes.append(bytes(data))
    return planes


def render_clip(
    path: Path,
    *,
    prompt: str,
    aspect_ratio: str = "16:9",
    resolution: str = "720p",
    duration: float = 8,
    audio: bool = True,
    first_image: Image.Image | None = None,
    last_image: Image.Image | None = None,
    references: list[Image.Image] | None = None,
    seed: int | None = None,
    max_height: int = 720,
    model: str = "",
) -> None:
    """Write the clip to `path`. With both images the last frame IS `last_image` (no caption
    on it: the prompt fades out), so a client's "continue from the last frame" gets it back."""
    size = frame_size(aspect_ratio, resolution, max_height)
    total = max(1, round(duration * FPS))
    first = _cover(first_image, size) if first_image is not None else None
    last = _cover(last_image, size) if last_image is not None else None
    refs = [_cover(r, size) for r in references or []]
    colour_a, colour_b = _colours(f"{prompt}|{seed}")
    band_top, band = _caption(size, prompt)
    band_rgb, band_alpha = band.convert("RGB"), band.getchannel("A")
    label_font = font(max(9, min(size) // 24))

    container = av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"})
    try:
        vstream = container.add_stream("libx264", rate=FPS)
        vstream.width, vstream.height = size
        vstream.pix_fmt = "yuv420p"
        vstream.options = {"preset": "ultrafast", "crf": "28"}
        # Every stream must exist before the first packet is muxed (the MP4 header).
        astream = container.add_stream("aac", rate=SAMPLE_RATE, layout="stereo") if audio else None
        for i in range(total):
            t = i / FPS
            p = i / (total - 1) if total > 1 else 1.0
            if first is not None and last is not None:
                frame = Image.blend(_zoom(first, 0.12 * p), last, p)
            elif first is not None:
                frame = _zoom(first, 0.15 * p)
            elif refs:
                k = min(len(refs) - 1, int(p * len(refs)))
                frame = _zoom(refs[k], 0.1 * ((p * len(refs)) % 1))
            else:
                frame = _gradient(size, colour_a, colour_b, t)
            # In frames mode the overlay fades out over the last half second.
            opacity = min(1.0, (total - 1 - i) / (FPS / 2)) if last is not None else 1.0
            if opacity > 0:
                mask = band_alpha if opacity >= 1 else band_alpha.point(lambda a, o=opacity: a * o)
                frame.paste(band_rgb, (0, band_top), mask)
                ImageDraw.Draw(frame).text(
                    (size[0] // 40, size[1] // 40),
                    f"Veo simulator · {model} · t={t:.2f}s",
                    font=label_font,
                    fill=(255, 255, 255),
                )
            for packet in vstream.encode(av.VideoFrame.from_image(frame)):
                container.mux(packet)
        for packet in vstream.encode():
            container.mux(packet)
        if astream is not None:
            _encode_audio(container, astream, duration, colour_a[0])
    finally:
        container.close()


def _encode_audio(
    container: av.container.OutputContainer, stream: av.audio.AudioStream, duration: float, hue: int
) -> None:
    planes = _tone(duration, hue)
    chunk = 1024  # the AAC encoder's frame size
    n = len(planes[0]) // 4
    for start in range(0, n, chunk):
        count = min(chunk, n - start)
        frame = av.AudioFrame(format="fltp", layout="stereo", samples=count)
        for ch in range(2):
            piece = planes[ch][start * 4 : (start + count) * 4]
            frame.planes[ch].update(piece.ljust(frame.planes[ch].buffer_size, b"\0"))
        frame.sample_rate = SAMPLE_RATE
        frame.pts = start
        frame.time_base = Fraction(1, SAMPLE_RATE)
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)


def render_request(
    path: Path,
    body: dict[str, Any],
    mode: str,
    *,
    resolution: str,
    max_height: int,
    source: Path | None = None,
) -> None:
    """The clip for a validated request body in `mode`; an extension continues `source` (a
    clip of this simulator) from its last frame, in its shape, for 7 s."""
    extra = body.get("extra_body") or {}
    ratio = str(body.get("aspect_ratio") or "16:9")
    first = load_image(body.get("image")) if mode in ("image", "frames") else None
    last = load_image(body.get("last_image")) if mode == "frames" else None
    refs = [load_image(v) for v in body.get("images") or []] if mode == "reference" else []
    if source is not None and (first := last_frame(source)) is not None:
        ratio = "9:16" if first.height > first.width else "16:9"
    render_clip(
        path,
        prompt=str(body.get("prompt") or ""),
        aspect_ratio=ratio,
        resolution=resolution,
        duration=7 if mode == "extend" else int(body.get("duration") or 8),
        audio=extra.get("generate_audio", True) is not False,
        first_image=first,
        last_image=last,
        references=refs,
        seed=extra.get("seed") if isinstance(extra.get("seed"), int) else None,
        max_height=max_height,
        model=str(body.get("model") or ""),
    )


def last_frame(path: Path) -> Image.Image | None:
    """The final frame of a clip (where an extension continues from)."""
    try:
        with av.open(str(path)) as c:
            image = None
            for frame in c.decode(video=0):
                image = frame.to_image()
            return image
    except (av.FFmpegError, OSError):
        return None
