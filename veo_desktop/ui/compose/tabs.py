"""The main window's tab bar: every mode tab from the start, each built the first time it is shown
(the rest once idle), then the pages that are not modes (the Storyboard)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...core.request.models import Mode
from .tab import ComposeTab


class ComposeTabs(Mapping[Mode, ComposeTab]):
    """`tabs[mode]` is that mode's tab, built on first access by `make` (which also wires and
    fills it). Iterating gives every mode; `built()` only the tabs that exist."""

    def __init__(
        self, widget: QTabWidget, modes: Sequence[Mode], make: Callable[[Mode], ComposeTab]
    ) -> None:
        self._widget = widget
        self._modes = tuple(modes)
        self._make = make
        self._tabs: dict[Mode, ComposeTab] = {}
        self._pages: dict[Mode, QWidget] = {}
        self._last = 0  # the mode tab shown last: still "the" compose tab while another page shows
        # Empty pages up front: a compose tab is the biggest widget tree in the window, and
        # building all of them before the first paint slowed start-up (bench: startup_ratio).
        # A tab never opened keeps its saved draft in the draft store untouched.
        for mode in self._modes:
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            self._pages[mode] = page
            widget.addTab(page, mode.label)
        # Connected after the pages exist: adding the first page makes it current, and that
        # must not build a tab the restored selection is about to leave.
        widget.currentChanged.connect(lambda _i: self.current())

    def __getitem__(self, mode: Mode) -> ComposeTab:
        tab = self._tabs.get(mode)
        if tab is None:
            tab = self._tabs[mode] = self._make(mode)
            layout = self._pages[mode].layout()
            assert layout is not None
            layout.addWidget(tab)
        return tab

    def __iter__(self) -> Iterator[Mode]:
        return iter(self._modes)

    def __len__(self) -> int:
        return len(self._modes)

    def built(self) -> dict[Mode, ComposeTab]:
        """The tabs built so far (the others have nothing the user changed)."""
        return dict(self._tabs)

    def index(self, mode: Mode) -> int:
        return self._modes.index(mode)

    def current(self) -> ComposeTab:
        """The mode tab shown, or, while a page that is not a mode shows, the one shown last."""
        index = self._widget.currentIndex()
        if 0 <= index < len(self._modes):
            self._last = index
        return self[self._modes[self._last]]

    def add_page(self, page: QWidget, label: str) -> int:
        """A page after the modes (not a compose tab: `current()` never returns it); its index."""
        return self._widget.addTab(page, label)

    def is_mode(self, index: int) -> bool:
        return 0 <= index < len(self._modes)

    def build_rest(self) -> None:
        """Build the tabs not shown yet, one per turn of the event loop, so none of them costs
        its build time later, when the user switches to it (the app calls this once idle)."""
        missing = [m for m in self._modes if m not in self._tabs]
        if missing:
            self[missing[0]]
            QTimer.singleShot(0, self.build_rest)

    def show(self, mode: Mode) -> ComposeTab:
        """Make `mode`'s tab the current one; returns it."""
        self._widget.setCurrentIndex(self.index(mode))
        return self[mode]
