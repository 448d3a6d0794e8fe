"""Paints a shot's row with no per-row widgets: its number, the poster of the take the film uses,
its prompt, whether it continues from the shot before, and its state with a bar while it runs."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...core.story.progress import ShotState, ShotStatus
from ..appearance import problem_colour
from ..i18n import arg, tr
from ..jobs.pictures import Pictures, progress_bar
from .shot_model import ContinuesRole, PosterRole, ShotRole, StateTextRole

Index = QModelIndex | QPersistentModelIndex


class ShotDelegate(QStyledItemDelegate):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.pictures = Pictures()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(260, max(72, line * 4 + 12))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        s: ShotStatus | None = index.data(ShotRole)
        if s is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect
        pal: QPalette = opt.palette
        font: QFont = opt.font
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget
            )
        ink = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        fm = QFontMetrics(font)
        line = fm.height()
        pad = 6
        inner = rect.adjusted(pad, pad, -pad, -pad)

        # The shot's number, large, then the poster of its chosen take.
        head = QFont(font)
        head.setWeight(QFont.Weight.DemiBold)
        head.setPointSizeF(font.pointSizeF() * 1.4 if font.pointSizeF() > 0 else 13)
        number_w = QFontMetrics(head).horizontalAdvance("00")
        painter.setFont(head)
        painter.setPen(ink)
        number = QRect(inner.left(), inner.top(), number_w, inner.height())
        painter.drawText(
            number, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(s.index + 1)
        )
        poster_h = inner.height()
        poster = QRect(number.right() + pad, inner.top(), poster_h * 16 // 9, poster_h)
        self.pictures.box(painter, poster, pal)
        image: QImage | None = index.data(PosterRole)
        if image is not None and not image.isNull():
            self.pictures.fitted(painter, poster, image, cache=True)
        else:
            self.pictures.glyph(painter, poster.adjusted(4, 4, -4, -4), "film")

        # The prompt (two lines at most), whether it continues, and its state.
        text = QRect(
            poster.right() + pad * 2,
            inner.top(),
            inner.right() - poster.right() - pad * 2,
            inner.height(),
        )
        painter.setFont(font)
        painter.setPen(ink)  # the poster box left no pen
        prompt = s.shot.prompt or tr("(no prompt yet)")
        two_lines = QRect(text.left(), text.top(), text.width(), line * 2)
        elided = fm.elidedText(
            prompt.replace("\n", " "),
            Qt.TextElideMode.ElideRight,
            text.width() * 2 - fm.averageCharWidth() * 4,
        )
        painter.drawText(
            two_lines, int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignTop), elided
        )
        painter.setPen(ink if selected else pal.color(QPalette.ColorRole.PlaceholderText))
        third = QRect(text.left(), text.top() + line * 2, text.width(), line)
        if index.data(ContinuesRole):
            chained = arg(tr("↳ continues from shot %1"), str(s.index))
        else:
            chained = tr("starts on its own")
        takes = len(s.shot.takes)
        if takes > 1:
            chained += "  ·  " + arg(tr("%1 takes"), str(takes))
        painter.drawText(
            third,
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(chained, Qt.TextElideMode.ElideRight, text.width()),
        )
        fourth = QRect(text.left(), text.top() + line * 3, text.width(), line)
        state: str = index.data(StateTextRole) or ""
        if s.state is ShotState.RUNNING:
            bar_w = min(120, text.width() // 3)
            progress_bar(
                painter,
                opt,
                QRect(fourth.left(), fourth.top(), bar_w, line),
                round(s.progress * 100),
            )
            fourth.setLeft(fourth.left() + bar_w + pad)
        if s.state in (ShotState.FAILED, ShotState.BLOCKED) and not selected:
            painter.setPen(problem_colour(pal.color(QPalette.ColorRole.Base)))
        else:
            painter.setPen(ink)
        painter.drawText(
            fourth,
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(state, Qt.TextElideMode.ElideRight, fourth.width()),
        )
        painter.restore()
