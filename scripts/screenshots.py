"""Screenshots of the real app for the README (`make screenshots`): starts Veo Desktop on the
offline demo under the current display (run it under Xvfb) and acts like a user: each of the
five modes filled in, a First + Last clip generated and playing inline, its last frame chained
into the next shot, a remix with a new seed, the library searched with the network off, the
spend view. Grabs the real screen (a video widget grabbed any other way shows grey).

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py OUT_DIR \
        [--language en|zh_CN] [--appearance light|dark]
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from veo_desktop.app import create_app
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.request.models import Mode


def frame(path: Path, top: tuple[int, int, int], bottom: tuple[int, int, int], sun: bool) -> Path:
    img = Image.new("RGB", (1280, 720))
    d = ImageDraw.Draw(img)
    for y in range(720):
        t = y / 719
        d.line(
            [(0, y), (1280, y)],
            fill=tuple(int(a * (1 - t) + b * t) for a, b in zip(top, bottom, strict=True)),
        )
    if sun:
        d.ellipse((560, 420, 720, 580), fill=(255, 214, 102))
    d.rectangle((0, 600, 1280, 720), fill=(40, 60, 40))
    d.polygon([(300, 600), (420, 470), (540, 600)], fill=(150, 40, 40))
    img.save(path)
    return path


def drop(widget: QWidget, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = widget.rect().center()
    enter = QDragEnterEvent(
        QPoint(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    QApplication.sendEvent(
        widget,
        QDropEvent(
            pos.toPointF(),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )


def type_into(widget: QWidget, text: str) -> None:
    """Type like a user; QTest only knows ASCII keys, so other scripts (Chinese) go in as an
    input method would put them: inserted at the cursor."""
    if text.isascii():
        QTest.keyClicks(widget, text)
    else:
        widget.insertPlainText(text) if hasattr(widget, "insertPlainText") else widget.insert(text)


async def until(predicate, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.05)


async def grab(window: QWidget, out: Path) -> None:
    # Let the loop paint in its own turn: processEvents() here, inside the scenario's task,
    # could run another task's wake-up re-entrantly, which asyncio refuses.
    await asyncio.sleep(0.1)
    screen = QGuiApplication.primaryScreen()
    pixmap = screen.grabWindow(window.winId())
    pixmap.save(str(out))
    print(f"saved {out} ({pixmap.width()}x{pixmap.height()})")


def simulator_of(parts):  # type: ignore[no-untyped-def]
    """The demo's in-process gateway (its stop is one of the services' closers)."""
    from veo_desktop.simulator import Simulator

    for close in parts.services._closers:
        owner = getattr(close, "__self__", None)
        if isinstance(owner, Simulator):
            return owner
    raise RuntimeError("not a demo run")


async def finished(win, prompt: str) -> int:  # type: ignore[no-untyped-def]
    """Wait until the job with `prompt` is downloaded and playing in the viewer; its row."""
    model = win.model

    def row() -> int:
        for r in range(model.rowCount()):
            if model.job_at(r).prompt == prompt:
                return r
        return -1

    await until(lambda: row() >= 0 and model.job_at(row()).state is JobState.DOWNLOADED, 120)
    r = row()
    win.view.setCurrentIndex(model.index(r, 0))
    job_id = model.job_at(r).id
    await until(lambda: win.viewer.job_id == job_id and win.player.shown_us is not None, 60)
    return r


async def scenario(parts, out_dir: Path, inputs: Path) -> None:  # type: ignore[no-untyped-def]
    win = parts.window
    await until(lambda: win.isVisible())
    # Bare Xvfb has no window manager to activate the window, and shortcuts need an active one.
    win.activateWindow()
    win.raise_()
    await until(lambda: win.isActiveWindow(), 10)
    text_tab = win.compose[Mode.TEXT]
    type_into(text_tab.prompt, PROMPTS["text"])
    await grab(win, out_dir / "mode-text.png")

    # 1. First + Last: two frames dropped, a prompt, Ctrl+Return; the clip plays inline.
    QTest.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    tab = win.compose[Mode.FRAMES]
    drop(tab.frames.start, frame(inputs / "dawn.png", (40, 50, 110), (240, 150, 90), True))
    drop(tab.frames.end, frame(inputs / "noon.png", (90, 160, 235), (200, 230, 250), False))
    await until(lambda: bool(tab.frames.start.value() and tab.frames.end.value()))
    first = PROMPTS["frames"]
    type_into(tab.prompt, first)
    await grab(win, out_dir / "mode-frames.png")
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    model = win.model
    await until(lambda: model.rowCount() == 1)
    await asyncio.sleep(1.0)
    await grab(win, out_dir / "job-running.png")
    await finished(win, first)
    await asyncio.sleep(1.5)  # let the inline preview play a little
    await grab(win, out_dir / "main-window.png")

    # The other modes, filled in as a user would.
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Extend
    extend = win.compose[Mode.EXTEND]
    type_into(extend.prompt, PROMPTS["extend"])
    await grab(win, out_dir / "mode-extend.png")
    QTest.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    image = win.compose[Mode.IMAGE]
    drop(image.frames.start, frame(inputs / "field.png", (120, 170, 230), (250, 220, 160), True))
    await until(lambda: bool(image.frames.start.value()))
    type_into(image.prompt, PROMPTS["image"])
    await grab(win, out_dir / "mode-image.png")
    QTest.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    refs = win.compose[Mode.REFERENCE]
    palettes = (
        ((200, 80, 60), (90, 30, 30)),
        ((60, 140, 90), (20, 60, 40)),
        ((70, 90, 200), (20, 30, 80)),
    )
    for i, colours in enumerate(palettes):
        drop(refs.refs.slots[i], frame(inputs / f"ref{i}.png", *colours, i == 1))
    await until(lambda: len(refs.refs.values()) == 3)
    type_into(refs.prompt, PROMPTS["references"])
    await grab(win, out_dir / "mode-references.png")
    QTest.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)

    # 2. Chain: the clip's last frame becomes the next First + Last job's start (Ctrl+L).
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    await until(lambda: "last" in Path(tab.frames.start.value() or "x").name, 20)
    drop(tab.frames.end, frame(inputs / "dusk.png", (250, 120, 60), (60, 30, 80), True))
    await until(lambda: tab.frames.end.value() == str(inputs / "dusk.png"))
    tab.prompt.clear()
    second = PROMPTS["chain"]
    type_into(tab.prompt, second)
    await grab(win, out_dir / "chain-last-frame.png")
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await finished(win, second)

    # 3. Remix the first job with a new seed.
    row = next(r for r in range(model.rowCount()) if model.job_at(r).prompt == first)
    win.view.setCurrentIndex(model.index(row, 0))
    win.view.setFocus()
    QTest.keyClick(win.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    await until(lambda: tab.prompt.toPlainText() == first, 10)
    slots = (tab.frames.start, tab.frames.end)  # the job's own frames come back, read off-thread
    await until(lambda: all(not s.message_label.text() for s in slots), 10)
    old_seed = tab.seed.text()
    tab.dice.click()
    assert tab.seed.text() != old_seed
    await grab(win, out_dir / "remix-new-seed.png")
    QTest.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await until(lambda: model.rowCount() == 3, 20)
    await until(lambda: model.job_at(0).state is JobState.DOWNLOADED, 120)

    # 4. The network goes away; the library still searches and plays.
    simulator_of(parts).stop()
    type_into(win.library_bar.search, PROMPTS["search"])
    await until(lambda: model.rowCount() == 1 and model.job_at(0).prompt == second, 10)
    win.view.setCurrentIndex(model.index(0, 0))
    shown = model.job_at(0).id
    await until(lambda: win.viewer.job_id == shown and win.player.shown_us is not None, 60)
    await asyncio.sleep(1.0)
    await grab(win, out_dir / "library-search-offline.png")
    win.library_bar.clear()

    # 5. Settings, as a user opens them (Ctrl+,).
    settings = win.open_settings()
    await asyncio.sleep(0.5)
    await grab(settings, out_dir / "settings.png")
    settings.reject()

    # 6. What it cost, at list prices.
    win.menus.open_spending()
    await asyncio.sleep(0.5)
    dialog = win.findChild(QDialog)
    if dialog is not None:
        await grab(dialog, out_dir / "spending.png")
        dialog.close()
    win.close()


PROMPTS_BY_LANGUAGE = {
    "en": {
        "text": "A paper boat drifts down a rain-soaked street at night, neon reflections, "
        "close-up, gentle rain sounds.",
        "frames": "The sun rises over the red barn; the sky turns from dawn to a clear noon "
        "blue. Slow dolly in, birdsong.",
        "extend": "The camera keeps moving in; a swallow flies across the barn roof.",
        "image": "The sun climbs over the meadow while the grass sways in the wind.",
        "references": "The three friends meet at a street café and laugh together.",
        "chain": "Noon fades to a violet dusk over the barn; the sun sinks behind the hill.",
        "search": "dusk",
    },
    "zh_CN": {
        "text": "夜晚，一只纸船顺着被雨水浸湿的街道漂流，霓虹倒影，特写镜头，轻柔的雨声。",
        "frames": "太阳从红色谷仓上方升起，天空从黎明变成晴朗的正午蓝。镜头缓慢推进，鸟鸣声。",
        "extend": "镜头继续推进，一只燕子掠过谷仓屋顶。",
        "image": "太阳爬上草地上空，青草随风摇曳。",
        "references": "三个朋友在街角咖啡馆相遇，一起开怀大笑。",
        "chain": "正午渐渐变成紫色的黄昏，太阳落到山后。",
        "search": "黄昏",
    },
}
PROMPTS = PROMPTS_BY_LANGUAGE["en"]


def main() -> int:
    global PROMPTS
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir", nargs="?", default="docs/screenshots")
    ap.add_argument("--language", default="en", choices=sorted(PROMPTS_BY_LANGUAGE))
    ap.add_argument("--appearance", choices=["light", "dark"], default="light")
    opts = ap.parse_args()
    PROMPTS = PROMPTS_BY_LANGUAGE[opts.language]
    out_dir = Path(opts.out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp)
        parts = create_app(
            [
                "--demo",
                "--data-dir",
                str(inputs / "data"),
                "--language",
                opts.language,
                "--appearance",
                opts.appearance,
            ]
        )
        parts.window.resize(1240, 760)
        parts.window.show()
        task = parts.loop.create_task(scenario(parts, out_dir, inputs))
        with parts.loop:
            parts.loop.run_until_complete(task)
            parts.controller.close()
            parts.player.stop()
            parts.loop.run_until_complete(parts.services.aclose())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
