"""Built resources ship with every install: git holds only their sources (resources/), a wheel
from a clean clone or its sdist carries them all, and --self-check names a lost translation."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QTranslator

from tests.e2e.test_package import self_check
from veo_desktop.app import DESKTOP_ID
from veo_desktop.ui.icons import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]
RES = "veo_desktop/resources"
QM = f"{RES}/i18n/veo_desktop_zh_CN.qm"
TS = ROOT / "resources" / "i18n" / "veo_desktop_zh_CN.ts"
BUILT = [
    QM,
    f"{RES}/icons/veo-desktop.svg",
    *(f"{RES}/icons/veo-desktop-{size}.png" for size in ICON_SIZES),
    f"{RES}/linux/{DESKTOP_ID}.desktop",
    f"{RES}/linux/{DESKTOP_ID}.metainfo.xml",
]


def git() -> str:
    path = shutil.which("git")
    assert path, "git is missing: run `bash scripts/system-deps.sh` (it installs it)"
    return path


def a_translated_message() -> tuple[str, str, str]:
    """(context, English, Chinese) of the first finished message in the .ts."""
    for context in ET.parse(TS).getroot().iter("context"):
        for message in context.iter("message"):
            tr = message.find("translation")
            if (
                tr is not None
                and tr.text
                and tr.get("type") is None
                and message.get("numerus") != "yes"
            ):
                return context.findtext("name") or "", message.findtext("source") or "", tr.text
    raise AssertionError(f"{TS} has no finished translation")


def pip_wheel(source: Path, out: Path) -> Path:
    """Build `source` (a tree or an sdist) into a wheel in `out`, offline: this venv's setuptools
    and PySide6 stand in for the isolated build environment ([build-system] requires the same
    packages), which pip would otherwise download on every run."""
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            source,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    (wheel,) = out.glob("veo_desktop-*.whl")
    return wheel


class Built:
    """A clean clone of the last commit, its sdist, and the wheels built from each."""

    def __init__(self, tmp: Path) -> None:
        self.clone = tmp / "clone"
        subprocess.run([git(), "clone", "--quiet", str(ROOT), str(self.clone)], check=True)
        # The sdist first, from the pristine tree (the sdist hook runs no build step).
        r = subprocess.run(
            [
                sys.executable,
                "-c",
                "from setuptools import build_meta as b; b.build_sdist('../sd')",
            ],
            cwd=self.clone,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert r.returncode == 0, r.stderr[-3000:]
        (self.sdist,) = (tmp / "sd").glob("veo_desktop-*.tar.gz")
        self.wheel = pip_wheel(self.clone, tmp / "wheel")
        self.sdist_wheel = pip_wheel(self.sdist, tmp / "sdist-wheel")
        self.status = subprocess.run(
            [git(), "status", "--porcelain"], cwd=self.clone, capture_output=True, text=True
        ).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    tmp = tmp_path_factory.mktemp("resources")
    try:
        yield Built(tmp)
    finally:
        # The clone holds the test files, and so the test keys: leave none for the key scan.
        shutil.rmtree(tmp / "clone", ignore_errors=True)


def test_git_tracks_the_resource_sources_and_nothing_built() -> None:
    tracked = subprocess.run(
        [git(), "ls-files", RES, "resources"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert [f for f in tracked if f.startswith(RES)] == [f"{RES}/__init__.py"]
    assert "resources/icons/veo-desktop.svg" in tracked
    assert "resources/i18n/veo_desktop_zh_CN.ts" in tracked
    assert f"resources/linux/{DESKTOP_ID}.desktop" in tracked
    assert f"resources/linux/{DESKTOP_ID}.metainfo.xml" in tracked
    assert not [f for f in tracked if f.endswith((".qm", ".png"))], "a build output is committed"


def test_a_wheel_built_from_a_clean_clone_carries_every_built_resource(
    built: Built, tmp_path: Path
) -> None:
    assert built.status == "", f"the build left files git sees:\n{built.status}"
    with zipfile.ZipFile(built.wheel) as z:
        names = z.namelist()
        assert not [f for f in BUILT if f not in names], [n for n in names if RES in n]
        assert not [n for n in names if n.endswith(".ts")], "the .ts sources belong in the sdist"
        for size in ICON_SIZES:
            with Image.open(io.BytesIO(z.read(f"{RES}/icons/veo-desktop-{size}.png"))) as im:
                assert im.format == "PNG" and im.size == (size, size) and im.mode == "RGBA"
        assert (
            z.read(f"{RES}/linux/{DESKTOP_ID}.desktop")
            == (ROOT / "resources" / "linux" / f"{DESKTOP_ID}.desktop").read_bytes()
        )
        qm = tmp_path / "zh_CN.qm"
        qm.write_bytes(z.read(QM))

    translator = QTranslator()
    assert translator.load(str(qm)), f"{QM} from the wheel does not load"
    context, english, chinese = a_translated_message()
    assert translator.translate(context, english) == chinese


def test_the_sdist_holds_the_sources_and_builds_the_same_wheel(built: Built) -> None:
    with tarfile.open(built.sdist) as t:
        names = {n.split("/", 1)[-1] for n in t.getnames()}
    sources = ["scripts/resources.py", "scripts/i18n.py", str(TS.relative_to(ROOT))]
    sources += ["resources/icons/veo-desktop.svg", f"resources/linux/{DESKTOP_ID}.desktop"]
    assert not [f for f in sources if f not in names], sorted(names)
    with zipfile.ZipFile(built.wheel) as z:
        expected = sorted(n for n in z.namelist() if ".dist-info/" not in n)
    with zipfile.ZipFile(built.sdist_wheel) as z:
        assert sorted(n for n in z.namelist() if ".dist-info/" not in n) == expected


def test_self_check_fails_naming_a_missing_chinese_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package that lost its .qm (as a build without pyside6-lrelease made it): the app's
    own check must say so, not report ok with nothing found."""
    package = tmp_path / "site" / "veo_desktop"
    shutil.copytree(
        ROOT / "veo_desktop", package, ignore=shutil.ignore_patterns("__pycache__", "*.qm")
    )
    # Ahead of the editable install; and away from the source tree, which `-m` would put first.
    monkeypatch.setenv("PYTHONPATH", str(package.parent))
    monkeypatch.chdir(tmp_path)
    report = self_check([sys.executable, "-m", "veo_desktop", "--self-check"])
    assert report["ok"] is False
    translations = report["translations"]
    assert translations["ok"] is False
    assert translations["missing"] == ["veo_desktop_zh_CN.qm"]
    assert "veo_desktop_zh_CN.qm is missing" in translations["error"]
