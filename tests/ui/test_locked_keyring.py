"""A locked keyring (Secret Service waiting for an unlock that never comes, or refusing):
Settings opens at once, says the keyring is locked and what to do, keeps the rest usable, and
opens again afterwards. The offline demo never asks the keyring."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.errors import KeyringLocked
from pytestqt.qtbot import QtBot

from veo_desktop.core.secrets import KeyStore
from veo_desktop.ui import keyring_calls
from veo_desktop.ui.dialogs.settings_dialog import SettingsDialog

from .conftest import wait_until
from .helpers import controller_for, make_rig
from .test_settings_dialog import services_for


class LockedKeyring:
    """A keyring backend whose every call waits for an unlock, then refuses."""

    priority = 5

    def __init__(self, wait: float) -> None:
        self.wait = wait
        self.unlocked = threading.Event()
        self.calls: list[str] = []

    def _locked(self, name: str) -> None:
        self.calls.append(name)
        self.unlocked.wait(self.wait)
        raise KeyringLocked("the collection is locked")

    def get_password(self, service: str, user: str) -> str | None:
        self._locked("get")
        return None

    def set_password(self, service: str, user: str, password: str) -> None:
        self._locked("set")

    def delete_password(self, service: str, user: str) -> None:
        self._locked("delete")


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring_calls, "KEYRING_TIMEOUT_S", 0.3)


@pytest.fixture
def hanging() -> Iterator[LockedKeyring]:
    backend = LockedKeyring(wait=30)  # stands for "forever"; released when the test ends
    yield backend
    backend.unlocked.set()


def locked_state_shown(dlg: SettingsDialog) -> bool:
    return "locked or not answering" in dlg.key_note.text() and dlg.retry_keyring.isVisible()


@pytest.mark.asyncio
@pytest.mark.usefixtures("short_wait")
async def test_a_hanging_keyring_leaves_settings_usable_with_a_locked_state(
    qtbot: QtBot,
    tmp_path: Path,
    hanging: LockedKeyring,
) -> None:
    store = KeyStore(backend=hanging, environ=lambda _: None)
    services = services_for(tmp_path, "https://gw.example.com", store)
    dlg = SettingsDialog(
        services, controller_for(services)
    )  # returns at once: the keyring is asked off this thread
    qtbot.addWidget(dlg)
    dlg.open()
    await wait_until(lambda: locked_state_shown(dlg), timeout=5)
    assert "Unlock it" in dlg.key_note.text()
    assert not dlg.key.isEnabled()
    for control in (dlg.base_url, dlg.folder, dlg.concurrent, dlg.test_button):
        assert control.isEnabled()
    dlg.concurrent.setValue(4)
    dlg.save()  # no key typed: everything else is saved without the keyring
    assert not dlg.isVisible() and services.settings.max_concurrent_jobs == 4
    await services.aclose()


@pytest.mark.asyncio
@pytest.mark.usefixtures("short_wait")
async def test_a_refusing_keyring_shows_the_same_state_and_try_again_asks_anew(
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    backend = LockedKeyring(wait=0)
    store = KeyStore(backend=backend, environ=lambda _: None)
    services = services_for(tmp_path, "https://gw.example.com", store)
    dlg = SettingsDialog(services, controller_for(services))
    qtbot.addWidget(dlg)
    dlg.open()
    await wait_until(lambda: locked_state_shown(dlg), timeout=5)
    asked = len(backend.calls)
    dlg.retry_keyring.click()
    await wait_until(lambda: len(backend.calls) > asked and locked_state_shown(dlg), timeout=5)
    await services.aclose()


@pytest.mark.asyncio
@pytest.mark.usefixtures("short_wait")
async def test_settings_opens_again_after_a_locked_keyring(
    qtbot: QtBot,
    tmp_path: Path,
    hanging: LockedKeyring,
) -> None:
    store = KeyStore(backend=hanging, environ=lambda _: None)
    r = make_rig(tmp_path, key=None, demo=False, keystore=store)
    try:
        r.window.show()
        first = r.window.open_settings()
        await wait_until(lambda: locked_state_shown(first), timeout=5)
        first.reject()
        second = r.window.open_settings()
        assert second.isVisible() and second is not first
        await wait_until(lambda: locked_state_shown(second), timeout=5)
    finally:
        r.close()
        await r.services.aclose()


@pytest.mark.asyncio
async def test_the_demo_never_asks_the_keyring(
    qtbot: QtBot,
    tmp_path: Path,
    hanging: LockedKeyring,
) -> None:
    store = KeyStore(backend=hanging, environ=lambda _: None)
    r = make_rig(tmp_path, demo=True, keystore=store)
    try:
        r.window.show()
        dlg = r.window.open_settings()
        assert "demo" in dlg.key_note.text() and not dlg.key.isEnabled()
        dlg.test_connection()
        await wait_until(lambda: "accepted" in dlg.test_result.text(), timeout=10)
        dlg.save()
        assert not dlg.isVisible()
        assert hanging.calls == []
    finally:
        r.close()
        await r.services.aclose()
