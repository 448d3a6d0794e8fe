"""The app icon, read through importlib.resources so a wheel and a frozen app find it alike; one
QIcon holds every size, and Qt picks the sharpest for each use and device pixel ratio."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
_ICONS = resources.files("veo_desktop.resources") / "icons"


def icon_file(size: int) -> bytes:
    """The PNG of one rendered size (scripts/resources.py renders them from the SVG in
    resources/icons)."""
    return (_ICONS / f"veo-desktop-{size}.png").read_bytes()


def app_icon() -> QIcon:
    """Veo Desktop's icon with all its sizes; null only if the package lost its icons."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap()
        try:
            data = icon_file(size)
        except OSError:  # a broken install should still start, just without this size
            continue
        if pixmap.loadFromData(data, "PNG"):
            icon.addPixmap(pixmap)
    return icon
