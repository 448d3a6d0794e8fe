"""One image input (start frame, end frame or reference): takes a dropped, pasted or browsed
image and checks it off the UI thread; its value is a local path or an http(s) link."""

from __future__ import annotations

import logging
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QMimeData,
    QRectF,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ImageError
from ...core.links import is_url
from ...core.request.image_files import local_path
from ...core.request.images import ImageInfo, decode_data_uri, is_data_uri
from ..appearance import problem_style
from ..i18n import arg
from .image_loading import Load, LoadSignals, Payload, Thumbnail, size_text

log = logging.getLogger(__name__)


class ImageSlot(QFrame):
    changed = Signal(object)  # the new value: str | None

    def __init__(self, title: str, *, paste_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.paste_dir = title, paste_dir
        self._value: str | None = None
        self._info: ImageInfo | None = None
        self._thumb: QImage | None = None
        self._serial = 0  # bumped by every new value; a check that finishes late is dropped
        self._drag_over = False
        self._error = False
        self._dialog: QFileDialog | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)

        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(150, 140)  # two fit a narrow tab; slot_groups stacks them below
        self.setAccessibleName(title)
        self.title_label = QLabel(title, self)
        self.title_label.setStyleSheet("font-weight: bold;")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.clear_button.setToolTip(self.tr("Remove this image"))
        self.clear_button.setAccessibleName(arg(self.tr("Remove %1"), title))
        self.clear_button.clicked.connect(self.clear)
        policy = self.clear_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # so the title does not jump when a value lands
        self.clear_button.setSizePolicy(policy)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.thumb = Thumbnail(self)
        self.info_label = QLabel(self)
        self.info_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label = QLabel(self)  # "Reading image…" or why the last image was refused
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.hide()

        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.hint_label, 1)
        layout.addWidget(self.thumb, 1)
        for label in (self.info_label, self.message_label):
            layout.addWidget(label)
        self._refresh()

    # -- value -----------------------------------------------------------------------------------

    def value(self) -> str | None:
        return self._value

    def thumbnail(self) -> QImage | None:
        return self._thumb

    def error_text(self) -> str:
        """Why the last image offered was refused ("" when it was not)."""
        return self.message_label.text() if self._error else ""

    def set_value(self, value: str | None) -> None:
        """Programmatic (drafts, remix). A URL takes effect at once; a local file after the same
        off-thread check a drop gets, then `changed` fires (a bad file keeps the old value)."""
        if value is None or not value.strip():
            self.clear()
        else:
            self._take_text(value)

    def clear(self) -> None:
        self._serial += 1
        self._set_message("")
        self._commit(None, None, None)

    def info(self) -> ImageInfo | None:
        """The checked local image (size, aspect), or None for an empty slot or a link."""
        return self._info

    def swap_with(self, other: ImageSlot) -> None:
        """Exchange checked images without re-reading them; a check still running is dropped."""
        mine = (self._value, self._info, self._thumb)
        for slot in (self, other):
            slot._serial += 1
            slot._set_message("")
        self._commit(other._value, other._info, other._thumb)
        other._commit(*mine)

    def _commit(self, value: str | None, info: ImageInfo | None, thumb: QImage | None) -> None:
        old = self._value
        self._value, self._info, self._thumb = value, info, thumb
        self._refresh()
        if value != old:
            self.changed.emit(value)

    # -- intake ----------------------------------------------------------------------------------

    def _take_text(self, text: str) -> bool:
        """A URL, file URL, data URI or path, from a drop, the clipboard or a draft."""
        lines = text.strip().splitlines()
        text = lines[0].strip().strip("\"'") if lines else ""
        if is_url(text):
            self._serial += 1
            self._set_message("")
            self._commit(text, None, None)
            return True
        if is_data_uri(text):
            head = text.partition(",")[0]
            try:
                data = decode_data_uri(text)  # core's reading, and its message when it fails
            except ImageError as exc:
                return self._refuse(exc.message)
            suffix = {"jpeg": ".jpg", "webp": ".webp"}.get(head[11:].split(";")[0].lower(), ".png")
            self._load(self._paste_path(suffix), data)
            return True
        if not text or not ("/" in text or "\\" in text or text.startswith("~")):
            return self._refuse(self.tr("That is not an image, an image link or a file path."))
        self._load(local_path(text).absolute(), None)  # core reads `~/…` and file: links
        return True

    def _take_mime(self, mime: QMimeData) -> bool:
        urls = mime.urls() if mime.hasUrls() else []
        local = next((u for u in urls if u.isLocalFile()), None)
        if local is not None:
            self._load(Path(local.toLocalFile()), None)
            return True
        # Browsers send the pixels with the link; the pixels work with every gateway, while a
        # URL works only where the gateway fetches it (and may point at a page, not the image).
        image = mime.imageData() if mime.hasImage() else None
        if isinstance(image, QImage) and not image.isNull():
            self._load(self._paste_path(".png"), image)
            return True
        web = next((u for u in urls if u.scheme().lower() in ("http", "https", "data")), None)
        if web is not None:
            return self._take_text(web.toString())
        if mime.hasText():
            return self._take_text(mime.text())
        return self._refuse(self.tr("There is no image here. Copy or drag an image and try again."))

    @staticmethod
    def _can_take(mime: QMimeData) -> bool:
        if mime.hasImage():
            return True
        if mime.hasUrls():  # (Qt 6's hasText() is true for URL lists too: decide on them)
            # Any file is let in, so a wrong one is explained on drop rather than just refused.
            return any(
                (u.isLocalFile() and not Path(u.toLocalFile()).is_dir())
                or u.scheme() in ("http", "https", "data")
                for u in mime.urls()
            )
        text = mime.text().strip().lower() if mime.hasText() else ""
        return is_url(text) or is_data_uri(text) or text.startswith("file:")

    def _paste_path(self, suffix: str) -> Path:
        name = f"pasted-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}{suffix}"
        return self.paste_dir / name

    def _load(self, path: Path, payload: Payload) -> None:
        self._serial += 1
        self._set_message(self.tr("Reading image…"))
        signals = LoadSignals()  # one per job, kept alive by the job, so none outlives its emit
        signals.done.connect(self._on_loaded)
        self._pool.start(Load(self._serial, path, payload, signals))

    @Slot(int, object, object, str)
    def _on_loaded(self, serial: int, info: ImageInfo | None, thumb: QImage | None, e: str) -> None:
        if serial != self._serial:
            return  # the value changed meanwhile
        if info is None:
            self._refuse(e)
            return
        self._set_message("")
        self._commit(str(info.path), info, thumb)

    def _refuse(self, message: str) -> bool:
        self._set_message(message, error=True)
        return False

    # -- actions ---------------------------------------------------------------------------------

    def browse(self) -> None:
        if self._dialog is None:
            self._dialog = QFileDialog(self, arg(self.tr("Choose an image: %1"), self.title))
            self._dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            self._dialog.setNameFilter(
                self.tr("Images (*.png *.jpg *.jpeg *.webp *.PNG *.JPG *.JPEG *.WEBP)")
            )
            self._dialog.fileSelected.connect(lambda path: self._load(Path(path), None))
        if self._info is not None:
            self._dialog.setDirectory(str(self._info.path.parent))
        self._dialog.open()  # never exec(): the qasync loop must keep running

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            self._refuse(self.tr("The clipboard is empty. Copy an image and try again."))
        else:
            self._take_mime(mime)

    # -- presentation ----------------------------------------------------------------------------

    def _set_message(self, text: str, *, error: bool = False) -> None:
        self._error = error and bool(text)
        self.message_label.setText(text)
        self.message_label.setStyleSheet(problem_style(self.message_label) if error else "")
        self.message_label.setVisible(bool(text))
        self._refresh()

    def _refresh(self) -> None:
        """Show the value; the accessible description says the same: value, warning, error."""
        info, value = self._info, self._value
        self.clear_button.setVisible(value is not None)
        self.thumb.set_image(self._thumb)
        self.thumb.setVisible(info is not None)
        self.hint_label.setVisible(info is None)
        self.hint_label.setForegroundRole(
            QPalette.ColorRole.PlaceholderText if value is None else QPalette.ColorRole.WindowText
        )
        self.info_label.setVisible(value is not None)
        if value is None:
            self.hint_label.setText(self.tr("Drop an image, paste, or click to browse"))
            tip = self.tr(
                "Drop an image here, paste one with Ctrl+V, or click to choose a PNG, JPEG or "
                "WebP file."
            )
            said = self.tr("Empty. Drop an image, paste, or click to browse.")
        elif info is None:  # a URL
            host = urlsplit(value).hostname or value
            self.hint_label.setText(host)
            self.info_label.setText(self.tr("linked image (sent as a URL)"))
            tip, said = value, arg(self.tr("Linked image from %1."), host)
        else:
            self._elide_info()
            tip = str(info.path)
            said = f"{info.path.name}, {info.width} × {info.height}, {size_text(info.file_size)}."
        self.setToolTip(tip)
        notes = [t for t in (self.message_label.text(),) if t]
        self.setAccessibleDescription(" ".join([said, *notes]))
        self.update()

    def _elide_info(self) -> None:
        info = self._info
        if info is None:
            return
        width = max(40, self.info_label.width())
        name = self.info_label.fontMetrics().elidedText(
            info.path.name, Qt.TextElideMode.ElideMiddle, width
        )
        size = f"{info.width} × {info.height} · {size_text(info.file_size)}"
        self.info_label.setText(f"{name}\n{size}")

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        active = self._drag_over or self.hasFocus()
        color = pal.color(QPalette.ColorRole.Highlight if active else QPalette.ColorRole.Mid)
        pen = QPen(color, 2.0 if active else 1.5)
        if self._value is None:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        fill = QColor(pal.color(QPalette.ColorRole.Highlight))
        fill.setAlpha(40)
        painter.setBrush(fill if self._drag_over else pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 8, 8)

    # -- events ----------------------------------------------------------------------------------

    def _set_drag_over(self, on: bool) -> None:
        self._drag_over = on
        self.update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_take(event.mimeData()):
            event.acceptProposedAction()
            self._set_drag_over(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drag_over(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drag_over(False)
        if self._take_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())  # a press dragged out cancels
        if event.button() == Qt.MouseButton.LeftButton and inside:
            self.browse()
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.browse()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._value is not None:
            self.clear()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Choose File…"), self.browse)
        menu.addAction(self.tr("Paste"), self.paste)
        menu.addAction(self.tr("Remove"), self.clear).setEnabled(self._value is not None)
        menu.popup(event.globalPos())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_info()
