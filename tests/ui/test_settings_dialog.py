"""Settings: the key goes into the real system keyring (never into settings files), Test
connection reads accepted / rejected / unreachable, and a missing keyring is said plainly."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.core import load_keyring
from pytestqt.qtbot import QtBot

from veo_desktop.core.paths import Paths
from veo_desktop.core.secrets import KeyStore
from veo_desktop.core.services import Services, build_services
from veo_desktop.simulator import Simulator
from veo_desktop.ui.dialogs.settings_dialog import SettingsDialog

from .conftest import wait_until
from .helpers import controller_for


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(job_seconds=0.5, max_height=144) as s:
        yield s


def services_for(tmp_path: Path, base_url: str, store: KeyStore | None = None) -> Services:
    d = tmp_path / "data"
    return build_services(
        base_url,
        paths=Paths(d, d / "lib", d, d / "logs"),
        keystore=store or KeyStore(environ=lambda _: None),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.asyncio
async def test_save_puts_the_key_in_the_system_keyring_only(
    qtbot: QtBot,
    tmp_path: Path,
    sim: Simulator,
) -> None:
    assert (
        "SecretService"
        in type(keyring.get_keyring()).__name__ + type(keyring.get_keyring()).__module__
    ), "run with `make test` (real Secret Service)"
    services = services_for(tmp_path, "")
    dlg = SettingsDialog(services, controller_for(services))
    qtbot.addWidget(dlg)
    dlg.open()
    dlg.base_url.setText(sim.base_url + "/v1/ ")
    secret = "sk-settings-test-7c1e90f4"
    await wait_until(dlg.key.isEnabled)  # the keyring is asked off the UI thread
    dlg.key.setText(f"  {secret}\n")  # pasted with stray whitespace
    assert dlg.key.echoMode() == dlg.key.EchoMode.Password
    dlg.save()
    await wait_until(lambda: services.client.base_url == sim.base_url)
    assert keyring.get_password("veo-desktop", sim.base_url) == secret
    assert KeyStore(environ=lambda _: None).get(sim.base_url) == secret
    for f in (tmp_path / "data").rglob("*"):
        if f.is_file():
            assert secret not in f.read_text(errors="ignore"), f
    keyring.delete_password("veo-desktop", sim.base_url)
    await services.aclose()


@pytest.mark.asyncio
async def test_test_connection_reads_three_outcomes(
    qtbot: QtBot,
    tmp_path: Path,
    sim: Simulator,
) -> None:
    services = services_for(tmp_path, sim.base_url)
    dlg = SettingsDialog(services, controller_for(services))
    qtbot.addWidget(dlg)
    dlg.base_url.setText(sim.base_url)
    dlg.key.setText("sk-good")
    dlg.test_connection()
    await wait_until(lambda: "accepted" in dlg.test_result.text())
    sim.faults.unauthorized_polls_next = 1
    dlg.test_connection()
    await wait_until(lambda: "rejected" in dlg.test_result.text())
    dlg.base_url.setText(f"http://127.0.0.1:{free_port()}")
    dlg.test_connection()
    await wait_until(lambda: "unreachable" in dlg.test_result.text(), timeout=30)
    assert dlg.test_button.isEnabled()
    await services.aclose()


@pytest.mark.asyncio
async def test_no_keyring_is_said_plainly_and_nothing_is_stored(
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    services = services_for(
        tmp_path,
        "https://gw.example.com",
        KeyStore(backend=load_keyring("keyring.backends.fail.Keyring"), environ=lambda _: None),
    )
    dlg = SettingsDialog(services, controller_for(services))
    qtbot.addWidget(dlg)
    await wait_until(lambda: "VEO_API_KEY" in dlg.key_note.text())
    assert not dlg.key.isEnabled()
    await services.aclose()


@pytest.mark.asyncio
async def test_bad_url_keeps_the_dialog_open_with_a_message(
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    services = services_for(tmp_path, "")
    dlg = SettingsDialog(services, controller_for(services))
    qtbot.addWidget(dlg)
    dlg.open()
    dlg.base_url.setText("ftp://nope")
    dlg.save()
    assert dlg.isVisible() and "web address" in dlg.error.text()
    await services.aclose()
