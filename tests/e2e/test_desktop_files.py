"""The desktop integration files pass the freedesktop validators, agree with each other and with
the app, and `make install-desktop`'s script installs and removes them for one user. The
validators are system packages (scripts/system-deps.sh): missing is a failure, not a skip."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from veo_desktop import __version__
from veo_desktop.app import DESKTOP_ID

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "resources" / "linux"
DESKTOP = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
SVG = ROOT / "resources" / "icons" / "veo-desktop.svg"
ICONS = ROOT / "veo_desktop" / "resources" / "icons"  # the PNG sizes `make setup` renders
SIZES = (16, 32, 48, 64, 128, 256, 512)


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: run `bash scripts/system-deps.sh` (it installs it)"
    return path


class CaseSensitiveParser(configparser.ConfigParser):
    """Desktop entry keys are case-sensitive; ConfigParser lower-cases them by default."""

    def optionxform(self, optionstr: str) -> str:
        return optionstr


def entry(path: Path) -> configparser.SectionProxy:
    parser = CaseSensitiveParser(interpolation=None, strict=True)
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validates() -> None:
    r = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr


def test_metainfo_validates() -> None:
    r = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    # Infos and pedantic notes pass; a warning fails the run even where the tool lets it by.
    assert "\nW: " not in "\n" + r.stdout, r.stdout


def test_desktop_file_names_the_app_its_icon_and_chinese() -> None:
    e = entry(DESKTOP)
    assert e["Exec"] == "veo-desktop"
    assert e["Icon"] == DESKTOP_ID
    assert e["Categories"] == "AudioVideo;Video;"
    assert e["Name"] == "Veo Desktop"
    assert e["Name[zh_CN]"] == "Veo 桌面版"
    assert e["Comment[zh_CN]"]
    # Qt's WM_CLASS class on X11 is the application name: docks match windows to the entry by it.
    assert e["StartupWMClass"] == "Veo Desktop"


def test_metainfo_matches_the_desktop_file_and_the_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP_ID
    assert root.findtext("launchable") == DESKTOP.name
    releases = [r.get("version") for r in root.iter("release")]
    assert releases and releases[0] == __version__, "add a <release> for the new version"
    langs = {n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in root.iter("name")}
    assert "zh_CN" in langs


def test_icons_are_square_pngs_of_every_size() -> None:
    assert SVG.read_text().lstrip().startswith("<?xml")
    for size in SIZES:
        with Image.open(ICONS / f"veo-desktop-{size}.png") as im:
            assert im.format == "PNG" and im.size == (size, size) and im.mode == "RGBA"
            corner = im.getpixel((0, 0))
            assert isinstance(corner, tuple)
            assert corner[3] == 0, "corners are transparent (rounded tile)"


def test_install_and_uninstall_for_one_user(tmp_path: Path) -> None:
    data = tmp_path / "data home"
    exe = tmp_path / "my apps" / "veo-desktop"  # a space: Exec= must quote it
    env = {**os.environ, "XDG_DATA_HOME": str(data), "VEO_DESKTOP_EXEC": str(exe)}
    script = str(ROOT / "packaging" / "linux" / "install-desktop.sh")
    r = subprocess.run(["bash", script, "install"], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr

    installed = data / "applications" / f"{DESKTOP_ID}.desktop"
    e = entry(installed)
    assert e["Exec"] == f'"{exe}"'
    assert e["TryExec"] == str(exe)
    r = subprocess.run(
        [tool("desktop-file-validate"), str(installed)], capture_output=True, text=True
    )
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout
    hicolor = data / "icons" / "hicolor"
    files = [
        installed,
        data / "metainfo" / f"{DESKTOP_ID}.metainfo.xml",
        hicolor / "scalable" / "apps" / f"{DESKTOP_ID}.svg",
        *(hicolor / f"{s}x{s}" / "apps" / f"{DESKTOP_ID}.png" for s in SIZES),
    ]
    for f in files:
        assert f.is_file(), f
    assert (hicolor / "256x256/apps" / f"{DESKTOP_ID}.png").read_bytes() == (
        ICONS / "veo-desktop-256.png"
    ).read_bytes()
    # What the package built from resources/ is what gets installed.
    assert files[1].read_bytes() == METAINFO.read_bytes()
    assert files[2].read_bytes() == SVG.read_bytes()

    r = subprocess.run(["bash", script, "uninstall"], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert not [f for f in files if f.exists()]


@pytest.mark.parametrize("target", ["install-desktop", "uninstall-desktop", "package"])
def test_make_targets_exist(target: str) -> None:
    r = subprocess.run(["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
