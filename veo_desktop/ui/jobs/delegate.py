"""Paints one job row (poster or live frame, mode and model, prompt, status, bar or reason) with
no per-row widgets, so a long list costs paint calls, not widgets."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QToolTip,
)

from ...core.checks.result import failed
from ...core.jobs.journal import Job, JobState
from ..appearance import problem_colour
from ..i18n import tr
from .model import (
    ChecksRole,
    ElapsedRole,
    ErrorRole,
    FailureRole,
    FrameRole,
    JobRole,
    PosterRole,
    StatusTextRole,
    checks_count_text,
    checks_tip,
    format_elapsed,
)

Index = QModelIndex | QPersistentModelIndex

# Waiting rows get no bar: an empty one looks broken, a busy one looks like work being done.
_BAR_STATES = (JobState.RUNNING, JobState.COMPLETED)


def _is_dark(colour: QColor) -> bool:
    return colour.lightnessF() < 0.5


class _Metrics:
    """Every length of the row layout, derived from the font so the row grows with it; never
    under 104 px, so a small font still leaves a poster big enough to recognise."""

    MIN_HEIGHT = 104

    def __init__(self, font: QFont) -> None:
        self.fm = QFontMetrics(font)
        self.head_font = QFont(font)
        self.head_font.setWeight(QFont.Weight.DemiBold)
        self.head_fm = QFontMetrics(self.head_font)
        self.line = self.fm.height()
        self.gap = round(self.line * 0.25)
        self.margin = round(self.line * 0.6)
        text_h = 4 * self.line + 4 * self.gap
        self.height = max(self.MIN_HEIGHT, 2 * self.margin + text_h)
        self.text_top = (self.height - text_h) // 2  # the text block sits centred by the poster
        self.thumb_h = self.height - 2 * self.margin
        self.thumb_w = self.thumb_h * 16 // 9


class JobDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._metrics: dict[str, _Metrics] = {}
        self._scaled: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        # The film icon and the play badge look the same on every row: drawn once per size
        # into an image, then each row is one drawImage instead of a dozen vector calls.
        self._glyphs: dict[tuple[str, int, int, float], QImage] = {}

    def _m(self, font: QFont) -> _Metrics:
        key = font.key()
        if key not in self._metrics:
            self._metrics[key] = _Metrics(font)
        return self._metrics[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        m = self._m(option.font)
        return QSize(m.thumb_w + 20 * m.line, m.height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        job: Job | None = index.data(JobRole)
        if job is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the panel only: we draw the text ourselves
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        m = self._m(opt.font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        fg = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        bg = pal.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        dim = QColor(fg)
        dim.setAlphaF(0.72)
        r = opt.rect.adjusted(m.margin, m.margin, -m.margin, -m.margin)
        thumb = QRect(r.left(), r.top(), m.thumb_w, m.thumb_h)
        self._paint_thumb(painter, thumb, index, job, pal)

        x, y, width = self._text_box(m, opt.rect)
        fm = m.fm

        # 1: mode (semi-bold) · model id (regular, dimmed), the checks badge at the right edge
        badge = self._badge(m, opt.rect, index)
        if badge is not None:
            self._paint_badge(painter, badge[0], badge[1], badge[2], fg, dim, bg, selected)
            width_1 = max(0, badge[0].left() - m.gap * 2 - x)
        else:
            width_1 = width
        head = job.mode.label
        head_w = min(m.head_fm.horizontalAdvance(head), width_1)
        painter.setFont(m.head_font)
        painter.setPen(fg)
        painter.drawText(QRect(x, y, head_w, m.line), Qt.AlignmentFlag.AlignVCenter, head)
        painter.setFont(opt.font)
        painter.setPen(dim)
        rest = fm.elidedText(f" · {job.model}", Qt.TextElideMode.ElideRight, width_1 - head_w)
        painter.drawText(
            QRect(x + head_w, y, width_1 - head_w, m.line), Qt.AlignmentFlag.AlignVCenter, rest
        )

        # 2: the prompt on one line
        y += m.line + m.gap
        prompt = " ".join(job.prompt.split()) or tr("(no prompt)")
        painter.setPen(fg)
        painter.drawText(
            QRect(x, y, width, m.line),
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(prompt, Qt.TextElideMode.ElideRight, width),
        )

        # 3: status, with the elapsed time at the right edge
        y += m.line + m.gap * 2
        elapsed = format_elapsed(float(index.data(ElapsedRole) or 0.0))
        elapsed_w = fm.horizontalAdvance(elapsed)
        status = fm.elidedText(
            str(index.data(StatusTextRole) or ""), Qt.TextElideMode.ElideRight, width - elapsed_w
        )
        problem = index.data(FailureRole) is not None  # core's failure_of: show its reason
        accent = self._accent(job, bg) if problem and not selected else fg
        painter.setPen(accent)
        painter.drawText(QRect(x, y, width, m.line), Qt.AlignmentFlag.AlignVCenter, status)
        painter.setPen(dim)
        painter.drawText(
            QRect(x, y, width, m.line),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            elapsed,
        )

        # 4: progress bar while in flight, the reason when something went wrong
        y += m.line + m.gap
        line4 = QRect(x, y, width, m.line)
        if problem:
            painter.setPen(accent)
            err = str(index.data(ErrorRole) or "")
            painter.drawText(
                line4,
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(err, Qt.TextElideMode.ElideRight, width),
            )
        elif job.state in _BAR_STATES:
            self._paint_bar(painter, opt, line4, job)
        elif job.video_path:
            painter.setPen(dim)
            name = job.video_path.replace("\\", "/").rsplit("/", 1)[-1]
            painter.drawText(
                line4,
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(name, Qt.TextElideMode.ElideMiddle, width),
            )
        painter.restore()

    @staticmethod
    def _text_box(m: _Metrics, rect: QRect) -> tuple[int, int, int]:
        """Left edge, top and width of the text beside the poster."""
        r = rect.adjusted(m.margin, m.margin, -m.margin, -m.margin)
        x = r.left() + m.thumb_w + m.margin * 3 // 2
        return x, rect.top() + m.text_top, max(0, r.right() - x)

    def _badge(self, m: _Metrics, rect: QRect, index: Index) -> tuple[QRect, str, int] | None:
        """Where the checks badge goes, what it says and how many checks failed; None while
        the clip is not downloaded or not checked yet (nothing to say at a glance)."""
        checks = index.data(ChecksRole)
        if checks is None:
            return None
        bad = len(failed(checks))
        x, y, width = self._text_box(m, rect)
        pad = m.line if bad else 0  # the pill's round ends
        text = f"⚠ {checks_count_text(bad)}" if bad else "✓"
        job: Job | None = index.data(JobRole)
        if bad and job is not None:
            head = m.head_fm.horizontalAdvance(job.mode.label)
            head += m.fm.horizontalAdvance(f" · {job.model}") + m.gap * 2
            if head + m.fm.horizontalAdvance(text) + pad > width:
                text = f"⚠ {bad}"  # a narrow list: the number, the words are in the tooltip
        w = min(m.fm.horizontalAdvance(text) + pad, width // 2)
        return QRect(x + width - w, y, w, m.line), text, bad

    def _paint_badge(
        self,
        painter: QPainter,
        rect: QRect,
        text: str,
        bad: int,
        fg: QColor,
        dim: QColor,
        bg: QColor,
        selected: bool,
    ) -> None:
        if not bad:  # all good: a quiet tick, nothing to look at twice
            painter.setPen(dim)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            return
        # Amber, like a row that waits on the user: the clip is here, but not as asked.
        colour = fg if selected else problem_colour(bg, warning=True)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = rect.height() / 2
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignCenter,
            painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, rect.width() - rect.height() // 2
            ),
        )

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """Over the badge, the tooltip is the checks alone; elsewhere, the row's own."""
        job: Job | None = index.data(JobRole)
        if event.type() == QHelpEvent.Type.ToolTip and job is not None:
            # The view hands over the item's full width; the row is painted in the visible part.
            row = option.rect.intersected(view.viewport().rect())
            badge = self._badge(self._m(option.font), row, index)
            if badge is not None and badge[0].contains(event.pos()):
                QToolTip.showText(event.globalPos(), checks_tip(job), view.viewport(), badge[0])
                return True
        return super().helpEvent(event, view, option, index)

    @staticmethod
    def _accent(job: Job, bg: QColor) -> QColor:
        # Red for what ended badly; amber for what waits on the user (a key, a check).
        ended = job.state in (JobState.FAILED, JobState.COMPLETED, JobState.NO_VIDEO)
        return problem_colour(bg, warning=not ended)

    @staticmethod
    def _paint_bar(painter: QPainter, opt: QStyleOptionViewItem, line: QRect, job: Job) -> None:
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
        if job.state is JobState.COMPLETED:
            bar.maximum, bar.progress = 100, 100
        elif job.state is JobState.RUNNING and job.progress is None:
            bar.maximum, bar.progress = 0, 0  # indeterminate: working, but no number yet
        else:
            bar.maximum, bar.progress = 100, max(0, min(100, job.progress or 0))
        style = QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, opt.widget)

    def _paint_thumb(
        self, painter: QPainter, rect: QRect, index: Index, job: Job, pal: QPalette
    ) -> None:
        radius = max(4.0, rect.height() / 14)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        # Near-black reads as "video" on a light list; on a dark one it needs to stand out.
        dark_list = _is_dark(pal.color(QPalette.ColorRole.Base))
        painter.setBrush(QColor(52, 54, 60) if dark_list else QColor(24, 24, 28))
        painter.drawRoundedRect(QRectF(rect), radius, radius)
        frame: QImage | None = index.data(FrameRole)
        image = frame if frame is not None and not frame.isNull() else index.data(PosterRole)
        if image is not None and not image.isNull():
            self._draw_fitted(painter, rect, image, cache=frame is None)
        else:
            self._draw_glyph(painter, rect, "film")
        if job.state is JobState.DOWNLOADED and frame is None:
            self._draw_glyph(painter, rect, "play")
        painter.restore()

    def _draw_glyph(self, painter: QPainter, rect: QRect, kind: str) -> None:
        """The film icon or the play badge, from a per-size image drawn once."""
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
                self._draw_film_icon(p, local)
            else:
                self._draw_play_badge(p, local)
            p.end()
            self._glyphs[key] = glyph
        painter.drawImage(rect.topLeft(), glyph)

    def _draw_fitted(self, painter: QPainter, rect: QRect, image: QImage, *, cache: bool) -> None:
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

    @staticmethod
    def _draw_film_icon(painter: QPainter, rect: QRect) -> None:
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

    @staticmethod
    def _draw_play_badge(painter: QPainter, rect: QRect) -> None:
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
