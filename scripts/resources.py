"""Builds the package's copy of resources/ (veo_desktop/resources, never committed): the .qm from
the .ts, the icon's PNG sizes rendered from its SVG with QtSvg, and copies of the SVG, the
.desktop file and the AppStream metainfo, where importlib.resources finds them.

    python scripts/resources.py [--out DIR]

setup.py runs it in every package build (into the build tree for a wheel, into the source tree
for an editable install); `make setup` re-runs it when a file under resources/ changes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import i18n  # scripts/i18n.py, beside this file (sys.path[0] when run as a script)

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "resources"
PACKAGE_COPY = ROOT / "veo_desktop" / "resources"
#: make's stamp: written after a build into the source tree (not into a wheel's build tree).
STAMP = ".built"
SVG = SOURCES / "icons" / "veo-desktop.svg"
#: The sizes ui/icons.py loads and install-desktop.sh puts in the hicolor theme.
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
COPIED = ("icons/veo-desktop.svg", "linux/*.desktop", "linux/*.metainfo.xml")


def render(renderer: QSvgRenderer, size: int) -> QImage:
    # A QImage needs no QGuiApplication (the SVG has no text), so a headless build can render.
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def render_icons(out_dir: Path) -> list[Path]:
    try:  # QtGui links the system's GL, fontconfig and xkbcommon libraries, even headless
        from PySide6.QtSvg import QSvgRenderer
    except ImportError as exc:
        raise RuntimeError(
            f"Qt cannot render the icons ({exc}): install the system libraries first "
            "(bash scripts/system-deps.sh)"
        ) from exc
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise RuntimeError(f"Qt cannot read {SVG}")
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for size in ICON_SIZES:
        target = out_dir / f"veo-desktop-{size}.png"
        if not render(renderer, size).save(str(target)):  # PNG, from the suffix
            raise RuntimeError(f"could not write {target}")
        made.append(target)
    return made


def copy_sources(out: Path) -> list[Path]:
    made = []
    for pattern in COPIED:
        found = sorted(SOURCES.glob(pattern))
        if not found:
            raise FileNotFoundError(f"resources/{pattern} is missing from the source tree")
        for source in found:
            target = out / source.relative_to(SOURCES)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            made.append(target)
    return made


def build(out: Path = PACKAGE_COPY) -> list[Path]:
    """Make every built file under `out`, and drop what an earlier build left there that this
    one no longer makes (a removed language, a renamed file)."""
    made = [*i18n.build(out / "i18n"), *render_icons(out / "icons"), *copy_sources(out)]
    for folder in {path.parent for path in made}:
        for stale in set(folder.iterdir()) - set(made):
            if stale.is_file():
                stale.unlink()
    if out == PACKAGE_COPY:
        (out / STAMP).touch()
    return made


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=PACKAGE_COPY, help="default: %(default)s")
    args = parser.parse_args(argv[1:])
    try:
        made = build(args.out.resolve())
    except (OSError, RuntimeError) as exc:
        print(f"resources: {exc}", file=sys.stderr)
        return 1
    print(f"built {len(made)} files in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
