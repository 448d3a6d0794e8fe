"""Help > Keyboard shortcuts lists what the keys really do, read from the live actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from veo_desktop.ui.dialogs.shortcuts import ShortcutsDialog

from .helpers import make_rig


def test_help_lists_every_shortcut_from_the_live_actions(qtbot: QtBot, tmp_path: Path) -> None:
    r = make_rig(tmp_path)
    try:
        rows = dict(r.window.menus.shortcut_rows())
        assert rows["Remix"] == "Ctrl+R"
        assert rows["Use last frame as next start (First + Last)"] == "Ctrl+L"
        assert rows["Move to trash"] == "Del"
        assert rows["Send the job"] == "Ctrl+Return"
        assert rows["Go to the First + Last tab"] == "Ctrl+3"
        assert rows["Keyboard shortcuts"] == QKeySequence(
            QKeySequence.StandardKey.HelpContents
        ).toString(QKeySequence.SequenceFormat.NativeText)
        r.window.job_actions.remix.setShortcut(QKeySequence("Ctrl+Shift+R"))  # rebinding shows
        assert dict(r.window.menus.shortcut_rows())["Remix"] == "Ctrl+Shift+R"
        dlg = ShortcutsDialog(r.window.menus.shortcut_rows(), r.window)
        assert dlg.table.rowCount() == len(r.window.menus.shortcut_rows()) >= 15
        cells = [dlg.table.item(i, 1) for i in range(dlg.table.rowCount())]
        assert all(cell is not None and cell.text() for cell in cells)
    finally:
        r.close()
