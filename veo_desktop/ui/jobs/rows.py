"""The job list's rows as keys with slot numbers, so a row is found in O(1) and a row added on top
renumbers nothing; inserts, removals and re-keying with their model signals."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt
from PySide6.QtCore import QPersistentModelIndex as QPIndex

from .roles import ROLE_NAMES

#: A row: (JOB, job id), (GROUP, group id) or (TAKE, job id).
Key = tuple[str, str]

_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class KeyedRows(QAbstractListModel):
    """Each row's key has a slot number and its row is `slot - top`: a row added on top takes
    `top - 1`, so only what is added or removed in the middle renumbers the rows below it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Key] = []
        self._slot: dict[Key, int] = {}
        self._top = 0

    def _clear_rows(self) -> None:
        self._rows, self._slot, self._top = [], {}, 0

    def _row(self, key: Key) -> int:
        """The row showing `key`, or -1."""
        slot = self._slot.get(key)
        return -1 if slot is None else slot - self._top

    def rowCount(self, parent: QModelIndex | QPIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, bytes]:  # type: ignore[override]  # PySide takes bytes
        return dict(ROLE_NAMES)

    def flags(self, index: QModelIndex | QPIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def _insert(self, row: int, keys: list[Key]) -> None:
        n = len(keys)
        self.beginInsertRows(QModelIndex(), row, row + n - 1)
        if row == 0:
            self._top -= n
        else:
            for later in self._rows[row:]:
                self._slot[later] += n
        self._rows[row:row] = keys
        for i, key in enumerate(keys, start=self._top + row):
            self._slot[key] = i
        self.endInsertRows()

    def _remove_rows(self, row: int, n: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row + n - 1)
        for key in self._rows[row : row + n]:
            del self._slot[key]
        del self._rows[row : row + n]
        for later in self._rows[row:]:
            self._slot[later] -= n
        self.endRemoveRows()

    def _rekey(self, row: int, key: Key) -> None:
        """The row now shows `key` (a take's row turned group row, or back)."""
        del self._slot[self._rows[row]]
        self._rows[row] = key
        self._slot[key] = row + self._top
        self._emit(row)

    def _emit(self, row: int, role: int | None = None) -> None:
        idx = self.index(row, 0)
        if role is None:
            self.dataChanged.emit(idx, idx)
        else:
            self.dataChanged.emit(idx, idx, [role])
