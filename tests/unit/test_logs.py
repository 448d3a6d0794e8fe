"""Logs and crash reports never hold the key, the Authorization header or inline media."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from veo_desktop.core.logs import redact, setup_logging, write_crash_report

KEY = "sk-live-0123456789abcdef"


def test_redact_every_shape() -> None:
    text = (
        f"headers={{'Authorization': 'Bearer {KEY}'}} bearer {KEY} raw {KEY} "
        "img data:image/png;base64," + "A" * 500
    )
    out = redact(text, (KEY,))
    assert KEY not in out and "AAAA" not in out and "Authorization" in out


def test_log_file_is_scrubbed(tmp_path: Path) -> None:
    path = setup_logging(tmp_path, verbose=True, console=False, secrets=lambda: ("opaque-k3y",))
    log = logging.getLogger("veo_desktop.test")
    log.info("sending with Authorization: Bearer %s", KEY)
    log.warning("the user's key opaque-k3y leaked into a message")
    try:
        raise RuntimeError(f"boom {KEY}")
    except RuntimeError:
        log.exception("failed")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text()
    assert "failed" in text and "boom" in text
    assert KEY not in text and "opaque-k3y" not in text


def test_crash_report_is_written_without_secrets(tmp_path: Path) -> None:
    try:
        raise ValueError(f"bad request with key {KEY}")
    except ValueError:
        etype, exc, tb = sys.exc_info()
        assert etype is not None and exc is not None
        path = write_crash_report(tmp_path, etype, exc, tb, (KEY,))
    text = path.read_text()
    assert "ValueError" in text and "crash report" in text and KEY not in text
