"""One job per intent when several front ends share one journal: two `veo resume --wait` and the
desktop app, started at once on the same data dir with unsent jobs, send each job once and
download each clip once, whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.request.models import GenerationRequest, Mode, Model
from veo_desktop.simulator import Faults, Simulator

from .test_crash_safety import (
    base_env,
    cli_cmd,
    journal_rows,
    leftovers,
    start_app,
    wait_for,
)


def test_two_clis_and_the_app_resuming_at_once_send_and_save_each_job_once(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    journal = Journal(data / "journal.sqlite3")
    for i in range(3):  # what a crash before sending leaves: rows written, nothing sent
        req = GenerationRequest(Mode.TEXT, Model.FAST_720P, f"shared job {i}", duration=4)
        journal.create(
            mode=req.mode,
            model=req.model_id,
            prompt=req.prompt,
            negative_prompt="",
            request=req.to_record(),
        )
    journal.close()
    # A slow video host, so the downloads of different processes overlap.
    with Simulator(job_seconds=0.8, max_height=144) as sim:
        sim.faults = Faults(download_bytes_per_second=60_000.0)
        app = start_app(sim, data, base_env())
        clis = [
            subprocess.Popen(
                cli_cmd(sim, data, "resume", "--wait"),
                env=base_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        try:
            for cli in clis:
                _out, err = cli.communicate(timeout=120)
                assert cli.returncode == 0, err
            wait_for(
                "the app seeing every job done",
                lambda: {r["state"] for r in journal_rows(data)} == {"downloaded"},
                app,
                limit=60,
            )
            # The app may still be finishing a download it started: wait for its part file.
            wait_for(
                "the app's last download settling",
                lambda: not leftovers(data) and len(list((data / "library").rglob("*.mp4"))) == 3,
                app,
                limit=30,
            )
        finally:
            for proc in (app, *clis):  # a failed assertion must not leave processes behind
                if proc.poll() is None:
                    proc.terminate()
                proc.communicate(timeout=20)
        rows = journal_rows(data)
        assert len(rows) == 3 and sim.post_count == 3
        assert len({r["task_id"] for r in rows}) == 3
        for r in rows:
            assert Path(r["video_path"]).read_bytes() == sim.served_bytes(r["task_id"])
        assert len(list((data / "library").rglob("*.mp4"))) == 3
        assert not leftovers(data)
