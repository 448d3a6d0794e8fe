"""`veo-desktop --self-check`: starts the real app on the offline demo gateway, checks what a
package can lose (window, icon, translations, keyring, playback), prints one JSON report."""

from __future__ import annotations

import asyncio
import json
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import AppParts

PLAY_TIMEOUT = 20.0  # seconds; the first play loads Qt's FFmpeg plugin, slow on a cold disk
CLIP_ID = "self-check"


def self_check(argv: Sequence[str]) -> int:
    args = [a for a in argv if a != "--self-check"]
    # A throwaway data folder (unless --data-dir names one), so the check never touches the
    # user's jobs, settings or keys.
    with tempfile.TemporaryDirectory(prefix="veo-self-check-") as tmp:
        if "--data-dir" not in args and not any(a.startswith("--data-dir=") for a in args):
            args += ["--data-dir", tmp]
        if "--demo" not in args:
            args.append("--demo")  # the in-process simulator: no network, no real key
        from .app import create_app

        parts = create_app(args)
        with parts.loop:
            report = parts.loop.run_until_complete(_checks(parts, Path(tmp)))
            parts.window.close()
            parts.controller.close()
            parts.player.stop()
            parts.loop.run_until_complete(parts.services.aclose())
    report["ok"] = all(v.get("ok") for v in report.values() if isinstance(v, dict) and "ok" in v)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["ok"] else 1


async def _checks(parts: AppParts, scratch: Path) -> dict[str, Any]:
    from PySide6 import __version__ as pyside_version

    report: dict[str, Any] = {
        "app": "veo-desktop",
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": platform.python_version(),
        "pyside6": pyside_version,
        "platform": parts.app.platformName(),
    }
    for name, check in (
        ("window", lambda: _window(parts)),
        ("icon", lambda: _icon(parts)),
        ("translations", _translations),
        ("keyring", lambda: _keyring(parts)),
    ):
        report[name] = _guarded(check)
    try:
        report["playback"] = await _playback(parts, scratch)
    except Exception as exc:
        report["playback"] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return report


def _guarded(check: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return check()
    except Exception as exc:  # a report, not a traceback: say which check broke and how
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def _window(parts: AppParts) -> dict[str, Any]:
    window = parts.window
    window.show()
    parts.app.processEvents()
    return {
        "ok": window.isVisible() and window.width() > 0,
        "title": window.windowTitle(),
        "size": [window.width(), window.height()],
    }


def _icon(parts: AppParts) -> dict[str, Any]:
    from .ui.icons import ICON_SIZES, app_icon

    icon = app_icon()
    sizes = sorted(s.width() for s in icon.availableSizes())
    return {
        "ok": not icon.isNull()
        and sizes == list(ICON_SIZES)
        and not parts.app.windowIcon().isNull()
        and not parts.window.windowIcon().isNull(),
        "sizes": sizes,
    }


def _translations() -> dict[str, Any]:
    """Every language the app offers has its .qm in the package, and every .qm shipped loads.
    A package built without them (no pyside6-lrelease at build time) fails here, by name."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from .ui.i18n import CATALOG, LANGUAGES, SOURCE_LANGUAGE

    folder = resources.files("veo_desktop.resources") / "i18n"
    found: list[str] = []
    broken: list[str] = []
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".qm"):
                continue
            with resources.as_file(entry) as path:
                (found if QTranslator().load(str(path)) else broken).append(entry.name)
    expected = [f"{CATALOG}_{lang}.qm" for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
    missing = [name for name in expected if name not in found and name not in broken]
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    result: dict[str, Any] = {
        "ok": not broken and not missing,
        "found": found,
        "broken": broken,
        "missing": missing,
        "qt_zh_CN": (qt_dir / "qtbase_zh_CN.qm").is_file(),
    }
    problems = [f"{n} is missing" for n in missing] + [f"{n} does not load" for n in broken]
    if problems:
        result["error"] = (
            "; ".join(problems) + ": the package was built without compiling its translations "
            "(setup.py does it with pyside6-lrelease); reinstall it from a fresh build"
        )
    return result


def _keyring(parts: AppParts) -> dict[str, Any]:
    from .core.secrets import no_keyring_message

    store = parts.services.keystore
    result: dict[str, Any] = {"ok": store.available(), "backend": store.backend_name()}
    if not result["ok"]:
        result["error"] = no_keyring_message()
    return result


async def _playback(parts: AppParts, scratch: Path) -> dict[str, Any]:
    """Make a one-second clip with the simulator's clip maker (PyAV + Pillow) and play it
    through the app's one Player (Qt's FFmpeg backend) until frames arrive and time moves."""
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QMediaPlayer

    from .simulator.clips import render_clip

    clip = scratch / "self-check.mp4"
    await asyncio.to_thread(
        render_clip,
        clip,
        prompt="Veo Desktop self-check",
        duration=1,
        audio=False,
        max_height=144,
        model="self-check",
    )
    frames = 0

    def on_frame(job_id: str, image: QImage) -> None:
        nonlocal frames
        if job_id == CLIP_ID and not image.isNull():
            frames += 1

    player = parts.player
    player.frame.connect(on_frame)
    started = time.monotonic()
    player.play(CLIP_ID, clip)
    media = player.media
    try:
        while time.monotonic() - started < PLAY_TIMEOUT:
            playing = media.playbackState() == QMediaPlayer.PlaybackState.PlayingState
            if playing and frames >= 2 and media.position() > 0:
                break
            if media.mediaStatus() == QMediaPlayer.MediaStatus.InvalidMedia:
                break
            await asyncio.sleep(0.05)
        state = media.playbackState()
        result = {
            "ok": state == QMediaPlayer.PlaybackState.PlayingState
            and frames >= 2
            and media.position() > 0,
            "state": state.name,
            "status": media.mediaStatus().name,
            "position_ms": media.position(),
            "frames": frames,
            "seconds": round(time.monotonic() - started, 2),
        }
        if media.error() != QMediaPlayer.Error.NoError:
            result["error"] = media.errorString()
        return result
    finally:
        player.frame.disconnect(on_frame)
        player.stop()
