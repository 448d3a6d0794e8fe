"""Cost estimates: the list-price table, per-request arithmetic, the editable saved table, and
spend per day and month that counts only jobs the gateway billed."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.jobs.journal import Journal
from veo_desktop.core.request.models import DURATIONS, GenerationRequest, Mode, Model
from veo_desktop.core.request.pricing import (
    LIST_PRICES,
    Price,
    PriceTable,
    estimate,
    format_money,
    spend_by_day,
    spend_by_month,
)

D = Decimal
TABLE = PriceTable.DEFAULT

# The shipped list prices, written out once more so a silent edit to the table fails a test.
EXPECTED = {
    Model.STANDARD_720P: (D("0.40"), D("0.20")),
    Model.STANDARD_1080P: (D("0.40"), D("0.20")),
    Model.STANDARD_4K: (D("0.60"), D("0.40")),
    Model.FAST_720P: (D("0.10"), D("0.08")),
    Model.FAST_1080P: (D("0.12"), D("0.10")),
    Model.FAST_4K: (D("0.30"), D("0.25")),
}


def test_every_model_has_a_list_price_and_audio_never_costs_less() -> None:
    assert set(LIST_PRICES) == {m.value for m in Model}
    for m in Model:
        p = TABLE.price(m.value)
        assert p is not None and p.per_second_audio >= p.per_second_silent > 0
    assert TABLE.currency == "USD"


@pytest.mark.parametrize("model", list(Model))
@pytest.mark.parametrize("duration", DURATIONS)
@pytest.mark.parametrize("audio", [True, False])
def test_estimate_is_price_times_seconds(model: Model, duration: int, audio: bool) -> None:
    est = estimate(TABLE, model_id=model.value, mode=Mode.TEXT, duration=duration, audio=audio)
    with_audio, silent = EXPECTED[model]
    assert est is not None
    assert est.amount == (with_audio if audio else silent) * duration
    assert (est.seconds, est.model_id, est.audio, est.note) == (duration, model.value, audio, "")


def test_known_figures() -> None:
    def money(model: Model, duration: int, audio: bool | None) -> str:
        est = estimate(TABLE, model_id=model, mode="text", duration=duration, audio=audio)
        assert est is not None
        return format_money(est.amount)

    assert money(Model.STANDARD_1080P, 8, True) == "$3.20"
    assert money(Model.STANDARD_4K, 8, True) == "$4.80"
    assert money(Model.FAST_720P, 4, False) == "$0.32"
    assert money(Model.FAST_1080P, 6, None) == "$0.72"  # None = upstream default: audio on


def test_audio_none_means_on_and_says_so() -> None:
    est = estimate(TABLE, model_id=Model.FAST_720P, mode=Mode.IMAGE, duration=8, audio=None)
    assert est is not None and est.audio is True and est.amount == D("0.80")
    assert "default" in est.note


@pytest.mark.parametrize("duration", [None, 4, 8])
def test_extension_bills_seven_seconds_whatever_the_duration(duration: int | None) -> None:
    est = estimate(
        TABLE, model_id=Model.FAST_720P, mode=Mode.EXTEND, duration=duration, audio=False
    )
    assert est is not None and est.seconds == 7 and est.amount == D("0.56")
    assert "no duration" in est.note and "7 s" in est.note


def test_unknown_model_or_nonsense_duration_has_no_estimate() -> None:
    assert estimate(TABLE, model_id="veo9-ultra", mode=Mode.TEXT, duration=8, audio=True) is None
    assert estimate(TABLE, model_id=Model.FAST_720P, mode="text", duration=0, audio=True) is None
    missing = estimate(TABLE, model_id=Model.FAST_720P, mode="text", duration=None, audio=True)
    assert missing is not None and missing.seconds == 8 and "default" in missing.note


def test_editing_a_price_leaves_the_original_untouched() -> None:
    cheap = Price(D("0.05"), D("0.03"))
    edited = TABLE.with_price(Model.FAST_720P.value, cheap)
    assert edited.price(Model.FAST_720P.value) == cheap
    assert TABLE.price(Model.FAST_720P.value) == LIST_PRICES[Model.FAST_720P.value]
    same = TABLE.with_price(Model.FAST_720P, LIST_PRICES[Model.FAST_720P.value])
    assert edited != TABLE and same == TABLE and hash(same) == hash(TABLE)
    est = estimate(edited, model_id=Model.FAST_720P, mode="text", duration=8, audio=False)
    assert est is not None and est.amount == D("0.24")


def test_json_keeps_decimals_exact_and_round_trips(tmp_path: Path) -> None:
    edited = TABLE.with_price(Model.STANDARD_4K, Price(D("0.555"), D("0.1")))
    data = edited.to_json()
    assert data["currency"] == "USD"
    assert data["prices"][Model.STANDARD_4K.value] == {
        "per_second_audio": "0.555",
        "per_second_silent": "0.1",
    }
    assert PriceTable.from_json(json.loads(json.dumps(data))) == edited
    path = tmp_path / "sub" / "prices.json"
    edited.save(path)
    assert PriceTable.load(path) == edited
    assert [p.name for p in path.parent.iterdir()] == ["prices.json"]  # no temp file left


def test_a_file_missing_a_model_gets_its_list_price(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    entry = {"per_second_audio": "0.01", "per_second_silent": "0.01"}
    path.write_text(json.dumps({"prices": {Model.FAST_4K.value: entry}}), "utf-8")
    table = PriceTable.load(path)
    assert table.price(Model.FAST_4K) == Price(D("0.01"), D("0.01"))
    assert table.price(Model.STANDARD_720P) == LIST_PRICES[Model.STANDARD_720P.value]


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        "[]",
        '{"prices": []}',
        '{"currency": "EUR", "prices": {}}',
        '{"prices": {"veo3.1-video-720p": {"per_second_audio": "abc", "per_second_silent": "1"}}}',
        '{"prices": {"veo3.1-video-720p": {"per_second_audio": "-1", "per_second_silent": "1"}}}',
        '{"prices": {"veo3.1-video-720p": {"per_second_audio": "NaN", "per_second_silent": "1"}}}',
        '{"prices": {"veo3.1-video-720p": {"per_second_audio": true, "per_second_silent": "1"}}}',
        '{"prices": {"veo3.1-video-720p": "0.40"}}',
    ],
)
def test_corrupt_file_falls_back_to_list_prices(tmp_path: Path, content: str) -> None:
    path = tmp_path / "prices.json"
    path.write_text(content, "utf-8")
    assert PriceTable.load(path) == TABLE
    assert PriceTable.load(tmp_path / "missing.json") == TABLE


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("3.2", "$3.20"),
        ("0.125", "$0.13"),
        ("0.135", "$0.14"),
        ("0", "$0.00"),
        ("1234.5", "$1,234.50"),
    ],
)
def test_format_money_rounds_half_up(amount: str, text: str) -> None:
    assert format_money(D(amount)) == text


def _ts(y: int, mo: int, d: int, h: int, mi: int) -> float:
    return datetime(y, mo, d, h, mi).timestamp()  # naive = local time, as the spend report reads it


def test_spend_counts_only_billed_jobs_by_local_day_and_month(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")

    def add(state: JobState, when: float, **request: object) -> None:
        req = GenerationRequest(mode=Mode.TEXT, model=Model.FAST_720P, prompt="p", duration=8)
        record = {**req.to_record(), **request}
        job = journal.create(
            mode=Mode(str(record["mode"])),
            model=str(record["model"]),
            prompt="p",
            negative_prompt="",
            request=record,
        )
        journal.update(job.id, state=state, created_at=when - 300, completed_at=when)

    mar31, apr1, apr2 = _ts(2026, 3, 31, 23, 30), _ts(2026, 4, 1, 9, 0), _ts(2026, 4, 1, 18, 0)
    add(JobState.DOWNLOADED, mar31, generate_audio=False)  # 8 s x 0.08 = 0.64
    add(JobState.COMPLETED, apr1)  # audio left out -> on: 8 x 0.10 = 0.80
    add(JobState.DOWNLOADED, apr2, model=Model.STANDARD_1080P.value, generate_audio=True)  # 3.20
    add(JobState.DOWNLOADED, apr2, mode="extend", duration=8, generate_audio=False)  # 7 x 0.08
    add(JobState.FAILED, apr1)
    add(JobState.UNCERTAIN, apr1)
    add(JobState.RUNNING, apr1)
    add(JobState.DOWNLOADED, apr1, model="not-a-model")  # cannot be priced: left out
    blocked = journal.create(
        mode=Mode.TEXT,
        model=Model.FAST_720P.value,
        prompt="p",
        negative_prompt="",
        request={"model": Model.FAST_720P.value, "duration": 8},
    )
    journal.update(blocked.id, state=JobState.FAILED, error_kind="blocked", completed_at=apr1)
    # A job with no completion time counts on the day it was created; an empty request dict
    # (an old or hand-made row) falls back to the job's own model and mode.
    bare = journal.create(
        mode=Mode.TEXT, model=Model.FAST_720P.value, prompt="p", negative_prompt="", request={}
    )
    journal.update(bare.id, state=JobState.DOWNLOADED, created_at=_ts(2026, 4, 2, 12, 0))

    jobs = journal.newest()
    assert spend_by_day(jobs, TABLE) == [
        (date(2026, 3, 31), D("0.64")),
        (date(2026, 4, 1), D("0.80") + D("3.20") + D("0.56")),
        (date(2026, 4, 2), D("0.80")),
    ]
    assert spend_by_month(jobs, TABLE) == [
        (date(2026, 3, 1), D("0.64")),
        (date(2026, 4, 1), D("5.36")),
    ]
    assert spend_by_day([], TABLE) == [] and spend_by_month([], TABLE) == []


@given(
    model=st.sampled_from(list(Model)),
    mode=st.sampled_from([m for m in Mode if m is not Mode.EXTEND]),
    duration=st.integers(min_value=1, max_value=600),
    audio=st.sampled_from([True, False, None]),
    audio_price=st.decimals(min_value=0, max_value=100, places=4),
    silent_price=st.decimals(min_value=0, max_value=100, places=4),
)
def test_estimate_is_never_negative_and_linear_in_duration(
    model: Model,
    mode: Mode,
    duration: int,
    audio: bool | None,
    audio_price: Decimal,
    silent_price: Decimal,
) -> None:
    table = TABLE.with_price(model, Price(audio_price, silent_price))
    one = estimate(table, model_id=model, mode=mode, duration=duration, audio=audio)
    two = estimate(table, model_id=model, mode=mode, duration=2 * duration, audio=audio)
    unit = estimate(table, model_id=model, mode=mode, duration=1, audio=audio)
    assert one is not None and two is not None and unit is not None
    assert one.amount >= 0
    assert two.amount == 2 * one.amount
    assert one.amount == unit.amount * duration
