"""Paints one job row: poster (or the live frame while it plays), mode and model, the prompt,
status with a progress bar, elapsed time, and the reason when it failed. No per-row widgets."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from ..core.journal import Job, JobState
from .job_model import (
    ErrorRole,
    FrameRole,
    JobRole,
    PosterRole,
    StatusTextRole,
    format_elapsed,
    mode_label,
    model_label,
)

ERROR_COLOUR = QColor("#e0484f")
PAD = 8


class JobDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(320, max(96, line * 5 + PAD * 2))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        job: Job | None = index.data(JobRole)
        if job is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        text_colour = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        dim = QColor(text_colour)
        dim.setAlphaF(0.7)

        r = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        thumb_h = r.height()
        thumb = QRect(r.left(), r.top(), thumb_h * 16 // 9, thumb_h)
        self._paint_thumb(painter, thumb, index, job, pal)

        x = thumb.right() + PAD * 2
        width = r.right() - x
        fm = QFontMetrics(option.font)
        line = fm.height()
        y = r.top()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        head = f"{mode_label(job.mode)} · {model_label(job.model)}"
        painter.drawText(
            QRect(x, y, width, line),
            Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(bold).elidedText(head, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(option.font)
        y += line + 2
        painter.drawText(
            QRect(x, y, width, line),
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(job.prompt.replace("\n", " "), Qt.TextElideMode.ElideRight, width),
        )
        y += line + 4
        status = index.data(StatusTextRole) or ""
        elapsed = (
            format_elapsed(index.model().elapsed(job)) if hasattr(index.model(), "elapsed") else ""
        )
        painter.setPen(dim)
        painter.drawText(
            QRect(x, y, width, line), Qt.AlignmentFlag.AlignLeft, f"{status}   {elapsed}"
        )
        y += line + 2
        if job.state in (
            JobState.QUEUED,
            JobState.RUNNING,
            JobState.SUBMITTING,
            JobState.POSTING,
            JobState.COMPLETED,
        ):
            bar = QStyleOptionProgressBar()
            bar.rect = QRect(x, y + 2, min(width, 260), max(6, line // 2))
            bar.minimum = 0
            indeterminate = job.progress is None and job.state is not JobState.COMPLETED
            bar.maximum = 0 if indeterminate else 100
            bar.progress = 100 if job.state is JobState.COMPLETED else (job.progress or 0)
            bar.textVisible = False
            bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
            style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)
        elif job.state in (JobState.FAILED, JobState.UNCERTAIN, JobState.PAUSED):
            painter.setPen(ERROR_COLOUR if not selected else text_colour)
            err = index.data(ErrorRole) or ""
            painter.drawText(
                QRect(x, y, width, line),
                Qt.AlignmentFlag.AlignLeft,
                fm.elidedText(err, Qt.TextElideMode.ElideRight, width),
            )
        painter.restore()

    def _paint_thumb(
        self,
        painter: QPainter,
        rect: QRect,
        index: QModelIndex | QPersistentModelIndex,
        job: Job,
        pal: QPalette,
    ) -> None:
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), 6, 6)
        painter.save()
        painter.setClipPath(path)
        image: QImage | None = index.data(FrameRole) or index.data(PosterRole)
        if image is not None and not image.isNull():
            scaled = image.scaled(
                rect.size(),
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            sx = (scaled.width() - rect.width()) // 2
            sy = (scaled.height() - rect.height()) // 2
            painter.drawImage(rect, scaled, QRect(sx, sy, rect.width(), rect.height()))
        else:
            base = pal.color(QPalette.ColorRole.Mid)
            painter.fillRect(rect, base.darker(130))
            painter.setPen(pal.color(QPalette.ColorRole.Light))
            f = painter.font()
            f.setPointSizeF(f.pointSizeF() * 1.6)
            painter.setFont(f)
            glyph = "✕" if job.state is JobState.FAILED else "🎞"
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)
        painter.restore()
        if job.state is JobState.DOWNLOADED and index.data(FrameRole) is None:
            # A play badge says "this row plays" without a widget.
            c = QPointF(rect.center())
            painter.setBrush(QColor(0, 0, 0, 150))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(c, 14, 14)
            painter.setBrush(QColor(255, 255, 255, 230))
            tri = [
                QPointF(c.x() - 5, c.y() - 8),
                QPointF(c.x() - 5, c.y() + 8),
                QPointF(c.x() + 9, c.y()),
            ]
            painter.drawPolygon(tri)
