"""Spending on clips that failed a check: priced at the user's table, and the CSV a creator
sends the gateway (ids, what failed, the estimate), readable by a spreadsheet."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from tests.jobs import a_job
from veo_desktop.core.checks.result import Check
from veo_desktop.core.checks.spending import CSV_COLUMNS, failed_clips, spent, write_csv
from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.request.models import Mode
from veo_desktop.core.request.pricing import Price, PriceTable

END_FRAME = Check("end_frame", False, "≤ 0.2", "0.41")
AUDIO = Check("audio", False, "audible track", "no track")
FINE = Check("duration", True, "8 s", "8.0 s")


def downloaded(job_id: str, checks: tuple[Check, ...] | None, **fields: object) -> Job:
    values: dict[str, object] = dict(
        id=job_id,
        task_id=f"task_{job_id}",
        state=JobState.DOWNLOADED,
        mode=Mode.FRAMES,
        model="veo3.1-fast-video-720p",
        prompt="a kite over the dunes",
        request={"duration": 8, "generate_audio": True},
        video_path=f"/clips/{job_id}.mp4",
        completed_at=1_700_000_000.0,
        checks=checks,
    )
    values.update(fields)
    return a_job(**values)


def test_only_clips_that_failed_a_check_count_at_the_users_prices() -> None:
    jobs = [
        downloaded("bad1", (FINE, END_FRAME)),
        downloaded("good", (FINE,)),
        downloaded("unchecked", None),
        downloaded("bad2", (END_FRAME, AUDIO), request={"duration": 4, "generate_audio": False}),
    ]
    mine = PriceTable.DEFAULT.with_price(
        "veo3.1-fast-video-720p", Price(Decimal("0.05"), Decimal("0.03"))
    )
    clips = failed_clips(jobs, mine)
    assert [c.job.id for c in clips] == ["bad1", "bad2"]
    assert [c.cost for c in clips] == [Decimal("0.40"), Decimal("0.12")]  # 8 s audio, 4 s silent
    assert spent(clips) == Decimal("0.52")
    assert [len(c.failed) for c in clips] == [1, 2]
    # Offline demo jobs were never billed: listed, but they cost nothing.
    assert spent(failed_clips(jobs, mine, billed=False)) == 0


def test_a_model_without_a_price_is_listed_but_adds_nothing() -> None:
    clips = failed_clips(
        [downloaded("odd", (END_FRAME,), model="veo9", request={})],
        PriceTable.DEFAULT,
    )
    assert len(clips) == 1 and clips[0].cost is None and spent(clips) == 0


def test_the_csv_names_each_clip_its_task_what_failed_and_its_cost(tmp_path: Path) -> None:
    jobs = [
        downloaded("bad1", (END_FRAME, AUDIO), prompt="风筝飞过沙丘"),
        downloaded("bad2", (END_FRAME,), prompt='=HYPERLINK("http://x")', task_id=None),
    ]
    path = tmp_path / "out" / "failed.csv"
    write_csv(failed_clips(jobs, PriceTable.DEFAULT), path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a spreadsheet then reads the Chinese prompt right
    with path.open(encoding="utf-8-sig", newline="") as f:
        header, first, second = list(csv.reader(f))
    assert tuple(header) == CSV_COLUMNS
    row = dict(zip(header, first, strict=True))
    assert row["job_id"] == "bad1" and row["task_id"] == "task_bad1"
    assert row["mode"] == "frames" and row["model"] == "veo3.1-fast-video-720p"
    assert row["prompt"] == "风筝飞过沙丘"
    assert row["failed_checks"] == (
        "end frame not followed (expected ≤ 0.2, got 0.41); "
        "sound not as requested (expected audible track, got no track)"
    )
    assert row["estimated_cost_usd"] == "0.80"  # 8 s with audio at the list price of 0.10/s
    assert len(row["date"]) == len("2023-11-14 22:13")
    other = dict(zip(header, second, strict=True))
    assert other["task_id"] == ""
    assert other["prompt"].startswith("'=")  # shown as text, never run as a formula
    assert not list(tmp_path.joinpath("out").glob(".*tmp"))
