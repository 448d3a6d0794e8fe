"""Batch files as people write them: .txt shot lists, spreadsheet CSVs (quoted commas, cells
over several lines, semicolons), JSONL; each row named by its line, its images found beside the
file, and every bad value one clear reason that blocks only its own row."""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from tests.jobs import a_job
from veo_desktop.core.batch.preview import preview_file, typical_job_seconds
from veo_desktop.core.batch.sources import BatchFileError
from veo_desktop.core.gateway.dialects import Dialect
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.request.models import Mode, Model
from veo_desktop.core.request.pricing import PriceTable


def png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 18), (200, 0, 0)).save(path)
    return path


preview = functools.partial(preview_file, table=PriceTable.DEFAULT)


def test_txt_one_prompt_per_line_skips_blanks_and_comments_and_keeps_line_numbers(
    tmp_path: Path,
) -> None:
    f = tmp_path / "shots.txt"
    f.write_text(
        "# shot list\n\n海边的红色风筝，慢镜头\n  a lighthouse at dusk  \n\n# end\n", "utf-8"
    )
    p = preview(f)
    assert [(i.line, i.request.prompt) for i in p.items] == [
        (3, "海边的红色风筝，慢镜头"),
        (4, "a lighthouse at dusk"),
    ]
    assert all(i.request.mode is Mode.TEXT and not i.blocked for i in p.items)
    assert p.items[0].request.model == Model.FAST_720P


def test_csv_maps_columns_resolves_paths_beside_the_file_and_infers_modes(
    tmp_path: Path,
) -> None:
    png(tmp_path / "img" / "a.png")
    png(tmp_path / "img" / "b.png")
    f = tmp_path / "sheet" / "shots.csv"
    f.parent.mkdir()
    f.write_text(
        "Prompt,Negative Prompt,model,aspect_ratio,duration,audio,seed,image,last_image,refs\n"
        '"雨中的街道, 霓虹灯",blur,veo3.1-video-1080p,9:16,8,no,42,,,\n'
        "from a frame,,,,6,yes,,../img/a.png,,\n"
        "first to last,,,,8,,,../img/a.png,../img/b.png,\n"
        "references,,,,8,,,,,../img/a.png;../img/b.png\n"
        "pipes,,,,8,,,,,../img/a.png | ../img/b.png\n",
        "utf-8",
    )
    items = preview(f).items
    assert [i.line for i in items] == [2, 3, 4, 5, 6]
    assert not [i.describe() for i in items if i.blocked]
    first = items[0].request
    assert first.prompt == "雨中的街道, 霓虹灯" and first.negative_prompt == "blur"
    assert (first.model, first.aspect_ratio, first.duration) == (Model.STANDARD_1080P, "9:16", 8)
    assert (first.generate_audio, first.seed, first.mode) == (False, 42, Mode.TEXT)
    a, b = str(tmp_path / "img" / "a.png"), str(tmp_path / "img" / "b.png")
    assert (items[1].request.mode, items[1].request.image) == (Mode.IMAGE, a)
    assert items[1].request.generate_audio is True
    assert (items[2].request.mode, items[2].request.last_image) == (Mode.FRAMES, b)
    assert (items[3].request.mode, items[3].request.images) == (Mode.REFERENCE, (a, b))
    assert items[4].request.images == (a, b)


def test_csv_cells_over_several_lines_name_the_line_the_row_starts_on(tmp_path: Path) -> None:
    f = tmp_path / "shots.csv"
    f.write_text('prompt\n"a long prompt\nover two lines"\n\nnext one\n', "utf-8")
    items = preview(f).items
    assert [(i.line, i.request.prompt) for i in items] == [
        (2, "a long prompt\nover two lines"),
        (5, "next one"),
    ]


def test_a_semicolon_csv_from_a_european_spreadsheet_reads_the_same(tmp_path: Path) -> None:
    f = tmp_path / "shots.csv"
    f.write_text("\ufeffprompt;duration\na kite, red;4\n", "utf-8")  # with Excel's BOM
    (item,) = preview(f).items
    assert (item.request.prompt, item.request.duration) == ("a kite, red", 4)


def test_bad_values_become_one_reason_each_on_their_own_row(tmp_path: Path) -> None:
    png(tmp_path / "a.png")
    f = tmp_path / "shots.csv"
    f.write_text(
        "prompt,model,duration,audio,seed,image,mode\n"
        "fine,,,,,,\n"
        "unknown model,veo9,,,,,\n"
        "bad duration,,eight,,,,\n"
        "odd duration,,5,,,,\n"
        "bad audio,,,maybe,,,\n"
        "bad seed,,,,x1,,\n"
        "missing file,,,,,gone.png,\n"
        ",,,,,,\n"
        ",,8,,,a.png,\n"
        "bad mode,,,,,,sideways\n"
        "a kite, slow motion,,,,,,8\n",
        "utf-8",
    )
    items = {i.line: i for i in preview(f).items}
    assert not items[2].blocked
    reasons = {line: " ".join(i.reasons) for line, i in items.items() if i.blocked}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 10, 11, 12}  # line 9 is empty: skipped
    assert "Unknown model “veo9”" in reasons[3]
    assert "“eight” is not a whole number for duration" in reasons[4]
    assert "Duration must be 4, 6 or 8 seconds (not 5)" in reasons[5]
    assert "“maybe” is not yes or no for audio" in reasons[6]
    assert "“x1” is not a whole number for seed" in reasons[7]
    assert "“gone.png” was not found" in reasons[8] and str(tmp_path) in reasons[8]
    assert "Write a prompt" in reasons[10]
    assert "Unknown mode “sideways”" in reasons[11]
    assert "double quotes" in reasons[12]
    assert items[5].describe().startswith("Line 5: ")


def test_jsonl_takes_lists_and_json_types_and_names_an_unreadable_line(tmp_path: Path) -> None:
    png(tmp_path / "r" / "a.png")
    png(tmp_path / "r" / "b.png")
    f = tmp_path / "shots.jsonl"
    rows = [
        {"prompt": "竹林里的熊猫", "duration": 6, "audio": False, "seed": 7},
        {"prompt": "refs", "refs": ["r/a.png", "r/b.png"]},
    ]
    f.write_text(
        json.dumps(rows[0], ensure_ascii=False)
        + "\n\n"
        + json.dumps(rows[1])
        + '\n{"prompt": "cut off\n["not", "an object"]\n{"prompt": "x", "colour": "red"}\n',
        "utf-8",
    )
    p = preview(f)
    items = {i.line: i for i in p.items}
    first = items[1].request
    assert (first.prompt, first.duration, first.generate_audio, first.seed) == (
        "竹林里的熊猫",
        6,
        False,
        7,
    )
    assert items[3].request.mode is Mode.REFERENCE
    assert items[3].request.images == (str(tmp_path / "r/a.png"), str(tmp_path / "r/b.png"))
    assert "not valid JSON" in items[4].describe() and items[4].blocked
    assert "must be a JSON object" in items[5].describe()
    assert not items[6].blocked
    assert any("“colour”" in n for n in p.source.notes)


def test_rule_findings_follow_the_dialect_warnings_show_but_do_not_block(tmp_path: Path) -> None:
    png(tmp_path / "a.png")
    png(tmp_path / "b.png")
    f = tmp_path / "shots.csv"
    f.write_text("prompt,image,last_image\nframes,a.png,b.png\n", "utf-8")
    (documented,) = preview(f).items
    (newapi,) = preview(f, dialect=Dialect.NEW_API).items
    assert not newapi.blocked
    assert any("ignores the end frame" in w for w in newapi.warnings)
    assert not any("ignores the end frame" in w for w in documented.warnings)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("shots.xlsx", b"PK", "a batch is a .txt"),
        ("shots.csv", "prompt\n雨\n".encode("gbk"), "not UTF-8"),
        ("shots.csv", b"text,model\nhello,x\n", "“prompt”"),
        ("shots.txt", b"# only a comment\n\n", "no rows"),
    ],
)
def test_a_file_that_cannot_be_a_batch_says_why(
    tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(BatchFileError) as caught:
        preview(f)
    assert says in caught.value.message


def test_cost_and_time_cover_the_rows_that_can_be_sent(tmp_path: Path) -> None:
    f = tmp_path / "shots.csv"
    f.write_text(
        "prompt,model,duration,audio\n"
        "a,veo3.1-fast-video-720p,8,no\n"  # 8 s x $0.08
        "b,veo3.1-video-1080p,8,yes\n"  # 8 s x $0.40
        "c,veo3.1-fast-video-720p,5,no\n"  # invalid: not counted
        "d,veo3.1-fast-video-720p,4,\n",  # 4 s x $0.10 (audio on upstream by default)
        "utf-8",
    )
    p = preview(f, jobs_at_once=2, job_seconds=90.0)
    assert p.cost == Decimal("0.64") + Decimal("3.20") + Decimal("0.40")
    assert p.eta_seconds == 2 * 90.0  # three rows, two at once: two waves


def test_typical_job_time_is_the_median_of_finished_jobs() -> None:
    jobs = [
        a_job(state=JobState.DOWNLOADED, submitted_at=100.0, completed_at=100.0 + s)
        for s in (60, 90, 300)
    ]
    assert typical_job_seconds(jobs) == 90
    assert typical_job_seconds([]) == 120.0


def test_a_500_row_csv_previews_without_decoding_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    png(tmp_path / "a.png")
    f = tmp_path / "big.csv"
    f.write_text("prompt,image\n" + "".join(f"shot {n},a.png\n" for n in range(500)), "utf-8")

    def no_decoding(*_: object, **__: object) -> None:
        raise AssertionError("an image was opened at import")

    monkeypatch.setattr(Image, "open", no_decoding)
    p = preview(f)
    assert len(p.sendable) == 500
