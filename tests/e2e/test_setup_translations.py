"""The Chinese translation ships with every install: a wheel built from a clean clone (where no
.qm is committed) carries a working veo_desktop_zh_CN.qm, and `--self-check` fails, by name,
on a package that lost it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from tests.e2e.test_package import self_check

ROOT = Path(__file__).resolve().parents[2]
QM = "veo_desktop/resources/i18n/veo_desktop_zh_CN.qm"
TS = ROOT / "resources" / "i18n" / "veo_desktop_zh_CN.ts"


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


def build_wheel_and_extract_qm(git: str, clone: Path, tmp_path: Path) -> Path:
    """Clone the repository's last commit, build its wheel as pip does, and return the .qm
    the wheel carries."""
    subprocess.run([git, "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
    assert not list(clone.rglob("*.qm")), "a compiled .qm is committed: it must be built"

    # This venv's setuptools and PySide6 stand in for the isolated build environment that
    # [build-system] requires (the same packages, without downloading them again).
    out = tmp_path / "wheels"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(clone),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    (wheel,) = out.glob("veo_desktop-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        assert QM in names, f"{wheel.name} has no {QM}: {[n for n in names if 'i18n' in n]}"
        assert not [n for n in names if n.endswith(".ts")], "the .ts sources belong in the sdist"
        qm = tmp_path / "zh_CN.qm"
        qm.write_bytes(z.read(QM))
    return qm


def test_a_wheel_built_from_a_clean_clone_carries_the_chinese_translation(tmp_path: Path) -> None:
    git = shutil.which("git")
    assert git, "git is missing: run `bash scripts/system-deps.sh` (it installs it)"
    clone = tmp_path / "clone"
    try:
        qm = build_wheel_and_extract_qm(git, clone, tmp_path)
    finally:
        # The clone holds the test files, and so the test keys: leave none for the key scan.
        shutil.rmtree(clone, ignore_errors=True)

    translator = QTranslator()
    assert translator.load(str(qm)), f"{QM} from the wheel does not load"
    context, english, chinese = a_translated_message()
    assert translator.translate(context, english) == chinese


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
