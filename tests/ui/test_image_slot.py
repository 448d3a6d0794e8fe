"""Image slots as a user meets them: drops from a file manager or a browser, paste, the file
dialog, refusals that leave the slot as it was, the aspect warning, swap and reorder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from veo_desktop.ui.compose.image_loading import ratio_text, size_text
from veo_desktop.ui.compose.image_slot import ImageSlot
from veo_desktop.ui.compose.slot_groups import FramePairSlots, ReferenceSlots

# Own helpers rather than tests/ui/helpers.py: that one imports the whole main window.


def png(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (320, 180)) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


def drop(widget: QWidget, mime: QMimeData) -> bool:
    """A drag entering the widget, then a drop; True when both were accepted."""
    pos = QPointF(widget.rect().center())
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


@pytest.fixture
def slot(qtbot: QtBot, tmp_path: Path) -> ImageSlot:
    s = ImageSlot("Start frame", paste_dir=tmp_path / "pasted")
    qtbot.addWidget(s)
    s.resize(260, 200)
    s.show()
    return s


def text_mime(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    return mime


def url_mime(url: str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl(url)])
    return mime


def image(width: int, height: int) -> QImage:
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(Qt.GlobalColor.darkCyan)
    return img


def test_file_drop_shows_thumbnail_size_and_describes_itself(
    qtbot: QtBot, slot: ImageSlot, tmp_path: Path
) -> None:
    path = png(tmp_path / "barn.png", (200, 30, 30), (320, 180))
    with qtbot.waitSignal(slot.changed, timeout=5000) as sig:
        assert drop(slot, file_mime(path))
    assert sig.args == [str(path)]
    assert slot.value() == str(path)
    thumb = slot.thumbnail()
    assert thumb is not None and (thumb.width(), thumb.height()) == (320, 180)
    assert "320 × 180 · " in slot.info_label.text() and "barn.png" in slot.info_label.text()
    assert slot.hint_label.isHidden() and slot.clear_button.isVisible()
    assert slot.accessibleName() == "Start frame"
    assert "barn.png" in slot.accessibleDescription()
    assert slot.toolTip() == str(path)
    assert slot.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert not slot.error_text()


def test_big_image_gets_a_small_thumbnail(qtbot: QtBot, slot: ImageSlot, tmp_path: Path) -> None:
    path = png(tmp_path / "big.png", (10, 10, 10), (3000, 1500))
    slot.set_value(str(path))
    qtbot.waitUntil(lambda: slot.value() == str(path), timeout=5000)
    thumb = slot.thumbnail()
    assert thumb is not None and max(thumb.width(), thumb.height()) <= 640
    assert "3000 × 1500" in slot.info_label.text()


@pytest.mark.parametrize(
    "mime",
    [
        url_mime("https://images.example.com/cat.png"),
        text_mime("https://images.example.com/cat.png\n"),
    ],
    ids=["url", "text"],
)
def test_web_url_drop_is_kept_as_a_link(slot: ImageSlot, mime: QMimeData) -> None:
    assert drop(slot, mime)
    assert slot.value() == "https://images.example.com/cat.png"  # no file to check: at once
    assert slot.hint_label.text() == "images.example.com"
    assert slot.info_label.text() == "linked image (sent as a URL)"
    assert slot.thumbnail() is None


def test_browser_image_data_is_saved_as_png(qtbot: QtBot, slot: ImageSlot, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setImageData(image(64, 48))
    mime.setUrls([QUrl("https://example.com/page-the-image-links-to")])
    assert drop(slot, mime)
    qtbot.waitUntil(lambda: slot.value() is not None, timeout=5000)
    saved = Path(slot.value() or "")
    assert saved.parent == tmp_path / "pasted" and saved.suffix == ".png" and saved.is_file()
    assert "64 × 48" in slot.info_label.text()


def test_corrupt_png_is_refused_and_nothing_else_changes(
    qtbot: QtBot, slot: ImageSlot, tmp_path: Path
) -> None:
    good = png(tmp_path / "good.png", (0, 90, 0))
    slot.set_value(str(good))
    qtbot.waitUntil(lambda: slot.value() == str(good), timeout=5000)
    thumb, info = slot.thumbnail(), slot.info_label.text()
    bad = tmp_path / "broken.png"
    bad.write_bytes(good.read_bytes()[:60])  # a real PNG header, then cut off
    seen: list[object] = []
    slot.changed.connect(seen.append)
    assert drop(slot, file_mime(bad))
    qtbot.waitUntil(lambda: bool(slot.error_text()), timeout=5000)
    assert "broken.png" in slot.error_text() and slot.message_label.isVisible()
    assert slot.value() == str(good) and slot.thumbnail() is thumb
    assert slot.info_label.text() == info and seen == []
    assert slot.error_text() in slot.accessibleDescription()


def test_text_file_drop_is_refused_with_a_message(
    qtbot: QtBot, slot: ImageSlot, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    drop(slot, file_mime(notes))
    qtbot.waitUntil(lambda: bool(slot.error_text()), timeout=5000)
    assert "notes.txt" in slot.error_text() and "PNG" in slot.error_text()
    assert slot.value() is None and slot.hint_label.isVisible()


def test_drag_enter_accepts_only_what_the_slot_can_take(slot: ImageSlot, tmp_path: Path) -> None:
    assert not drop(slot, text_mime("just some words"))
    assert not drop(slot, url_mime("ftp://example.com/a.png"))
    assert not drop(slot, file_mime(tmp_path))  # a folder
    assert slot.value() is None and not slot.error_text()


def test_missing_file_from_a_draft_is_explained(
    qtbot: QtBot, slot: ImageSlot, tmp_path: Path
) -> None:
    slot.set_value(str(tmp_path / "gone.png"))
    qtbot.waitUntil(lambda: bool(slot.error_text()), timeout=5000)
    assert "gone.png" in slot.error_text() and "not found" in slot.error_text()
    assert slot.value() is None


def test_paste_image_with_ctrl_v(qtbot: QtBot, slot: ImageSlot, tmp_path: Path) -> None:
    QGuiApplication.clipboard().setImage(image(40, 30))
    QTest.keyClick(slot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: slot.value() is not None, timeout=5000)
    assert Path(slot.value() or "").parent == tmp_path / "pasted"
    assert "40 × 30" in slot.info_label.text()


def test_paste_url_and_path_text(qtbot: QtBot, slot: ImageSlot, tmp_path: Path) -> None:
    QGuiApplication.clipboard().setText("https://cdn.example.org/frame.jpg")
    QTest.keyClick(slot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert slot.value() == "https://cdn.example.org/frame.jpg"
    path = png(tmp_path / "copied path.png", (1, 2, 3))
    QGuiApplication.clipboard().setText(f'"{path}"')  # as "Copy as path" puts it
    QTest.keyClick(slot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: slot.value() == str(path), timeout=5000)
    QGuiApplication.clipboard().setText("hello")
    QTest.keyClick(slot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert slot.error_text() and slot.value() == str(path)


def test_a_late_result_does_not_overwrite_a_newer_value(
    qtbot: QtBot, slot: ImageSlot, tmp_path: Path
) -> None:
    slot.set_value(str(png(tmp_path / "slow.png", (5, 5, 5))))
    slot.set_value("https://example.com/newer.png")
    assert slot._pool.waitForDone(5000)
    qtbot.wait(50)  # let the queued result arrive
    assert slot.value() == "https://example.com/newer.png" and not slot.message_label.text()


def test_clear_button_and_delete_key_empty_the_slot(
    qtbot: QtBot, slot: ImageSlot, tmp_path: Path
) -> None:
    slot.set_value("https://example.com/a.png")
    with qtbot.waitSignal(slot.changed) as sig:
        slot.clear_button.click()
    assert sig.args == [None] and slot.value() is None and slot.hint_label.isVisible()
    assert slot.hint_label.text() == "Drop an image, paste, or click to browse"
    slot.set_value("https://example.com/a.png")
    QTest.keyClick(slot, Qt.Key.Key_Delete)
    assert slot.value() is None


# The offscreen platform warns whenever any top-level dialog is shown.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_click_opens_a_file_dialog_without_blocking(
    qtbot: QtBot, slot: ImageSlot, tmp_path: Path
) -> None:
    path = png(tmp_path / "chosen.png", (3, 3, 3))
    QTest.mouseClick(slot, Qt.MouseButton.LeftButton)
    dialog = slot.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()  # open(), so we got here at once
    assert "*.webp" in dialog.nameFilters()[0]
    dialog.fileSelected.emit(str(path))
    dialog.close()
    qtbot.waitUntil(lambda: slot.value() == str(path), timeout=5000)
    QTest.keyClick(slot, Qt.Key.Key_Space)
    assert dialog.isVisible()
    dialog.close()


def test_swap_exchanges_start_and_end(qtbot: QtBot, tmp_path: Path) -> None:
    pair = FramePairSlots(paste_dir=tmp_path)
    qtbot.addWidget(pair)
    a = png(tmp_path / "a.png", (200, 0, 0))
    pair.start.set_value(str(a))
    pair.end.set_value("https://example.com/b.png")
    qtbot.waitUntil(lambda: pair.start.value() == str(a), timeout=5000)
    with qtbot.waitSignal(pair.changed) as _:
        pair.swap_button.click()
    assert pair.start.value() == "https://example.com/b.png"
    assert pair.end.value() == str(a) and pair.end.thumbnail() is not None
    assert "a.png" in pair.end.info_label.text()
    pair.end_enabled(False)
    assert pair.end.isHidden() and pair.swap_button.isHidden()


def test_references_reorder_and_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    refs = ReferenceSlots(paste_dir=tmp_path)
    qtbot.addWidget(refs)
    a = str(png(tmp_path / "a.png", (200, 0, 0)))
    b = "https://example.com/b.png"
    refs.set_values([a, b])
    qtbot.waitUntil(lambda: refs.values() == [a, b], timeout=5000)
    assert [s.accessibleName() for s in refs.slots] == ["Reference 1", "Reference 2", "Reference 3"]
    assert not refs.left_buttons[0].isEnabled() and not refs.right_buttons[2].isEnabled()
    with qtbot.waitSignal(refs.changed):
        refs.right_buttons[0].click()
    assert refs.values() == [b, a]
    refs.move_reference(1, 1)
    assert [s.value() for s in refs.slots] == [b, None, a]
    assert refs.values() == [b, a]
    refs.set_values([])
    assert refs.values() == []


def test_ratio_and_size_texts() -> None:
    assert ratio_text(1024, 768) == "4:3"
    assert ratio_text(1920, 1080) == "16:9"
    assert ratio_text(1921, 1080) == "16:9"
    assert ratio_text(2350, 1000) == "21:9"  # within 1% of it
    assert ratio_text(1850, 1000) == "1.85:1"
    assert ratio_text(1000, 1850) == "1:1.85"
    assert size_text(900) == "900 bytes"
    assert size_text(2_516_582) == "2.4 MB"
