"""The main window's menu bar (File, Costs, Help) and the dialogs only it opens: spending, the
price table, keyboard shortcuts."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from qasync import asyncSlot

from ..core.request.pricing import is_demo_data
from .dialogs.cost import PriceDialog, SpendDialog
from .dialogs.shortcuts import ShortcutsDialog, action_rows, key_text
from .i18n import arg

if TYPE_CHECKING:
    from .main_window import MainWindow


class WindowMenus(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.settings = self._action(self.tr("&Settings…"), lambda: window.open_settings())
        # Preferences is empty on most Linux desktops (and Ctrl+, only on macOS/KDE), so the
        # key the README promises is named as well; duplicates are dropped.
        keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)]
        keys += [k for k in (QKeySequence("Ctrl+,"),) if k not in keys]
        self.settings.setShortcuts(keys)
        self.quit = self._action(self.tr("&Quit"), window.close)
        self.quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.import_batch = self._action(
            self.tr("&Import batch…"), lambda: window.batch.choose_file()
        )
        self.queue = self._action(self.tr("Batch &queue"), lambda: window.batch.show_queue())
        file_menu.addActions([self.import_batch, self.queue])
        file_menu.addSeparator()
        file_menu.addActions([self.settings, self.quit])
        costs = bar.addMenu(self.tr("&Costs"))
        costs.addAction(self._action(self.tr("&Spending…"), self.open_spending))
        costs.addAction(self._action(self.tr("&Price table…"), self.open_prices))
        help_menu = bar.addMenu(self.tr("&Help"))
        self.shortcuts = self._action(self.tr("&Keyboard shortcuts"), self.open_shortcuts)
        self.shortcuts.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        help_menu.addAction(self.shortcuts)

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self.w)
        action.triggered.connect(slot)
        return action

    # -- costs -----------------------------------------------------------------------------------

    @asyncSlot()
    async def open_spending(self) -> None:
        # Every job of a long history: read off the window's thread.
        data_dir = self.w.services.paths.data_dir
        jobs = await self.w.controller.all_jobs()
        demo = self.w.demo or await asyncio.to_thread(is_demo_data, data_dir)
        dlg = SpendDialog(jobs, self.w.prices, self.w, demo=demo)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    def open_prices(self) -> None:
        dlg = PriceDialog(self.w.prices, self.w.services.paths.prices_file, self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.saved.connect(self.w.set_prices)
        dlg.open()

    # -- help ------------------------------------------------------------------------------------

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every shortcut, from the live actions where there is one."""
        # self.tr, never an alias of it: lupdate files a bare `tr(...)` under the empty
        # context, and these five then stayed English in Chinese (their context is ours).
        w = self.w
        rows = [
            (self.tr("Send the job"), key_text("Ctrl+Return")),
            *[
                (
                    arg(self.tr("Go to the %1 tab"), w.tabs.tabText(i)),
                    key_text(f"Ctrl+{i + 1}"),
                )
                for i in range(w.tabs.count())
            ],
            (
                self.tr("Search the library"),
                key_text(QKeySequence(QKeySequence.StandardKey.Find)),
            ),
            (self.tr("Paste an image into the focused slot"), key_text("Ctrl+V")),
        ]
        menus = [self.settings, self.quit, self.shortcuts]
        viewer = action_rows(w.viewer_keys.all)  # in the viewer or the job list
        return rows + viewer + action_rows(w.job_actions.all) + action_rows(menus)

    def open_shortcuts(self) -> None:
        dlg = ShortcutsDialog(self.shortcut_rows(), self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
