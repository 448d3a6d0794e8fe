"""The words a job row says (status, model, error, clip checks, elapsed time) and those of a group
of takes (how many, how far along, the seeds, the stars), in the user's language."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ...core.checks.result import failed
from ...core.jobs.failures import failure_of
from ...core.jobs.followups import link_time_left
from ...core.jobs.job import Job, JobState
from ...core.request.models import Model, Tier
from ..i18n import arg, tr

#: A row's words that say more than the state (core's table names each state: `JobState.heading`
#: on a row, `JobState.label` mid-sentence). Pairs of (row, spoken): recasing a translation
#: is wrong in many languages. Translated by `tr` when shown.
_RUNNING_AT = (
    QT_TRANSLATE_NOOP("", "Running %1%"),
    QT_TRANSLATE_NOOP("", "running %1 percent"),
)
_KEY_REJECTED = (
    QT_TRANSLATE_NOOP("", "Paused — key rejected"),
    QT_TRANSLATE_NOOP("", "paused, key rejected"),
)
# The app downloads a completed job at once: on a row, "completed" is a download under way.
_DOWNLOADING = (
    QT_TRANSLATE_NOOP("", "Downloading"),
    QT_TRANSLATE_NOOP("", "downloading"),
)
_DOWNLOAD_FAILED = (
    QT_TRANSLATE_NOOP("", "Download failed"),
    QT_TRANSLATE_NOOP("", "download failed"),
)


def status_text(job: Job, *, spoken: bool = False) -> str:
    """What the third line of a row says (short, capitalised), or with `spoken` the words a
    screen reader says mid-sentence."""
    pair: tuple[object, object] | None = None  # QT_TRANSLATE_NOOP's strings
    if job.state is JobState.RUNNING and job.progress is not None:
        pair = _RUNNING_AT
    elif job.state is JobState.PAUSED and job.error_kind == "auth":
        pair = _KEY_REJECTED
    elif job.state is JobState.COMPLETED:
        pair = _DOWNLOAD_FAILED if job.error_message else _DOWNLOADING
    if pair is None:
        text = job.state.label if spoken else job.state.heading
    else:
        text = arg(tr(str(pair[spoken])), str(job.progress))
    left = link_time_left(job)
    if left is not None:  # completed, not downloaded: how long the link likely lasts
        if left <= 0:
            text += tr(" · link has probably expired")
        else:
            hours = max(1, round(left / 3600))
            text += arg(tr(" · link valid about %1 h more"), str(hours))
    return text


def model_label(model_id: str) -> str:
    """How a person names a model: "Fast 720p", "Standard 4k" (an unknown ID as it is)."""
    m = Model.parse(model_id)
    if m is None:
        return model_id
    tier = tr("Fast") if m.tier is Tier.FAST else tr("Standard")
    return f"{tier} {m.resolution.value}"


def spoken_model(model_id: str) -> str:
    """How a screen reader names a model: "fast 720p"."""
    m = Model.parse(model_id)
    if m is None:
        return model_id
    tier = tr("fast %1") if m.tier is Tier.FAST else tr("standard %1")
    return arg(tier, m.resolution.value)


def error_text(job: Job) -> str:
    """What went wrong and what to do (core's `failure_of`); "" while nothing has."""
    failure = failure_of(job)
    return failure.message if failure else ""


def checks_count_text(failures: int) -> str:
    """ "1 check failed", "3 checks failed" (two strings: no plural forms needed)."""
    if failures == 1:
        return tr("1 check failed")
    return arg(tr("%1 checks failed"), str(failures))


def checks_tip(job: Job) -> str:
    """The downloaded clip against its request, as rich text naming each failed check; "" for
    a job with no clip."""
    if job.state is not JobState.DOWNLOADED:
        return ""
    if job.checks is None:
        note = tr("Not checked yet")  # not inside the f-string: lupdate would miss it
        return f"<p>{html.escape(note)}</p>"
    bad = failed(job.checks)
    if not bad:
        note = tr("Clip matches its request")  # not inside the f-string: lupdate would miss it
        return f"<p>{html.escape(note)}</p>"
    lines = "".join(f"<li>{html.escape(c.message)}</li>" for c in bad)
    return f"<p><b>{html.escape(checks_count_text(len(bad)))}</b></p><ul>{lines}</ul>"


def format_length(seconds: float) -> str:
    """A clip's length as the viewer shows it: "8.0 s"."""
    return arg(tr("%1 s"), f"{seconds:.1f}")


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


# -- takes ---------------------------------------------------------------------------------------

_IN_FLIGHT = frozenset(
    {
        JobState.SUBMITTING,
        JobState.POSTING,
        JobState.QUEUED,
        JobState.RUNNING,
        JobState.COMPLETED,
        JobState.PAUSED,
        JobState.MISSING,
    }
)


def takes_heading(n: int) -> str:
    """A group's first words: "3 takes"."""
    return arg(tr("%1 takes"), str(n))


def take_heading(number: int) -> str:
    """A take's first words: "Take 2"."""
    return arg(tr("Take %1"), str(number))


def seed_text(job: Job) -> str:
    """ "seed 42" (or "" for a job sent without one)."""
    seed = job.request.get("seed")
    return "" if seed is None else arg(tr("seed %1"), str(seed))


def stars(rating: int | None) -> str:
    """ "★★★☆☆" for 3 of 5; "" when not rated."""
    return "" if not rating else "★" * rating + "☆" * (5 - rating)


def group_status(takes: list[Job]) -> str:
    """How a group's takes stand, at a glance: "3 ready", "1 ready · 2 running", "1 failed"."""
    ready = sum(t.state is JobState.DOWNLOADED for t in takes)
    running = sum(t.state in _IN_FLIGHT for t in takes)
    bad = len(takes) - ready - running
    parts = []
    if ready:
        parts.append(arg(tr("%1 ready"), str(ready)))
    if running:
        parts.append(arg(tr("%1 in progress"), str(running)))
    if bad:
        parts.append(arg(tr("%1 failed"), str(bad)))
    return " · ".join(parts)


def group_progress(takes: list[Job]) -> int | None:
    """The takes still on their way, as one percentage; None when none is."""
    going = [t for t in takes if t.state in (JobState.RUNNING, JobState.COMPLETED)]
    if not going:
        return None
    return sum(100 if t.state is JobState.COMPLETED else t.progress or 0 for t in going) // len(
        going
    )


def group_tip(takes: list[Job]) -> str:
    """The group's tooltip: the prompt, then each take with its seed and state (rich text)."""
    prompt = html.escape(takes[0].prompt) if takes else ""
    rows = "".join(
        f"<li>{html.escape(take_heading(i))} · {html.escape(seed_text(t))} · "
        f"{html.escape(t.state.label)} {stars(t.rating)}</li>"
        for i, t in enumerate(takes, start=1)
    )
    return f"<p>{prompt or html.escape(tr('(no prompt)'))}</p><ul>{rows}</ul>"


def group_spoken(takes: list[Job]) -> str:
    """What a screen reader says for a group row."""
    prompt = takes[0].prompt if takes else ""
    prompt = prompt if len(prompt) <= 80 else prompt[:79].rstrip() + "…"
    return arg(tr("Group of %1 takes, %2: %3"), str(len(takes)), group_status(takes), prompt)
