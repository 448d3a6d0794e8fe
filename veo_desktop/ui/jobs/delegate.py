"""Paints the job list's rows without per-row widgets: a job, a group of takes (its posters side by
side, unfolded by a click) and each take, indented, with its seed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from ...core.checks.result import failed
from ...core.jobs.job import Job, JobState
from ..appearance import problem_colour
from ..i18n import tr
from .model import JobListModel
from .pictures import Pictures, paint_stars, progress_bar, star_colour
from .pictures import accent as state_accent
from .roles import (
    GROUP,
    TAKE,
    ChecksRole,
    ElapsedRole,
    ErrorRole,
    ExpandedRole,
    FailureRole,
    FrameRole,
    JobRole,
    KindRole,
    LengthRole,
    PosterRole,
    ProgressRole,
    RatingRole,
    StatusTextRole,
    TakeNumberRole,
    TakePostersRole,
    TakesRole,
)
from .row_text import (
    checks_count_text,
    checks_tip,
    format_elapsed,
    format_length,
    model_label,
    seed_text,
    take_heading,
    takes_heading,
)

Index = QModelIndex | QPersistentModelIndex

# Waiting rows get no bar: an empty one looks broken, a busy one looks like work being done.
_BAR_STATES = (JobState.RUNNING, JobState.COMPLETED)


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
        self.indent = self.line * 2  # a take sits under its group's posters
        text_h = 4 * self.line + 4 * self.gap
        self.height = max(self.MIN_HEIGHT, 2 * self.margin + text_h)
        self.text_top = (self.height - text_h) // 2  # the text block sits centred by the poster
        self.thumb_h = self.height - 2 * self.margin
        self.thumb_w = self.thumb_h * 16 // 9


class JobDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._metrics: dict[str, _Metrics] = {}
        self._pictures = Pictures()

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
        kind = index.data(KindRole)
        rect = self._row_rect(m, opt.rect, kind)
        if kind == TAKE:  # a guide down the left edge ties the takes to their group
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(opt.palette.color(QPalette.ColorRole.Mid))
            painter.drawRect(
                QRect(opt.rect.left() + m.indent // 2 - 1, opt.rect.top(), 3, m.height)
            )
        if kind == GROUP:
            self._paint_group(painter, opt, rect, index, m)
        else:
            self._paint_job(painter, opt, rect, index, m, job, kind)
        painter.restore()

    @staticmethod
    def _row_rect(m: _Metrics, rect: QRect, kind: str | None) -> QRect:
        return rect.adjusted(m.indent, 0, 0, 0) if kind == TAKE else QRect(rect)

    @staticmethod
    def _colours(opt: QStyleOptionViewItem) -> tuple[QColor, QColor, QColor, bool]:
        """Text, dimmed text and background colours, and whether the row is selected."""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        fg = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        bg = pal.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        dim = QColor(fg)
        dim.setAlphaF(0.72)
        return fg, dim, bg, selected

    def _paint_job(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        rect: QRect,
        index: Index,
        m: _Metrics,
        job: Job,
        kind: str | None,
    ) -> None:
        fg, dim, bg, selected = self._colours(opt)
        r = rect.adjusted(m.margin, m.margin, -m.margin, -m.margin)
        self._paint_thumb(painter, QRect(r.left(), r.top(), m.thumb_w, m.thumb_h), index, job, opt)
        x, y, width = self._text_box(m, rect)
        fm = m.fm

        # 1: mode, or "Take 2" (semi-bold) · seed · model (dimmed); the checks badge at the right
        badge = self._badge(m, rect, index)
        if badge is not None:
            self._paint_badge(painter, badge[0], badge[1], badge[2], fg, dim, bg, selected)
            width_1 = max(0, badge[0].left() - m.gap * 2 - x)
        else:
            width_1 = width
        if kind == TAKE:
            head = take_heading(int(index.data(TakeNumberRole) or 0))
            rest = f" · {model_label(job.model)}"
        else:
            head, rest = job.mode.label, f" · {model_label(job.model)}"
        self._heading(painter, opt, m, QRect(x, y, width_1, m.line), head, rest, fg, dim)

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
        problem = index.data(FailureRole) is not None  # core's failure_of: show its reason
        accent = state_accent(job, bg) if problem and not selected else fg
        self._status_line(painter, m, QRect(x, y, width, m.line), index, accent, dim)

        # 4: progress bar while in flight, the reason when something went wrong, else the file
        # (a take's seed); the stars at the right edge once the take is rated
        y += m.line + m.gap
        line4 = QRect(x, y, width, m.line)
        line4 = paint_stars(painter, line4, job.rating, fg if selected else star_colour(bg))
        if problem:
            painter.setPen(accent)
            err = str(index.data(ErrorRole) or "")
            painter.drawText(
                line4,
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(err, Qt.TextElideMode.ElideRight, line4.width()),
            )
        elif job.state in _BAR_STATES:
            progress = 100 if job.state is JobState.COMPLETED else job.progress
            progress_bar(painter, opt, line4, progress)
        elif kind == TAKE or job.video_path:
            painter.setPen(dim)
            name = (job.video_path or "").replace("\\", "/").rsplit("/", 1)[-1]
            if kind == TAKE:  # what tells takes apart, where it shows whole
                name = seed_text(job)
            painter.drawText(
                line4,
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(name, Qt.TextElideMode.ElideMiddle, line4.width()),
            )

    def _paint_group(
        self, painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, index: Index, m: _Metrics
    ) -> None:
        fg, dim, bg, selected = self._colours(opt)
        takes: list[Job] = index.data(TakesRole) or []
        r = rect.adjusted(m.margin, m.margin, -m.margin, -m.margin)
        thumb = QRect(r.left(), r.top(), m.thumb_w, m.thumb_h)
        self._pictures.takes(painter, thumb, index.data(TakePostersRole) or [], takes, opt.palette)
        x, y, width = self._text_box(m, rect)
        fm = m.fm

        # 1: ▸ 3 takes (semi-bold) · mode · model (dimmed)
        chevron = "▾ " if index.data(ExpandedRole) else "▸ "
        first = takes[0] if takes else None
        rest = f" · {first.mode.label} · {model_label(first.model)}" if first else ""
        head = chevron + takes_heading(len(takes))
        self._heading(painter, opt, m, QRect(x, y, width, m.line), head, rest, fg, dim)

        # 2: the prompt
        y += m.line + m.gap
        prompt = " ".join(first.prompt.split()) if first else ""
        painter.setPen(fg)
        painter.drawText(
            QRect(x, y, width, m.line),
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(prompt or tr("(no prompt)"), Qt.TextElideMode.ElideRight, width),
        )

        # 3: how the takes stand ("2 ready · 1 in progress"), the longest elapsed at the right
        y += m.line + m.gap * 2
        all_bad = bool(takes) and all(
            t.state in (JobState.FAILED, JobState.NO_VIDEO, JobState.UNCERTAIN) for t in takes
        )
        accent = problem_colour(bg) if all_bad and not selected else fg
        self._status_line(painter, m, QRect(x, y, width, m.line), index, accent, dim)

        # 4: one bar for the takes on their way, else their seeds; the best take's stars
        y += m.line + m.gap
        line4 = QRect(x, y, width, m.line)
        rating = index.data(RatingRole)
        line4 = paint_stars(painter, line4, rating, fg if selected else star_colour(bg))
        progress = index.data(ProgressRole)
        if progress is not None:
            progress_bar(painter, opt, line4, progress)
        else:
            seeds = " · ".join(seed_text(t) for t in takes if seed_text(t))
            painter.setPen(dim)
            painter.drawText(
                line4,
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(seeds, Qt.TextElideMode.ElideRight, line4.width()),
            )

    def _heading(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        m: _Metrics,
        box: QRect,
        head: str,
        rest: str,
        fg: QColor,
        dim: QColor,
    ) -> None:
        """The first line: `head` semi-bold, then `rest` dimmed, elided to `box`."""
        head_w = min(m.head_fm.horizontalAdvance(head), box.width())
        painter.setFont(m.head_font)
        painter.setPen(fg)
        painter.drawText(
            QRect(box.left(), box.top(), head_w, m.line), Qt.AlignmentFlag.AlignVCenter, head
        )
        painter.setFont(opt.font)
        painter.setPen(dim)
        rest = m.fm.elidedText(rest, Qt.TextElideMode.ElideRight, box.width() - head_w)
        painter.drawText(
            QRect(box.left() + head_w, box.top(), box.width() - head_w, m.line),
            Qt.AlignmentFlag.AlignVCenter,
            rest,
        )

    @staticmethod
    def _status_line(
        painter: QPainter, m: _Metrics, line: QRect, index: Index, ink: QColor, dim: QColor
    ) -> None:
        # A saved clip shows its length (what a creator edits with); a job under way, how long
        # it has been going.
        length = index.data(LengthRole)
        elapsed = (
            format_length(float(length))
            if length is not None
            else format_elapsed(float(index.data(ElapsedRole) or 0.0))
        )
        elapsed_w = m.fm.horizontalAdvance(elapsed)
        status = m.fm.elidedText(
            str(index.data(StatusTextRole) or ""),
            Qt.TextElideMode.ElideRight,
            line.width() - elapsed_w,
        )
        painter.setPen(ink)
        painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, status)
        painter.setPen(dim)
        painter.drawText(line, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elapsed)

    @staticmethod
    def _text_box(m: _Metrics, rect: QRect) -> tuple[int, int, int]:
        """Left edge, top and width of the text beside the poster."""
        r = rect.adjusted(m.margin, m.margin, -m.margin, -m.margin)
        x = r.left() + m.thumb_w + m.margin * 3 // 2
        return x, rect.top() + m.text_top, max(0, r.right() - x)

    def toggle_area(self, option: QStyleOptionViewItem, index: Index) -> QRect | None:
        """Where a click folds or unfolds a group: its posters and its heading; None for a row
        that is not a group."""
        if index.data(KindRole) != GROUP:
            return None
        m = self._m(option.font)
        x = self._text_box(m, option.rect)[0]
        takes = index.data(TakesRole) or []
        head = ("▾ " if index.data(ExpandedRole) else "▸ ") + takes_heading(len(takes))
        right = x + m.head_fm.horizontalAdvance(head) + m.gap
        return QRect(option.rect.left(), option.rect.top(), right - option.rect.left(), m.height)

    def editorEvent(
        self,
        event: QEvent,
        model: object,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """A press (or a double click) on a group's posters or heading folds or unfolds it."""
        kinds = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
        if (
            event.type() in kinds
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and isinstance(model, JobListModel)
        ):
            area = self.toggle_area(option, index)
            group = model.group_at(index.row())
            if area is not None and group and area.contains(event.position().toPoint()):
                model.set_expanded(group, not model.is_expanded(group))
                # The press still selects the row; a double click is eaten here, so it is a
                # second fold, not the full screen viewer.
                return event.type() == QEvent.Type.MouseButtonDblClick
        return super().editorEvent(event, model, option, index)  # type: ignore[arg-type]

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
            head += m.fm.horizontalAdvance(f" · {model_label(job.model)}") + m.gap * 2
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
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = rect.height() / 2
        painter.drawRoundedRect(rect.toRectF().adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
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
            m = self._m(option.font)
            row = option.rect.intersected(view.viewport().rect())
            badge = self._badge(m, self._row_rect(m, row, index.data(KindRole)), index)
            if badge is not None and badge[0].contains(event.pos()):
                QToolTip.showText(event.globalPos(), checks_tip(job), view.viewport(), badge[0])
                return True
        return super().helpEvent(event, view, option, index)

    def _paint_thumb(
        self, painter: QPainter, rect: QRect, index: Index, job: Job, opt: QStyleOptionViewItem
    ) -> None:
        frame: QImage | None = index.data(FrameRole)
        playable = job.state is JobState.DOWNLOADED
        self._pictures.thumb(
            painter, rect, opt.palette, frame, index.data(PosterRole), playable=playable
        )
