"""A job's failure as data: its kind, the message to show and what the user can do next, so
the window, the notifications and the CLI say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..i18n import msg
from .job import Job, JobState

#: Kinds whose message is the gateway's own words, which seldom say what to do next: these get
#: a suggestion by kind. Every other kind's message is core's, which already ends with one.
GATEWAY_WORDED = frozenset({"blocked", "job_failed"})

#: Kinds that mean the key (or the account behind it) was refused.
KEY_KINDS = frozenset({"auth", "out_of_credit"})


class FollowUp(StrEnum):
    RETRY = "retry"
    RETRY_WITHOUT_AUDIO = "retry_without_audio"
    CHECK_AGAIN = "check_again"
    UPDATE_KEY = "update_key"
    DOWNLOAD_AGAIN = "download_again"
    CHECK_TASK_LIST = "check_task_list"

    @property
    def label(self) -> str:
        """The action as a menu item in the user's language."""
        return {
            FollowUp.RETRY: msg("Retry"),
            FollowUp.RETRY_WITHOUT_AUDIO: msg("Retry without audio"),
            FollowUp.CHECK_AGAIN: msg("Check again"),
            FollowUp.UPDATE_KEY: msg("Update the API key…"),
            FollowUp.DOWNLOAD_AGAIN: msg("Download again"),
            FollowUp.CHECK_TASK_LIST: msg("Check the gateway's task list"),
        }[self]


@dataclass(frozen=True)
class Failure:
    kind: str  # the journal's error_kind; "unknown" when the gateway gave none
    message: str  # what went wrong and what to do, ready to show
    actions: tuple[FollowUp, ...]  # best first


def audio_may_be_why(job: Job) -> bool:
    """The one test for "turning audio off may fix this": the reason names audio (gateways pass
    the upstream reason in English or in Chinese, 音频) and the job asked for audio."""
    reason = (job.error_message or "").lower()
    named = "audio" in reason or "音频" in reason
    return named and job.request.get("generate_audio") is not False


def failure_of(job: Job) -> Failure | None:
    """What went wrong with `job` and what to do about it; None while nothing has."""
    kind = job.error_kind or "unknown"
    text = (job.error_message or "").strip()
    if job.state is JobState.COMPLETED:  # at the gateway, not in the library
        return Failure(kind, text, (FollowUp.DOWNLOAD_AGAIN,)) if text else None
    if job.state is JobState.MISSING:
        return Failure(kind, text, (FollowUp.CHECK_AGAIN,))
    if job.state is JobState.PAUSED:
        return Failure(kind, text, (FollowUp.UPDATE_KEY,)) if kind in KEY_KINDS else None
    if job.state is JobState.UNCERTAIN:
        return Failure(kind, text, (FollowUp.CHECK_TASK_LIST, FollowUp.RETRY))
    if job.state not in (JobState.FAILED, JobState.NO_VIDEO):
        return None
    retries: tuple[FollowUp, ...] = (FollowUp.RETRY,)
    if audio_may_be_why(job):
        retries = (FollowUp.RETRY_WITHOUT_AUDIO, FollowUp.RETRY)
    if kind in KEY_KINDS:
        retries = (FollowUp.UPDATE_KEY, *retries)
    gateway_worded = not text or kind in GATEWAY_WORDED or kind == "unknown"
    if not text:
        text = msg("The gateway gave no reason.")
    if gateway_worded:
        hint = _suggestion(kind, audio=FollowUp.RETRY_WITHOUT_AUDIO in retries)
        # Core's own "failed without a reason" already ends with this very hint.
        if not text.endswith(hint):
            text = f"{text} {hint}"
    return Failure(kind, text, retries)


def _suggestion(kind: str, *, audio: bool) -> str:
    if audio:
        return msg("Retry with audio off.")
    if kind == "blocked":
        return msg("Rephrase the prompt and try again.")
    return msg("Try again, perhaps with a different prompt.")
