"""A .txt, .csv or .jsonl file dropped on the window opens it as a batch, wherever it lands:
before a prompt box takes it as text or an image slot as a would-be image (images still go in)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def batch_file(mime: QMimeData) -> Path | None:
    """The first local file in `mime` that can be a batch (by its name; read when opened)."""
    if not mime.hasUrls():
        return None
    from ...core.batch.sources import SUFFIXES  # loaded by the first drag of a file, not before

    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in SUFFIXES:
                return path
    return None


class BatchDrops(QObject):
    dropped = Signal(object)  # Path

    def watch_window(self, window: QWidget) -> None:
        """Drops on the window's bare parts (widgets that take no drops pass them up to it)."""
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def watch_tree(self, root: QWidget) -> None:
        """Drops on the widgets under `root` that take drops themselves."""
        for widget in [root, *root.findChildren(QWidget)]:
            if widget.acceptDrops():
                widget.installEventFilter(self)
            if isinstance(widget, QAbstractScrollArea) and widget.viewport().acceptDrops():
                widget.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in DRAGS or not isinstance(event, QDropEvent):
            return False
        path = batch_file(event.mimeData())
        if path is None:
            return False  # an image for a slot, text for a box: theirs
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.dropped.emit(path)
        return True
