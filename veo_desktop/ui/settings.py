"""Window-side settings: one typed registry of QSettings keys and defaults (shared settings are
core.config's, the key is the keyring's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T

    def get(self, store: QSettings) -> T:
        value = store.value(self.key, self.default)
        if value is None:
            return self.default
        kind = type(self.default)
        try:
            if kind is bool and isinstance(value, str):
                return value.lower() in ("1", "true", "yes")  # type: ignore[return-value]
            if kind in (int, str, float, bool):
                return kind(value)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return self.default
        return cast(T, value)  # QSettings gives back what was stored, untyped

    def set(self, store: QSettings, value: T) -> None:
        store.setValue(self.key, value)


# The window's geometry is kept per device-pixel ratio (window_fit.geometry_key).
SPLITTER = Option("window/splitter", QByteArray())
LAST_TAB = Option("compose/last_tab", 0)
LAST_MODEL = Option("compose/last_model", "veo3.1-fast-video-720p")
WELCOME_DONE = Option("app/welcome_done", False)
LANGUAGE = Option("app/language", "")  # empty: follow the system locale
APPEARANCE = Option("app/appearance", "")  # "", "light" or "dark"; empty: follow the system


def open_store(path: str | None = None) -> QSettings:
    """An INI store: at `path` when given (tests, --data-dir), else the platform's place."""
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "veo-desktop", "veo-desktop"
    )
