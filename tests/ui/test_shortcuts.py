"""Help > Keyboard shortcuts lists what the keys really do, read from the live actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence

from veo_desktop.ui.dialogs.shortcuts import ShortcutsDialog

from .helpers import make_rig


def test_help_lists_every_shortcut_from_the_live_actions(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
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
        assert all(dlg.table.item(i, 1).text() for i in range(dlg.table.rowCount()))
    finally:
        r.close()
