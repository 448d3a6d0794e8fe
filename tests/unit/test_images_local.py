"""Local image paths that are not image files: a FIFO, a device, a huge file. Each is refused at
once with one line naming the file, never read into memory, never waited on. Every check runs in
a child process with a memory cap and a deadline, so a regression fails here instead of hanging
or exhausting the machine running the tests."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from veo_desktop.core.errors import ImageError
from veo_desktop.core.request.images import MAX_FILE_BYTES, check_local, prepare_image_sync

CHILD = """
import json, sys
from veo_desktop.core.request import images
from veo_desktop.core.errors import ImageError
try:
    getattr(images, sys.argv[1])(sys.argv[2] if sys.argv[1] != "check_local" else [sys.argv[2]])
except ImageError as exc:
    print(json.dumps({"kind": exc.kind, "message": exc.message}))
else:
    print(json.dumps({"kind": None, "message": ""}))
"""


def cap_memory() -> None:
    two_gib = 2 << 30
    resource.setrlimit(resource.RLIMIT_AS, (two_gib, two_gib))


def outcome(function: str, path: str) -> dict[str, str | None]:
    """What `images.<function>(path)` does, in a child with 2 GiB and 20 s at most."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, function, path],
            capture_output=True,
            text=True,
            timeout=20,
            preexec_fn=cap_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{function}({path!r}) still running after 20 s")
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, str | None] = json.loads(done.stdout)
    return result


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "frame.png"
    os.mkfifo(path)
    return path


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.png"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    return path


@pytest.mark.parametrize("function", ["prepare_image_sync", "inspect_image", "check_local"])
def test_a_fifo_is_refused_at_once(function: str, fifo: Path) -> None:
    result = outcome(function, str(fifo))
    assert result["kind"] == "invalid_image"
    message = str(result["message"])
    assert "frame.png" in message and "not a regular file" in message and "\n" not in message


@pytest.mark.parametrize("function", ["prepare_image_sync", "inspect_image", "check_local"])
def test_a_device_is_refused_without_reading_it(function: str) -> None:
    result = outcome(function, "/dev/zero")
    assert result["kind"] == "invalid_image"
    assert "zero" in str(result["message"]) and "not a regular file" in str(result["message"])


@pytest.mark.parametrize("function", ["prepare_image_sync", "check_local"])
def test_a_file_over_the_limit_is_refused_unread(function: str, huge: Path) -> None:
    result = outcome(function, str(huge))
    assert result["kind"] == "invalid_image"
    message = str(result["message"])
    assert "huge.png" in message and f"{MAX_FILE_BYTES // 2**20} MB" in message


def test_check_local_is_cheap_and_skips_links_and_data_uris(tmp_path: Path) -> None:
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not decoded by the cheap check")
    real = tmp_path / "real.png"
    Image.new("RGB", (8, 8)).save(real)
    check_local([str(junk), str(real), "https://example.com/a.png", "data:image/png;base64,AAAA"])
    with pytest.raises(ImageError, match=r"junk\.png"):
        prepare_image_sync(str(junk))  # decoding is for later, off the window's thread


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "was not found"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b""), "is empty"),
    ],
    ids=["missing", "folder", "empty"],
)
def test_check_local_says_what_prepare_would(
    tmp_path: Path, make: Callable[[Path], object], words: str
) -> None:
    path = tmp_path / "slot.png"
    make(path)
    with pytest.raises(ImageError) as cheap:
        check_local([str(path)])
    with pytest.raises(ImageError) as full:
        prepare_image_sync(str(path))
    assert words in cheap.value.message and cheap.value.message == full.value.message
