"""Files written whole or not at all: a failure mid-write leaves the old file and no stray temp."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veo_desktop.core.checks.spending import write_csv
from veo_desktop.core.files import atomic_file, write_json_atomic


class Boom(Exception):
    pass


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write_json_atomic(path, {"language": "zh_CN"})
    with pytest.raises(Boom), atomic_file(path, "w", encoding="utf-8") as f:
        f.write('{"language": "e')  # half of the new contents, then the crash
        raise Boom
    assert json.loads(path.read_text(encoding="utf-8")) == {"language": "zh_CN"}
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_chinese_is_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "board.json"  # the folders are made
    write_json_atomic(path, {"prompt": "灯塔在暴风雨中"})
    assert "灯塔在暴风雨中" in path.read_text(encoding="utf-8")


def test_the_spending_csv_opens_in_a_spreadsheet_with_chinese(tmp_path: Path) -> None:
    path = tmp_path / "failed-clips.csv"
    write_csv([], path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the byte order mark
    assert [p.name for p in tmp_path.iterdir()] == ["failed-clips.csv"]
