"""The transport bar: play/pause, frame steps, a scrub bar with timecode, speed, loop, sound and
full screen. It only shows and asks (signals), so one bar can drive any player or a group."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .shuttle import SPEEDS, nearest_speed
from .timecode import timecode


class ScrubBar(QSlider):
    """A slider that jumps to where it is clicked (a page step would be a guess of a jump)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.maximum() > self.minimum():
            self.setValue(
                QStyle.sliderValueFromPosition(
                    self.minimum(), self.maximum(), int(event.position().x()), self.width()
                )
            )
        super().mousePressEvent(event)


class TransportBar(QWidget):
    play_clicked = Signal()
    seek_requested = Signal(int)  # ms
    step_requested = Signal(int)  # frames, -1 or +1
    rate_chosen = Signal(float)
    loop_toggled = Signal(bool)
    mute_toggled = Signal(bool)  # True: muted
    volume_changed = Signal(float)  # 0..1
    full_screen_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style = self.style()
        icon = style.standardIcon
        pix = QStyle.StandardPixmap
        self._play_icon, self._pause_icon = icon(pix.SP_MediaPlay), icon(pix.SP_MediaPause)
        self._sound_icon, self._muted_icon = (
            icon(pix.SP_MediaVolume),
            icon(pix.SP_MediaVolumeMuted),
        )
        self._duration = 0

        self.play = self._button(self.tr("Play (Space)"))
        self.play.setIcon(self._play_icon)
        self.play.clicked.connect(self.play_clicked)
        self.back = self._button(self.tr("Previous frame (,)"))
        self.back.setIcon(icon(pix.SP_MediaSeekBackward))
        self.back.clicked.connect(lambda: self.step_requested.emit(-1))
        self.forward = self._button(self.tr("Next frame (.)"))
        self.forward.setIcon(icon(pix.SP_MediaSeekForward))
        self.forward.clicked.connect(lambda: self.step_requested.emit(1))

        self.scrub = ScrubBar(Qt.Orientation.Horizontal, self)
        self.scrub.setAccessibleName(self.tr("Position"))
        self.scrub.setRange(0, 0)
        self.scrub.setSingleStep(100)
        self.scrub.setPageStep(1000)
        self.scrub.valueChanged.connect(self.seek_requested)  # set_position blocks it
        self.time = QLabel(self._time_text(0), self)
        self.time.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.time.setAccessibleName(self.tr("Time"))

        self.speed = QComboBox(self)
        for s in SPEEDS:
            self.speed.addItem(f"{s:g}×", s)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.setToolTip(self.tr("Playback speed (J slower, L faster)"))
        self.speed.setAccessibleName(self.tr("Playback speed"))
        self.speed.activated.connect(lambda i: self.rate_chosen.emit(float(self.speed.itemData(i))))
        self.loop = self._button(self.tr("Loop"))
        self.loop.setText("⟲")
        self.loop.setCheckable(True)
        self.loop.setChecked(True)
        self.loop.toggled.connect(self.loop_toggled)
        self.mute = self._button(self.tr("Sound on or off (M)"))
        self.mute.setCheckable(True)
        self.mute.setChecked(True)
        self.mute.setIcon(self._muted_icon)
        self.mute.toggled.connect(self._on_mute)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setFixedWidth(72)
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.valueChanged.connect(lambda v: self.volume_changed.emit(v / 100))
        self.full = self._button(self.tr("Full screen (F)"))
        self.full.setIcon(icon(pix.SP_TitleBarMaxButton))
        self.full.clicked.connect(self.full_screen_clicked)

        # The scrub bar gets a row of its own: the whole width is its resolution.
        top = QHBoxLayout()
        top.addWidget(self.scrub, 1)
        top.addWidget(self.time)
        self._buttons = QHBoxLayout()
        self._row: list[QWidget] = [self.play, self.back, self.forward]
        self._row += [self.speed, self.loop, self.mute, self.volume, self.full]
        for i, widget in enumerate(self._row):
            if i == 3:
                self._buttons.addStretch(1)
            self._buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(self._buttons)
        # A narrow pane drops the volume, then the speed box (M, J and L still reach them),
        # rather than making the window wider than a small screen.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._optional = (self.volume, self.speed)
        self.setMinimumWidth(self._row_width(self._optional))

    def _button(self, name: str) -> QToolButton:
        b = QToolButton(self)
        b.setToolTip(name)
        b.setAccessibleName(name.split(" (")[0])
        b.setAutoRaise(True)
        return b

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        dropped: tuple[QWidget, ...] = ()
        for n in range(len(self._optional) + 1):
            dropped = self._optional[:n]
            if self._row_width(dropped) <= width:
                break
        for widget in self._optional:
            widget.setVisible(widget not in dropped)

    def _row_width(self, without: tuple[QWidget, ...]) -> int:
        """What the row of buttons needs without the widgets in `without`."""
        shown = [w for w in self._row if w not in without]
        return sum(w.sizeHint().width() for w in shown) + self._buttons.spacing() * len(shown)

    def _time_text(self, ms: float) -> str:
        return f"{timecode(ms)} / {timecode(self._duration)}"

    # -- shown state (nothing here is emitted back) ----------------------------------------------

    def set_duration(self, ms: int) -> None:
        self._duration = max(0, ms)
        self.scrub.blockSignals(True)
        self.scrub.setRange(0, self._duration)
        self.scrub.blockSignals(False)
        self.time.setText(self._time_text(self.scrub.value()))

    def set_position(self, ms: float) -> None:
        self.time.setText(self._time_text(ms))
        if not self.scrub.isSliderDown():  # the hand on the slider wins over the clip
            self.scrub.blockSignals(True)
            self.scrub.setValue(int(ms))
            self.scrub.blockSignals(False)

    def set_playing(self, playing: bool) -> None:
        self.play.setIcon(self._pause_icon if playing else self._play_icon)
        name = self.tr("Pause (Space)") if playing else self.tr("Play (Space)")
        self.play.setToolTip(name)
        self.play.setAccessibleName(name.split(" (")[0])

    def set_rate(self, rate: float) -> None:
        self.speed.setCurrentIndex(SPEEDS.index(nearest_speed(rate)))

    def set_loop(self, on: bool) -> None:
        self.loop.blockSignals(True)
        self.loop.setChecked(on)
        self.loop.blockSignals(False)

    def set_muted(self, muted: bool) -> None:
        self.mute.blockSignals(True)
        self.mute.setChecked(muted)
        self.mute.blockSignals(False)
        self.mute.setIcon(self._muted_icon if muted else self._sound_icon)

    def set_volume(self, volume: float) -> None:
        self.volume.blockSignals(True)
        self.volume.setValue(round(volume * 100))
        self.volume.blockSignals(False)

    def set_sound_available(self, available: bool) -> None:
        """No output device: the sound controls say so instead of pretending."""
        for w in (self.mute, self.volume):
            w.setEnabled(available)
        if not available:
            self.mute.setToolTip(self.tr("No sound device was found on this computer."))

    def set_clip_loaded(self, loaded: bool) -> None:
        for w in (self.play, self.back, self.forward, self.scrub):
            w.setEnabled(loaded)
        if not loaded:
            self.set_duration(0)
            self.set_position(0)
            self.set_playing(False)

    def _on_mute(self, muted: bool) -> None:
        self.mute.setIcon(self._muted_icon if muted else self._sound_icon)
        self.mute_toggled.emit(muted)
