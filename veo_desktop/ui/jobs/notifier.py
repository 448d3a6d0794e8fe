"""Tray notifications for jobs that end while the user is elsewhere, saying core's reason and
next step; a click brings the window back on that job (no tray: the taskbar entry flashes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon, QWidget

from ...core.jobs.failures import failure_of
from ...core.jobs.job import Job, JobState
from ..i18n import arg, tr

#: A notification is about the moment a job ends; these are the ends worth interrupting for.
NOTIFY_STATES = frozenset(
    {JobState.DOWNLOADED, JobState.FAILED, JobState.UNCERTAIN, JobState.NO_VIDEO}
)


def _short(prompt: str, limit: int = 60) -> str:
    prompt = " ".join(prompt.split())
    return prompt if len(prompt) <= limit else prompt[: limit - 1].rstrip() + "…"


def notification_for(job: Job) -> tuple[str, str, bool] | None:
    """(title, message, is_problem) for a job that just reached `job.state`, or None."""
    what = _short(job.prompt) or job.id
    if job.state is JobState.DOWNLOADED:
        return (
            arg(tr("Video ready: %1"), job.mode.label),
            arg(tr("“%1” is in your library. Click to play it."), what),
            False,
        )
    if job.state in (JobState.FAILED, JobState.NO_VIDEO):
        failure = failure_of(job)  # a failed or videoless job always has one
        reason = failure.message if failure else ""
        return (
            arg(tr("Job failed: %1"), job.mode.label),
            arg(tr("“%1”: %2 Click to open it and retry."), what, reason),
            True,
        )
    if job.state is JobState.UNCERTAIN:
        return (
            tr("Job may not have been sent"),
            arg(
                tr("“%1”: the gateway did not confirm it. Click to check before sending again."),
                what,
            ),
            True,
        )
    return None


class Notifier(QObject):
    """Watches job changes; notifies once per job end, and only when the window is not active
    (the row already says it when the user is looking)."""

    activated = Signal(str)  # job id the user clicked a notification for

    def __init__(
        self,
        window: QWidget,
        icon: QIcon,
        *,
        is_active: Callable[[], bool] | None = None,
        tray: QSystemTrayIcon | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._is_active = is_active or window.isActiveWindow
        self._seen: dict[str, JobState] = {}
        self._last_job: str | None = None
        self.tray = tray
        if self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            if icon.isNull():  # a tray entry with no icon is invisible (and Qt warns)
                icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(tr("Veo Desktop"))
        if self.tray is not None:
            self.tray.messageClicked.connect(self._clicked)
            self.tray.activated.connect(lambda _reason: self._clicked())
            self.tray.show()
        self.shown: list[tuple[str, str]] = []  # (title, message) of what was shown, newest last

    def watch(self, job: Job) -> None:
        """Remember the first state seen (no notification for what the app started with) and
        notify on a change into an end state."""
        before = self._seen.get(job.id)
        self._seen[job.id] = job.state
        if before is None or before == job.state or job.state not in NOTIFY_STATES:
            return
        if self._is_active():
            return
        note = notification_for(job)
        if note is None:
            return
        title, message, problem = note
        self._last_job = job.id
        self.shown.append((title, message))
        if self.tray is not None and self.tray.supportsMessages():
            icon = (
                QSystemTrayIcon.MessageIcon.Warning
                if problem
                else QSystemTrayIcon.MessageIcon.Information
            )
            self.tray.showMessage(title, message, icon, 10_000)
        else:
            QApplication.alert(self._window)  # flashes the taskbar entry until the user looks

    def _clicked(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
        if self._last_job:
            self.activated.emit(self._last_job)
