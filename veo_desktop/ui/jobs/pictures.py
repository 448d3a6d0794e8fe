"""The small pictures job rows draw (a poster letterboxed in its box, a group's posters, the film
icon and play badge drawn once per size and reused, a progress bar, stars): a row is a few blits."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionProgressBar, QStyleOptionViewItem

from ...core.jobs.job import Job, JobState
from ..appearance import problem_colour
from .row_text import stars


def is_dark(colour: QColor) -> bool:
    return colour.lightnessF() < 0.5


class Pictures:
    def __init__(self) -> None:
        self._scaled: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        # The film icon and the play badge look the same on every row: drawn once per size
        # into an image, then each row is one drawImage instead of a dozen vector calls.
        self._glyphs: dict[tuple[str, int, int, float], QImage] = {}

    def box(self, painter: QPainter, rect: QRect, pal: QPalette) -> None:
        """The dark rounded box a poster sits in."""
        radius = max(4.0, rect.height() / 14)
        painter.setPen(Qt.PenStyle.NoPen)
        # Near-black reads as "video" on a light list; on a dark one it needs to stand out.
        dark_list = is_dark(pal.color(QPalette.ColorRole.Base))
        painter.setBrush(QColor(52, 54, 60) if dark_list else QColor(24, 24, 28))
        painter.drawRoundedRect(QRectF(rect), radius, radius)

    def glyph(self, painter: QPainter, rect: QRect, kind: str) -> None:
        """The film icon ("film") or the play badge ("play"), from a per-size image drawn once."""
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        key = (kind, rect.width(), rect.height(), dpr)
        glyph = self._glyphs.get(key)
        if glyph is None:
            glyph = QImage(
                round(rect.width() * dpr),
                round(rect.height() * dpr),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            glyph.setDevicePixelRatio(dpr)
            glyph.fill(Qt.GlobalColor.transparent)
            p = QPainter(glyph)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            local = QRect(0, 0, rect.width(), rect.height())
            if kind == "film":
                _film_icon(p, local)
            else:
                _play_badge(p, local)
            p.end()
            self._glyphs[key] = glyph
        painter.drawImage(rect.topLeft(), glyph)

    def thumb(
        self,
        painter: QPainter,
        rect: QRect,
        pal: QPalette,
        frame: QImage | None,
        poster: QImage | None,
        *,
        playable: bool,
    ) -> None:
        """A row's picture: the live frame, else the poster, else a film glyph; a play badge
        on a clip that can play but is not playing."""
        painter.save()
        self.box(painter, rect, pal)
        image = frame if frame is not None and not frame.isNull() else poster
        if image is not None and not image.isNull():
            self.fitted(painter, rect, image, cache=frame is None)
        else:
            self.glyph(painter, rect, "film")
        if playable and frame is None:
            self.glyph(painter, rect, "play")
        painter.restore()

    def fitted(self, painter: QPainter, rect: QRect, image: QImage, *, cache: bool) -> None:
        """Letterboxed, not cropped: a 9:16 clip shows whole inside the 16:9 box."""
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        size = QSize(round(rect.width() * dpr), round(rect.height() * dpr))
        key = (image.cacheKey(), size.width(), size.height())
        scaled = self._scaled.get(key) if cache else None
        if scaled is None:
            scaled = image.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            scaled.setDevicePixelRatio(dpr)
            if cache:  # posters repaint every tick; a live frame is never painted twice
                self._scaled[key] = scaled
                if len(self._scaled) > 256:
                    self._scaled.popitem(last=False)
        w, h = round(scaled.width() / dpr), round(scaled.height() / dpr)
        target = QRect(
            rect.left() + (rect.width() - w) // 2, rect.top() + (rect.height() - h) // 2, w, h
        )
        painter.drawImage(target, scaled)

    def takes(
        self,
        painter: QPainter,
        rect: QRect,
        posters: list[QImage | None],
        takes: list[Job],
        pal: QPalette,
    ) -> None:
        """The takes' posters in the poster's box: two side by side, three or four two by two;
        a take still on its way shows the film icon and a thin bar of its progress."""
        painter.save()
        n = len(takes)
        cols, rows = (n, 1) if n <= 2 else (2, 2)
        w, h = rect.width() // max(1, cols), rect.height() // rows
        cell_h = min(h, w * 9 // 16)
        top = rect.top() + (rect.height() - cell_h * rows) // 2
        for i, take in enumerate(takes[:4]):
            cell = QRect(rect.left() + (i % cols) * w, top + (i // cols) * cell_h, w, cell_h)
            cell = cell.adjusted(1, 1, -1, -1)
            self.box(painter, cell, pal)
            image = posters[i] if i < len(posters) else None
            if image is not None and not image.isNull():
                self.fitted(painter, cell, image, cache=True)
            else:
                self.glyph(painter, cell, "film")
                if take.state in (JobState.RUNNING, JobState.COMPLETED) or take.progress:
                    done = 100 if take.state is JobState.COMPLETED else take.progress or 0
                    bar = QRect(cell.left(), cell.bottom() - 2, cell.width() * done // 100, 3)
                    painter.fillRect(bar, pal.color(QPalette.ColorRole.Highlight))
        painter.restore()


def star_colour(bg: QColor) -> QColor:
    """Gold stars that read on this background."""
    return QColor("#f2c14e") if is_dark(bg) else QColor("#b7791f")


def accent(job: Job, bg: QColor) -> QColor:
    """Red for what ended badly; amber for what waits on the user (a key, a check)."""
    ended = job.state in (JobState.FAILED, JobState.COMPLETED, JobState.NO_VIDEO)
    return problem_colour(bg, warning=not ended)


def progress_bar(
    painter: QPainter, opt: QStyleOptionViewItem, line: QRect, progress: int | None
) -> None:
    """The style's bar, `progress` percent full (None: busy, no number yet)."""
    bar = QStyleOptionProgressBar()
    if opt.widget is not None:
        bar.initFrom(opt.widget)
    # No style object: with one, a busy bar starts a style animation that repaints the whole
    # list at 60 fps; the window's one-second tick is enough for a list of jobs.
    bar.styleObject = None  # type: ignore[assignment]
    h = max(6, line.height() * 3 // 5)
    bar.rect = QRect(line.left(), line.center().y() - h // 2, min(line.width(), 280), h)
    bar.palette = opt.palette
    bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
    bar.direction = opt.direction
    bar.textVisible = False
    bar.minimum = 0
    if progress is None:
        bar.maximum, bar.progress = 0, 0  # indeterminate: working, but no number yet
    else:
        bar.maximum, bar.progress = 100, max(0, min(100, progress))
    QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, opt.widget)


def _film_icon(painter: QPainter, rect: QRect) -> None:
    h = rect.height() * 0.42
    w = h * 1.3
    body = QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h)
    ink = QColor(255, 255, 255, 150)
    painter.setPen(QPen(ink, max(1.5, h / 18)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(body, h / 10, h / 10)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    hole = h / 9
    for i in range(4):  # sprocket holes along both edges
        cx = body.left() + w * (i + 0.5) / 4 - hole / 2
        painter.drawRect(QRectF(cx, body.top() + hole * 0.7, hole, hole))
        painter.drawRect(QRectF(cx, body.bottom() - hole * 1.7, hole, hole))
    frame = body.adjusted(w * 0.12, h * 0.3, -w * 0.12, -h * 0.3)
    painter.drawRoundedRect(frame, 2, 2)


def _play_badge(painter: QPainter, rect: QRect) -> None:
    d = max(14.0, rect.height() * 0.28)
    c = QPointF(rect.left() + d * 0.5 + 5, rect.bottom() - d * 0.5 - 4)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 165))
    painter.drawEllipse(c, d / 2, d / 2)
    painter.setBrush(QColor(255, 255, 255, 235))
    t = d * 0.22
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(c.x() - t * 0.8, c.y() - t),
                QPointF(c.x() - t * 0.8, c.y() + t),
                QPointF(c.x() + t * 1.1, c.y()),
            ]
        )
    )


def paint_stars(painter: QPainter, line: QRect, rating: int | None, ink: QColor) -> QRect:
    """The rating at the right end of `line`; what is left of the line."""
    text = stars(rating)
    if not text:
        return line
    w = painter.fontMetrics().horizontalAdvance(text)
    painter.setPen(ink)
    painter.drawText(line, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
    return line.adjusted(0, 0, -(w + painter.fontMetrics().height() // 2), 0)
