"""The main window: composes the mode tabs, the job list and the viewer of the shared player, and
wires them to the controller, through which all work on jobs goes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.jobs.job import Job, JobState
from ..core.library.search import LibraryFilter
from ..core.request.models import GenerationRequest, Mode, Model
from ..core.request.pricing import PriceTable
from ..core.services import Services
from . import settings as opts
from . import window_fit
from .batch.wiring import BatchUi
from .compose.draft_undo import DraftUndo
from .compose.drafts import DraftStore
from .compose.tab import ComposeTab
from .compose.tabs import ComposeTabs
from .dialogs.crash_notice import show_notice
from .dialogs.settings_dialog import SettingsDialog
from .dialogs.welcome import WelcomePanel
from .i18n import arg
from .jobs.actions import JobActions
from .jobs.controller import JobController
from .jobs.delegate import JobDelegate
from .jobs.library_bar import LibraryBar
from .jobs.model import JobListModel
from .jobs.notifier import Notifier
from .jobs.posters import PosterCache
from .menus import WindowMenus
from .player.player import Player
from .player.viewer_pane import ViewerPane
from .story.wiring import StoryUi

if TYPE_CHECKING:
    from .player.frame_tools import FrameTools
    from .player.viewer import Viewer
    from .player.viewer_keys import ViewerKeys

MODES = (Mode.TEXT, Mode.IMAGE, Mode.FRAMES, Mode.REFERENCE, Mode.EXTEND)


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Services,
        controller: JobController,
        player: Player,
        store: QSettings,
        *,
        demo: bool = False,
        show_welcome: bool = False,
    ) -> None:
        super().__init__()
        self.services = services
        self.controller = controller
        self.player = player
        self.store = store
        self.demo = demo
        self.setWindowTitle(self.tr("Veo Desktop") + (self.tr(" — offline demo") if demo else ""))
        self.drafts = DraftStore(services.paths.data_dir / "drafts.json", self)
        self.prices = PriceTable.load(services.paths.prices_file)
        self.filter = LibraryFilter()
        self._sent_here: set[str] = set()  # jobs this window sent (the rest came from outside)

        # -- compose side ----------------------------------------------------------------------
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Modes"))
        self._paste_dir = services.paths.data_dir / "pasted"
        self._paste_dir.mkdir(parents=True, exist_ok=True)
        # Each mode's tab is built when first shown (see compose_tabs); the bar shows all five.
        self.compose = ComposeTabs(self.tabs, MODES, self._new_tab)
        for i in range(len(MODES)):
            self.tabs.setTabToolTip(i, arg(self.tr("Ctrl+%1"), i + 1))

        # -- job list --------------------------------------------------------------------------
        # The list is the library view: it pages the journal through the current filter.
        self.model = JobListModel(lambda offset, limit: controller.page(self.filter, offset, limit))
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(JobDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # Rows elide to the width they get; a sideways scrollbar would only hide the status.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMinimumWidth(min(380, window_fit.available(self).width() * 2 // 5))
        self.view.setAccessibleName(self.tr("Jobs"))
        # Ctrl/Shift pick 2-4 clips for Compare; the current row is still the one acted on.
        self.view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.posters = PosterCache(services.paths.data_dir / "posters", self)
        self.posters.ready.connect(self.model.set_poster)
        # A row asks for its poster when first painted; the cache answers from memory or loads
        # it on a worker, so scrolling a long history never reads a file on this thread.
        self.model.set_poster_source(lambda job: self.posters.get(job.id, job.video_path or ""))
        self.model.rowsInserted.connect(lambda *_: self._update_empty_note())
        self.model.rowsRemoved.connect(lambda *_: self._update_empty_note())

        jobs_side = QWidget()
        jobs_layout = self.jobs_layout = QVBoxLayout(jobs_side)
        jobs_layout.setContentsMargins(0, 0, 0, 0)
        jobs_title = QLabel(self.tr("Jobs"))
        jobs_title.setStyleSheet("font-weight: 600;")
        jobs_layout.addWidget(jobs_title)
        self.library_bar = LibraryBar()
        self.library_bar.filter_changed.connect(self.set_filter)
        self.library_bar.install_shortcut(self)
        jobs_layout.addWidget(self.library_bar)
        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        self.empty_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        jobs_layout.addWidget(self.empty_note)
        self._update_empty_note()
        jobs_layout.addWidget(self.view)

        # -- viewer: the current job's clip, large; built once the shell is on screen --------------
        self.viewer_pane = ViewerPane(self, jobs_side)
        self.viewer_split = self.viewer_pane.split

        self.splitter = QSplitter()
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.viewer_split)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)  # a growing window grows the video
        self.splitter.setSizes([470, 770])  # the six tabs (Storyboard too) fit without scrolling
        self.splitter.setChildrenCollapsible(False)

        main = QWidget()
        main_layout = QVBoxLayout(main)
        if demo:
            banner = QLabel(
                self.tr(
                    "Offline demo: jobs run on the built-in simulator of the "
                    "gateway. Nothing is sent over the network or billed."
                )
            )
            banner.setWordWrap(True)
            banner.setAccessibleName(self.tr("Demo mode notice"))
            banner.setStyleSheet(
                "background:#2d5d9f; color:white; padding:6px 10px; border-radius:4px;"
            )
            main_layout.addWidget(banner)
        main_layout.addWidget(self.splitter, 1)

        self.welcome = WelcomePanel()
        self.pages = QStackedWidget()
        self.pages.addWidget(main)
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)
        if show_welcome:
            self.show_welcome()
        self.welcome.connect_requested.connect(lambda: self.open_settings())

        self.batch = BatchUi(self)  # import, drops, pasted lines, preview, the Queue panel
        self.story = StoryUi(self)  # the Storyboard tab, its film window and export
        self._build_actions()
        self.job_actions = JobActions(self)
        self.draft_undo = DraftUndo(self)
        self.jobs_layout.insertWidget(1, self.job_actions.toolbar())
        self.notifier = Notifier(self, self.windowIcon())
        self.notifier.activated.connect(self.select_job)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self.job_actions.menu)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.job_actions.update())
        self.job_actions.update()
        self._wire_controller()
        self._restore()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.model.tick)
        self._tick.start()
        self._external = QTimer(self)  # jobs the CLI (or another window) adds to the journal
        self._external.setInterval(3000)
        self._external.timeout.connect(self.controller.sync_external)
        self._external.start()
        if controller.recovery is not None:
            # Once, when the window first shows: the journal was damaged and rebuilt at start.
            QTimer.singleShot(0, self._show_recovery)

    # -- set-up ----------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.menus = WindowMenus(self)
        for i in range(len(MODES)):
            sc = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            sc.activated.connect(lambda i=i: self.tabs.setCurrentIndex(i))
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setAutoRepeat(False)  # a held Ctrl+Return is one intent
            sc.activated.connect(self.submit_current)
        self.tabs.currentChanged.connect(lambda _: self.current_tab().focus_prompt())

    def _new_tab(self, mode: Mode) -> ComposeTab:
        """Build `mode`'s tab (on its first showing): wired, and filled from its saved draft
        or, for a fresh one, the model last used."""
        tab = ComposeTab(mode, self._paste_dir)
        draft = self.drafts.get(mode.value)
        model = Model.parse(opts.LAST_MODEL.get(self.store))
        if draft:
            tab.load_draft(draft)
        elif model:
            tab.set_model(model)
        self._refresh(tab)
        # Wired once filled: loading the draft emits `changed` before the tab is registered.
        tab.changed.connect(lambda: self._on_tab_changed(mode))
        tab.submit_requested.connect(self.submit_current)
        self.batch.watch_tab(tab)
        return tab

    def _wire_controller(self) -> None:
        c = self.controller
        c.job_changed.connect(self._on_job_changed)
        c.submit_failed.connect(self._on_submit_failed)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        # A key rejected mid-job pauses the job; ask for a new one right away (non-modal).
        c.key_rejected.connect(lambda text: self.open_settings(text))
        c.busy_changed.connect(lambda busy: self.current_tab().set_busy(busy))
        c.submitted.connect(self._on_submitted)
        c.deleted.connect(self._on_deleted)

    def _restore(self) -> None:
        window_fit.restore(self, self.store)
        splitter = opts.SPLITTER.get(self.store)
        if splitter:
            self.splitter.restoreState(splitter)
        self.viewer_split.restore(self.store)
        self.tabs.setCurrentIndex(max(0, min(len(MODES) - 1, opts.LAST_TAB.get(self.store))))
        self.current_tab().focus_prompt()

    def _show_recovery(self) -> None:
        recovery = self.controller.recovery
        if recovery is not None:
            show_notice(self, self.tr("Job journal recovered"), recovery.message)

    def show_welcome(self) -> None:
        """The first-start page: connect to a gateway (key + URL) or try the offline demo."""
        self.pages.setCurrentWidget(self.welcome)

    # -- compose ---------------------------------------------------------------------------------

    def current_tab(self) -> ComposeTab:
        return self.compose.current()

    def show_tab(self, mode: Mode) -> ComposeTab:
        """Go to `mode`'s tab (building it if it was never shown); returns it."""
        return self.compose.show(mode)

    def _on_tab_changed(self, mode: Mode) -> None:
        tab = self.compose[mode]
        self._refresh(tab)
        self.drafts.put(mode.value, tab.draft())

    def _refresh(self, tab: ComposeTab) -> None:
        """The tab's rule findings and cost estimate, for what it holds now."""
        req = tab.request()
        tab.show_findings(self.services.findings(req))  # the gateway's dialect and habits
        tab.show_cost(self.prices)  # one take's estimate, or N takes' total

    def load_request(self, req: GenerationRequest) -> None:
        """Remix / extend: fill the request's tab and go there, ready to edit and send."""
        tab = self.compose[req.mode]
        self.draft_undo.keep(tab, self.tabs.tabText(self.compose.index(req.mode)))
        tab.set_request(req)
        tab.mark_touched()
        self.show_tab(req.mode)
        tab.focus_prompt()

    def submit_current(self) -> None:
        if self.pages.currentWidget() is self.welcome:
            return
        tab = self.current_tab()
        tab.mark_touched()
        findings = self.services.findings(tab.request())
        tab.show_findings(findings)
        if any(f.blocks for f in findings) or self.controller.submitting:
            return
        self.controller.submit_variants(tab.request(), tab.takes())  # ×N: one group

    def _on_submitted(self, job: Job) -> None:
        self._sent_here.add(job.id)
        self.statusBar().showMessage(arg(self.tr("Job %1 sent."), job.id), 5000)

    def _on_submit_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        self.current_tab().summary.setText(message)

    # -- jobs ------------------------------------------------------------------------------------

    def _on_job_changed(self, job: Job) -> None:
        self.notifier.watch(job)
        if self.model.row_of(job.id) < 0:  # a job the list does not show yet
            if not self.filter.matches(job):
                return  # outside the current search or filters: a fresh query would hide it
            if self.filter.oldest_first:
                if not self.model.canFetchMore():
                    self.model.reload()  # it belongs at the end; a full list reloads cheaply
                return
        self.model.upsert(job)
        current = self.view.currentIndex()
        if current.isValid() and self.model.job_at(current.row()).id == job.id:
            self.viewer_pane.show_job(job)  # the selected job's clip landed (or it changed)
        if job.checks is not None and job.state is JobState.DOWNLOADED:
            self._refresh(self.current_tab())  # a checked clip may change the gateway's habits
        if job.state is JobState.DOWNLOADED and job.video_path:
            self.posters.get(job.id, Path(job.video_path))
            # Only a job sent from this window takes the selection when its clip lands: one
            # the CLI (or another window) made must not stop the clip being watched.
            current = self.view.currentIndex()
            if job.id in self._sent_here and (
                not current.isValid() or self.model.row_of(job.id) == 0
            ):
                self.view.setCurrentIndex(self.model.index(self.model.row_of(job.id), 0))

    def _on_deleted(self, job_id: str) -> None:
        self.model.remove(job_id)
        self.statusBar().showMessage(self.tr("Moved to the trash."), 5000)

    def set_filter(self, value: LibraryFilter) -> None:
        """Show the library through `value`; the playing clip keeps playing if it is still
        in the list."""
        if value == self.filter:
            return
        current = self.view.currentIndex()
        keep = self.model.job_at(current.row()).id if current.isValid() else None
        self.filter = value
        self.model.reload()
        self._update_empty_note()
        if keep:
            self.select_job(keep)

    def _update_empty_note(self) -> None:
        if self.model.rowCount():
            self.empty_note.hide()
            return
        self.empty_note.setText(
            self.tr("No jobs match. Clear the search or filters.")
            if self.filter.active
            else self.tr(
                "No jobs yet. Write a prompt (or drop frames) on the left and press Ctrl+Return."
            )
        )
        self.empty_note.show()

    def select_job(self, job_id: str) -> None:
        row = self.model.row_of(job_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))

    # -- costs -----------------------------------------------------------------------------------

    def set_prices(self, table: PriceTable) -> None:
        """A new price table (edited in Costs ▸ Price table): every tab's estimate follows."""
        self.prices = table
        for mode in self.compose.built():
            self._refresh(self.compose[mode])  # the drafts did not change

    # -- viewer (ui/player/viewer_pane.py builds it) -----------------------------------------------

    @property
    def viewer(self) -> Viewer:
        return self.viewer_pane.viewer

    @property
    def viewer_keys(self) -> ViewerKeys:
        return self.viewer_pane.keys

    @property
    def frame_tools(self) -> FrameTools:
        return self.viewer_pane.frame_tools

    # -- settings --------------------------------------------------------------------------------

    def open_settings(self, reason: str = "") -> SettingsDialog:
        """One Settings dialog at a time; `reason` says why it opened on its own."""
        dlg = next((d for d in self.findChildren(SettingsDialog) if d.isVisible()), None)
        if dlg is None:
            dlg = SettingsDialog(
                self.services, self.controller, self, store=self.store, demo=self.demo
            )
            # A bound method, not a lambda holding `dlg`: a reference cycle through the dialog
            # would be collected by whichever thread runs the GC, destroying Qt timers there.
            dlg.saved.connect(self._on_settings_saved)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.open()
        if reason:
            dlg.error.setText(reason)
            dlg.key.setFocus()
        dlg.raise_()
        return dlg

    def _on_settings_saved(self) -> None:
        dlg = next((d for d in self.findChildren(SettingsDialog) if d.isVisible()), None)
        language_changed = bool(dlg and dlg.language_changed)
        self.pages.setCurrentIndex(0)
        opts.WELCOME_DONE.set(self.store, True)
        if language_changed:
            self.statusBar().showMessage(
                self.tr("Settings saved. Restart Veo Desktop to switch the language."), 15000
            )
        else:
            self.statusBar().showMessage(self.tr("Settings saved."), 5000)

    # -- quit ------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.viewer_pane.close()
        window_fit.save(self, self.store)
        opts.SPLITTER.set(self.store, self.splitter.saveState())
        self.viewer_split.save(self.store)
        opts.LAST_TAB.set(self.store, self.tabs.currentIndex())
        opts.LAST_MODEL.set(self.store, self.current_tab().model().value)
        for mode, tab in self.compose.built().items():
            self.drafts.put(mode.value, tab.draft())
        self.drafts.flush_now()
        self.store.sync()
        self.player.stop()
        super().closeEvent(event)
