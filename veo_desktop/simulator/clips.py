"""Real MP4s shaped like Veo's (true size, start and end frames exact, an extension holding its
source) that a person can recognise by the prompt on screen; input images decoded."""

from __future__ import annotations

import base64
import hashlib
import io
import math
import re
import urllib.request
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import av
from PIL import Image, ImageDraw, ImageFont, ImageOps

from . import sound
from .sound import SAMPLE_RATE

FPS = 24
EXTENSION_SECONDS = 7
DRAW_SHORT = 540
"""The short side in-between frames are drawn at (see draw_size)."""
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


def frame_size(
    aspect_ratio: str, resolution: str, max_height: int | None = None
) -> tuple[int, int]:
    """The model's true size: 16:9 is 1280x720, 1920x1080 or 3840x2160 and 9:16 its transpose.
    `max_height` caps the short side (a small preview); both sides stay even, as yuv420p needs."""
    short = RESOLUTION_HEIGHT.get(resolution, 720)
    if max_height is not None:
        short = min(short, max_height)
    short -= short % 2
    long = round(short * 16 / 9)
    long -= long % 2
    return (short, long) if aspect_ratio == "9:16" else (long, short)


def draw_size(size: tuple[int, int]) -> tuple[int, int]:
    """Where the in-between frames are drawn: at most DRAW_SHORT on the short side, then scaled
    up to `size` by swscale (drawing with Pillow at 4k would cost seconds per clip)."""
    scale = min(1.0, DRAW_SHORT / min(size))
    w, h = (max(2, round(side * scale)) for side in size)
    return w - w % 2, h - h % 2


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
    if amount <= 0:
        return image.copy()
    dx, dy = w * amount / 2, h * amount / 2
    return image.resize((w, h), Image.Resampling.BILINEAR, box=(dx, dy, w - dx, h - dy))


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


Picture = Image.Image | av.VideoFrame
"""A frame to encode: a Pillow image (any size, scaled to the clip's) or a decoded frame."""


class _Video:
    """The video track being written: every picture is scaled to the clip's size and numbered,
    so drawn frames, exact images and a source's decoded frames mix in one stream."""

    def __init__(self, container: av.container.OutputContainer, size: tuple[int, int]) -> None:
        self.container, self.size, self.count = container, size, 0
        self.stream = container.add_stream("libx264", rate=FPS)
        self.stream.width, self.stream.height = size
        self.stream.pix_fmt = "yuv420p"
        self.stream.options = {"preset": "ultrafast", "crf": "28"}

    def put(self, picture: Picture) -> None:
        frame = av.VideoFrame.from_image(picture) if isinstance(picture, Image.Image) else picture
        if (frame.width, frame.height) != self.size or frame.format.name != "yuv420p":
            frame = frame.reformat(width=self.size[0], height=self.size[1], format="yuv420p")
        frame.pts, frame.time_base = self.count, Fraction(1, FPS)
        frame.pict_type = av.video.frame.PictureType.NONE  # a source's I/P/B: x264 chooses anew
        self.count += 1
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def finish(self) -> None:
        for packet in self.stream.encode():
            self.container.mux(packet)


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
    max_height: int | None = None,
    model: str = "",
    source: Path | None = None,
) -> None:
    """Write the clip to `path` at the model's true size (`max_height`: a small preview). As
    real Veo does, frame 0 IS the start image (cover-fitted) and with an end image the last
    frame IS that one: the overlay fades in and out around them. An extension (`source`) is the
    source's frames re-encoded, then `duration` s continuing from its last one, in its shape."""
    lead = _Lead.of(source) if source is not None else None
    size = lead.size if lead is not None else frame_size(aspect_ratio, resolution, max_height)
    small = draw_size(size)
    total = max(1, round(duration * FPS))
    first = _cover(first_image, size) if first_image is not None else None
    last = _cover(last_image, size) if last_image is not None else None
    refs = [_cover(r, small) for r in references or []]
    colour_a, colour_b = _colours(f"{prompt}|{seed}")
    overlay = _Overlay(small, prompt, model)

    container = av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"})
    try:
        video = _Video(container, size)
        # Every stream must exist before the first packet is muxed (the MP4 header).
        astream = container.add_stream("aac", rate=SAMPLE_RATE, layout="stereo") if audio else None
        start: Picture | None = first
        if lead is not None and (start := lead.copy_into(video)) is not None:
            first = _to_image(start)
        first_small = first.resize(small, Image.Resampling.BILINEAR) if first else None
        last_small = last.resize(small, Image.Resampling.BILINEAR) if last else None
        for i in range(total):
            p = i / (total - 1) if total > 1 else 1.0
            if i == 0 and start is not None:
                video.put(start)  # exactly the start image (or the source's last frame)
                continue
            if i == total - 1 and last is not None:
                video.put(last)
                continue
            if first_small is not None and last_small is not None:
                frame = Image.blend(_zoom(first_small, 0.12 * p), last_small, p)
            elif first_small is not None:
                frame = _zoom(first_small, 0.15 * p)
            elif refs:
                k = min(len(refs) - 1, int(p * len(refs)))
                frame = _zoom(refs[k], 0.1 * ((p * len(refs)) % 1))
            else:
                frame = _gradient(small, colour_a, colour_b, i / FPS)
            # The overlay fades in over half a second after a start image, out before an end.
            opacity = min(1.0, 2 * i / FPS) if first is not None else 1.0
            if last is not None:
                opacity = min(opacity, 2 * (total - 1 - i) / FPS)
            overlay.draw(frame, i / FPS, opacity)
            video.put(frame)
        video.finish()
        if astream is not None:
            planes = sound.tone(duration, colour_a[0])
            if lead is not None:
                before = sound.source_sound(lead.path, lead.seconds)
                planes = [a + b for a, b in zip(before, planes, strict=True)]
            sound.encode(container, astream, planes)
    finally:
        container.close()


class _Overlay:
    """The prompt on a translucent band and a "Veo simulator · model · t=" label, drawn onto a
    frame at any opacity."""

    def __init__(self, size: tuple[int, int], prompt: str, model: str) -> None:
        self.size, self.model = size, model
        self.band_top, band = _caption(size, prompt)
        self.band_rgb, self.band_alpha = band.convert("RGB"), band.getchannel("A")
        fsize = max(9, min(size) // 24)
        self.font, self.label_h = font(fsize), 2 * fsize + size[1] // 40

    def draw(self, frame: Image.Image, t: float, opacity: float) -> None:
        if opacity <= 0:
            return
        alpha = self.band_alpha
        if opacity < 1:
            alpha = alpha.point(lambda a: round(a * opacity))
        frame.paste(self.band_rgb, (0, self.band_top), alpha)
        w, h = self.size
        label = Image.new("L", (w, self.label_h))
        text = f"Veo simulator · {self.model} · t={t:.2f}s"
        ImageDraw.Draw(label).text((w // 40, h // 40), text, font=self.font, fill=255)
        if opacity < 1:
            label = label.point(lambda a: round(a * opacity))
        frame.paste((255, 255, 255), (0, 0), label)


class _Lead:
    """An extension's source clip: its frames come first, and the new footage starts from the
    last of them."""

    def __init__(self, path: Path, size: tuple[int, int], seconds: float) -> None:
        self.path, self.size, self.seconds = path, size, seconds

    @classmethod
    def of(cls, path: Path) -> _Lead | None:
        """None when the clip cannot be read (the extension then starts from nothing)."""
        try:
            with av.open(str(path)) as c:
                v = c.streams.video[0]
                frames = v.frames or sum(1 for _ in c.demux(v)) - 1  # the last packet flushes
                return cls(path, (v.codec_context.width, v.codec_context.height), frames / FPS)
        except (av.FFmpegError, OSError, IndexError):
            return None

    def copy_into(self, video: _Video) -> av.VideoFrame | None:
        """Re-encode every frame into `video`; the last one."""
        last = None
        with av.open(str(self.path)) as c:
            for frame in c.decode(video=0):
                video.put(frame)
                last = frame
        return last


def _to_image(picture: Picture) -> Image.Image:
    if isinstance(picture, Image.Image):
        return picture
    image: Image.Image = picture.to_image()
    return image.convert("RGB")


def render_request(
    path: Path,
    body: dict[str, Any],
    mode: str,
    *,
    resolution: str,
    max_height: int | None = None,
    source: Path | None = None,
) -> None:
    """The clip for what reached upstream (a request body in `mode`); an extension continues
    `source` (a clip of this simulator) from its last frame, in its shape, for 7 s."""
    extra = body.get("extra_body") or {}
    first = load_image(body.get("image")) if mode in ("image", "frames") else None
    last = load_image(body.get("last_image")) if mode == "frames" else None
    refs = [load_image(v) for v in body.get("images") or []] if mode == "reference" else []
    render_clip(
        path,
        prompt=str(body.get("prompt") or ""),
        aspect_ratio=str(body.get("aspect_ratio") or "16:9"),
        resolution=resolution,
        duration=EXTENSION_SECONDS if mode == "extend" else int(body.get("duration") or 8),
        audio=extra.get("generate_audio", True) is not False,
        first_image=first,
        last_image=last,
        references=refs,
        seed=extra.get("seed") if isinstance(extra.get("seed"), int) else None,
        max_height=max_height,
        model=str(body.get("model") or ""),
        source=source if mode == "extend" else None,
    )
