"""The API key, kept only in the OS keyring (one entry per gateway) or given by `VEO_API_KEY`;
with no secure store every call says so, never a plain-text fallback."""

from __future__ import annotations

import os
from collections.abc import Callable

from .errors import SecretStoreError
from .i18n import msg

SERVICE = "veo-desktop"
ENV_KEY = "VEO_API_KEY"


def no_keyring_message() -> str:
    """What to tell the user when there is no secure store, in their language (a function, not
    a constant: the translator is installed after this module is imported)."""
    return msg(
        "No secure key store is available on this system, so Veo Desktop cannot save your API "
        "key. Install and unlock a keyring (GNOME Keyring, KWallet, macOS Keychain or Windows "
        "Credential Manager), or set the VEO_API_KEY environment variable before starting Veo "
        "Desktop."
    )


class KeyStore:
    """get / set / delete of the key for one gateway. `backend` is injectable for tests; by
    default it is whatever `keyring` chose (PYTHON_KEYRING_BACKEND selects one)."""

    def __init__(
        self, backend: object | None = None, environ: Callable[[str], str | None] = os.environ.get
    ) -> None:
        self._backend = backend
        self._env = environ
        # Read once per gateway: a Secret Service lookup is a blocking D-Bus round trip, and the
        # client asks for the key on every request. Memory only; never written anywhere.
        self._cache: dict[str, str | None] = {}

    @property
    def backend(self) -> object:
        if self._backend is None:
            import keyring  # deferred: backend discovery costs start-up time

            self._backend = keyring.get_keyring()
        return self._backend

    def backend_name(self) -> str:
        b = self.backend
        return f"{type(b).__module__}.{type(b).__name__}"

    def available(self) -> bool:
        """False when keyring fell back to its `fail` or `null` backend (or one with priority
        below 1, which keyring itself treats as not recommended, such as plain-text stores)."""
        b = self.backend
        mod = type(b).__module__
        if mod.startswith(("keyring.backends.fail", "keyring.backends.null")):
            return False
        priority = getattr(type(b), "priority", 1)
        try:
            return float(priority) >= 1
        except (TypeError, ValueError):
            return True

    def from_environment(self) -> bool:
        return bool((self._env(ENV_KEY) or "").strip())

    def get(self, base_url: str) -> str | None:
        env = (self._env(ENV_KEY) or "").strip()
        if env:
            return env
        if base_url in self._cache:
            return self._cache[base_url]
        if not self.available():
            return None
        try:
            value = self.backend.get_password(SERVICE, base_url)  # type: ignore[attr-defined]
        except Exception as exc:  # keyring backends raise many kinds (locked, D-Bus gone, ...)
            raise SecretStoreError(
                msg(
                    "The system keyring did not answer. Unlock it (or log in again) and retry; "
                    "or set VEO_API_KEY."
                ),
                detail=type(exc).__name__,
            ) from None
        self._cache[base_url] = value or None
        return value or None

    def known(self) -> tuple[str, ...]:
        """Every key value this process has seen, so logs can scrub them by value."""
        env = (self._env(ENV_KEY) or "").strip()
        return tuple(v for v in (env, *self._cache.values()) if v)

    def set(self, base_url: str, key: str) -> None:
        if not self.available():
            raise SecretStoreError(no_keyring_message())
        try:
            self.backend.set_password(SERVICE, base_url, key)  # type: ignore[attr-defined]
            self._cache[base_url] = key
        except Exception as exc:
            raise SecretStoreError(
                msg(
                    "The system keyring refused to store the key. Unlock it and try again, or "
                    "set VEO_API_KEY."
                ),
                detail=type(exc).__name__,
            ) from None

    def delete(self, base_url: str) -> bool:
        """True when a stored key was removed."""
        self._cache.pop(base_url, None)
        if not self.available():
            raise SecretStoreError(no_keyring_message())
        try:
            if self.backend.get_password(SERVICE, base_url) is None:  # type: ignore[attr-defined]
                return False
            self.backend.delete_password(SERVICE, base_url)  # type: ignore[attr-defined]
        except Exception as exc:
            raise SecretStoreError(
                msg("The system keyring refused to remove the key. Unlock it and try again."),
                detail=type(exc).__name__,
            ) from None
        return True
