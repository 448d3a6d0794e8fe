"""clip_check_s: `run_checks` on an 8 s 1080p First + Last clip with sound (every check that
applies). `--calibrate` measures the frame checks' distances on honest and dishonest clips."""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps

from veo_desktop.core.checks import measure
from veo_desktop.core.checks.clip_checks import ClipInputs, run_checks
from veo_desktop.core.checks.perceptual import nearest
from veo_desktop.core.request.models import Mode, Model
from veo_desktop.simulator.clips import font, render_clip

from .common import Figure

Colour = tuple[int, int, int]


def run(work: Path, repeats: int) -> Figure:
    folder = work / "clip_check"
    folder.mkdir(exist_ok=True)
    start, end = folder / "start.png", folder / "end.png"
    picture(11, (1920, 1080)).save(start)
    picture(12, (1920, 1080)).save(end)
    clip = folder / "frames-1080p.mp4"
    render_clip(
        clip,
        prompt="a bench clip from the first picture to the last",
        resolution="1080p",
        max_height=1080,
        duration=8,
        audio=True,
        first_image=Image.open(start),
        last_image=Image.open(end),
    )
    inputs = ClipInputs(Mode.FRAMES, Model.FAST_1080P.value, 8, "16:9", True, start, end)
    run_checks(clip, inputs)  # warm: imports, decoder, fonts
    seconds: list[float] = []
    for _ in range(repeats):
        t = time.perf_counter()
        checks = run_checks(clip, inputs)
        seconds.append(time.perf_counter() - t)
    failed = [c.name for c in checks if not c.ok]
    return Figure(
        "clip_check_s",
        "run_checks on an 8 s 1080p First + Last clip with sound",
        seconds,
        1.0,
        unit=" s",
        note=f"{len(checks)} checks ({', '.join(c.name for c in checks)}); "
        f"failed: {', '.join(failed) or 'none'}",
    )


# -- calibration pictures: structured stand-ins for photos (none are available offline) ----------


def picture(seed: int, size: tuple[int, int]) -> Image.Image:
    """One of eight kinds of picture: shapes on a gradient, a landscape, a text poster, a soft
    texture, a portrait, fine noise and stripes, a flat colour (as the e2e tests use), night."""
    r = random.Random(seed)
    w, h = size
    kind = seed % 8
    if kind == 0:
        img = _blend4(r, size)
        draw = ImageDraw.Draw(img)
        for _ in range(r.randint(3, 8)):
            x, y, s = r.randrange(w), r.randrange(h), r.randint(h // 10, h // 2)
            (draw.ellipse if r.random() < 0.5 else draw.rectangle)(
                (x - s, y - s, x + s, y + s), fill=_colour(r)
            )
    elif kind == 1:
        img = _blend4(r, size, sky=True)
        draw = ImageDraw.Draw(img)
        horizon = int(h * r.uniform(0.4, 0.7))
        sx, sy, sr = r.randrange(w), r.randrange(horizon), r.randint(h // 20, h // 8)
        draw.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=(255, r.randint(180, 255), 120))
        ridge = [(x, horizon - r.randint(0, h // 3)) for x in range(0, w + 1, max(1, w // 8))]
        draw.polygon([(0, horizon), *ridge, (w, horizon)], fill=_colour(r, 20, 120))
        draw.rectangle((0, horizon, w, h), fill=_colour(r, 20, 160))
    elif kind == 2:
        img = Image.new("RGB", size, _colour(r))
        draw = ImageDraw.Draw(img)
        for _ in range(r.randint(1, 3)):
            word = r.choice(["SUMMER", "Dawn", "猫と犬", "CITY 42", "Hello", "落日", "ROAD"])
            at = (r.randrange(w // 2), r.randrange(h * 2 // 3))
            draw.text(at, word, font=font(r.randint(h // 8, h // 3)), fill=_colour(r))
    elif kind == 3:
        img = _blend4(r, size, cells=(r.randint(3, 9), r.randint(2, 6)))
        _discs(ImageDraw.Draw(img), r, size, r.randint(1, 4), (h // 12, h // 4))
    elif kind == 4:
        img = _blend4(r, size, cells=(4, 3)).filter(ImageFilter.GaussianBlur(h // 40))
        draw = ImageDraw.Draw(img)
        cx = int(w * r.uniform(0.3, 0.7))
        skin = (r.randint(150, 240), r.randint(100, 190), r.randint(70, 160))
        draw.ellipse((cx - h // 6, h // 6, cx + h // 6, h // 2 + h // 12), fill=skin)
        draw.ellipse((cx - h // 2, h * 2 // 3, cx + h // 2, h * 3 // 2), fill=_colour(r, 0, 200))
        for side in (-1, 1):
            ex = cx + side * h // 18
            draw.ellipse((ex - h // 60, h // 3 - h // 40, ex + h // 60, h // 3 + h // 40), 0)
    elif kind == 5:
        noise = Image.effect_noise(size, r.randint(20, 60)).convert("RGB")
        img = Image.blend(noise, _blend4(r, size), 0.6)
        draw = ImageDraw.Draw(img)
        step, colour = r.randint(h // 12, h // 5), _colour(r)
        for x in range(0, w, step * 2):
            if r.random() < 0.7:
                draw.rectangle((x, 0, x + step, h), fill=colour)
    elif kind == 6:
        img = Image.new("RGB", size, _colour(r))
        if r.random() < 0.5:
            x = r.randrange(w)
            ImageDraw.Draw(img).rectangle((x, h // 3, x + w // 6, h * 2 // 3), fill=_colour(r))
    else:
        img = ImageEnhance.Brightness(_blend4(r, size)).enhance(r.uniform(0.1, 0.3))
        _discs(ImageDraw.Draw(img), r, size, r.randint(5, 20), (2, max(3, h // 25)), light=True)
    return img


def _colour(r: random.Random, lo: int = 0, hi: int = 255) -> Colour:
    return (r.randint(lo, hi), r.randint(lo, hi), r.randint(lo, hi))


def _blend4(
    r: random.Random, size: tuple[int, int], cells: tuple[int, int] = (2, 2), sky: bool = False
) -> Image.Image:
    tiny = Image.new("RGB", cells)
    tiny.putdata([_colour(r, 80 if sky else 0) for _ in range(cells[0] * cells[1])])
    return tiny.resize(
        size, Image.Resampling.BICUBIC if cells != (2, 2) else Image.Resampling.BILINEAR
    )


def _discs(
    draw: ImageDraw.ImageDraw,
    r: random.Random,
    size: tuple[int, int],
    count: int,
    radius: tuple[int, int],
    light: bool = False,
) -> None:
    for _ in range(count):
        x, y, s = r.randrange(size[0]), r.randrange(size[1]), r.randint(*radius)
        fill = (255, r.randint(180, 255), r.randint(80, 200)) if light else _colour(r)
        draw.ellipse((x - s, y - s, x + s, y + s), fill=fill)


# -- honest drift: what a gateway or the model may do to a picture and still have followed it -----


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def _zoom(img: Image.Image, amount: float) -> Image.Image:
    w, h = img.size
    dx, dy = w * amount / 2, h * amount / 2
    return img.resize((w, h), Image.Resampling.BILINEAR, box=(dx, dy, w - dx, h - dy))


def _shift(img: Image.Image, fx: float, fy: float) -> Image.Image:
    w, h = img.size
    matrix = (1, 0, -fx * w, 0, 1, -fy * h)
    edge = img.getpixel((w // 2, h // 2))
    return img.transform(img.size, Image.Transform.AFFINE, matrix, fillcolor=edge)


def _cast(img: Image.Image, k: float) -> Image.Image:
    r, g, b = img.split()
    return Image.merge("RGB", (r.point(lambda v: min(255, v * k)), g, b.point(lambda v: v / k)))


def _marks(img: Image.Image) -> Image.Image:
    img = img.copy()
    draw, (w, h) = ImageDraw.Draw(img), img.size
    draw.text((w * 0.72, h * 0.88), "Veo · AI", font=font(h // 16), fill=(255, 255, 255))
    draw.text(
        (w * 0.03, h * 0.04), "a caption in a corner", font=font(h // 20), fill=(250, 250, 200)
    )
    return img


def _band(img: Image.Image) -> Image.Image:
    """The worst caption: a band over the bottom quarter at 55 % opacity, with text."""
    img = img.copy()
    w, h = img.size
    band = Image.new("RGB", (w, h - int(h * 0.75)), (0, 0, 0))
    text = "A long prompt shown as a caption across the bottom of the clip"
    ImageDraw.Draw(band).text((w // 24, band.height // 5), text, font=font(h // 16), fill="white")
    img.paste(band, (0, int(h * 0.75)), Image.new("L", band.size, 140))
    return img


def _bars(img: Image.Image) -> Image.Image:
    """Cinema bars: the picture squeezed between black bands, a tenth of the height each."""
    w, h = img.size
    inner = img.resize((w, h - 2 * (h // 10)), Image.Resampling.BILINEAR)
    out = Image.new("RGB", (w, h))
    out.paste(inner, (0, h // 10))
    return out


DRIFT: dict[str, Callable[[Image.Image], Image.Image]] = {
    "exact": lambda im: im,
    "jpeg q15": lambda im: _jpeg(im, 15),
    "blur 1": lambda im: im.filter(ImageFilter.GaussianBlur(1)),
    "blur 2": lambda im: im.filter(ImageFilter.GaussianBlur(2)),
    "brightness +10 %": lambda im: ImageEnhance.Brightness(im).enhance(1.1),
    "brightness -10 %": lambda im: ImageEnhance.Brightness(im).enhance(0.9),
    "colour cast 10 %": lambda im: _cast(im, 1.1),
    "zoom 3 %": lambda im: _zoom(im, 0.03),
    "zoom 8 %": lambda im: _zoom(im, 0.08),
    "shift 3 %": lambda im: _shift(im, 0.03, 0.02),
    "shift 8 % across": lambda im: _shift(im, 0.08, 0),
    "shift 8 % down": lambda im: _shift(im, 0, 0.08),
    "text marks": _marks,
    "caption band": _band,
    "cinema bars": _bars,
    "blur+zoom+dim+jpeg": lambda im: _jpeg(
        ImageEnhance.Brightness(_zoom(im, 0.05).filter(ImageFilter.GaussianBlur(1.5))).enhance(
            0.92
        ),
        30,
    ),
    "zoom+shift+cast": lambda im: _cast(_shift(_zoom(im, 0.06), -0.04, 0.03), 0.9),
}


# -- calibration ----------------------------------------------------------------------------------

ASPECTS = {"16:9": (640, 360), "4:3": (480, 360), "1:1": (400, 400), "9:16": (360, 640)}


class Tally:
    """Distances by case (with the largest and smallest and where they came from), and how
    often run_checks flagged each case."""

    def __init__(self) -> None:
        self.distances: dict[str, list[float]] = {}
        self.flags: dict[str, list[bool]] = {}
        self.worst: dict[str, tuple[float, str]] = {}
        self.best: dict[str, tuple[float, str]] = {}

    def add(self, key: str, value: float, label: str = "") -> None:
        self.distances.setdefault(key, []).append(value)
        if value > self.worst.get(key, (-2.0, ""))[0]:
            self.worst[key] = (value, label)
        if value < self.best.get(key, (2.0, ""))[0]:
            self.best[key] = (value, label)

    def flag(self, key: str, flagged: bool) -> None:
        self.flags.setdefault(key, []).append(flagged)


def calibrate(pairs: int, work: Path) -> Tally:
    rng = random.Random(7)
    tally = Tally()
    for i in range(pairs):
        kind = rng.choice(["16:9"] * 5 + ["4:3", "1:1", "9:16"])
        clip_ar = "9:16" if kind == "9:16" and rng.random() < 0.7 else "16:9"
        a, b = rng.randrange(10_000), rng.randrange(10_000)
        if i % 8 == 0:  # two flat colours, as the end-to-end tests use
            a, b = a - a % 8 + 6, b - b % 8 + 6
        size = ASPECTS[kind]
        start, end = picture(a, size), picture(b, size)
        other = picture(rng.randrange(10_000), size)
        files = work / f"start{i}.png", work / f"end{i}.png"
        start.save(files[0])
        end.save(files[1])
        cases: list[tuple[str, Image.Image | None, Image.Image | None]] = [
            (name, f(start), f(end)) for name, f in DRIFT.items()
        ]
        if kind != clip_ar or kind != "16:9":  # a gateway that letterboxes instead of cropping
            box = (640, 360) if clip_ar == "16:9" else (360, 640)
            cases.append(("contain", ImageOps.pad(start, box), ImageOps.pad(end, box)))
        cases += [("dropped", start, None), ("unrelated", start, other), ("ignored", None, None)]
        for name, first, last in cases:
            clip = work / f"clip{i}.mp4"
            _render(clip, f"calibration {i} {name}", clip_ar, first, last, seconds=2)
            _measure(tally, clip, files, start, end, clip_ar, name, f"pair {i} {name}")
            if name == "exact" and i % 3 == 0:
                _continuation(tally, clip, work, clip_ar, other, i)
        print(f"calibrate: pair {i + 1} of {pairs}", file=sys.stderr, flush=True)
    return tally


def _render(
    clip: Path,
    prompt: str,
    aspect: str,
    first: Image.Image | None,
    last: Image.Image | None,
    seconds: int,
) -> None:
    render_clip(
        clip,
        prompt=prompt,
        aspect_ratio=aspect,
        duration=seconds,
        audio=False,
        first_image=first,
        last_image=last,
        max_height=360,
    )


def _measure(
    tally: Tally,
    clip: Path,
    files: tuple[Path, Path],
    start: Image.Image,
    end: Image.Image,
    aspect: str,
    name: str,
    label: str,
) -> None:
    first = measure.probe(clip).first_frame
    assert first is not None
    tail = measure.last_frames(clip, 4)
    kind = "honest" if name not in ("dropped", "unrelated", "ignored") else name
    mode = Mode.IMAGE if name == "ignored" else Mode.FRAMES
    inputs = ClipInputs(mode, "", 2, aspect, None, files[0], files[1])
    verdict = {c.name: c.ok for c in run_checks(clip, inputs)}
    if kind in ("honest", "ignored"):
        tally.add(f"start {kind}", nearest([first], start), label)
        tally.flag(f"start {kind}", not verdict["start_frame"])
    if kind != "ignored":
        d_end, d_start = nearest(tail, end), nearest(tail, start)
        tally.add(f"end {kind}", d_end, label)
        tally.add(f"end-minus-start {kind}", d_end - d_start, label)
        tally.flag(f"end {kind}", not verdict["end_frame"])
    if kind == "honest":
        tally.add(f"end honest: {name}", nearest(tail, end), label)


def _continuation(
    tally: Tally, source: Path, work: Path, aspect: str, other: Image.Image, i: int
) -> None:
    """Extensions of `source`: the simulator's (the source, then new seconds, as one video), one
    of only the new seconds from its last frame, and one of the same length that starts
    somewhere else."""
    source_last = measure.last_frames(source, 1)[-1]
    seconds = round(measure.probe(source).duration_s)
    cases: list[tuple[str, dict[str, Any]]] = [
        ("honest", {"source": source, "duration": 2}),
        ("honest", {"first_image": source_last, "duration": 2}),
        ("dishonest", {"first_image": other, "duration": seconds + 2}),
    ]
    for kind, how in cases:
        ext = work / f"ext{i}.mp4"
        render_clip(
            ext, prompt=f"extension {i}", aspect_ratio=aspect, audio=False, max_height=360, **how
        )
        inputs = ClipInputs(Mode.EXTEND, "", None, None, None, source_video=source)
        checks = {c.name: c for c in run_checks(ext, inputs)}
        check = checks["continuation"]
        tally.add(f"continuation {kind}", float(check.got or "nan"), f"pair {i}")
        tally.flag(f"continuation {kind}", not check.ok)


_MAIN = (
    "start honest",
    "start ignored",
    "end honest",
    "end dropped",
    "end unrelated",
    "end-minus-start honest",
    "end-minus-start dropped",
    "end-minus-start unrelated",
    "continuation honest",
    "continuation dishonest",
)


def _summary(tally: Tally) -> list[str]:
    """A markdown table of every distribution (main cases first), then the worst cases."""
    lines = ["| case | n | min | p5 | median | p95 | max | flagged |", "|---" * 8 + "|"]
    keys = [k for k in _MAIN if k in tally.distances]
    keys += [k for k in tally.distances if k not in _MAIN]
    for key in keys:
        v = sorted(tally.distances[key])
        n = len(v)
        flags = tally.flags.get(key)
        flagged = f"{sum(flags)} of {len(flags)}" if flags else ""
        lines.append(
            f"| {key} | {n} | {v[0]:.3f} | {v[int(n * 0.05)]:.3f} | {statistics.median(v):.3f} "
            f"| {v[min(n - 1, int(n * 0.95))]:.3f} | {v[-1]:.3f} | {flagged} |"
        )
    lines.append("")
    for key in _MAIN:
        values = tally.distances.get(key)
        if values and " honest" in f" {key}":
            lines.append(f"largest {key}: {max(values):.3f} ({tally.worst[key][1]})")
        elif values:
            lines.append(f"smallest {key}: {min(values):.3f} ({tally.best[key][1]})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.clip_check", description=__doc__)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--pairs", type=int, default=48, help="picture pairs to calibrate on")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="veo-clip-check-") as tmp:
        if args.calibrate:
            print("\n".join(_summary(calibrate(args.pairs, Path(tmp)))))
        else:
            print(run(Path(tmp), args.repeats).line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
