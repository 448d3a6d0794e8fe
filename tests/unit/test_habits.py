"""A gateway's habits: which clip checks failed on which modes, and the warning they give the
next job that relies on the same feature."""

from __future__ import annotations

from pathlib import Path

from veo_desktop.core.checks.habits import clear, habits, record
from veo_desktop.core.checks.result import Check
from veo_desktop.core.gateway.profiles import GatewayProfiles
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.core.request.rules import Severity, check

GATEWAY = "https://gw.example:8443"
FRAMES = {"image": "a.png", "last_image": "b.png", "generate_audio": True}


def frames_request(tmp_path: Path) -> GenerationRequest:
    for name in ("a.png", "b.png"):
        (tmp_path / name).write_bytes(b"")
    return GenerationRequest(
        Mode.FRAMES,
        Model.FAST_720P,
        "a lighthouse",
        image=str(tmp_path / "a.png"),
        last_image=str(tmp_path / "b.png"),
    )


def end_frame_checks(ok: bool) -> list[Check]:
    return [Check("duration", True), Check("start_frame", True), Check("end_frame", ok)]


def test_a_dropped_end_frame_warns_the_next_first_last_job(tmp_path: Path) -> None:
    profiles = GatewayProfiles(tmp_path / "gateways.json")
    req = frames_request(tmp_path)
    assert not [f for f in check(req, habits=habits(profiles, GATEWAY)) if f.field == "last_image"]

    for job in ("j1", "j2", "j3"):
        record(profiles, GATEWAY, job, Mode.FRAMES, FRAMES, end_frame_checks(ok=False))

    warnings = [f for f in check(req, habits=habits(profiles, GATEWAY)) if f.field == "last_image"]
    assert len(warnings) == 1 and warnings[0].severity is Severity.WARNING
    assert "end frame not followed on 3 of 3 First + Last jobs" in warnings[0].message
    assert "Image mode" in warnings[0].message  # says what to do
    # Remembered across runs (the tally lives in gateways.json), per gateway.
    again = GatewayProfiles(tmp_path / "gateways.json")
    assert habits(again, GATEWAY) == habits(profiles, GATEWAY)
    assert habits(again, "https://other.example") == []


def test_the_tally_warns_only_jobs_that_rely_on_the_feature(tmp_path: Path) -> None:
    profiles = GatewayProfiles(None)
    record(profiles, GATEWAY, "j1", Mode.FRAMES, FRAMES, end_frame_checks(ok=False))
    image_only = GenerationRequest(Mode.IMAGE, Model.FAST_720P, "p", image="x.png")
    assert not [
        f
        for f in check(image_only, habits=habits(profiles, GATEWAY))
        if "gateway's clips" in f.message
    ]


def test_checking_a_job_again_replaces_its_count_and_a_reset_forgets(tmp_path: Path) -> None:
    profiles = GatewayProfiles(None)
    record(profiles, GATEWAY, "j1", Mode.FRAMES, FRAMES, end_frame_checks(ok=False))
    record(profiles, GATEWAY, "j1", Mode.FRAMES, FRAMES, end_frame_checks(ok=False))
    (end,) = [h for h in habits(profiles, GATEWAY) if h.check == "end_frame"]
    assert (end.failed, end.total) == (1, 1)
    # A gateway that mends its ways: more passes than failures, no warning any more.
    for job in ("j2", "j3"):
        record(profiles, GATEWAY, job, Mode.FRAMES, FRAMES, end_frame_checks(ok=True))
    (end,) = [h for h in habits(profiles, GATEWAY) if h.check == "end_frame"]
    assert (end.failed, end.total, end.worrying) == (1, 3, False)
    clear(profiles, GATEWAY)
    assert habits(profiles, GATEWAY) == []


def test_sound_on_and_sound_off_are_separate_habits() -> None:
    profiles = GatewayProfiles(None)
    quiet = {"generate_audio": False}
    record(profiles, GATEWAY, "j1", Mode.TEXT, quiet, [Check("audio", False)])
    (h,) = habits(profiles, GATEWAY)
    assert h.check == "audio:off" and "sound although sound was off" in h.text
    loud = GenerationRequest(Mode.TEXT, Model.FAST_720P, "p", generate_audio=True)
    muted = GenerationRequest(Mode.TEXT, Model.FAST_720P, "p", generate_audio=False)
    assert not [f for f in check(loud, habits=[h]) if f.field == "generate_audio"]
    assert [f for f in check(muted, habits=[h]) if f.field == "generate_audio"]
