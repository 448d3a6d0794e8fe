"""Only an MP4 that plays to its end enters the library (video_file.verify_and_commit): a cut,
padded or undecodable file is refused with a message that says to download again, and its
part file goes so the next attempt starts from zero."""

from __future__ import annotations

import base64
import shutil
from fractions import Fraction
from pathlib import Path

import av
import pytest

from veo_desktop.core.errors import DownloadError
from veo_desktop.core.library import video_file
from veo_desktop.simulator.clips import render_clip


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("clip") / "clip.mp4"
    render_clip(path, prompt="whole clip", duration=3, max_height=144)
    return path.read_bytes()


def sound_only(path: Path) -> bytes:
    with av.open(str(path), "w", format="mp4") as c:
        s = c.add_stream("aac", rate=48000, layout="mono")
        s.time_base = Fraction(1, 48000)
        frame = av.AudioFrame(format="fltp", layout="mono", samples=1024)
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        frame.sample_rate = 48000
        for i in range(50):
            frame.pts = i * 1024
            for p in s.encode(frame):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path.read_bytes()


def commit(tmp_path: Path, data: bytes) -> Path:
    part = tmp_path / "clip.mp4.part"
    part.write_bytes(data)
    dest = tmp_path / "clip.mp4"
    assert video_file.verify_and_commit(part, dest) == len(data)
    return dest


def refused(tmp_path: Path, data: bytes) -> video_file.DamagedVideoError:
    part = tmp_path / "clip.mp4.part"
    part.write_bytes(data)
    dest = tmp_path / "clip.mp4"
    with pytest.raises(video_file.DamagedVideoError) as caught:
        video_file.verify_and_commit(part, dest)
    assert not part.exists() and not dest.exists()
    return caught.value


def test_a_whole_clip_is_committed(clip: bytes, tmp_path: Path) -> None:
    assert commit(tmp_path, clip).read_bytes() == clip


@pytest.mark.parametrize("keep", [0.999, 0.9, 0.5, 0.1])
def test_a_clip_cut_short_is_refused_and_its_part_removed(
    clip: bytes, tmp_path: Path, keep: float
) -> None:
    err = refused(tmp_path, clip[: int(len(clip) * keep)])
    assert err.kind == "damaged_video"
    assert "damaged" in err.message and "Download again" in err.message
    assert err.detail  # what exactly was wrong, for the log


def test_ftyp_then_noise_is_refused(tmp_path: Path) -> None:
    refused(tmp_path, b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 40)


def test_bytes_after_the_last_box_are_refused(clip: bytes, tmp_path: Path) -> None:
    # What a resume that appended to a whole file would leave.
    refused(tmp_path, clip + clip[:5000])


def test_a_picture_that_does_not_decode_is_refused(clip: bytes, tmp_path: Path) -> None:
    # Sizes intact, so only the decode can tell: the clip's pictures overwritten with zeros.
    start = clip.index(b"mdat") + 4
    refused(tmp_path, clip[:start] + bytes(len(clip) - start))


def test_an_mp4_without_pictures_is_refused(tmp_path: Path) -> None:
    err = refused(tmp_path, sound_only(tmp_path / "sound.mp4"))
    assert "video stream" in err.detail


def test_a_data_uri_video_is_checked_too(clip: bytes, tmp_path: Path) -> None:
    cut = base64.b64encode(clip[: len(clip) // 2]).decode()
    with pytest.raises(video_file.DamagedVideoError):
        video_file.write_data_uri("data:video/mp4;base64," + cut, tmp_path / "clip.mp4")
    assert list(tmp_path.iterdir()) == []


def test_an_inline_clip_larger_than_the_free_disk_space_is_refused(
    clip: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `data:` video needs the room a fetched one does: say so, keep nothing."""
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=len(clip) // 2))
    uri = "data:video/mp4;base64," + base64.b64encode(clip).decode()
    with pytest.raises(DownloadError, match="disk space"):
        video_file.write_data_uri(uri, tmp_path / "day" / "clip.mp4")
    assert not list(tmp_path.rglob("*.mp4*"))
