"""A stand-in for the system trash (send2trash), so a test sees what was trashed without
touching the user's real trash."""

from __future__ import annotations

from pathlib import Path

import pytest


def fake_trash(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on send2trash removes the file and notes its path in the list returned."""
    import send2trash

    trashed: list[str] = []

    def trash(p: str) -> None:
        trashed.append(str(p))
        Path(p).unlink()

    monkeypatch.setattr(send2trash, "send2trash", trash)
    return trashed
