"""Logging for the app and the CLI: a rotating file in the user log dir, and a crash handler that
writes a report and hands its path on; both are scrubbed of secrets and inline media."""

from __future__ import annotations

import logging
import logging.handlers
import platform
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from .. import __version__

LOG_NAME = "veo-desktop.log"
_BEARER = re.compile(r"(?i)(bearer\s+)[^\s'\",}]+")
_KEYISH = re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}")
_AUTH_HEADER = re.compile(r"(?i)(['\"]?authorization['\"]?\s*[:=]\s*['\"]?)[^'\",}\n]+")
_DATA_URI = re.compile(r"(data:[\w/+.-]+;base64,)[A-Za-z0-9+/=\s]{32,}")


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove what must never be written down: the key (by value and by shape), the
    Authorization header, and megabytes of base64 media."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    text = _AUTH_HEADER.sub(r"\1[redacted]", text)
    text = _BEARER.sub(r"\1[redacted]", text)
    text = _KEYISH.sub("sk-[redacted]", text)
    return _DATA_URI.sub(lambda m: f"{m.group(1)}<{len(m.group(0))} chars>", text)


class RedactingFilter(logging.Filter):
    """Applied to every handler: formats the message once, then scrubs it."""

    def __init__(self, secrets: Callable[[], tuple[str, ...]] = tuple) -> None:
        super().__init__()
        self._secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self._secrets())
        record.args = None
        if record.exc_info:
            record.exc_text = redact(
                "".join(traceback.format_exception(*record.exc_info)), self._secrets()
            )
            record.exc_info = None
        return True


def setup_logging(
    log_dir: Path,
    *,
    verbose: bool = False,
    console: bool = True,
    secrets: Callable[[], tuple[str, ...]] = tuple,
) -> Path:
    """Root logging to `log_dir/veo-desktop.log` (1 MB x 5) and, if asked, stderr."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_veo", False):
            root.removeHandler(h)
    redactor = RedactingFilter(secrets)
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    handlers: list[logging.Handler] = [file_handler]
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream.setLevel(logging.INFO if verbose else logging.WARNING)
        handlers.append(stream)
    for h in handlers:
        h.addFilter(redactor)
        h._veo = True  # type: ignore[attr-defined]
        root.addHandler(h)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # httpx logs every request line at INFO: useful in the file, noise on a terminal.
    logging.getLogger("httpx").setLevel(logging.INFO if verbose else logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return path


def setup_console_logging(
    *, verbose: bool = False, secrets: Callable[[], tuple[str, ...]] = tuple
) -> None:
    """Where there is no log file (its folder cannot be made): records go to stderr with
    `verbose`, else nowhere."""
    # Never to Python's last-resort handler: it would print a WARNING line ahead of the one line
    # a failing command prints.
    root = logging.getLogger()
    handler: logging.Handler = logging.StreamHandler() if verbose else logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    handler._veo = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)


def write_crash_report(
    log_dir: Path,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    secrets: tuple[str, ...] = (),
) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / time.strftime("crash-%Y%m%d-%H%M%S.txt")
    body = "".join(traceback.format_exception(exc_type, exc, tb))
    report = (
        f"Veo Desktop {__version__} crash report\n"
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
        f"python: {sys.version.split()[0]}  platform: {platform.platform()}\n\n{body}"
    )
    path.write_text(redact(report, secrets), encoding="utf-8")
    return path


def install_crash_handler(
    log_dir: Path, on_crash: Callable[[Path], None], secrets: Callable[[], tuple[str, ...]] = tuple
) -> None:
    """Unhandled exceptions (main thread and workers) become a report plus `on_crash(path)`."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = write_crash_report(log_dir, exc_type, exc, tb, secrets())
        logging.getLogger("veo_desktop").error(
            "unhandled %s; report at %s", exc_type.__name__, path
        )
        on_crash(path)

    sys.excepthook = hook
    threading.excepthook = lambda a: hook(
        a.exc_type,
        a.exc_value or Exception(),
        a.exc_traceback,
    )
