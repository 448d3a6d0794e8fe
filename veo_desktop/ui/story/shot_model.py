"""The open board's shots as a Qt list model: one row per shot with its state, progress and the
poster of the take the film uses; rows updated one by one as shots change, and moved by a drag."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage

from ...core.jobs.job import Job, JobState
from ...core.story.board import continues
from ...core.story.progress import BoardStatus, ShotState, ShotStatus
from ..i18n import arg, tr

ShotRole = Qt.ItemDataRole.UserRole + 1  # ShotStatus
StateRole = Qt.ItemDataRole.UserRole + 2  # ShotState
ProgressRole = Qt.ItemDataRole.UserRole + 3  # 0..1
PosterRole = Qt.ItemDataRole.UserRole + 4  # QImage of the chosen (else latest downloaded) take
StateTextRole = Qt.ItemDataRole.UserRole + 5  # "Generating 40 %", "Done", "Blocked: ..."
ContinuesRole = Qt.ItemDataRole.UserRole + 6  # bool: starts on the last frame of the shot before

MIME = "application/x-veo-story-shot"
Index = QModelIndex | QPersistentModelIndex
PosterSource = Callable[[str, str], QImage | None]  # job id, clip path -> poster, or later


def poster_job(s: ShotStatus) -> Job | None:
    """The take whose poster stands for the shot: the chosen one, else the latest downloaded."""
    if s.chosen is not None:
        return s.chosen
    job = s.job
    return job if job is not None and job.state is JobState.DOWNLOADED else None


def state_text(s: ShotStatus) -> str:
    """The shot's state in a few words: sending, the gateway's progress, or why it stopped."""
    job = s.job
    if s.state is ShotState.WAITING and job is not None and not job.state.finished:
        return job.state.heading  # Preparing / Sending
    if s.state is ShotState.WAITING and s.index > 0 and s.shot.continue_from_previous:
        return arg(tr("Waiting for shot %1"), str(s.index))
    if s.state is ShotState.RUNNING and job is not None:
        text = job.state.heading
        return f"{text} {job.progress} %" if job.progress else text
    text = s.state.label
    if s.note and s.state in (ShotState.FAILED, ShotState.BLOCKED):
        return f"{text}: {s.note}"
    return text


class ShotListModel(QAbstractListModel):
    #: A drag asks to move a shot: its id and its new place among the others (the store keeps
    #: the order; the rows move at once so the drop does not jump back).
    move_requested = Signal(str, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._status: BoardStatus | None = None
        self._rows: list[ShotStatus] = []
        self._posters: dict[str, QImage] = {}
        self._poster_source: PosterSource | None = None

    # -- content ---------------------------------------------------------------------------------

    @property
    def status(self) -> BoardStatus | None:
        return self._status

    @property
    def board_id(self) -> str | None:
        return self._status.board.id if self._status is not None else None

    def shots(self) -> list[ShotStatus]:
        return list(self._rows)

    def shot_at(self, row: int) -> ShotStatus:
        return self._rows[row]

    def row_of(self, shot_id: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.shot.id == shot_id), -1)

    def set_status(self, status: BoardStatus | None) -> None:
        """Show `status`: the same shots in the same order update row by row (a view keeps its
        selection and scroll); another board or order resets the list."""
        old = [s.shot.id for s in self._rows]
        new = [s.shot.id for s in status.shots] if status is not None else []
        same_board = status is not None and self.board_id == status.board.id
        self._status = status
        if same_board and old == new and status is not None:
            before, self._rows = self._rows, list(status.shots)
            for row, (a, b) in enumerate(zip(before, self._rows, strict=True)):
                if a != b:
                    index = self.index(row, 0)
                    self.dataChanged.emit(index, index)
            return
        self.beginResetModel()
        self._rows = list(status.shots) if status is not None else []
        self.endResetModel()

    # -- posters ---------------------------------------------------------------------------------

    def set_poster_source(self, source: PosterSource) -> None:
        self._poster_source = source

    def set_poster(self, job_id: str, image: QImage) -> None:
        """A poster landed (the window's poster cache): the rows showing that take repaint."""
        self._posters[job_id] = image
        for row, s in enumerate(self._rows):
            job = poster_job(s)
            if job is not None and job.id == job_id:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [PosterRole])

    def poster(self, job: Job | None) -> QImage | None:
        if job is None or not job.video_path:
            return None
        image = self._posters.get(job.id)
        if image is None and self._poster_source is not None:
            image = self._poster_source(job.id, job.video_path)
            if image is not None:
                self._posters[job.id] = image
        return image

    # -- Qt's model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{s.index + 1}. {s.shot.prompt}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return arg(
                tr("Shot %1: %2. %3"),
                str(s.index + 1),
                s.shot.prompt or tr("no prompt yet"),
                state_text(s),
            )
        if role == ShotRole:
            return s
        if role == StateRole:
            return s.state
        if role == ProgressRole:
            return s.progress
        if role == StateTextRole:
            return state_text(s)
        if role == PosterRole:
            return self.poster(poster_job(s))
        if role == ContinuesRole:
            return self._status is not None and continues(self._status.board, s.index)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled  # between rows, never onto one

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        text = bytes(data.data(MIME).data()).decode()
        rows = [int(r) for r in text.split(",") if r.strip().isdigit()]
        if len(rows) != 1:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        return self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), target)

    def moveRows(
        self,
        sourceParent: Index,
        sourceRow: int,
        count: int,
        destinationParent: Index,
        destinationChild: int,
    ) -> bool:
        """Move one shot before `destinationChild` (QListView's internal move lands here)."""
        n = len(self._rows)
        if count != 1 or not 0 <= sourceRow < n or not 0 <= destinationChild <= n:
            return False
        if destinationChild in (sourceRow, sourceRow + 1):
            return False  # dropped where it was
        if not self.beginMoveRows(
            QModelIndex(), sourceRow, sourceRow, QModelIndex(), destinationChild
        ):
            return False
        shot = self._rows.pop(sourceRow)
        place = destinationChild if destinationChild < sourceRow else destinationChild - 1
        self._rows.insert(place, shot)
        self.endMoveRows()
        self.move_requested.emit(shot.shot.id, place)
        return True
