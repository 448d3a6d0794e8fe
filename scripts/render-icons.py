"""Renders the app icon's PNG sizes from its SVG with Qt's own SVG renderer (QtSvg, already a
dependency), so anyone with the venv can regenerate them:
`.venv/bin/python scripts/render-icons.py`.

The PNGs are committed (a frozen app and `make install-desktop` use them as they are); run this
after editing resources/icons/veo-desktop.svg. `--check` renders to memory and
fails if a committed PNG is missing or differs in size."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "veo_desktop" / "resources" / "icons"
SVG = ROOT / "resources" / "icons" / "veo-desktop.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check the committed PNGs")
    args = parser.parse_args()
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render-icons: Qt cannot read {SVG}", file=sys.stderr)
        return 1
    problems = []
    for size in SIZES:
        target = ICONS / f"veo-desktop-{size}.png"
        image = render(renderer, size)
        if args.check:
            committed = QImage(str(target))
            if committed.isNull() or committed.size() != image.size():
                problems.append(f"{target.name} is missing or not {size}x{size}")
            continue
        if not image.save(str(target), "PNG"):
            problems.append(f"could not write {target}")
        else:
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
    for p in problems:
        print(f"render-icons: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
