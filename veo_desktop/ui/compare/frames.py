"""Video frames as pictures the compare views paint: a frame scaled to its view as it is converted,
and the two-clip pictures (wipe, amplified difference) composed with QPainter."""

from __future__ import annotations

import av
from av.video.plane import VideoPlane
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

#: Difference amplification as doublings (2: ×4): a change of 8 levels in 255 shows plainly,
#: and two unrelated takes do not turn into one flat, saturated colour.
DOUBLINGS = 2
PICTURE = QImage.Format.Format_ARGB32_Premultiplied  # what QPainter composes fastest


def fitted(source: QSize, box: QSize) -> QSize:
    """`source` scaled to fit in `box` keeping its shape; never larger than the source, since
    painting scales a small picture up for free next to converting it bigger."""
    if source.isEmpty() or box.isEmpty():
        return QSize(max(1, source.width()), max(1, source.height()))
    size = source.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    if size.width() > source.width():
        size = QSize(source)
    return QSize(max(2, size.width() & ~1), max(2, size.height() & ~1))


def to_picture(frame: QVideoFrame, box: QSize) -> QImage:
    """The frame as an image that fits `box` (on a worker thread: the scaler lets go of the
    interpreter lock). FFmpeg's scaler converts and shrinks a 4:2:0 frame in one pass, a third
    of the cost of QVideoFrame.toImage at full size (kept for any other pixel format)."""
    size = fitted(frame.size(), box)
    if frame.pixelFormat() == QVideoFrameFormat.PixelFormat.Format_YUV420P:
        picture = _scaled_yuv420p(frame, size)
        if picture is not None:
            return picture
    image = frame.toImage()
    if image.size() != size:
        image = image.scaled(
            size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image.convertToFormat(PICTURE)


def _scaled_yuv420p(frame: QVideoFrame, size: QSize) -> QImage | None:
    if not frame.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        yuv = av.VideoFrame(frame.width(), frame.height(), "yuv420p")
        for i, plane in enumerate(yuv.planes):
            _copy_plane(frame, i, plane, frame.height() if i == 0 else (frame.height() + 1) // 2)
    finally:
        frame.unmap()
    bgra = yuv.reformat(width=size.width(), height=size.height(), format="bgra")
    plane = bgra.planes[0]
    # BGRA in memory is ARGB32 on a little-endian machine, opaque, so premultiplied as it is.
    image = QImage(bytes(plane), size.width(), size.height(), plane.line_size, PICTURE)
    return image.copy()  # own its pixels: the bytes above go with this function


def _copy_plane(frame: QVideoFrame, index: int, plane: VideoPlane, rows: int) -> None:
    src = memoryview(frame.bits(index))
    src_stride, dst_stride = frame.bytesPerLine(index), plane.line_size
    dst = memoryview(plane)
    if src_stride == dst_stride:
        n = min(len(dst), len(src), rows * dst_stride)
        dst[:n] = src[:n]
        return
    width = min(src_stride, dst_stride)
    for row in range(rows):  # the strides differ (decoder alignment): row by row
        s, d = row * src_stride, row * dst_stride
        dst[d : d + width] = src[s : s + width]


def placed(picture: QSize, area: QRect) -> QRect:
    """Where a picture of that shape goes in `area`: as large as fits, centred."""
    size = picture.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    corner = area.center() - QPoint(size.width() // 2, size.height() // 2) + QPoint(1, 1)
    return QRect(corner, size)


def paint_wipe(painter: QPainter, area: QRect, a: QImage | None, b: QImage | None, x: int) -> None:
    """`a` left of column `x` and `b` right of it, both placed in `area` as one picture."""
    for image, clip in (
        (a, QRect(area.left(), area.top(), x - area.left(), area.height())),
        (b, QRect(x, area.top(), area.right() - x + 1, area.height())),
    ):
        if image is None or clip.width() <= 0:
            continue
        painter.save()
        painter.setClipRect(clip)
        painter.drawImage(placed(image.size(), area), image)
        painter.restore()


def difference(a: QImage, b: QImage) -> QImage:
    """|a − b| per pixel and channel, amplified (doubled DOUBLINGS times, saturating), in the
    size of `a`: black where the takes agree."""
    out = a.convertToFormat(PICTURE)
    other = b if b.size() == a.size() else b.scaled(a.size())
    p = QPainter(out)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    p.drawImage(0, 0, other)
    p.end()
    # Difference leaves alpha at 1; adding the picture to itself doubles each channel.
    for _ in range(DOUBLINGS):
        p = QPainter(out)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Plus)
        p.drawImage(0, 0, out.copy())
        p.end()
    return out


def blank(size: QSize) -> QImage:
    image = QImage(size, PICTURE)
    image.fill(QColor(Qt.GlobalColor.black))
    return image
