"""The viewer pane: the selected clip large, through the app's one player, with its transport bar,
its length and size, J/K/L and frame steps, and full screen (the pane itself goes full screen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.jobs.job import Job, JobState
from ..i18n import arg
from ..settings import Option
from .player import Player
from .shuttle import Key, shuttle
from .timecode import frame_at_ms, frame_count, frame_index, inside_frame_ms
from .transport import TransportBar

LOOP = Option("viewer/loop", True)
MUTED = Option("viewer/muted", True)  # a clip clicked in the list starts silent
VOLUME = Option("viewer/volume", 0.8)


class Viewer(QWidget):
    full_screen_changed = Signal(bool)
    clip_loaded = Signal(bool)  # a clip is (or no longer is) in the viewer

    def __init__(self, player: Player, store: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.store = store
        self.setAccessibleName(self.tr("Viewer"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a click on the video takes the keys
        self._job: Job | None = None
        self._fps = 0.0  # the clip's, from its metadata (0 until known)
        self._target: int | None = None  # the frame a step asked for, until it is on screen
        self._home: tuple[QSplitter, int, bytes] | None = None  # where full screen came from

        self.title = QLabel(self)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setStyleSheet("font-weight: 600;")
        self.summary = QLabel(self)
        # A clip's words must not resize the pane (and the video with it) as they change: the
        # title takes what the summary leaves, and neither sets the pane's minimum width.
        self.summary.setMinimumWidth(1)
        self.summary.setAccessibleName(self.tr("Clip length and size"))
        for label in (self.title, self.summary):  # as tall empty as with words: no jump
            label.setMinimumHeight(label.fontMetrics().height())
        self.placeholder = QLabel(self.tr("Select a finished clip to watch it here."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("background: black; color: #bbb;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.stack.setMinimumSize(160, 90)
        self.surface: QWidget | None = None  # built once the media player exists (start-up)
        self.bar = TransportBar(self)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.summary)
        self.tools = QHBoxLayout()  # Frame from here and Export go here (frame_tools.py)
        self.tools.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bar)
        layout.addLayout(self.tools)

        self.bar.play_clicked.connect(self.toggle_play)
        self.bar.seek_requested.connect(self.seek)
        self.bar.step_requested.connect(self.step)
        self.bar.rate_chosen.connect(self.set_rate)
        self.bar.loop_toggled.connect(self.set_loop)
        self.bar.mute_toggled.connect(self.set_muted)
        self.bar.volume_changed.connect(self.set_volume)
        self.bar.full_screen_clicked.connect(self.toggle_full_screen)
        self.bar.set_loop(LOOP.get(store))
        self.bar.set_muted(MUTED.get(store))
        self.bar.set_volume(VOLUME.get(store))
        player.set_loop(LOOP.get(store))
        player.set_volume(VOLUME.get(store))
        player.shown.connect(self._on_shown)
        player.stopped.connect(self._on_stopped)
        player.prepared.connect(self.build_surface)
        if player.is_prepared:  # built after the warm-up made the media player
            self.build_surface()
        self._show_clip(None)

    # -- the clip --------------------------------------------------------------------------------

    def build_surface(self) -> None:
        """The video widget, made with the media player, not with the window: both load Qt's
        media backend, which the window's first paint should not wait for."""
        if self.surface is not None:
            return
        from PySide6.QtMultimediaWidgets import QVideoWidget

        surface = QVideoWidget(self.stack)
        surface.setAccessibleName(self.tr("Video"))
        surface.installEventFilter(self)
        self.stack.addWidget(surface)
        self.surface = surface
        self.player.show_on(surface.videoSink())
        media = self.player.media
        media.playbackStateChanged.connect(self._on_state)
        media.durationChanged.connect(self._on_duration)
        media.metaDataChanged.connect(self._on_meta)
        media.mediaStatusChanged.connect(self._on_media_status)
        media.playbackRateChanged.connect(self.bar.set_rate)

    def show_job(self, job: Job | None) -> None:
        """Show (and play) the job's clip; any other job shows why there is nothing to watch."""
        clip = job if job and job.state is JobState.DOWNLOADED and job.video_path else None
        if clip is None:
            self._job = None
            self.player.stop()
            self._show_clip(job)
            return
        if self._job is not None and self._job.id == clip.id and self.player.job_id == clip.id:
            self._job = clip
            return
        self._job, self._fps, self._target = clip, 0.0, None
        self.build_surface()
        self._show_clip(clip)
        if not MUTED.get(self.store):
            self.bar.set_muted(not self.player.set_muted(False))
        self.player.play(clip.id, clip.video_path or "")

    def _show_clip(self, job: Job | None) -> None:
        loaded = self._job is not None
        self.bar.set_clip_loaded(loaded)
        self.clip_loaded.emit(loaded)
        self.bar.set_sound_available(self.player.has_sound_device() if loaded else True)
        self.title.setText((job.prompt.splitlines() or [""])[0] if job else "")
        self.title.setToolTip(job.prompt if job else "")
        self.summary.setText("")
        if loaded and self.surface is not None:
            self.stack.setCurrentWidget(self.surface)
            return
        self.stack.setCurrentWidget(self.placeholder)
        self.placeholder.setText(
            self.tr("This job has no clip yet.")
            if job is not None
            else self.tr("Select a finished clip to watch it here.")
        )

    def _on_meta(self) -> None:
        """Length, size and rate from the clip's own metadata (Qt reads it as the clip opens:
        a second open of the file here would compete with the first frame)."""
        if self._job is None:
            return
        media = self.player.media
        meta = media.metaData()
        size = meta.value(QMediaMetaData.Key.Resolution)
        fps = meta.value(QMediaMetaData.Key.VideoFrameRate)
        self._fps = float(fps) if isinstance(fps, int | float) and fps > 0 else 0.0
        if not isinstance(size, QSize) or size.isEmpty() or media.duration() <= 0:
            return
        text = arg(
            self.tr("%1 s · %2×%3 · %4 fps"),
            f"{media.duration() / 1000:.1f}",
            str(size.width()),
            str(size.height()),
            f"{self._fps:.2f}".rstrip("0").rstrip("."),
        )
        self.summary.setText(text if self._fps else text.rsplit(" · ", 1)[0])

    @property
    def job_id(self) -> str | None:
        return self._job.id if self._job else None

    @property
    def fps(self) -> float:
        return self._fps

    def moment(self) -> tuple[Path, float] | None:
        """Pause, and answer the clip and the time (s) of the frame on screen."""
        if self._job is None or self.player.job_id != self._job.id:
            return None
        self.pause()
        us = self.player.shown_us
        seconds = us / 1e6 if us is not None else self.player.media.position() / 1000
        return Path(self._job.video_path or ""), seconds

    # -- transport -------------------------------------------------------------------------------

    def _loaded(self) -> bool:
        return self._job is not None and self.player.job_id == self._job.id

    def toggle_play(self) -> None:
        if self.player.playing and self._loaded():
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        """Play on; from the start when paused on the last frame (how a clip ends unlooped)."""
        if self._job is None or not self._job.video_path:
            return
        self._target = None
        if self._loaded() and not self.player.playing and self._on_last_frame():
            self.player.seek(0)
        self.player.play(self._job.id, self._job.video_path)

    def _on_last_frame(self) -> bool:
        us = self.player.shown_us
        last = frame_count(self.player.media.duration(), self.fps) - 1
        return us is not None and frame_index(us, self.fps) >= last

    def pause(self) -> None:
        self.player.pause()

    def seek(self, ms: int) -> None:
        """Go to the frame that is on screen at `ms` (aiming inside it, see timecode.py)."""
        if self._loaded():
            self._target = None
            self.player.seek(inside_frame_ms(frame_at_ms(ms, self.fps), self.fps))

    def step(self, frames: int) -> None:
        """Pause and move `frames` frames (one at the clip's rate) from the frame on screen."""
        if not self._loaded():
            return
        self.pause()
        if self._target is not None:
            current = self._target  # a step still on its way: count from where it goes
        else:
            us = self.player.shown_us
            current = frame_index(us if us is not None else 0, self.fps)
        last = frame_count(self.player.media.duration(), self.fps) - 1
        self._target = max(0, min(last, current + frames))
        self.player.seek(inside_frame_ms(self._target, self.fps))

    def shuttle(self, key: Key) -> None:
        if not self._loaded():
            return
        move = shuttle(key, self.player.playing, self.player.media.playbackRate())
        self.set_rate(move.rate)
        if move.step:
            self.step(move.step)
        elif move.play:
            self.play()
        else:
            self.pause()

    def set_rate(self, rate: float) -> None:
        self.player.set_rate(rate)
        self.bar.set_rate(rate)

    def set_loop(self, on: bool) -> None:
        self.player.set_loop(on)
        self.bar.set_loop(on)
        LOOP.set(self.store, on)

    def set_muted(self, muted: bool) -> None:
        on = self.player.set_muted(muted)
        self.bar.set_muted(not on)
        MUTED.set(self.store, not on)

    def toggle_mute(self) -> None:
        if self.player.has_sound_device():
            self.set_muted(not self.player.muted)

    def set_volume(self, volume: float) -> None:
        self.player.set_volume(volume)
        VOLUME.set(self.store, volume)
        if volume > 0 and self.player.muted and self._loaded():
            self.set_muted(False)  # turning the volume up means "I want to hear it"

    def _on_shown(self, job_id: str, us: int) -> None:
        if job_id != self.job_id:
            return
        if self._target is not None and frame_index(us, self.fps) == self._target:
            self._target = None
        self.bar.set_position(us / 1000)

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        self.bar.set_playing(state == QMediaPlayer.PlaybackState.PlayingState)

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._loaded():
            # Not looping: the clip ends on its last frame, paused, rather than on black.
            last = frame_count(self.player.media.duration(), self.fps) - 1
            self._target = last
            self.player.pause()
            self.player.seek(inside_frame_ms(last, self.fps))

    def _on_duration(self, ms: int) -> None:
        if ms > 0:
            self.bar.set_duration(ms)
            self._on_meta()

    def _on_stopped(self, job_id: str) -> None:
        if job_id == self.job_id:  # stopped from outside (the clip went to the trash)
            self._job = None
            self._show_clip(None)

    # -- full screen -----------------------------------------------------------------------------

    @property
    def full_screen(self) -> bool:
        return self._home is not None

    def toggle_full_screen(self) -> None:
        if self.full_screen or self._job is not None:  # an empty black screen helps no one
            self.set_full_screen(not self.full_screen)

    def set_full_screen(self, on: bool) -> None:
        """The whole pane (video and transport) goes full screen and comes back to its place."""
        if on == self.full_screen:
            return
        if on:
            splitter = self.parentWidget()
            if not isinstance(splitter, QSplitter):
                return
            self._home = (splitter, splitter.indexOf(self), bytes(splitter.saveState().data()))
            self.setParent(None)
            self.setWindowTitle(self.title.text() or self.tr("Viewer"))
            self.showFullScreen()
            self.activateWindow()
        else:
            assert self._home is not None
            splitter, index, state = self._home
            self._home = None
            self.setWindowState(Qt.WindowState.WindowNoState)
            splitter.insertWidget(index, self)
            self.show()
            splitter.restoreState(state)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.full_screen_changed.emit(on)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.full_screen:  # the window manager's close on the full-screen pane: come back
            event.ignore()
            self.set_full_screen(False)
            return
        super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.surface:
            if event.type() == QEvent.Type.MouseButtonDblClick:
                self.toggle_full_screen()
                return True
            if event.type() == QEvent.Type.MouseButtonRelease:
                self.setFocus(Qt.FocusReason.MouseFocusReason)
                self.toggle_play()
                return True
        return super().eventFilter(watched, event)
