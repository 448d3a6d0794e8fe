"""A clip's checks are kept with the job: in the journal (filterable), in the sidecar beside the
clip, and back again when a library is re-imported."""

from __future__ import annotations

import json
from pathlib import Path

from veo_desktop.core.checks.result import Check
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.library.store import Library, reimport
from veo_desktop.core.request.models import Mode

DROPPED_END = (
    Check("duration", True, "8.0 s", "8.0 s"),
    Check("end_frame", False, "≤ 0.20", "0.41", "last frame is the start frame, zoomed"),
)


def downloaded(j: Journal, prompt: str) -> str:
    job = j.create(mode=Mode.FRAMES, model="m", prompt=prompt, negative_prompt="", request={})
    j.update(job.id, state=JobState.DOWNLOADED)
    return job.id


def checks_of(j: Journal, job_id: str) -> tuple[Check, ...] | None:
    job = j.get(job_id)
    assert job is not None
    return job.checks


def test_checks_round_trip_and_failed_ones_filter_the_library(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    bad, good, unchecked = (downloaded(j, p) for p in ("dusk", "noon", "dawn"))
    j.update(bad, checks=DROPPED_END)
    j.update(good, checks=(Check("duration", True),))

    assert checks_of(j, bad) == DROPPED_END
    assert checks_of(j, unchecked) is None
    assert [x.id for x in j.search(checks_failed=True)] == [bad]
    assert [x.id for x in j.search("noon", checks_failed=True)] == []


def test_the_sidecar_carries_the_checks_and_a_reimport_restores_them(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    library = Library(tmp_path / "lib")
    job = j.update(downloaded(j, "dusk"), checks=DROPPED_END)
    video = library.path_for(job)
    video.parent.mkdir(parents=True)
    video.write_bytes(b"\0\0\0\x18ftypmp42")
    library.write_sidecar(job, video)
    stored = json.loads(library.sidecar_for(video).read_text("utf-8"))
    assert [c["name"] for c in stored["checks"] if not c["ok"]] == ["end_frame"]

    fresh = Journal(tmp_path / "new.sqlite3")
    assert reimport(library.root, fresh) == [job.id]
    assert checks_of(fresh, job.id) == DROPPED_END


def test_an_unreadable_checks_value_reads_as_not_checked(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    jid = downloaded(j, "dusk")
    j.update(jid, checks_json="{not json")
    assert checks_of(j, jid) is None
