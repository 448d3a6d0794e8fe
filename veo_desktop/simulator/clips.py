"""Real MP4s a person can recognise: H.264 (+ AAC when audio is on) at 24 fps, in the requested
aspect ratio, showing the prompt on screen; image modes move from the given first frame toward
the given last frame. Made with PyAV and Pillow, no Qt."""

from __future__ import annotations

import hashlib
import math
import struct
import textwrap
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFont, ImageOps

FPS = 24
SAMPLE_RATE = 48_000
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Latin and CJK in one face
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
RESOLUTION_HEIGHT = {"720p": 720, "1080p": 1080, "4k": 2160}


@lru_cache(maxsize=16)
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def frame_size(aspect_ratio: str, resolution: str, max_height: int) -> tuple[int, int]:
    short = min(RESOLUTION_HEIGHT.get(resolution, 720), max_height)
    long = short * 16 // 9
    w, h = (long, short) if aspect_ratio != "9:16" else (short, long)
    return w - w % 2, h - h % 2


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
    """A slowly turning two-colour gradient: a tiny image scaled up (cheap per frame)."""
    s = 0.5 + 0.5 * math.sin(t * math.tau / 4)
    c1 = tuple(int(x * (1 - s) + y * s) for x, y in zip(a, b, strict=True))
    c2 = tuple(int(y * (1 - s) + x * s) for x, y in zip(a, b, strict=True))
    tiny = Image.new("RGB", (2, 2))
    tiny.putdata([c1, c2, c2, c1])  # type: ignore[list-item]
    return tiny.resize(size, Image.Resampling.BILINEAR)


def _cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    return ImageOps.fit(image.convert("RGB"), size, Image.Resampling.BILINEAR)


def _zoom(image: Image.Image, amount: float) -> Image.Image:
    """Ken Burns: crop toward the centre by `amount` (0..~0.15) and scale back."""
    w, h = image.size
    dx, dy = int(w * amount / 2), int(h * amount / 2)
    return image.crop((dx, dy, w - dx, h - dy)).resize((w, h), Image.Resampling.BILINEAR)


def _caption_band(size: tuple[int, int], prompt: str) -> Image.Image:
    w, h = size
    band = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    fsize = max(10, h // 18)
    f = font(fsize)
    chars = max(12, int(w / (fsize * 0.55)))
    lines = textwrap.wrap(prompt.strip() or "(no prompt)", width=chars)[:3]
    if not lines:
        return band
    line_h = int(fsize * 1.3)
    top = h - line_h * len(lines) - h // 12
    draw.rectangle((0, top - line_h // 3, w, h), fill=(0, 0, 0, 140))
    for i, line in enumerate(lines):
        draw.text((w // 24, top + i * line_h), line, font=f, fill=(255, 255, 255, 255))
    return band


def _tone(seconds: float, freq: float) -> list[bytes]:
    """Stereo float planes of a soft two-note tone."""
    n = int(seconds * SAMPLE_RATE)
    left = bytearray()
    right = bytearray()
    for i in range(n):
        t = i / SAMPLE_RATE
        env = min(1.0, t * 4, (seconds - t) * 4)
        v = 0.2 * env * math.sin(math.tau * freq * t)
        left += struct.pack("<f", v)
        right += struct.pack("<f", 0.2 * env * math.sin(math.tau * freq * 1.5 * t))
    return [bytes(left), bytes(right)]


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
    model: str = "",
    max_height: int = 720,
) -> None:
    size = frame_size(aspect_ratio, resolution, max_height)
    total = max(1, round(duration * FPS))
    first = _cover(first_image, size) if first_image is not None else None
    last = _cover(last_image, size) if last_image is not None else None
    refs = [_cover(r, size) for r in references or []]
    colour_a, colour_b = _colours(f"{prompt}|{seed}")
    band = _caption_band(size, prompt)
    label_font = font(max(9, size[1] // 28))

    container = av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"})
    try:
        vstream = container.add_stream("libx264", rate=FPS)
        vstream.width, vstream.height = size
        vstream.pix_fmt = "yuv420p"
        vstream.options = {"preset": "ultrafast", "tune": "stillimage", "crf": "28"}
        astream = None
        if audio:
            astream = container.add_stream("aac", rate=SAMPLE_RATE, layout="stereo")
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
            rgba = frame.convert("RGBA")
            if not (last is not None and i == total - 1):  # the last frame is the given one
                rgba.alpha_composite(band)
                ImageDraw.Draw(rgba).text(
                    (size[0] // 40, size[1] // 40),
                    f"Veo simulator · {model} · t={t:.2f}s",
                    font=label_font,
                    fill=(255, 255, 255, 230),
                )
            vf = av.VideoFrame.from_image(rgba.convert("RGB"))
            for packet in vstream.encode(vf):
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
    planes = _tone(duration, 220 + hue)
    chunk = 1024
    n = len(planes[0]) // 4
    pts = 0
    for start in range(0, n, chunk):
        count = min(chunk, n - start)
        frame = av.AudioFrame(format="fltp", layout="stereo", samples=count)
        for ch in range(2):
            frame.planes[ch].update(
                planes[ch][start * 4 : (start + count) * 4].ljust(
                    frame.planes[ch].buffer_size, b"\0"
                )
            )
        frame.sample_rate = SAMPLE_RATE
        frame.pts = pts
        frame.time_base = Fraction(1, SAMPLE_RATE)
        pts += count
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)


def last_frame(path: Path) -> Image.Image | None:
    """The final frame of a clip (to continue it when extending)."""
    try:
        with av.open(str(path)) as c:
            image = None
            for frame in c.decode(video=0):
                image = frame.to_image()
            return image
    except (av.FFmpegError, OSError):
        return None
