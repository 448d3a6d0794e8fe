"""A paste of several lines into a prompt box offers one job per line: an event filter on the
box and a small bar under it ("Make 20 jobs, one per line?"); the paste itself goes in as ever."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

MIN_LINES = 2


def prompt_lines(text: str) -> list[str]:
    """The pasted text's non-empty lines, each one prompt."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class OfferBar(QFrame):
    """[Make N jobs] [Keep as one prompt], floating just under the prompt box."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # it lies over the fields below the prompt
        self.setAccessibleName(self.tr("One job per line?"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.make = QPushButton()
        self.keep = QPushButton(self.tr("&Keep as one prompt"))
        row.addWidget(self.label, 1)
        row.addWidget(self.make)
        row.addWidget(self.keep)

    def ask(self, count: int) -> None:
        self.label.setText(self.tr("Make %n jobs, one per line?", "", count))
        self.make.setText(self.tr("&Make %n jobs", "", count))


class PasteLines(QObject):
    """Installed on a compose tab's prompt box; `make_jobs` carries the lines when the user
    takes the offer (the paste is undone then: the lines become the batch instead)."""

    make_jobs = Signal(list)  # list[str]

    def __init__(self, prompt: QPlainTextEdit, clipboard: Callable[[], str] | None = None) -> None:
        super().__init__(prompt)
        self.prompt = prompt
        self._clipboard = clipboard or (lambda: QGuiApplication.clipboard().text())
        self.lines: list[str] = []
        self._pasted = ""  # the box's text right after the paste
        self.bar: OfferBar | None = None
        prompt.installEventFilter(self)

    def showing(self) -> bool:
        return self.bar is not None and self.bar.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.prompt:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Paste):
                lines = prompt_lines(self._clipboard())
                if len(lines) >= MIN_LINES:
                    # Offered once the paste is in (the box handles the key after this filter).
                    QTimer.singleShot(0, self, partial(self.offer, lines))
                else:
                    self.dismiss()
            elif event.key() == Qt.Key.Key_Escape and self.showing():
                self.dismiss()
                return True
        elif kind in (QEvent.Type.Resize, QEvent.Type.Move) and self.showing():
            self._place()
        return False

    def offer(self, lines: list[str]) -> None:
        self.lines = lines
        self._pasted = self.prompt.toPlainText()
        if self.bar is None:
            parent = self.prompt.parentWidget()
            assert parent is not None
            self.bar = OfferBar(parent)
            self.bar.make.clicked.connect(self.make)
            self.bar.keep.clicked.connect(self.dismiss)
        self.bar.ask(len(lines))
        self._place()
        self.bar.show()
        self.bar.raise_()

    def make(self) -> None:
        """Take the offer: the paste comes out of the box and each line becomes a job."""
        lines = self.lines
        if self.prompt.toPlainText() == self._pasted:  # nothing typed since: undo the paste
            self.prompt.undo()
        self.dismiss()
        if lines:
            self.make_jobs.emit(lines)

    def dismiss(self) -> None:
        self.lines = []
        if self.bar is not None:
            self.bar.hide()

    def _place(self) -> None:
        if self.bar is None:
            return
        box = self.prompt.geometry()
        height = self.bar.sizeHint().height()
        self.bar.setGeometry(box.left(), box.bottom() + 2, box.width(), height)
