"""The film's timeline strip: each take as wide as it is long, cuts marked, trims shaded with in/out
handles (the board's, never the file's); a click seeks the film."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import arg, tr
from .film_player import FilmPart

HANDLE_PX = 7  # the grab width of an in or out handle
MIN_PART_MS = 500  # a trim leaves at least this much of a take
_CUT = QColor(255, 196, 0)
_SHADE = QColor(0, 0, 0, 170)
_PLAYHEAD = QColor(230, 40, 40)


class TimelineStrip(QWidget):
    seek_requested = Signal(int)  # film ms
    trim_changed = Signal(int, int, object)  # part index, in ms, out ms (None: to its end)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Film timeline"))
        self.setToolTip(
            tr("Click to go there; drag a take's yellow edges to trim it (the file is not changed)")
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.parts: list[FilmPart] = []
        self.posters: dict[str, QImage] = {}
        self.position_ms = 0
        self._drag: tuple[int, str] | None = None  # part index, "in" or "out"
        self._grab: list[tuple[int, str]] = []  # the handles under the press
        self._grab_x = 0

    def sizeHint(self) -> QSize:
        return QSize(640, 84)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 84)

    def set_parts(self, parts: list[FilmPart]) -> None:
        if self._drag is None:  # a drag in progress keeps its own copy until released
            self.parts = list(parts)
            self.update()

    def set_poster(self, job_id: str, image: QImage) -> None:
        self.posters[job_id] = image
        self.update()

    def set_position(self, film_ms: int) -> None:
        self.position_ms = film_ms
        self.update()

    # -- geometry --------------------------------------------------------------------------------

    def _area(self) -> QRect:
        return self.rect().adjusted(4, 18, -4, -4)

    def _scale(self) -> float:
        total = sum(p.length_ms for p in self.parts)
        return self._area().width() / total if total else 0.0

    def _block(self, index: int) -> QRect:
        area, scale = self._area(), self._scale()
        left = area.left() + round(sum(p.length_ms for p in self.parts[:index]) * scale)
        width = round(self.parts[index].length_ms * scale)
        return QRect(left, area.top(), max(1, width), area.height())

    def _x(self, index: int, take_ms: int) -> int:
        return self._block(index).left() + round(take_ms * self._scale())

    def cut_points(self) -> list[int]:
        """The x of each cut between two takes (what the strip marks)."""
        return [self._block(i).left() for i in range(1, len(self.parts))]

    def handles_at(self, x: int) -> list[tuple[int, str]]:
        """The in and out handles within reach of `x`, nearest first (at an untrimmed cut, the
        out point of one take and the in point of the next are both there)."""
        found: list[tuple[int, int, str]] = []
        for i, part in enumerate(self.parts):
            for edge, ms in (("in", part.start_ms), ("out", part.out_ms)):
                distance = abs(x - self._x(i, ms))
                if distance <= HANDLE_PX:
                    found.append((distance, i, edge))
        return [(i, edge) for _d, i, edge in sorted(found)]

    def film_ms_at(self, x: int) -> int:
        """The film position under `x` (a point a trim leaves out: that take's nearest end)."""
        at = 0
        for i, part in enumerate(self.parts):
            block = self._block(i)
            if x < block.right() or i == len(self.parts) - 1:
                take_ms = round((x - block.left()) / self._scale()) if self._scale() else 0
                return at + max(0, min(take_ms - part.start_ms, part.used_ms))
            at += part.used_ms
        return 0

    def _playhead_x(self) -> int | None:
        at = 0
        for i, part in enumerate(self.parts):
            if self.position_ms <= at + part.used_ms or i == len(self.parts) - 1:
                return self._x(i, part.start_ms + max(0, self.position_ms - at))
            at += part.used_ms
        return None

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        p.setFont(small)
        for i, part in enumerate(self.parts):
            block = self._block(i)
            p.fillRect(block, QColor(24, 24, 28))
            poster = self.posters.get(part.job_id)
            if poster is not None and not poster.isNull():
                self._tile(p, block, poster)
            in_x, out_x = self._x(i, part.start_ms), self._x(i, part.out_ms)
            p.fillRect(
                QRect(block.left(), block.top(), in_x - block.left(), block.height()), _SHADE
            )
            p.fillRect(QRect(out_x, block.top(), block.right() - out_x + 1, block.height()), _SHADE)
            p.setPen(QPen(_CUT, 3))
            for x in (in_x, out_x):
                p.drawLine(x, block.top(), x, block.bottom())
            p.setPen(self.palette().windowText().color())
            label = arg(tr("Shot %1"), str(i + 1))
            p.drawText(QRect(block.left() + 3, 0, block.width() - 6, 16), 0, label)
        p.setPen(QPen(QColor(255, 255, 255), 2))
        for x in self.cut_points():  # the cuts: where one take ends and the next begins
            p.drawLine(x, self._area().top() - 4, x, self._area().bottom())
        head = self._playhead_x()
        if head is not None:
            p.setPen(QPen(_PLAYHEAD, 2))
            p.drawLine(head, 2, head, self.height() - 2)
        p.end()

    def _tile(self, p: QPainter, block: QRect, poster: QImage) -> None:
        h = block.height()
        w = max(1, round(h * poster.width() / max(1, poster.height())))
        p.save()
        p.setClipRect(block)
        x = block.left()
        while x < block.right():
            p.drawImage(QRectF(x, block.top(), w, h), poster)
            x += w
        p.restore()

    # -- mouse -----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.parts:
            return
        x = round(event.position().x())
        self._grab = self.handles_at(x)
        self._grab_x = x
        self._drag = self._grab[0] if len(self._grab) == 1 else None
        if not self._grab:
            self.seek_requested.emit(self.film_ms_at(x))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = round(event.position().x())
        if self._drag is None and len(self._grab) > 1 and x != self._grab_x:
            # Two handles at one cut: a drag to the right trims the next take's start, one to
            # the left the previous take's end.
            want = "in" if x > self._grab_x else "out"
            self._drag = next((h for h in self._grab if h[1] == want), self._grab[0])
        if self._drag is None:
            over = bool(self.handles_at(x))
            self.setCursor(Qt.CursorShape.SizeHorCursor if over else Qt.CursorShape.ArrowCursor)
            return
        index, edge = self._drag
        part = self.parts[index]
        take_ms = round((x - self._block(index).left()) / self._scale()) if self._scale() else 0
        self.parts[index] = trimmed(part, edge, take_ms)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._grab = []
        if self._drag is None:
            return
        index, _edge = self._drag
        self._drag = None
        part = self.parts[index]
        self.trim_changed.emit(index, part.start_ms, part.end_ms)


def trimmed(part: FilmPart, edge: str, take_ms: int) -> FilmPart:
    """The part with its in or out point moved to `take_ms`, kept inside the take and leaving
    at least MIN_PART_MS; an out point at the take's end is no out point."""
    if edge == "in":
        start = max(0, min(take_ms, part.out_ms - MIN_PART_MS))
        return replace(part, start_ms=start)
    end = max(part.start_ms + MIN_PART_MS, min(take_ms, part.length_ms))
    return replace(part, end_ms=None if end >= part.length_ms - 40 else end)
