"""The compare pictures: one take as it plays, two takes as a wipe (A left of a divider you drag, B
right of it), or their amplified difference; each tells its takes what size to convert to."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from .frames import difference, paint_wipe, placed
from .take import Take


class Look(Enum):
    SINGLE = "single"
    WIPE = "wipe"
    DIFFERENCE = "difference"


class PictureView(QWidget):
    def __init__(self, takes: list[Take], look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.takes = takes
        self.look = look
        self.split = 0.5  # the wipe's divider, as a share of the picture's width
        self.letters: list[str] = []
        self._active = False
        self._diff: tuple[int, int, QImage] | None = None  # the pictures it came from, and it
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        if look is not Look.SINGLE:
            self.set_look(look)
        for take in takes:
            take.pictured.connect(self.update)

    def set_look(self, look: Look) -> None:
        self.look = look
        wipe = look is Look.WIPE
        self.setCursor(Qt.CursorShape.SplitHCursor if wipe else Qt.CursorShape.ArrowCursor)
        self.setAccessibleName(
            self.tr("Wipe: drag to move the divider") if wipe else self.tr("Difference")
        )
        self.update()

    @property
    def active(self) -> bool:
        return self._active

    def set_active(self, active: bool) -> None:
        """Shown or not: a hidden view asks for no pictures (nothing is converted for it)."""
        self._active = active
        self.setVisible(active)
        self._ask_sizes()

    def _ask_sizes(self) -> None:
        dpr = self.devicePixelRatioF()
        box = QSize(round(self.width() * dpr), round(self.height() * dpr))
        for take in self.takes:
            take.box = box if self._active else QSize()
        if self._active:
            for take in self.takes:
                take.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._active:
            self._ask_sizes()

    # -- the picture -----------------------------------------------------------------------------

    def picture_area(self) -> QRect:
        """Where the (first) take's picture is drawn."""
        image = next((t.picture for t in self.takes if t.picture is not None), None)
        if image is None:
            return self.rect()
        return placed(image.size(), self.rect())

    def divider_x(self) -> int:
        area = self.picture_area()
        return area.left() + round(self.split * area.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(Qt.GlobalColor.black))
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        pictures = [t.picture for t in self.takes]
        if self.look is Look.SINGLE:
            if pictures[0] is not None:
                p.drawImage(placed(pictures[0].size(), self.rect()), pictures[0])
            elif self.takes[0].failed:
                p.setPen(QColor(Qt.GlobalColor.lightGray))
                p.drawText(
                    self.rect().adjusted(8, 8, -8, -8),
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                    self.tr("This clip could not be played: %1").replace(
                        "%1", self.takes[0].media.errorString()
                    ),
                )
        elif self.look is Look.WIPE:
            area = self.picture_area()
            x = self.divider_x()
            paint_wipe(p, area, pictures[0], pictures[1], x)
            self._paint_divider(p, area, x)
        else:
            image = self._difference()
            if image is not None:
                p.drawImage(placed(image.size(), self.rect()), image)
        p.end()

    def _difference(self) -> QImage | None:
        """|A − B| of the two pictures, made again only when both show the same moment: while
        one take's picture is a frame ahead, the last difference stays (it would flicker)."""
        a, b = self.takes[0], self.takes[1]
        if a.picture is None or b.picture is None:
            return None
        key = (a.picture.cacheKey(), b.picture.cacheKey())
        apart = abs(a.picture_us - b.picture_us) > 500_000 / a.fps
        if self._diff is None or (self._diff[:2] != key and not apart):
            self._diff = (*key, difference(a.picture, b.picture))
        return self._diff[2]

    def _paint_divider(self, p: QPainter, area: QRect, x: int) -> None:
        p.setPen(QPen(QColor(255, 255, 255, 220), 2))
        p.drawLine(x, area.top(), x, area.bottom())
        handle = QRect(x - 6, area.center().y() - 18, 12, 36)
        p.setBrush(QColor(255, 255, 255, 220))
        p.setPen(QPen(QColor(0, 0, 0, 160), 1))
        p.drawRoundedRect(handle, 4, 4)
        if len(self.letters) >= 2:  # which side is which take, beside the handle
            font = p.font()
            font.setBold(True)
            p.setFont(font)
            side = p.fontMetrics().height() + 6
            top = handle.top() - side - 6
            for letter, left in ((self.letters[0], x - side - 4), (self.letters[1], x + 4)):
                tag = QRect(left, top, side, side)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(0, 0, 0, 150))
                p.drawRoundedRect(tag, 4, 4)
                p.setPen(QColor(Qt.GlobalColor.white))
                p.drawText(tag, Qt.AlignmentFlag.AlignCenter, letter)

    # -- the divider -----------------------------------------------------------------------------

    def move_divider(self, x: float) -> None:
        area = self.picture_area()
        if area.width() > 0:
            self.split = max(0.0, min(1.0, (x - area.left()) / area.width()))
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.look is Look.WIPE and event.button() == Qt.MouseButton.LeftButton:
            self.move_divider(event.position().x())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.look is Look.WIPE and event.buttons() & Qt.MouseButton.LeftButton:
            self.move_divider(event.position().x())
            event.accept()
            return
        super().mouseMoveEvent(event)
