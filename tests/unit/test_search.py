"""Library search runs on the local journal alone: prompts and negative prompts in any script,
filters by mode, model, status and date; an old journal gains the index on upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from veo_desktop.core.jobs.job import Job, JobState
from veo_desktop.core.jobs.journal import MIGRATIONS, Journal
from veo_desktop.core.request.models import Mode


def add(
    j: Journal,
    prompt: str,
    *,
    neg: str = "",
    mode: Mode = Mode.TEXT,
    model: str = "veo3.1-fast-video-720p",
    state: JobState = JobState.DOWNLOADED,
    at: float | None = None,
) -> str:
    job = j.create(
        mode=mode, model=model, prompt=prompt, negative_prompt=neg, request={"prompt": prompt}
    )
    fields: dict[str, object] = {"state": state}
    if at is not None:
        fields["created_at"] = at
    j.update(job.id, **fields)
    return job.id


def prompts(jobs: list[Job]) -> list[str]:
    return [x.prompt for x in jobs]


def test_words_in_prompt_and_negative_prompt(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    add(j, "A paper boat in the rain", at=1)
    add(j, "Sunrise over a red barn", neg="rain, blur", at=2)
    add(j, "Neon city at night", at=3)
    assert prompts(j.search("rain")) == ["Sunrise over a red barn", "A paper boat in the rain"]
    assert prompts(j.search("rain", oldest_first=True))[0] == "A paper boat in the rain"
    assert prompts(j.search("NEON")) == ["Neon city at night"]  # any case
    assert j.search("nothing like this") == []


def test_chinese_and_emoji_substrings(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    add(j, "一只小猫在雨中奔跑 🐈")
    add(j, "城市夜景，霓虹灯闪烁")
    assert prompts(j.search("小猫")) == ["一只小猫在雨中奔跑 🐈"]  # two characters: LIKE path
    assert prompts(j.search("霓虹灯")) == ["城市夜景，霓虹灯闪烁"]  # trigram path
    assert prompts(j.search("🐈")) == ["一只小猫在雨中奔跑 🐈"]


def test_filters_combine(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    add(j, "fox one", mode=Mode.FRAMES, at=100)
    add(j, "fox two", mode=Mode.TEXT, model="veo3.1-video-4k", at=200)
    add(j, "fox three", mode=Mode.FRAMES, state=JobState.FAILED, at=300)
    assert prompts(j.search("fox", modes=[Mode.FRAMES])) == ["fox three", "fox one"]
    assert prompts(j.search(models=["veo3.1-video-4k"])) == ["fox two"]
    assert prompts(j.search("fox", states=[JobState.DOWNLOADED], modes=[Mode.FRAMES])) == [
        "fox one"
    ]
    assert prompts(j.search(since=150, until=250)) == ["fox two"]


def test_search_text_is_never_sql_or_fts_syntax(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    add(j, 'quote " and 100% _under_ OR NOT *')
    for q in ['"', "100%", "_under_", "OR NOT", "*", "'; DROP TABLE jobs; --", "a\\b"]:
        j.search(q)  # no exception
    assert len(j.search("100%")) == 1 and j.count() == 1


def test_edits_and_deletes_keep_the_index_in_step(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.sqlite3")
    jid = add(j, "old words here")
    j.update(jid, prompt="brand new words")
    assert j.search("old words") == [] and len(j.search("brand new")) == 1
    j.delete(jid)
    assert j.search("brand new") == []


def test_a_v1_journal_is_upgraded_with_its_jobs_searchable(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    for stmt in MIGRATIONS[0]:
        db.execute(stmt)
    db.execute("PRAGMA user_version=1")
    db.execute(
        "INSERT INTO jobs (id, state, mode, model, prompt, request_json, created_at, "
        "updated_at) VALUES ('a1', 'downloaded', 'text', 'm', 'lighthouse at dusk', '{}', "
        "1, 1)"
    )
    db.commit()
    db.close()
    j = Journal(path)
    assert j.schema_version == len(MIGRATIONS) == 4
    assert prompts(j.search("lighthouse")) == ["lighthouse at dusk"]
    old = j.get("a1")
    assert old is not None and old.checks is None  # an old clip is "not checked yet"
