"""A failure as core gives it: the message to show, a next step by kind for the gateway's own
words, the follow-ups each state offers, and one answer to "was it the audio"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from veo_desktop.core.jobs.failures import FollowUp, failure_of
from veo_desktop.core.jobs.followups import retry_choices
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.request.models import GenerationRequest, Mode, Model


def job_with(tmp_path: Path, *, audio: bool | None = True, **fields: object) -> Job:
    req = GenerationRequest(Mode.TEXT, Model.FAST_720P, "a choir", generate_audio=audio)
    j = Journal(tmp_path / "j.sqlite3")
    job = j.create(
        mode=req.mode,
        model=req.model_id,
        prompt=req.prompt,
        negative_prompt="",
        request=req.to_record(),
    )
    job = j.update(job.id, **fields)
    j.close()
    return job


def retry_kinds(job: Job) -> list[FollowUp]:
    return [c.follow_up for c in retry_choices(job)]


def test_a_chinese_audio_block_offers_retry_without_audio_in_the_row_and_the_menu(
    tmp_path: Path,
) -> None:
    job = job_with(
        tmp_path, state=JobState.FAILED, error_kind="blocked", error_message="音频未通过安全审核"
    )
    failure = failure_of(job)
    assert failure is not None
    assert failure.actions == (FollowUp.RETRY_WITHOUT_AUDIO, FollowUp.RETRY)
    assert retry_kinds(job) == [FollowUp.RETRY_WITHOUT_AUDIO, FollowUp.RETRY]
    assert failure.message == "音频未通过安全审核 Retry with audio off."


def test_a_job_sent_without_audio_is_never_told_to_turn_audio_off(tmp_path: Path) -> None:
    job = job_with(
        tmp_path,
        audio=False,
        state=JobState.FAILED,
        error_kind="blocked",
        error_message="Blocked: the audio track was flagged.",
    )
    failure = failure_of(job)
    assert failure is not None and failure.actions == (FollowUp.RETRY,)
    assert retry_kinds(job) == [FollowUp.RETRY]
    assert "audio off" not in failure.message
    assert failure.message.endswith("Rephrase the prompt and try again.")


def test_cores_own_messages_are_shown_as_they_are(tmp_path: Path) -> None:
    said = "The gateway could not be reached. Check the connection, then send again."
    job = job_with(tmp_path, state=JobState.FAILED, error_kind="network", error_message=said)
    failure = failure_of(job)
    assert failure is not None and failure.message == said and failure.kind == "network"


def test_a_reasonless_failure_gets_one_next_step(tmp_path: Path) -> None:
    bare = job_with(tmp_path, state=JobState.FAILED)
    failure = failure_of(bare)
    assert failure is not None and failure.kind == "unknown"
    assert failure.message == (
        "The gateway gave no reason. Try again, perhaps with a different prompt."
    )
    # core's poll step already ends its "failed without a reason" with the same step
    cores = replace(
        bare,
        error_kind="job_failed",
        error_message="The gateway reports the job failed without a reason. Try again, "
        "perhaps with a different prompt.",
    )
    again = failure_of(cores)
    assert again is not None and again.message == cores.error_message


@pytest.mark.parametrize(
    ("fields", "actions"),
    [
        (
            dict(state=JobState.MISSING, error_kind="task_not_found", error_message="Gone."),
            (FollowUp.CHECK_AGAIN,),
        ),
        (
            dict(state=JobState.UNCERTAIN, error_kind="submission_uncertain", error_message="?"),
            (FollowUp.CHECK_TASK_LIST, FollowUp.RETRY),
        ),
        (
            dict(state=JobState.COMPLETED, error_kind="download", error_message="Cut off."),
            (FollowUp.DOWNLOAD_AGAIN,),
        ),
        (
            dict(state=JobState.PAUSED, error_kind="auth", error_message="Key refused."),
            (FollowUp.UPDATE_KEY,),
        ),
        (
            dict(state=JobState.NO_VIDEO, error_kind="no_video_expired", error_message="Expired."),
            (FollowUp.RETRY,),
        ),
    ],
)
def test_each_kind_of_trouble_offers_its_follow_ups(
    tmp_path: Path, fields: dict[str, Any], actions: tuple[FollowUp, ...]
) -> None:
    failure = failure_of(job_with(tmp_path, **fields))
    assert failure is not None and failure.actions == actions


def test_jobs_that_are_fine_have_no_failure(tmp_path: Path) -> None:
    for state in (JobState.RUNNING, JobState.DOWNLOADED, JobState.COMPLETED, JobState.PAUSED):
        assert failure_of(job_with(tmp_path / state.value, state=state)) is None


def test_every_state_has_one_naming_for_rows_and_sentences() -> None:
    for state in JobState:
        assert state.heading and state.label
        assert state.heading[0].isupper() and state.label[0].islower()
    assert JobState.NO_VIDEO.heading == "Finished without a video"
    assert JobState.MISSING.label == "not found at the gateway, kept"
