"""Image slots' work off the UI thread (save pasted pixels, check the file as a request will,
decode a small thumbnail), their thumbnail widget, and an image's ratio and size texts."""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.errors import ImageError
from ...core.request.images import ImageInfo, inspect_image
from ..i18n import tr

log = logging.getLogger(__name__)

#: Longest edge of the decoded thumbnail: sharp on a hi-dpi screen, small in memory.
THUMB_EDGE = 640
_COMMON_RATIOS = ((16, 9), (9, 16), (4, 3), (3, 4), (3, 2), (2, 3), (21, 9), (5, 4), (4, 5))
Payload = QImage | bytes | None  # pixels to save as PNG, or a data URI's bytes to save as they are


def ratio_text(width: int, height: int) -> str:
    """ "4:3" for 1024 × 768; the nearest common ratio for odd sizes; else "2.35:1"."""
    g = math.gcd(width, height) or 1
    if max(width // g, height // g) <= 32:
        return f"{width // g}:{height // g}"
    aspect = width / height
    for w, h in _COMMON_RATIOS:
        if abs(aspect - w / h) / (w / h) < 0.01:
            return f"{w}:{h}"
    return f"{aspect:.2f}:1" if aspect >= 1 else f"1:{1 / aspect:.2f}"


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def thumbnail(path: Path) -> QImage | None:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # EXIF orientation, as inspect_image applies it
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > THUMB_EDGE:
        # A square bound fits either orientation; JPEG then decodes at reduced size (fast).
        bound = size.scaled(THUMB_EDGE, THUMB_EDGE, Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(bound)
    image = reader.read()
    return None if image.isNull() else image


class LoadSignals(QObject):
    done = Signal(int, object, object, str)  # serial, ImageInfo | None, QImage | None, error


class Load(QRunnable):
    """Save pasted data (if any), check the file the way a request will, and make a thumbnail."""

    def __init__(self, serial: int, path: Path, payload: Payload, signals: LoadSignals) -> None:
        super().__init__()
        self.serial, self.path, self.payload, self.signals = serial, path, payload, signals

    def run(self) -> None:
        info: ImageInfo | None = None
        thumb: QImage | None = None
        error = ""
        try:
            if self.payload is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(self.payload, QImage):
                    if not self.payload.save(str(self.path)):  # PNG, from the suffix
                        raise OSError(f"QImage.save failed for {self.path}")
                else:
                    self.path.write_bytes(self.payload)
            info = inspect_image(self.path)
            thumb = thumbnail(self.path)
        except ImageError as exc:
            error = exc.message
        except OSError as exc:
            log.warning("could not save pasted image to %s: %s", self.path, exc)
            error = tr(
                "The pasted image could not be saved. Check the free disk space and try again."
            )
        except Exception:  # the slot must always hear back, or it would say "Reading…" forever
            log.exception("could not read %s", self.path)
            error = tr("This image could not be read. Re-export it as PNG or JPEG and try again.")
        self.signals.done.emit(self.serial, info, thumb, error)


class Thumbnail(QWidget):
    """Paints the image scaled to fit, aspect kept; the scaled pixmap is cached per size."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self._cache: QPixmap | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(48)

    def set_image(self, image: QImage | None) -> None:
        if image is not self.image:
            self.image, self._cache = image, None
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.image is None:
            return
        dpr = self.devicePixelRatioF()
        target = self.image.size().scaled(self.size() * dpr, Qt.AspectRatioMode.KeepAspectRatio)
        if self._cache is None or self._cache.size() != target:
            scaled = self.image.scaled(target, mode=Qt.TransformationMode.SmoothTransformation)
            self._cache = QPixmap.fromImage(scaled)
            self._cache.setDevicePixelRatio(dpr)
        w, h = self._cache.width() / dpr, self._cache.height() / dpr
        QPainter(self).drawPixmap(
            int((self.width() - w) / 2), int((self.height() - h) / 2), self._cache
        )
