"""The API key lives in a real keyring backend (Secret Service through gnome-keyring in the test
run's private D-Bus session), is overridden by VEO_API_KEY, and never falls back to plain text."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import keyring
import pytest
from keyring.core import load_keyring

from veo_desktop.core.errors import SecretStoreError
from veo_desktop.core.secrets import ENV_KEY, KeyStore


def real_backend_or_fail() -> object:
    backend = keyring.get_keyring()
    # make test runs this inside dbus-run-session with gnome-keyring unlocked; a plain pytest
    # run without it must fail loudly rather than pass against a fake.
    assert "SecretService" in type(backend).__module__ + type(backend).__name__, (
        f"expected the Secret Service backend, got {backend!r}; run the suite with `make test`"
    )
    return backend


def test_key_round_trip_through_the_system_keyring() -> None:
    real_backend_or_fail()
    store = KeyStore(environ=lambda _: None)
    url = f"https://gw-{uuid.uuid4().hex[:6]}.example.com"
    assert store.available()
    assert store.get(url) is None
    store.set(url, "sk-round-trip")
    assert KeyStore(environ=lambda _: None).get(url) == "sk-round-trip"  # a fresh reader sees it
    assert keyring.get_password("veo-desktop", url) == "sk-round-trip"
    assert store.delete(url) is True
    assert store.get(url) is None and store.delete(url) is False


def test_keys_are_per_gateway() -> None:
    real_backend_or_fail()
    store = KeyStore(environ=lambda _: None)
    a, b = "https://a.example.com", "https://b.example.com"
    store.set(a, "sk-a")
    store.set(b, "sk-b")
    try:
        assert (store.get(a), store.get(b)) == ("sk-a", "sk-b")
    finally:
        store.delete(a)
        store.delete(b)


def test_environment_variable_wins_and_is_never_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    real_backend_or_fail()
    url = "https://env.example.com"
    monkeypatch.setenv(ENV_KEY, "  sk-from-env ")
    store = KeyStore()
    assert store.get(url) == "sk-from-env" and store.from_environment()
    monkeypatch.delenv(ENV_KEY)
    assert store.get(url) is None  # reading it did not copy it into the keyring


def test_no_backend_says_so_and_never_writes_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = KeyStore(backend=load_keyring("keyring.backends.fail.Keyring"), environ=lambda _: None)
    assert not store.available()
    assert store.get("https://x.example") is None
    with pytest.raises(SecretStoreError) as e:
        store.set("https://x.example", "sk-secret-value")
    assert "VEO_API_KEY" in e.value.message and "keyring" in e.value.message
    assert "sk-secret-value" not in "".join(
        p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file()
    )
    assert os.environ.get(ENV_KEY) is None
