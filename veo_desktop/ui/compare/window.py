"""The compare window: 2 to 4 takes in a grid (for two, also a wipe or their difference) in sync
under one transport bar, each with its facts and a Keep button; closing it frees every player."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.jobs.job import Job
from ..i18n import arg
from ..player.transport import TransportBar
from .caption import Caption
from .heap import TRIM_AFTER_MS, trim_heap
from .sync import SyncGroup
from .take import Take
from .views import Look, PictureView

LETTERS = "ABCD"


class CompareWindow(QWidget):
    keep_requested = Signal(str)  # the job id to keep (the window has closed and let go of files)
    closed = Signal()

    def __init__(self, jobs: Sequence[Job], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(arg(self.tr("Compare %1 takes"), str(len(jobs))))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Pictures are converted off the UI thread; two at a time is what two cores can take.
        self._converter = ThreadPoolExecutor(max_workers=2, thread_name_prefix="compare")
        self.takes = [Take(job, self._converter, self) for job in jobs]
        self.group = SyncGroup(self.takes, self)
        self._listen = 0  # the take whose sound you hear when sound is on
        self._released = False

        self.views = [PictureView([t], Look.SINGLE, self) for t in self.takes]
        self.pair = PictureView(self.takes[:2], Look.WIPE, self)
        self.pair.letters = list(LETTERS[:2])
        self.captions = [Caption(LETTERS[i], t, self) for i, t in enumerate(self.takes)]
        self.looks = QButtonGroup(self)
        looks = QHBoxLayout()
        for look, text, tip in (
            (Look.SINGLE, self.tr("Side by side"), self.tr("Every take in its own picture")),
            (Look.WIPE, self.tr("Wipe"), self.tr("A left of the divider, B right: drag it")),
            (
                Look.DIFFERENCE,
                self.tr("Difference"),
                self.tr("Where A and B differ, amplified: black is the same"),
            ),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(
                tip
                if len(self.takes) == 2 or look is Look.SINGLE
                else self.tr("Compare two takes to see them as one picture")
            )
            button.setEnabled(look is Look.SINGLE or len(self.takes) == 2)
            button.setProperty("look", look.value)
            self.looks.addButton(button)
            looks.addWidget(button)
        looks.addStretch(1)
        self.looks.buttons()[0].setChecked(True)
        self.looks.buttonClicked.connect(lambda b: self.set_look(Look(b.property("look"))))

        self.grid = QGridLayout()
        self.grid.setSpacing(6)
        cols = 2
        for i, (view, caption) in enumerate(zip(self.views, self.captions, strict=True)):
            self.grid.addWidget(view, 2 * (i // cols), i % cols)
            self.grid.addWidget(caption, 2 * (i // cols) + 1, i % cols)
        self.grid.addWidget(self.pair, 0, 0, 1, 2)
        self.bar = TransportBar(self)
        layout = QVBoxLayout(self)
        layout.addLayout(looks)
        layout.addLayout(self.grid, 1)
        layout.addWidget(self.bar)

        self._wire()
        self._keys()
        self.set_look(Look.SINGLE)
        self._fit_to_screen()

    def _wire(self) -> None:
        bar, group = self.bar, self.group
        bar.set_clip_loaded(True)
        bar.set_loop(group.loop)
        bar.set_muted(True)
        bar.set_volume(0.8)
        group.set_volume(0.8)
        sound = group.has_sound_device()
        bar.set_sound_available(sound)
        for caption in self.captions:
            caption.set_sound_available(sound)
        bar.play_clicked.connect(group.toggle)
        bar.seek_requested.connect(group.seek)
        bar.step_requested.connect(group.step)
        bar.rate_chosen.connect(self.set_rate)
        bar.loop_toggled.connect(group.set_loop)
        bar.mute_toggled.connect(self.set_muted)
        bar.volume_changed.connect(group.set_volume)
        bar.full_screen_clicked.connect(self.toggle_full_screen)
        group.position_changed.connect(bar.set_position)
        group.duration_changed.connect(bar.set_duration)
        group.playing_changed.connect(bar.set_playing)
        for i, caption in enumerate(self.captions):
            caption.listen_toggled.connect(lambda on, i=i: self.listen(i, on))
            caption.keep_clicked.connect(lambda t=self.takes[i]: self.keep(t))

    def _keys(self) -> None:
        def make(text: str, slot: Callable[[], None], key: str, *, repeat: bool = False) -> None:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setAutoRepeat(repeat)
            action.triggered.connect(slot)
            self.addAction(action)

        make(self.tr("Play or pause"), self.group.toggle, "Space")
        make(self.tr("Previous frame"), lambda: self.group.step(-1), ",", repeat=True)
        make(self.tr("Next frame"), lambda: self.group.step(1), ".", repeat=True)
        make(self.tr("Sound on or off"), self.toggle_sound, "M")
        make(self.tr("Full screen"), self.toggle_full_screen, "F")
        make(self.tr("Leave full screen, or close"), self._escape, "Esc")

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        rows = 1 if len(self.takes) <= 2 else 2
        width = min(screen.width() * 9 // 10, 1400)
        height = min(screen.height() * 9 // 10, width * 9 // 32 * rows + 160)
        self.resize(width, height)

    # -- what is shown ---------------------------------------------------------------------------

    @property
    def look(self) -> Look:
        return self.pair.look if self.pair.active else Look.SINGLE

    def set_look(self, look: Look) -> None:
        """Side by side (any number), or for two takes one picture: a wipe or their difference."""
        if look is not Look.SINGLE and len(self.takes) != 2:
            look = Look.SINGLE
        # The views going away first: the sizes the shown views ask of the takes must win.
        if look is Look.SINGLE:
            self.pair.set_active(False)
            for view in self.views:
                view.set_active(True)
        else:
            for view in self.views:
                view.set_active(False)
            self.pair.set_look(look)
            self.pair.set_active(True)
        for button in self.looks.buttons():
            button.setChecked(button.property("look") == look.value)

    # -- transport -------------------------------------------------------------------------------

    def set_rate(self, rate: float) -> None:
        self.group.set_rate(rate)
        self.bar.set_rate(rate)

    def listen(self, index: int, on: bool) -> None:
        """Sound from take `index` (on), or from none (off)."""
        self._listen = index
        self.set_muted(not on)

    def set_muted(self, muted: bool) -> None:
        heard = self.group.listen_to(None if muted else self.takes[self._listen])
        for i, caption in enumerate(self.captions):
            caption.set_listening(heard and i == self._listen)
        self.bar.set_muted(not heard)

    def toggle_sound(self) -> None:
        if self.group.has_sound_device():
            self.set_muted(self.group.audible is not None)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _escape(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.close()

    # -- keep and close --------------------------------------------------------------------------

    def keep(self, take: Take) -> None:
        """Keep `take`: the players let go of every file first (the others go to the trash, and
        an open file cannot be moved on Windows), then the window asks and closes."""
        job_id = take.job.id
        self.release()
        self.keep_requested.emit(job_id)
        self.close()

    def release(self) -> None:
        """Stop and free every player (each with its decoder and buffers)."""
        if not self._released:
            self._released = True
            self.group.release()
            self._converter.shutdown(wait=False, cancel_futures=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.release()
        super().closeEvent(event)
        QTimer.singleShot(TRIM_AFTER_MS, trim_heap)  # not a slot of ours: this window goes
        self.closed.emit()
