"""`veo generate --variants N` against the simulator: N takes of one prompt as one group, each with
its own seed and one POST; the total cost up front; a refusal part-way; then `veo keep`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veo_desktop.cli.jobs import keep
from veo_desktop.cli.parser import build_parser
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.simulator import Simulator

from .conftest import Cli


def test_variants_wait_json_is_a_list_of_takes_in_one_group(cli: Cli, sim: Simulator) -> None:
    code, takes = cli.json(
        "generate", "--prompt", "a kite", "--duration", "4", "--variants", "3", "--wait", "--json"
    )
    assert code == 0
    assert isinstance(takes, list) and len(takes) == 3
    assert [t["status"] for t in takes] == ["downloaded"] * 3
    assert len({t["seed"] for t in takes}) == 3 and None not in {t["seed"] for t in takes}
    assert len({t["group"] for t in takes}) == 1 and takes[0]["group"]
    assert all(Path(t["video_path"]).is_file() for t in takes)
    assert sim.post_count == 3
    # The seeds went on the wire: each take's upstream request carries its own.
    sent = sorted(sim.forwarded(t)["parameters"]["seed"] for t in sim.task_ids)
    assert sent == sorted(t["seed"] for t in takes)
    # `veo jobs --json` shows the same objects.
    code, listed = cli.json("jobs", "--json")
    assert {(t["id"], t["seed"], t["group"]) for t in listed} == {
        (t["id"], t["seed"], t["group"]) for t in takes
    }


def test_people_get_the_total_cost_and_a_line_per_take(cli: Cli, sim: Simulator) -> None:
    r = cli.run(
        "generate", "--prompt", "dunes", "--duration", "4", "--no-audio", "--variants", "4",
        "--seed", "42",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    # fast 720p without audio: 4 s × $0.08 = $0.32 a take
    assert "Estimated cost: 4 × $0.32 = $1.28" in r.stderr
    lines = r.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [["take", str(n)] for n in (1, 2, 3, 4)]
    assert lines[0].split()[3:5] == ["seed", "42"]  # the seed given is the first take's
    assert sim.post_count == 4


def test_json_without_wait_carries_each_takes_estimate(cli: Cli, sim: Simulator) -> None:
    code, takes = cli.json(
        "generate", "--prompt", "p", "--duration", "4", "--no-audio", "--variants", "2", "--json"
    )
    assert code == 0 and len(takes) == 2
    assert [t["estimate_usd"] for t in takes] == ["0.32", "0.32"]
    assert {t["status"] for t in takes} <= {"queued", "running"}


def test_more_than_four_takes_is_refused_before_anything_is_sent(cli: Cli, sim: Simulator) -> None:
    r = cli.run("generate", "--prompt", "p", "--variants", "5")
    assert r.returncode == 2 and "1 to 4 takes" in r.stderr
    assert sim.post_count == 0


def test_a_refusal_part_way_keeps_the_takes_sent_and_says_so(
    cli: Cli, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = sim.count_post

    def credit_runs_out() -> None:  # the third POST finds the account empty
        counted()
        if sim.post_count >= 3:
            sim.faults.out_of_credit = True

    monkeypatch.setattr(sim, "count_post", credit_runs_out)
    r = cli.run(
        "generate", "--prompt", "p", "--duration", "4", "--variants", "4", "--wait", "--json"
    )
    assert r.returncode == 3
    assert "2 of 4 takes were sent and keep running; take 3 was not sent" in r.stderr
    takes = json.loads(r.stdout)
    assert [t["status"] for t in takes] == ["downloaded", "downloaded", "failed"]
    assert takes[2]["error_kind"] == "out_of_credit"
    assert sim.post_count == 3  # the fourth was never sent


def test_keep_rates_the_take_and_trashes_the_others(
    cli: Cli, sim: Simulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import send2trash

    code, takes = cli.json(
        "generate", "--prompt", "keep one", "--duration", "4", "--variants", "3", "--wait",
        "--json",
    )  # fmt: skip
    assert code == 0
    trashed: list[str] = []
    monkeypatch.setattr(send2trash, "send2trash", lambda p: trashed.append(str(p)))
    args = build_parser().parse_args(
        ["--data-dir", str(cli.data_dir), "keep", takes[1]["id"], "--trash-others", "--json"]
    )
    assert keep(args) == 0
    kept = json.loads(capsys.readouterr().out)
    assert kept["rating"] == 5 and kept["id"] == takes[1]["id"]
    assert sorted(kept["trashed"]) == sorted([takes[0]["id"], takes[2]["id"]])
    for other in (takes[0], takes[2]):
        assert other["video_path"] in trashed
        assert str(Path(other["video_path"]).with_suffix(".json")) in trashed
    sidecar = json.loads(Path(takes[1]["video_path"]).with_suffix(".json").read_text("utf-8"))
    assert sidecar["rating"] == 5  # a rebuilt journal keeps the rating
    journal = Journal(cli.data_dir / "journal.sqlite3")
    try:
        assert [j.id for j in journal.group(takes[1]["group"])] == [takes[1]["id"]]
    finally:
        journal.close()
    args = build_parser().parse_args(
        ["--data-dir", str(cli.data_dir), "keep", takes[1]["id"], "--rating", "3"]
    )
    assert keep(args) == 0
    assert "★★★☆☆" in capsys.readouterr().out


def test_veo_keep_and_jobs_rated_and_group(cli: Cli, sim: Simulator) -> None:
    code, takes = cli.json(
        "generate", "--prompt", "keep one", "--duration", "4", "--variants", "3", "--wait",
        "--json",
    )  # fmt: skip
    assert code == 0
    code, listed = cli.json("jobs", "--json", "--group", takes[0]["group"])
    assert sorted(t["id"] for t in listed) == sorted(t["id"] for t in takes)
    r = cli.run("keep", takes[2]["id"], "--rating", "4")
    assert r.returncode == 0 and "★★★★☆" in r.stdout, r.stderr
    code, rated = cli.json("jobs", "--json", "--rated")
    assert [(t["id"], t["rating"]) for t in rated] == [(takes[2]["id"], 4)]
