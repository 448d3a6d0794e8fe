"""Exporting a board as one film: takes that share codec parameters and need no trim are stream
copied (nothing decoded), trims or mixed takes are re-encoded at the first take's size; either
way the film lasts the sum of its parts, decodes to its end with sound in step, can be cancelled
without leaving a file, and its sidecar names each shot's prompt, task, take and start frame."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from pathlib import Path

import av
import pytest
from PIL import Image, ImageChops, ImageStat

from tests.clips import picture, tiny_mp4_bytes
from veo_desktop.core.errors import InvalidInputError
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import Mode
from veo_desktop.core.story.board import Board, Settings, Take, Trim, new_shot
from veo_desktop.core.story.export import export_board
from veo_desktop.core.story.film import ExportCancelled, Part, can_copy, write_film
from veo_desktop.simulator.clips import render_clip


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    """Three 2 s takes with sound at 256×144 (the simulator's clips, as a gateway sends them),
    a fourth without sound, and a fifth of another size."""
    folder = tmp_path_factory.mktemp("takes")
    made = []
    for n, (prompt, audio, height) in enumerate(
        [
            ("dawn", True, 144),
            ("noon", True, 144),
            ("dusk", True, 144),
            ("hush", False, 144),
            ("big", True, 180),
        ]
    ):
        path = folder / f"{n}-{prompt}.mp4"
        render_clip(path, prompt=prompt, duration=2, audio=audio, max_height=height)
        made.append(path)
    yield made


def decoded(film: Path) -> tuple[int, float, float, tuple[int, int]]:
    """(video frames, seconds of pictures, seconds of sound, size), decoding every packet."""
    with av.open(str(film)) as c:
        v = c.streams.video[0]
        frames, last = 0, 0.0
        for frame in c.decode(v):
            frames += 1
            last = float(frame.time or 0.0)
        size = (v.codec_context.width, v.codec_context.height)
        rate = float(v.average_rate or 24)
    with av.open(str(film)) as c:
        samples = sum(f.samples for f in c.decode(c.streams.audio[0]))
        sound = samples / c.streams.audio[0].codec_context.sample_rate
    return frames, last + 1 / rate, sound, size


def differs(a: Image.Image, b: Image.Image) -> float:
    """The mean difference of two pictures, 0..255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def frame_count(clip: Path) -> int:
    with av.open(str(clip)) as c:
        return sum(1 for _ in c.decode(video=0))


def test_takes_that_match_are_stream_copied_into_one_film(
    clips: list[Path], tmp_path: Path
) -> None:
    parts = [Part(p) for p in clips[:3]]
    assert can_copy(parts)
    seen: list[float] = []
    film = write_film(parts, tmp_path / "film.mp4", progress=seen.append)
    assert film.method == "copy"
    frames, pictures, sound, size = decoded(film.path)
    assert frames == sum(frame_count(p) for p in clips[:3])  # every frame, to the end
    assert abs(pictures - 6.0) <= 0.5 and abs(sound - 6.0) <= 0.5 and size == (256, 144)
    assert abs(film.duration_s - 6.0) <= 0.5
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_trims_are_re_encoded_at_the_first_takes_size_with_sound_in_step(
    clips: list[Path], tmp_path: Path
) -> None:
    slow = tmp_path / "twelve-fps.mp4"  # 1 s at 12 frames a second, 64×36, no sound
    slow.write_bytes(tiny_mp4_bytes())
    parts = [Part(clips[0], 0.5, 1.5), Part(clips[3]), Part(clips[4], 0.0, 1.0), Part(slow)]
    assert not can_copy(parts)
    film = write_film(parts, tmp_path / "cut.mp4")
    assert film.method == "encode" and film.lengths == (1.0, 2.0, 1.0, 1.0)
    frames, pictures, sound, size = decoded(film.path)
    assert size == (256, 144)  # the other sizes were scaled to the first take's
    assert frames == 120 and abs(pictures - 5.0) < 0.05  # the 12 fps take kept its speed
    assert abs(sound - pictures) < 0.1  # the silent takes were filled with silence
    # The film opens on the first take's frame at its in point (0.5 s: frame 12 at 24 fps).
    with av.open(str(film.path)) as c:
        opening = picture(next(c.decode(video=0)))
    with av.open(str(clips[0])) as c:
        take = [picture(f) for f in c.decode(video=0)]
    assert differs(opening, take[12]) < min(differs(opening, take[11]), differs(opening, take[13]))


def test_a_cancelled_export_leaves_no_file(clips: list[Path], tmp_path: Path) -> None:
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 10

    with pytest.raises(ExportCancelled):
        write_film([Part(p, 0.1) for p in clips[:3]], tmp_path / "film.mp4", cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []


def job_for(clip: Path, n: int, image: str | None = None) -> Job:
    now = time.time()
    return Job(
        id=f"job{n}",
        task_id=f"task_{n}",
        state=JobState.DOWNLOADED,
        mode=Mode.IMAGE if image else Mode.TEXT,
        model="veo3.1-fast-video-720p",
        prompt=f"shot {n}",
        negative_prompt="",
        request={"image": image} if image else {},
        progress=100,
        remote_status="completed",
        video_url=None,
        video_path=str(clip),
        error_kind=None,
        error_message=None,
        replies=[],
        poll_count=1,
        created_at=now,
        updated_at=now,
        submitted_at=now,
        completed_at=now,
        downloaded_at=now,
        link_seen_at=now,
    )


def test_a_board_exports_its_chosen_takes_and_a_sidecar_naming_each_shot(
    clips: list[Path], tmp_path: Path
) -> None:
    frame = tmp_path / "dawn-last.png"
    Image.new("RGB", (256, 144)).save(frame)
    jobs = {
        "job0": job_for(clips[0], 0),
        "job1": job_for(clips[1], 1, str(frame)),
        "old1": dataclasses.replace(job_for(clips[2], 9), id="old1"),
    }
    shots = (
        dataclasses.replace(new_shot("dawn"), takes=(Take("job0", 1.0),), chosen="job0"),
        dataclasses.replace(
            new_shot("noon"),
            takes=(Take("old1", 1.0), Take("job1", 2.0, start_frame=str(frame))),
            chosen="job1",
            trim=Trim(0.0, 1.5),
        ),
    )
    board = Board("b1", "Lighthouse", Settings(), shots)
    film = export_board(board, jobs.get, tmp_path / "out" / "film.mp4")
    assert abs(film.duration_s - 3.5) <= 0.05 and film.method == "encode"
    sidecar = json.loads((tmp_path / "out" / "film.json").read_text("utf-8"))
    assert sidecar["title"] == "Lighthouse" and sidecar["film"] == "film.mp4"
    assert [(s["prompt"], s["task_id"], s["take"]) for s in sidecar["shots"]] == [
        ("dawn", "task_0", "job0"),
        ("noon", "task_1", "job1"),
    ]
    assert sidecar["shots"][1]["trim"] == {"in": 0.0, "out": 1.5}
    assert sidecar["shots"][1]["start_frame"] == str(frame)
    assert sidecar["shots"][0]["start_frame"] is None

    # A shot without a downloaded take chosen: named, and no film is made.
    gap = Board("b2", "gap", Settings(), (shots[0], new_shot("dusk")))
    with pytest.raises(InvalidInputError) as caught:
        export_board(gap, jobs.get, tmp_path / "gap.mp4")
    assert "no downloaded take is chosen for shot(s) 2." in caught.value.message
    assert not (tmp_path / "gap.mp4").exists()
