"""Translation files: `update` extracts every user-visible string (Qt's tr/translate calls in the
UI, and core's `msg("...")` templates) into resources/i18n/*.ts with pyside6-lupdate; `build`
compiles them with pyside6-lrelease to .qm in the package, veo_desktop/resources/i18n
(scripts/resources.py runs it in every build); `check` fails when a string has no finished
translation or a translation drops a placeholder.

    python scripts/i18n.py update|build|check
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "veo_desktop"
I18N = ROOT / "resources" / "i18n"  # the .ts sources
BUILT = PACKAGE / "resources" / "i18n"  # the .qm, built (never committed)
LANGUAGES = ("zh_CN",)
CATALOG = "veo_desktop"
BIN = Path(sys.executable).parent
#: %1, %n, %s, {name}: what a translation must keep so the values still show.
PLACEHOLDER = re.compile(r"%\d|%n|%s|%d|\{[a-z_]*\}")


def ts_path(language: str) -> Path:
    return I18N / f"{CATALOG}_{language}.ts"


def ui_sources() -> list[Path]:
    files = sorted((PACKAGE / "ui").rglob("*.py"))
    return [*files, PACKAGE / "app.py"]


def core_templates() -> list[str]:
    """Every literal first argument of `msg(...)` under core/, in file order."""
    found: list[str] = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "msg"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(node.args[0].value)
    return list(dict.fromkeys(found))


def _tool(name: str) -> str:
    exe = BIN / name
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def update(target: Path | None = None, language: str = "zh_CN") -> Path:
    """Run lupdate into `target` (default: the project's .ts, keeping its translations)."""
    target = target or ts_path(language)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        core = Path(tmp) / "core_strings.py"
        core.write_text(
            "\n".join(f"QT_TRANSLATE_NOOP('core', {t!r})" for t in core_templates()) + "\n",
            "utf-8",
        )
        cmd = [
            _tool("pyside6-lupdate"),
            *map(str, ui_sources()),
            str(core),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            language,
            "-ts",
            str(target),
        ]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
    return target


def build(out_dir: Path | None = None) -> list[Path]:
    """Compile every language's .ts to .qm into the package's i18n folder, or into `out_dir`
    (the package build's copy of it: setup.py calls this, so every wheel and install has them)."""
    lrelease = _tool("pyside6-lrelease")
    if not Path(lrelease).is_file():
        raise FileNotFoundError(
            "pyside6-lrelease is missing: it comes with PySide6-Essentials "
            "(pip install 'PySide6-Essentials>=6.8,<6.12')"
        )
    out = []
    for language in LANGUAGES:
        ts = ts_path(language)
        qm = (out_dir or BUILT) / ts.with_suffix(".qm").name
        qm.parent.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([lrelease, str(ts), "-qm", str(qm)], capture_output=True, text=True)
        if r.returncode != 0 or not qm.is_file():
            raise RuntimeError(f"pyside6-lrelease failed on {ts.name}: {r.stderr or r.stdout}")
        out.append(qm)
    return out


def problems(ts: Path) -> list[str]:
    """Every message in `ts` without a finished translation, or whose translation lost or
    invented a placeholder."""
    out: list[str] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            where = f"[{name}] {source!r}"
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                out.append(f"untranslated: {where}")
                continue
            forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
            for form in forms:
                if not form.strip():
                    out.append(f"empty translation: {where}")
                elif set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(source)):
                    out.append(f"placeholders differ: {where} -> {form!r}")
    return out


def check(language: str = "zh_CN") -> list[str]:
    """Extract afresh into a copy of the .ts and report what is missing there."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts_path(language).name
        if ts_path(language).exists():
            shutil.copy(ts_path(language), copy)
        update(copy, language)
        return problems(copy)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "update":
        for language in LANGUAGES:
            print(f"updated {update(language=language).relative_to(ROOT)}")
        return 0
    if command == "build":
        for qm in build():
            print(f"built {qm.relative_to(ROOT)}")
        return 0
    if command == "check":
        bad = [p for language in LANGUAGES for p in check(language)]
        print("\n".join(bad) or "all strings translated")
        return 1 if bad else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
