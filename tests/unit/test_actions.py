"""Job actions: remix restores every parameter, the audio-retry offer comes first when a block
names audio, frames chain exactly, export copies, delete goes to the trash."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import av
import pytest
from PIL import Image

from tests.clips import video_frame
from veo_desktop.core.errors import InvalidInputError
from veo_desktop.core.jobs.followups import (
    chain_frame,
    export_job,
    extend_request,
    extend_warnings,
    remix_request,
    retry_choices,
    trash_job_files,
)
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.library.frames import extract_frame
from veo_desktop.core.library.store import Library
from veo_desktop.core.request.models import GenerationRequest, Mode, Model


def make_clip(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as c:
        s = c.add_stream("libx264", rate=12)
        s.width, s.height, s.pix_fmt = 64, 36, "yuv420p"
        s.time_base = Fraction(1, 12)
        for i in range(12):
            frame = video_frame(Image.new("RGB", (64, 36), (20 * i, 0, 200)))
            for p in s.encode(frame):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path


def job_for(tmp_path: Path, req: GenerationRequest, **fields: object) -> Job:
    j = Journal(tmp_path / "j.sqlite3")
    job = j.create(
        mode=req.mode,
        model=req.model_id,
        prompt=req.prompt,
        negative_prompt=req.negative_prompt or "",
        request=req.to_record(),
    )
    return j.update(job.id, **fields) if fields else job


def test_remix_restores_every_parameter(tmp_path: Path) -> None:
    req = GenerationRequest(
        Mode.FRAMES,
        Model.STANDARD_1080P,
        "dawn to noon",
        image="/a.png",
        last_image="https://x/b.png",
        aspect_ratio="9:16",
        duration=6,
        generate_audio=False,
        negative_prompt="blur, text",
        seed=4242,
    )
    job = job_for(tmp_path, req, state=JobState.DOWNLOADED)
    assert remix_request(job) == req


def test_audio_block_offers_retry_without_audio_first(tmp_path: Path) -> None:
    req = GenerationRequest(Mode.TEXT, Model.FAST_720P, "a choir", generate_audio=True)
    job = job_for(
        tmp_path,
        req,
        state=JobState.FAILED,
        error_kind="blocked",
        error_message="Video blocked by safety filters: audio could not be generated.",
    )
    first, second = retry_choices(job)
    assert first.label == "Retry without audio" and first.request.generate_audio is False
    assert second.request.generate_audio is True and first.request.prompt == "a choir"
    other = job_for(
        tmp_path / "o",
        req,
        state=JobState.FAILED,
        error_kind="job_failed",
        error_message="Upstream error",
    )
    assert [c.label for c in retry_choices(other)] == ["Retry"]


def test_extend_warns_about_age_and_resolution(tmp_path: Path) -> None:
    req = GenerationRequest(Mode.TEXT, Model.STANDARD_1080P, "x")
    job = job_for(
        tmp_path,
        req,
        state=JobState.DOWNLOADED,
        video_url="https://cdn/v.mp4",
        completed_at=time.time() - 3 * 24 * 3600,
    )
    warnings = extend_warnings(job)
    assert any("two days" in w for w in warnings) and any("720p" in w for w in warnings)
    ext = extend_request(job)
    assert ext.mode is Mode.EXTEND and ext.video == "https://cdn/v.mp4"
    model = Model.parse(ext.model_id)
    assert model is not None and model.resolution.value == "720p"


@pytest.mark.parametrize(
    "link", [None, "data:video/mp4;base64,<inline>", " DATA:video/mp4;base64,AAAA"]
)
def test_a_clip_without_a_link_is_not_extended(tmp_path: Path, link: str | None) -> None:
    """A gateway that sent the clip inline (or no link) left nothing an extension can send:
    asking says so, rather than sending the journal's marker as the source video."""
    req = GenerationRequest(Mode.TEXT, Model.FAST_720P, "x")
    job = job_for(tmp_path, req, state=JobState.DOWNLOADED, video_url=link)
    with pytest.raises(InvalidInputError, match="no link"):
        extend_request(job)


def test_chain_last_frame_is_the_exact_decoded_frame(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "lib" / "clip.mp4")
    job = job_for(
        tmp_path,
        GenerationRequest(Mode.TEXT, Model.FAST_720P, "x"),
        state=JobState.DOWNLOADED,
        video_path=str(clip),
    )
    png = chain_frame(job, Library(tmp_path / "lib"), "last")
    assert Image.open(png).tobytes() == extract_frame(clip, "last").tobytes()
    first = chain_frame(job, Library(tmp_path / "lib"), "first")
    assert Image.open(first).tobytes() == extract_frame(clip, "first").tobytes()


def test_export_and_trash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clip = make_clip(tmp_path / "lib" / "clip.mp4")
    clip.with_suffix(".json").write_text("{}")
    job = job_for(
        tmp_path,
        GenerationRequest(Mode.TEXT, Model.FAST_720P, "x"),
        state=JobState.DOWNLOADED,
        video_path=str(clip),
    )
    copied = export_job(job, tmp_path / "out")
    assert sorted(p.name for p in copied) == ["clip.json", "clip.mp4"]
    trashed: list[str] = []
    import send2trash

    def trash(p: str) -> None:
        trashed.append(p)
        Path(p).unlink()

    monkeypatch.setattr(send2trash, "send2trash", trash)
    moved = trash_job_files(job)
    assert sorted(Path(p).name for p in trashed) == ["clip.json", "clip.mp4"]
    assert moved and not clip.exists()


def test_trash_uses_the_real_freedesktop_trash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from send2trash import plat_other  # the freedesktop.org implementation Linux uses

    # send2trash reads XDG_DATA_HOME once at import; point its home trash at a temp folder.
    xdg = str(tmp_path / "xdg").encode()
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", xdg)
    monkeypatch.setattr(plat_other, "HOMETRASH_B", xdg + b"/Trash")
    monkeypatch.setattr(plat_other, "HOMETRASH", str(tmp_path / "xdg" / "Trash"))
    clip = make_clip(tmp_path / "lib" / "clip.mp4")
    job = job_for(
        tmp_path,
        GenerationRequest(Mode.TEXT, Model.FAST_720P, "x"),
        state=JobState.DOWNLOADED,
        video_path=str(clip),
    )
    trash_job_files(job)
    assert not clip.exists()
    trashed = list((tmp_path / "xdg" / "Trash" / "files").glob("clip*.mp4"))
    assert trashed and (tmp_path / "xdg" / "Trash" / "info").exists()


def test_a_completed_clip_shows_how_long_its_link_likely_lasts(tmp_path: Path) -> None:
    from veo_desktop.core.jobs.followups import LINK_LIFETIME_S, link_time_left

    j = Journal(tmp_path / "j.sqlite3")
    job = j.create(
        mode=Mode.TEXT, model="veo3.1-fast-video-720p", prompt="p", negative_prompt="", request={}
    )
    done = j.update(job.id, state=JobState.COMPLETED, completed_at=1000.0)
    assert link_time_left(done, now=1000.0 + 3600) == LINK_LIFETIME_S - 3600
    assert link_time_left(done, now=1000.0 + LINK_LIFETIME_S + 5) == 0.0
    downloaded = j.update(job.id, state=JobState.DOWNLOADED)
    assert link_time_left(downloaded, now=1000.0) is None  # nothing to worry about any more
