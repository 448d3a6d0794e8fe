"""Guards the PySide6 pin: the installed PySide6 must not leak references to None on void calls
(6.12.0 does, and the app aborts after a few thousand list updates)."""

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex
from pytestqt.qtbot import QtBot


class _Model(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> None:
        return None


def test_void_calls_and_emits_keep_none_alive(qtbot: QtBot) -> None:
    m = _Model()
    o = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        m.setObjectName("x")
        m.beginInsertRows(QModelIndex(), 0, 0)
        m.endInsertRows()
        o.objectNameChanged.emit("y")
    assert sys.getrefcount(None) - before > -50
