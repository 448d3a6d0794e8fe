"""Local image files, read safely: only a regular file of at most `MAX_FILE_BYTES` is read, and
every failure is an `ImageError` that names the file and says what to do."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..errors import ImageError
from ..i18n import msg

#: Largest image file read (bytes): far above any frame worth sending (a 4k PNG is ~25 MB), and
#: a bound on what a mistaken path (a disk image, /dev/zero) can pull into memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


def file_label(path: Path) -> str:
    """The file's name, quoted and printable, as messages show it."""
    name = "".join(c if c.isprintable() else "?" for c in path.name or str(path))
    return f"“{name if len(name) <= 60 else name[:57] + '…'}”"


def local_path(value: str) -> Path:
    """The path a typed or dropped value names (a plain path, `~/...` or a file: URI)."""
    text = value.strip()
    if text.lower().startswith("file:"):
        text = url2pathname(urlsplit(text).path)
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~someone" with no such user: report it as not found
        return Path(text)


def path_in_file(value: str, folder: Path) -> Path:
    """A path as written in a file kept in `folder` (a batch, a board): read as `local_path`,
    a relative one taken from that folder."""
    path = local_path(value)
    return path if path.is_absolute() else Path(os.path.normpath(folder / path))


def read_file(path: Path) -> bytes:
    """The file's bytes; an `ImageError` unless it is a regular, non-empty file of at most
    `MAX_FILE_BYTES`."""
    label = file_label(path)
    with _reading(label):
        # Checked first: a FIFO would wait forever for a writer, a device never ends.
        _check_regular(os.stat(path), label)
        data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:  # it grew after the check
        raise _too_big(label)
    if not data:
        raise _empty(label)
    return data


def check_file(path: Path) -> None:
    """What `read_file` checks, without reading: a regular file of a size it takes, that opens."""
    label = file_label(path)
    with _reading(label):
        _check_regular(os.stat(path), label)
        path.open("rb").close()


@contextmanager
def _reading(label: str) -> Iterator[None]:
    """An OS error while finding or reading a file becomes an `ImageError` that says what to do."""
    try:
        yield
    except FileNotFoundError:
        raise ImageError(
            msg(
                "{label} was not found. It may have been moved or deleted; choose the image again.",
                label=label,
            )
        ) from None
    except PermissionError as exc:
        raise ImageError(
            msg(
                "{label} cannot be read (permission denied). Copy it somewhere you can read, "
                "or change its permissions.",
                label=label,
            ),
            detail=str(exc),
        ) from None
    except IsADirectoryError:
        raise ImageError(_folder_message(label)) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise ImageError(
            msg(
                "{label} could not be read. Check the file name and choose the image again.",
                label=label,
            ),
            detail=str(exc),
        ) from None


def _check_regular(info: os.stat_result, label: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ImageError(_folder_message(label))
    if not stat.S_ISREG(info.st_mode):
        raise ImageError(
            msg(
                "{label} is not a regular file (a pipe, device or socket). Save the image as a "
                "PNG, JPEG or WebP file and choose that.",
                label=label,
            )
        )
    if info.st_size > MAX_FILE_BYTES:
        raise _too_big(label)
    if info.st_size == 0:
        raise _empty(label)


def _too_big(label: str) -> ImageError:
    return ImageError(
        msg(
            "{label} is larger than {megabytes} MB, far more than any frame needs. Export it "
            "smaller (PNG, JPEG or WebP) and choose it again.",
            label=label,
            megabytes=MAX_FILE_BYTES // (1024 * 1024),
        )
    )


def _empty(label: str) -> ImageError:
    return ImageError(
        msg("{label} is empty (0 bytes). Choose the image again or re-export it.", label=label)
    )


def _folder_message(label: str) -> str:
    return msg("{label} is a folder. Choose an image file (PNG, JPEG or WebP).", label=label)
