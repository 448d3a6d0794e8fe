"""Where Veo Desktop keeps its files (data dir, library, settings, logs): one place decides, so the
app and the `veo` CLI always agree."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "veo-desktop"
JOURNAL_NAME = "journal.sqlite3"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    library_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def journal(self) -> Path:
        return self.data_dir / JOURNAL_NAME

    @property
    def config_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def prices_file(self) -> Path:
        """The user's price table (core/request/pricing.py); list prices while it does not exist."""
        return self.config_dir / "prices.json"

    def ensure(self) -> Paths:
        for d in (self.data_dir, self.library_dir, self.config_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True)
        return self


def resolve_paths(
    data_dir: str | os.PathLike[str] | None = None,
    library_dir: str | os.PathLike[str] | None = None,
    *,
    demo: bool = False,
) -> Paths:
    """`--data-dir` beats `VEO_DATA_DIR` beats the platform's user data dir. An overridden data
    dir is self-contained (library, settings and logs inside it) so tests and demos never touch
    the user's real files. With `demo` and no data dir given, the demo's own folder inside the
    default one, so demo jobs never mix with real, billed ones."""
    override = data_dir or os.environ.get("VEO_DATA_DIR") or None
    if override:
        root = Path(override).expanduser().resolve()
        lib = Path(library_dir).expanduser() if library_dir else root / "library"
        return Paths(root, lib, root, root / "logs")
    root = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if demo:
        d = root / "demo"
        return Paths(d, d / "library", d, d / "logs")
    lib = (
        Path(library_dir).expanduser()
        if library_dir
        else Path(platformdirs.user_videos_dir()) / "Veo Desktop"
    )
    return Paths(
        root,
        lib,
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
