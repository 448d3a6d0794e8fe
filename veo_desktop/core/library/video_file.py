"""A downloaded video on disk: room for it, its bytes kept and fsynced, only an MP4 that decodes to
its end committed, and disk errors that say what to do (network side: gateway/video_fetch.py)."""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import io
import os
import shutil
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from ..background import background_pool
from ..errors import DownloadError
from ..i18n import msg


class NotMp4Error(DownloadError):
    kind = "not_mp4"


class DamagedVideoError(DownloadError):
    """The file is an MP4 but cut short or undecodable; the part is gone, so a new try restarts."""

    kind = "damaged_video"


class LowSpaceError(DownloadError):
    """A body of unknown size would take the disk below the reserve; a part it was growing
    is removed."""

    kind = "low_space"


#: A download whose size the host did not give stops before the disk has less than this free:
#: without a length it cannot be checked up front, and the rest of the system needs room too.
DISK_RESERVE = 128 << 20
#: How far before the end the decode check seeks (to the keyframe at or before that point).
CHECK_TAIL_S = 1.0
_CHECK_MAX_PACKETS = 64  # a decoder that yields nothing by then is not going to
_MAX_TOP_BOXES = 100_000  # fragmented MP4s have a few hundred; more is a hostile file


def open_part(part: Path, offset: int) -> io.FileIO:
    """The part file, its folder made first (a new day's folder), unbuffered: every chunk is
    with the OS as soon as it is written, so a killed process keeps it."""
    part.parent.mkdir(parents=True, exist_ok=True)
    return open(part, "ab" if offset else "wb", buffering=0)  # the caller closes it


def write_all(f: io.FileIO, data: bytes) -> None:
    view = memoryview(data)
    while view:  # a raw write may take less than it was given
        view = view[f.write(view) :]


def flush_sync(f: Any) -> None:
    f.flush()
    os.fsync(f.fileno())


class BackgroundFlush:
    """Pushes a growing file's bytes to the disk while it is still being written, so the fsync
    before the rename has little left to do. `close` it before the file is closed."""

    # An fsync left until the end is a large share of a download's time (bench:
    # download_ratio). `fdatasync` runs on its own thread (it releases the GIL), at most one in
    # flight.
    EVERY = 16 << 20  # bytes written between flushes

    def __init__(self, f: Any) -> None:
        self._fd = f.fileno()
        self._pool = background_pool("flush", 1)
        self._pending: Future[None] | None = None
        self._since = 0

    def wrote(self, n: int) -> None:
        self._since += n
        if self._since >= self.EVERY and (self._pending is None or self._pending.done()):
            self._settle()
            self._pending = self._pool.submit(os.fdatasync, self._fd)
            self._since = 0

    def close(self) -> None:
        """Wait for the flush in flight; an error it met (a full disk) is raised here."""
        self._pool.shutdown(wait=True)
        self._settle()

    def _settle(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()


def ensure_space(folder: Path, total: int | None, have: int) -> None:
    if total is None:
        ensure_reserve(folder)  # the most that can be known before it starts
        return
    free = _free(folder)
    need = total - have
    if need > free:
        raise DownloadError(
            msg(
                "Not enough disk space for this video: it needs {need} MB and "
                "{free} MB are free in {folder}. Free some space or choose another "
                "download folder, then choose Download again.",
                need=f"{need / 1e6:.1f}",
                free=f"{free / 1e6:.1f}",
                folder=folder,
            )
        )


def ensure_reserve(folder: Path) -> None:
    """For a body of unknown size, at the start and as it grows: stop before the disk fills."""
    free = _free(folder)
    if free < DISK_RESERVE:
        raise LowSpaceError(
            msg(
                "The disk is almost full ({free} MB free in {folder}) and the video host did "
                "not say how big the video is, so the download was stopped. Free some space, "
                "then choose Download again.",
                free=f"{free / 1e6:.1f}",
                folder=folder,
            )
        )


def _free(folder: Path) -> int:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return shutil.disk_usage(folder).free
    except OSError as exc:
        raise disk_error(exc, folder) from None


def disk_error(exc: OSError, where: Path) -> DownloadError:
    if exc.errno == errno.ENOSPC:
        with contextlib.suppress(OSError):
            where.unlink()
        return DownloadError(
            msg(
                "The disk is full. Free some space, then choose Download again; "
                "the finished job is kept."
            ),
            detail=str(exc),
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST):
        return DownloadError(
            msg(
                "Cannot write to {folder}. Choose a download folder you "
                "can write to in Settings, then choose Download again.",
                folder=where.parent,
            ),
            detail=str(exc),
        )
    return DownloadError(
        msg("Could not save the video ({error}). Choose Download again.", error=exc.strerror),
        detail=str(exc),
    )


def is_mp4_header(head: bytes) -> bool:
    return len(head) >= 8 and head[4:8] == b"ftyp"


def verify_and_commit(part: Path, dest: Path) -> int:
    with open(part, "rb") as f:
        head = f.read(12)
    if not is_mp4_header(head):
        part.unlink(missing_ok=True)
        raise NotMp4Error(
            msg(
                "The video host sent something that is not an MP4 (often an error "
                "page). Choose Download again later."
            ),
            detail=repr(head),
        )
    why = damage(part)
    if why is not None:
        part.unlink(missing_ok=True)  # resuming a damaged file would only keep the damage
        raise DamagedVideoError(
            msg(
                "The download was damaged: the video does not play to its end. "
                "Choose Download again; it starts over."
            ),
            detail=why,
        )
    size = part.stat().st_size
    try:
        os.replace(part, dest)
    except OSError as exc:
        raise disk_error(exc, dest) from None
    return size


def is_whole(part: Path) -> bool:
    """A part file that is already a complete, playable MP4 (left by a stop before its rename)."""
    try:
        with open(part, "rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return is_mp4_header(head) and damage(part) is None


def damage(path: Path) -> str | None:
    """What is wrong with the MP4 at `path`, or None when it plays. Cheap, no full decode."""
    # Its boxes must end where the file does (a cut file's do not), the container must open with
    # a video stream and a duration, and a frame near the end must decode.
    import av  # here: a second of import the app's start-up does not need

    size = path.stat().st_size
    end = _boxes_end(path, size)
    if end != size:
        return f"MP4 boxes end at byte {end}, the file at {size}"
    try:
        with av.open(str(path), mode="r") as c:
            if not c.streams.video:
                return "no video stream"
            stream = c.streams.video[0]
            tb = stream.time_base
            if stream.duration and tb:
                duration = float(stream.duration * tb)
            else:
                duration = c.duration / av.time_base if c.duration else 0.0
            if duration <= 0:
                return "no duration"
            if tb and duration > CHECK_TAIL_S:
                target = (stream.start_time or 0) + int((duration - CHECK_TAIL_S) / tb)
                with contextlib.suppress(av.FFmpegError):  # unseekable: decode from the start
                    c.seek(target, stream=stream, backward=True, any_frame=False)
            for n, packet in enumerate(c.demux(stream)):
                if packet.decode():
                    return None
                if n >= _CHECK_MAX_PACKETS:
                    break
            return "no frame decodes near the end"
    except (av.FFmpegError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"


def _boxes_end(path: Path, size: int) -> int:
    """Where the file's top-level MP4 boxes say it ends (past `size` when it was cut short)."""
    pos = 0
    with open(path, "rb") as f:
        for _ in range(_MAX_TOP_BOXES):
            if pos >= size:
                return pos
            f.seek(pos)
            head = f.read(16)
            if len(head) < 8:
                return pos  # trailing bytes too short to be a box
            n = int.from_bytes(head[:4], "big")
            if n == 0:
                return size  # "runs to the end of the file"
            if n == 1:
                n = int.from_bytes(head[8:16], "big") if len(head) == 16 else 0
            if n < 8:
                return pos  # a box smaller than its own header: not an MP4 past here
            pos += n
    return pos


def write_data_uri(uri: str, dest: Path) -> int:
    header, _, payload = uri.partition(",")
    try:
        data = (
            base64.b64decode(payload, validate=False)
            if ";base64" in header.lower()
            else payload.encode("latin-1")
        )
    except (binascii.Error, ValueError):
        raise NotMp4Error(msg("The gateway sent a video that could not be decoded.")) from None
    part = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise disk_error(exc, dest.parent) from None
    ensure_space(dest.parent, len(data), 0)  # an inline clip needs the room a fetched one does
    try:
        with open(part, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        raise disk_error(exc, part) from None
    return verify_and_commit(part, dest)
