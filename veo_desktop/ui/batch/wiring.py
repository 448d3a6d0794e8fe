"""The window's batch features, wired in one place: Import batch…, a dropped file, a pasted list,
the preview and the Queue panel (loaded on first use, not with the window)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMessageBox
from qasync import asyncSlot

from ...core.errors import VeoError
from ..compose.tab import ComposeTab
from ..i18n import arg, tr
from .drops import BatchDrops
from .paste_lines import PasteLines

if TYPE_CHECKING:
    from ...core.batch.rows import BatchItem, Defaults
    from ...core.batch.sources import Source
    from ...core.batch.store import Batch, BatchRow
    from ..main_window import MainWindow
    from .controller import BatchController
    from .preview_dialog import PreviewDialog
    from .queue_panel import QueuePanel

log = logging.getLogger(__name__)

RESUME_AFTER_MS = 1500  # start-up: unfinished batches carry on once the window is up and idle


def defaults_of(tab: ComposeTab) -> Defaults:
    """What a row that leaves a field empty gets: the compose tab's choices."""
    from ...core.batch.rows import Defaults

    req = tab.request()
    return Defaults(
        model=req.model_id,
        aspect_ratio=req.aspect_ratio or "16:9",
        duration=req.duration or 8,
        generate_audio=req.generate_audio,
    )


class BatchUi(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self._controller: BatchController | None = None
        self.drops = BatchDrops(self)
        self.drops.dropped.connect(self.open_file)
        self.drops.watch_window(window)
        self.dock: QDockWidget | None = None
        self.panel: QueuePanel | None = None
        self.preview: PreviewDialog | None = None  # the last one opened

    @property
    def controller(self) -> BatchController:
        if self._controller is None:
            from .controller import BatchController

            w = self.w
            self._controller = BatchController(w.services, lambda: w.prices, self)
            self._controller.opened.connect(self._on_opened)
            self._controller.finished.connect(self._on_finished)
            self._controller.message.connect(self._say)
        return self._controller

    def watch_tab(self, tab: ComposeTab) -> None:
        """A new compose tab: its prompt box offers one job per pasted line, and a batch file
        dropped anywhere on it opens as a batch."""
        paste = PasteLines(tab.prompt)
        paste.make_jobs.connect(lambda lines, t=tab: self.open_lines(lines, t))
        self.drops.watch_tree(tab)

    # -- opening ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        dlg = QFileDialog(self.w, self.tr("Import batch"))
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setNameFilter(self.tr("Batch files (*.txt *.csv *.jsonl)"))
        dlg.fileSelected.connect(lambda path: self.open_file(Path(path)))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()  # never exec(): the qasync loop must keep running

    @asyncSlot(object)
    async def open_file(self, path: Path) -> None:
        await self.show_preview(path, defaults_of(self.w.current_tab()))

    @asyncSlot(object, object)
    async def open_lines(self, lines: list[str], tab: ComposeTab) -> None:
        try:
            path = await self.controller.write_lines(lines)
        except OSError as exc:
            self._refuse(str(exc))
            return
        await self.show_preview(path, defaults_of(tab))

    async def show_preview(self, path: Path, defaults: Defaults) -> PreviewDialog | None:
        """Read and check the file, then show its rows; nothing is sent before Start."""
        from .preview_dialog import PreviewDialog
        from .preview_model import PreviewModel

        try:
            preview = await self.controller.preview(path, defaults)
            earlier = await self.controller.earlier(preview.source)
        except VeoError as exc:
            self._refuse(exc.message)
            return None
        except (OSError, sqlite3.Error) as exc:
            log.warning("batch %s: %s", path, exc)
            self._refuse(str(exc))
            return None
        model = PreviewModel(
            preview,
            table=self.w.prices,
            dialect=self.w.services.client.dialect(),
            defaults=defaults,
        )
        dlg = PreviewDialog(model, self.w, earlier=earlier_text(earlier))
        model.setParent(dlg)
        dlg.start.connect(lambda items, s=preview.source: self.start(s, items))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        self.preview = dlg
        return dlg

    def _refuse(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import batch"), text, parent=self.w)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- sending ---------------------------------------------------------------------------------

    @asyncSlot(object, object)
    async def start(self, source: Source, items: Sequence[BatchItem]) -> None:
        try:
            await self.controller.start(source, items)
        except (OSError, sqlite3.Error) as exc:
            log.warning("batch not kept: %s", exc)
            self._say(arg(self.tr("The batch could not be kept (%1); nothing was sent."), str(exc)))

    def resume_all(self) -> None:
        """Start-up: carry on with the batches the last run (or `veo batch`) left unfinished,
        once the window is up."""
        QTimer.singleShot(RESUME_AFTER_MS, self, lambda: self.controller.resume_all())

    async def aclose(self) -> None:
        if self._controller is not None:
            await self._controller.aclose()

    # -- the Queue panel -------------------------------------------------------------------------

    def show_queue(self) -> QueuePanel:
        """The Queue panel, docked under the window (built the first time it is needed)."""
        if self.panel is None or self.dock is None:
            from .queue_panel import QueuePanel

            self.dock = QDockWidget(self.tr("Batch queue"), self.w)
            self.dock.setObjectName("batch-queue")
            self.panel = QueuePanel(self.controller, self.dock)
            self.panel.job_activated.connect(self.w.select_job)
            self.dock.setWidget(self.panel)
            self.w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.show()
        self.dock.raise_()
        return self.panel

    def _on_opened(self, batch: Batch) -> None:
        self.show_queue().add_batch(batch)

    def _on_finished(self, batch: Batch, rows: list[BatchRow]) -> None:
        from ...core.batch.store import RowState

        done, failed = (sum(r.state is s for r in rows) for s in (RowState.DONE, RowState.FAILED))
        text = self.tr("Batch %1 finished: %2 done, %3 failed.")
        name = Path(batch.source).name
        self._say(arg(text, name, str(done), str(failed)))

    def _say(self, text: str) -> None:
        self.w.statusBar().showMessage(text, 15000)


def earlier_text(earlier: tuple[Batch, list[BatchRow]] | None) -> str:
    """A word when this very file was started as a batch before (Start sends its rows again)."""
    if earlier is None:
        return ""
    from ...core.batch.store import RowState

    batch, rows = earlier
    when = datetime.fromtimestamp(batch.created_at).strftime("%Y-%m-%d %H:%M")
    done = sum(r.state is RowState.DONE for r in rows)
    text = tr(
        "This file was started as a batch on %1 (%2 of %3 rows done; see the Batch queue). "
        "Start makes a new batch: its rows are sent, and billed, again."
    )
    return arg(text, when, str(done), str(len(rows)))
