"""One image slot (start frame, end frame, reference): takes a dropped file, an image or URL
dragged from a browser, a paste, or a click to browse; shows a thumbnail, pixel and file size,
and a clear button. Checking and thumbnailing run on a worker thread, and a bad file only shows
a message: the slot keeps what it had."""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QMimeData,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPixmap,
)
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from ..core.errors import ImageError
from ..core.images import ImageInfo, aspect_mismatch, inspect_image, is_url

THUMB = QSize(240, 135)


class _Result(QObject):
    done = Signal(int, object, object, str)  # token, ImageInfo | None, QImage | None, error


class _Check(QRunnable):
    """Validate a local file (or save pasted image data first) and make its thumbnail."""

    def __init__(
        self, token: int, path: Path | None, image: QImage | None, paste_dir: Path, out: _Result
    ) -> None:
        super().__init__()
        self.token, self.path, self.image, self.paste_dir, self.out = (
            token,
            path,
            image,
            paste_dir,
            out,
        )

    def run(self) -> None:
        try:
            path = self.path
            if path is None and self.image is not None:
                self.paste_dir.mkdir(parents=True, exist_ok=True)
                path = self.paste_dir / f"pasted-{uuid.uuid4().hex[:10]}.png"
                if not self.image.save(str(path), "PNG"):
                    raise ImageError(
                        "The pasted image could not be saved. Save it as a file "
                        "and drop that instead."
                    )
            assert path is not None
            info = inspect_image(path)
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
            thumb = reader.read()
            self.out.done.emit(self.token, info, thumb if not thumb.isNull() else None, "")
        except ImageError as exc:
            self.out.done.emit(self.token, None, None, exc.message)
        except Exception as exc:  # never let a worker die silently with the slot "busy"
            self.out.done.emit(self.token, None, None, f"The image could not be read ({exc}).")


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


class ImageSlot(QFrame):
    changed = Signal(object)  # str | None

    def __init__(self, title: str, *, paste_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.paste_dir = paste_dir
        self._value: str | None = None
        self._info: ImageInfo | None = None
        self._aspect: str | None = None
        self._token = 0
        self._programmatic: dict[int, bool] = {}
        self._dialog: QFileDialog | None = None
        self._result = _Result(self)
        self._result.done.connect(self._on_checked)
        self._pool = QThreadPool.globalInstance()

        self.setObjectName("slot")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 150)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        self.setToolTip(self.tr("Drop an image, paste (Ctrl+V), or click to browse"))
        self._set_dragging(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        head = QLabel(title, self)
        head.setStyleSheet("font-weight: 600; border: none;")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(self.tr("Clear this slot"))
        self.clear_button.setAccessibleName(self.tr("Clear %s") % title)
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.hide()
        self.thumb = QLabel(self)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setMinimumHeight(90)
        self.thumb.setStyleSheet("border: none;")
        self.info = QLabel(self)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info.setStyleSheet("border: none;")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        top = QVBoxLayout()
        top.addWidget(head)
        layout.addLayout(top)
        layout.addWidget(self.thumb, 1)
        layout.addWidget(self.info)
        layout.addWidget(self.message)
        self._show_empty()

    # -- public API ------------------------------------------------------------------------------

    def value(self) -> str | None:
        return self._value

    def set_value(self, value: str | None) -> None:
        """Restore a draft or a remix: set now, check in the background."""
        if not value:
            self.clear()
            return
        self._value = value
        self.changed.emit(value)
        self._offer(value, programmatic=True)

    def clear(self) -> None:
        self._token += 1  # any check still running is now stale
        had = self._value is not None
        self._value = None
        self._info = None
        self._show_empty()
        self._set_message("", "")
        if had:
            self.changed.emit(None)

    def set_expected_aspect(self, aspect_ratio: str | None) -> None:
        self._aspect = aspect_ratio
        self._update_warning()

    def error_text(self) -> str:
        return self.message.text() if self.message.property("kind") == "error" else ""

    def warning_text(self) -> str:
        return self.message.text() if self.message.property("kind") == "warning" else ""

    def info_text(self) -> str:
        return self.info.text()

    def has_thumbnail(self) -> bool:
        pm = self.thumb.pixmap()
        return pm is not None and not pm.isNull()

    # -- input -----------------------------------------------------------------------------------

    def accepts(self, mime: QMimeData) -> bool:
        if mime.hasImage():
            return True
        if mime.hasUrls():
            return any(u.isLocalFile() or u.scheme() in ("http", "https") for u in mime.urls())
        return mime.hasText() and (is_url(mime.text()) or Path(mime.text().strip()).is_file())

    def offer_mime(self, mime: QMimeData) -> bool:
        """Take the best thing in a drop or paste: a file, then a URL, then image data."""
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile():
                self._offer(url.toLocalFile())
                return True
        for url in mime.urls() if mime.hasUrls() else []:
            if url.scheme() in ("http", "https"):
                self._offer(url.toString())
                return True
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self._start_check(None, image, programmatic=False)
                return True
        if mime.hasText():
            text = mime.text().strip()
            if is_url(text) or text.startswith("file://") or Path(text).expanduser().is_file():
                self._offer(QUrl(text).toLocalFile() if text.startswith("file://") else text)
                return True
        self._set_message(
            self.tr(
                "That is not an image or an image link. Drop a PNG, JPEG or "
                "WebP file, or an image URL."
            ),
            "error",
        )
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepts(event.mimeData()):
            self._set_dragging(True)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_dragging(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_dragging(False)
        if self.offer_mime(event.mimeData()):
            event.acceptProposedAction()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.offer_mime(QGuiApplication.clipboard().mimeData())
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.browse()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
        else:
            super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.browse()
        super().mouseReleaseEvent(event)

    def browse(self) -> None:
        dlg = QFileDialog(self, self.tr("Choose %s") % self.title)
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.webp)"))
        dlg.fileSelected.connect(self._offer)
        self._dialog = dlg
        dlg.open()

    # -- checking --------------------------------------------------------------------------------

    def _offer(self, value: str, programmatic: bool = False) -> None:
        if is_url(value):
            self._token += 1
            self._accept(value, None, None)
            return
        self._start_check(Path(value).expanduser(), None, programmatic)

    def _start_check(self, path: Path | None, image: QImage | None, programmatic: bool) -> None:
        self._token += 1
        self._programmatic[self._token] = programmatic
        self._set_message(self.tr("Checking…"), "info")
        self._pool.start(_Check(self._token, path, image, self.paste_dir, self._result))

    def _on_checked(
        self, token: int, info: ImageInfo | None, thumb: QImage | None, error: str
    ) -> None:
        programmatic = self._programmatic.pop(token, False)
        if token != self._token:
            return  # the user moved on; a late answer must not undo that
        if info is None:
            self._set_message(error, "error")
            if programmatic:  # a draft's file went missing: say so, and don't send it
                self._value = None
                self._info = None
                self._show_empty(keep_message=True)
                self.changed.emit(None)
            return
        self._accept(str(info.path), info, thumb)

    def _accept(self, value: str, info: ImageInfo | None, thumb: QImage | None) -> None:
        changed = value != self._value
        self._value = value
        self._info = info
        self.clear_button.show()
        if info is not None:
            self.thumb.setPixmap(QPixmap.fromImage(thumb) if thumb is not None else QPixmap())
            self.info.setText(f"{info.width} × {info.height} · {human_size(info.file_size)}")
            self.setToolTip(str(info.path))
        else:
            host = urlsplit(value).hostname or value
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText("🔗")
            self.info.setText(self.tr("Linked image from %s (sent as a URL)") % host)
            self.setToolTip(value)
        self._set_message("", "")
        self._update_warning()
        self.setAccessibleDescription(self.tr("%s: %s") % (self.title, value))
        if changed:
            self.changed.emit(value)

    # -- looks -----------------------------------------------------------------------------------

    def _show_empty(self, keep_message: bool = False) -> None:
        self.thumb.setPixmap(QPixmap())
        self.thumb.setText(self.tr("Drop an image, paste, or click to browse"))
        self.thumb.setWordWrap(True)
        self.info.setText("")
        self.clear_button.hide()
        self.setAccessibleDescription(self.tr("%s: empty") % self.title)
        if not keep_message:
            self._set_message("", "")

    def _update_warning(self) -> None:
        if self.message.property("kind") == "error":
            return
        info = self._info
        if info and self._aspect and aspect_mismatch(info.aspect, self._aspect):
            ratio = f"{info.width}:{info.height}" if info.height else "?"
            self._set_message(
                self.tr(
                    "This image is %s, not %s: the model may crop or "
                    "letterbox it, or follow the image's shape."
                )
                % (_simplify(ratio), self._aspect),
                "warning",
            )
        elif self.message.property("kind") == "warning":
            self._set_message("", "")

    def _set_message(self, text: str, kind: str) -> None:
        self.message.setProperty("kind", kind)
        colour = {"error": "#d0312d", "warning": "#b8860b"}.get(kind, "palette(mid)")
        self.message.setStyleSheet(f"color: {colour}; border: none;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_dragging(self, on: bool) -> None:
        border = "palette(highlight)" if on else "palette(mid)"
        style = "solid" if on else "dashed"
        self.setStyleSheet(f"QFrame#slot {{ border: 2px {style} {border}; border-radius: 8px; }}")

    def resizeEvent(self, event: object) -> None:  # keep the clear button in the corner
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.clear_button.move(self.width() - self.clear_button.width() - 6, 6)


def _simplify(ratio: str) -> str:
    from math import gcd

    try:
        w, h = (int(x) for x in ratio.split(":"))
    except ValueError:
        return ratio
    g = gcd(w, h) or 1
    w, h = w // g, h // g
    return f"{w}:{h}" if w < 50 else f"{w / h:.2f}:1"
