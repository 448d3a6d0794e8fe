"""A perceptual distance in [0, 1] between a clip's frame and a picture it should show: tiny
blurred thumbnails compared by colour, forgiving noise, blur, colour drift and small motion."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

__all__ = ["distance", "fit_contain", "fit_cover", "nearest"]

# The figures below were chosen on the calibration in docs/clip-checks.md
# (`python -m bench.clip_check --calibrate`); change one only with that run.

#: The long side of the compared thumbnails: coarse enough that compression noise, text and
#: fine texture average out, fine enough that two different pictures still differ.
SIDE = 32
#: Blur of the thumbnail (in its pixels), so motion of a pixel or so changes little.
BLUR = 1.6
#: Shifts up to this share of each side are tried (a pan or a subject a little off place).
SHIFT = 0.06
#: Zooms tried on either side (1.0 always): generated clips push in or out a little.
ZOOMS = (1.06,)
#: Brightness gains tried on the frame (exposure drift of about ±10 %).
GAINS = (0.92, 1.0, 1.08)
#: A global chroma shift up to this many levels costs nothing (a colour cast).
DRIFT = 6
#: The share of the picture that is compared; the rest may differ freely (captions,
#: watermarks, a moving subject).
KEEP = 0.8
#: Chroma counts as much as luma: colour alone tells a red frame from a blue one.
CHROMA_WEIGHT = 1.0
#: The mean level difference that is "as different as it gets" (distance 1).
FULL_SCALE = 27.0


def fit_cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scaled to fill `size`, the overflow cropped evenly (a centre crop)."""
    return ImageOps.fit(image.convert("RGB"), size, Image.Resampling.BILINEAR)


def fit_contain(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scaled to fit inside `size`, on black bars (letterboxed or pillarboxed)."""
    return ImageOps.pad(image.convert("RGB"), size, Image.Resampling.BILINEAR, color=(0, 0, 0))


def nearest(frames: Sequence[Image.Image], given: Image.Image) -> float:
    """The smallest distance from any of `frames` (one clip, one shape) to a user's picture,
    fitted to the clip's shape either way a gateway may fit it (cover or contain)."""
    if not frames:
        return 1.0
    shape = frames[0].size
    size = _thumb_size(shape)
    work = (size[0] * 4, size[1] * 4)
    fits = [fit_cover(given, work)]
    if not _same_aspect(given.size, shape):
        fits.append(fit_contain(given, work))
    refs = [_Prepared(fit, size) for fit in fits]
    return min(ref.distance(_Prepared(f, size)) for f in frames for ref in refs)


def distance(a: Image.Image, b: Image.Image) -> float:
    """0 for the same picture, about 0.5 and up for unrelated ones; `b` is stretched to `a`'s
    shape, so fit it first when the shapes differ."""
    size = _thumb_size(a.size)
    return _Prepared(b, size).distance(_Prepared(a, size))


class _Prepared:
    """A picture's thumbnails: as it is and zoomed in by each of ZOOMS."""

    def __init__(self, image: Image.Image, size: tuple[int, int]) -> None:
        rgb = image.convert("RGB")
        self.plain = _thumb(rgb, size)
        self.zoomed = [_thumb(_zoom(rgb, z), size) for z in ZOOMS]

    def distance(self, frame: _Prepared) -> float:
        """`frame` against this picture, the closest of: as they are, the frame zoomed in, or
        the picture zoomed in."""
        pairs = [(frame.plain, self.plain)]
        for zf, zp in zip(frame.zoomed, self.zoomed, strict=True):
            pairs += [(zf, self.plain), (frame.plain, zp)]
        return min(_compare(x, y) for x, y in pairs)


def _thumb_size(size: tuple[int, int]) -> tuple[int, int]:
    w, h = size
    if w >= h:
        return SIDE, max(1, round(SIDE * h / w))
    return max(1, round(SIDE * w / h)), SIDE


def _same_aspect(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return abs(a[0] / a[1] - b[0] / b[1]) <= 0.02 * b[0] / b[1]


def _zoom(image: Image.Image, zoom: float) -> Image.Image:
    w, h = image.size
    cw, ch = w / zoom, h / zoom
    box = ((w - cw) / 2, (h - ch) / 2, (w + cw) / 2, (h + ch) / 2)
    return image.resize((w, h), Image.Resampling.BILINEAR, box=box)


def _thumb(rgb: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The thumbnail in YCbCr, labelled RGB so that one difference covers the three bands."""
    small = rgb.resize(size, Image.Resampling.BOX)
    if BLUR > 0:
        small = small.filter(ImageFilter.GaussianBlur(BLUR))
    y, cb, cr = small.convert("YCbCr").split()
    return Image.merge("RGB", (y, cb, cr))


def _compare(frame: Image.Image, picture: Image.Image) -> float:
    """The smallest difference over brightness gains and small shifts, after forgiving a
    slight colour cast."""
    y, cb, cr = frame.split()
    _, pcb, pcr = picture.split()
    chroma = (_match_mean(cb, pcb), _match_mean(cr, pcr))
    return min(_compare_shifted(Image.merge("RGB", (_gain(y, g), *chroma)), picture) for g in GAINS)


def _compare_shifted(a: Image.Image, b: Image.Image) -> float:
    w, h = a.size
    mx, my = round(w * SHIFT), round(h * SHIFT)
    inner = b.crop((mx, my, w - mx, h - my))
    luma, chroma = 1 / (1 + 2 * CHROMA_WEIGHT), CHROMA_WEIGHT / (1 + 2 * CHROMA_WEIGHT)
    weights = (luma, chroma, chroma, 0.0)
    best = 255.0
    for dx in range(-mx, mx + 1):
        for dy in range(-my, my + 1):
            moved = a.crop((mx + dx, my + dy, w - mx + dx, h - my + dy))
            # Per pixel: luma and chroma differences, weighted, in one grey level.
            diff = ImageChops.difference(moved, inner).convert("L", weights)
            best = min(best, _trimmed_mean(diff))
    return min(1.0, best / FULL_SCALE)


def _gain(band: Image.Image, gain: float) -> Image.Image:
    if gain == 1:
        return band
    return band.point(lambda v: min(255, round(v * gain)))


def _match_mean(band: Image.Image, target: Image.Image) -> Image.Image:
    """`band` shifted toward `target`'s mean by at most DRIFT levels."""
    gap = ImageStat.Stat(target).mean[0] - ImageStat.Stat(band).mean[0]
    shift = round(max(-DRIFT, min(DRIFT, gap)))
    if shift == 0:
        return band
    return band.point(lambda v: max(0, min(255, v + shift)))


def _trimmed_mean(diff: Image.Image) -> float:
    """The mean of the smallest KEEP share of an L image's values (from its histogram)."""
    hist = diff.histogram()
    keep = max(1, round(sum(hist) * KEEP))
    total = taken = 0
    for level, count in enumerate(hist):
        use = min(count, keep - taken)
        total += use * level
        taken += use
        if taken >= keep:
            break
    return total / taken
