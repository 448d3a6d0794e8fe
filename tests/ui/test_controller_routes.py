"""The window and dialogs go through the controller: deleting a job, applying settings, and a
failed row's menu offering core's follow-ups; a row names its state with core's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from veo_desktop.core.config import SharedSettings
from veo_desktop.core.gateway.dialects import Dialect
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.ui.jobs.row_text import status_text

from .conftest import wait_until
from .helpers import Rig


def stored_job(rig: Rig, **fields: object) -> Job:
    req = GenerationRequest(Mode.TEXT, Model.FAST_720P, "a choir at dusk", generate_audio=True)
    journal = rig.services.journal
    job = journal.create(
        mode=req.mode,
        model=req.model_id,
        prompt=req.prompt,
        negative_prompt="",
        request=req.to_record(),
    )
    return journal.update(job.id, **fields)


def menu_texts(rig: Rig, job: Job) -> list[str]:
    win = rig.window
    win.model.reload()
    win.select_job(job.id)
    menu = win.job_actions.menu(QPoint(0, 0))
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    return texts


@pytest.mark.asyncio
async def test_controller_delete_trashes_the_files_and_forgets_the_job(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import send2trash

    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"not really a clip")
    trashed: list[str] = []
    monkeypatch.setattr(send2trash, "send2trash", lambda p: trashed.append(str(p)))
    job = stored_job(rig, state=JobState.DOWNLOADED, video_path=str(clip))
    rig.window.model.reload()
    gone: list[str] = []
    rig.controller.deleted.connect(gone.append)
    rig.controller.delete(job)
    await wait_until(lambda: gone == [job.id])
    assert trashed == [str(clip)]
    assert rig.services.journal.get(job.id) is None
    assert rig.window.model.row_of(job.id) < 0


@pytest.mark.asyncio
async def test_controller_delete_keeps_the_job_when_the_trash_refuses(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import send2trash

    def refuse(_p: object) -> None:
        raise OSError("no trash here")

    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x")
    monkeypatch.setattr(send2trash, "send2trash", refuse)
    job = stored_job(rig, state=JobState.DOWNLOADED, video_path=str(clip))
    said: list[str] = []
    rig.controller.message.connect(said.append)
    rig.controller.delete(job)
    await wait_until(lambda: bool(said))
    assert "nothing was deleted" in said[0]
    assert rig.services.journal.get(job.id) is not None


@pytest.mark.asyncio
async def test_controller_apply_points_client_runner_and_library_at_the_new_settings(
    rig: Rig, tmp_path: Path
) -> None:
    s = rig.services
    new = SharedSettings(
        base_url="https://gw.example.com", library_dir="~/veo-clips", max_concurrent_jobs=5
    )
    rig.controller.apply(new, s.paths.config_file, Dialect.parse("new-api"))
    assert s.client.base_url == "https://gw.example.com"
    assert s.runner._limit == 5
    assert s.library.root == Path("~/veo-clips").expanduser()
    assert s.client.profiles.get("https://gw.example.com").override == "new-api"
    assert SharedSettings.load(s.paths.config_file) == new
    # An empty folder keeps the one in use (the rule build_services follows at start-up).
    rig.controller.apply(SharedSettings(base_url="https://gw.example.com"), s.paths.config_file)
    assert s.library.root == Path("~/veo-clips").expanduser()


@pytest.mark.asyncio
async def test_a_failed_rows_menu_offers_cores_follow_ups_first(rig: Rig) -> None:
    blocked = stored_job(
        rig, state=JobState.FAILED, error_kind="blocked", error_message="音频未通过安全审核"
    )
    assert menu_texts(rig, blocked)[:2] == ["Retry without audio", "Retry"]
    missing = stored_job(
        rig, state=JobState.MISSING, error_kind="task_not_found", error_message="Gone."
    )
    assert menu_texts(rig, missing)[0] == "Check again"
    paused = stored_job(rig, state=JobState.PAUSED, error_kind="auth", error_message="Refused.")
    assert menu_texts(rig, paused)[0] == "Update the API key…"


@pytest.mark.asyncio
async def test_rows_name_states_with_cores_words(rig: Rig) -> None:
    for state in (JobState.NO_VIDEO, JobState.MISSING, JobState.SUBMITTING, JobState.QUEUED):
        job = stored_job(rig, state=state)
        assert status_text(job) == state.heading
        assert status_text(job, spoken=True) == state.label
