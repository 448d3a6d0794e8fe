"""Settings: gateway URL and key (the key only in the OS keyring, asked off the UI thread), the
dialect and what the gateway's clips showed, folder, jobs at once, language, appearance."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot
from shiboken6 import Shiboken

from ...core.config import SharedSettings, normalize_base_url, normalize_key
from ...core.errors import AuthError, InvalidInputError, NetworkError, VeoError
from ...core.gateway.client import GatewayClient
from ...core.gateway.dialects import Dialect
from ...core.secrets import KeyStore, no_keyring_message
from ...core.services import Services
from .. import appearance, i18n, keyring_calls
from .. import settings as opts
from ..i18n import arg
from ..jobs.controller import JobController
from ..keyring_calls import KeyringTimeout


class SettingsDialog(QDialog):
    saved = Signal()
    language_changed = False  # set by save(): the new language shows after a restart

    def __init__(
        self,
        services: Services,
        controller: JobController,
        parent: QWidget | None = None,
        *,
        store: QSettings | None = None,
        demo: bool = False,
    ) -> None:
        super().__init__(parent)
        self.services = services  # read to fill the form; changes go through `controller.apply`
        self.controller = controller
        self.demo = demo  # the offline demo needs no key: the keyring is never asked
        self._keyring_task: asyncio.Task[None] | None = None
        self._save_task: asyncio.Task[None] | None = None
        self.store = store  # window-side settings (the language); None in the CLI-free tests
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        s = services.settings

        self.base_url = QLineEdit(s.base_url or services.client.base_url)
        self.base_url.setPlaceholderText("https://api.example.com")
        self.base_url.setAccessibleName(self.tr("Gateway base URL"))
        form.addRow(self.tr("Gateway URL"), self.base_url)

        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setAccessibleName(self.tr("API key"))
        self.key.setPlaceholderText(self.tr("sk-…  (stored in the system keyring)"))
        self.show_key = QCheckBox(self.tr("Show"))
        self.show_key.toggled.connect(
            lambda on: self.key.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.retry_keyring = QPushButton(self.tr("Try again"))
        self.retry_keyring.setAccessibleName(self.tr("Ask the keyring again"))
        self.retry_keyring.clicked.connect(self._ask_keyring)
        self.retry_keyring.hide()
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        key_row.addWidget(self.retry_keyring)
        form.addRow(self.tr("API key"), key_row)
        self.key_note = QLabel()
        self.key_note.setWordWrap(True)
        form.addRow("", self.key_note)

        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setAccessibleName(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(self.tr("Connection test result"))
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow("", test_row)

        # The request dialect: which fields this gateway reads (core/gateway/dialects.py).
        self.dialect = QComboBox()
        self.dialect.setAccessibleName(self.tr("Request dialect"))
        self.dialect_note = QLabel()
        self.dialect_note.setWordWrap(True)
        form.addRow(self.tr("Request dialect"), self.dialect)
        form.addRow("", self.dialect_note)

        # What this gateway's clips showed when checked against their requests (core/checks).
        self.habits = QLabel()
        self.habits.setWordWrap(True)
        self.habits.setAccessibleName(self.tr("What this gateway's clips showed"))
        self.forget_habits = QPushButton(self.tr("Forget"))
        self.forget_habits.setAccessibleName(self.tr("Forget what this gateway's clips showed"))
        self.forget_habits.setToolTip(
            self.tr("Start counting afresh, for example after the gateway was fixed")
        )
        self.forget_habits.clicked.connect(self._forget_habits)
        habits_row = QHBoxLayout()
        habits_row.addWidget(self.habits, 1)
        habits_row.addWidget(self.forget_habits)
        form.addRow(self.tr("Clip checks"), habits_row)
        self._forget_task: asyncio.Task[None] | None = None

        self.folder = QLineEdit(str(services.paths.library_dir))
        self.folder.setAccessibleName(self.tr("Download folder"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow(self.tr("Download folder"), folder_row)

        self.concurrent = QSpinBox()
        self.concurrent.setRange(1, 10)
        self.concurrent.setValue(s.max_concurrent_jobs)
        self.concurrent.setAccessibleName(self.tr("Jobs at once"))
        form.addRow(self.tr("Jobs at once"), self.concurrent)

        self.insecure = QCheckBox(
            self.tr("Allow plain http to a non-local gateway (sends the key unencrypted)")
        )
        self.insecure.setChecked(s.allow_insecure_http)
        form.addRow("", self.insecure)
        self._fill_dialect()  # reads the URL box, which needs the http choice above

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System default"), "")
        for code in i18n.available():
            self.language.addItem(i18n.LANGUAGES[code], code)
        self.appearance = QComboBox()
        self.appearance.setAccessibleName(self.tr("Appearance"))
        for code, label in (
            ("", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.appearance.addItem(label, code)
        if store is not None:
            self.language.setCurrentIndex(max(0, self.language.findData(opts.LANGUAGE.get(store))))
            form.addRow(self.tr("Language"), self.language)
            self.appearance.setCurrentIndex(
                max(0, self.appearance.findData(opts.APPEARANCE.get(store)))
            )
            form.addRow(self.tr("Appearance"), self.appearance)
        else:
            self.language.hide()
            self.appearance.hide()

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(appearance.problem_style(self))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)
        self._folder_dialog: QFileDialog | None = None
        self._init_key_state()

    def _init_key_state(self) -> None:
        store = self.services.keystore
        if self.demo:
            self.key_note.setText(
                self.tr("The offline demo needs no API key; the system keyring is not used.")
            )
            self.key.setEnabled(False)
        elif store.from_environment():
            self.key_note.setText(
                self.tr(
                    "Using the key from the VEO_API_KEY environment variable; it is never stored."
                )
            )
            self.key.setEnabled(False)
        else:
            self._ask_keyring()

    def _ask_keyring(self) -> None:
        """Which keyring there is and whether it holds a key, asked off the UI thread."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # built outside the app's loop (a sync test): nothing can answer
            self.key.setEnabled(False)
            return
        if self._keyring_task is None or self._keyring_task.done():
            self._keyring_task = loop.create_task(self._read_keyring())

    async def _read_keyring(self) -> None:
        self.key.setEnabled(False)
        self.retry_keyring.hide()
        self.key_note.setText(self.tr("Asking the system keyring…"))
        url = self.services.client.base_url
        try:
            state = await keyring_calls.call(
                lambda: _keyring_state(self.services.keystore, url), late=self._late_keyring
            )
        except (KeyringTimeout, VeoError):
            self._show_keyring_locked()
            return
        self._show_keyring(state)

    def _late_keyring(self, state: tuple[bool, str, bool]) -> None:
        """The keyring answered after all (unlocked at its own prompt): show it, if we are."""
        if Shiboken.isValid(self) and self.isVisible():
            self._show_keyring(state)

    def _show_keyring(self, state: tuple[bool, str, bool]) -> None:
        available, backend, stored = state
        self.retry_keyring.hide()
        if not available:
            self.key_note.setText(no_keyring_message())
            return
        self.key.setEnabled(True)
        self.key_note.setText(arg(self.tr("Kept only in the system keyring (%1)."), backend))
        if stored:
            self.key.setPlaceholderText(self.tr("A key is stored; type to replace it"))

    def _show_keyring_locked(self) -> None:
        self.key.setEnabled(False)
        self.key_note.setText(
            self.tr(
                "The system keyring is locked or not answering. Unlock it (for example, log in "
                "to your desktop's keyring), then choose Try again. The other settings can be "
                "changed and saved meanwhile."
            )
        )
        self.retry_keyring.show()

    def done(self, result: int) -> None:
        try:
            running = asyncio.current_task()
        except RuntimeError:  # no loop running (a test closing the dialog)
            running = None
        for task in (self._keyring_task, self._save_task, self._forget_task):
            if task is not None and task is not running:
                task.cancel()  # nobody is left to show what the keyring answers
        super().done(result)

    def _choose_folder(self) -> None:
        dlg = QFileDialog(self, self.tr("Download folder"), self.folder.text())
        dlg.setFileMode(QFileDialog.FileMode.Directory)
        dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dlg.fileSelected.connect(self.folder.setText)
        self._folder_dialog = dlg
        dlg.open()

    def _url(self) -> str:
        return normalize_base_url(
            self.base_url.text(), allow_insecure_http=self.insecure.isChecked()
        )

    def _typed_or_stored_key(self, url: str) -> str | None:
        typed = normalize_key(self.key.text())
        if typed:
            return typed
        if self.demo:
            return self.services.client.key_provider()  # the demo's own key, no keyring
        return self.services.keystore.get(url)

    def _fill_dialect(self) -> None:
        """Automatic (with what was detected) or one the user picks, for the URL in the box."""
        try:
            url = self._url()
        except InvalidInputError:
            url = self.services.client.base_url
        profile = self.services.client.profiles.get(url) if url else None
        detected = profile.detected if profile else None
        auto = (
            arg(self.tr("Automatic (detected: %1)"), detected)
            if detected
            else self.tr("Automatic (not detected yet)")
        )
        self.dialect.clear()
        self.dialect.addItem(auto, "")
        self.dialect.addItem(self.tr("Documented fields (the gateway's page)"), "documented")
        self.dialect.addItem(self.tr("new-api (settings under metadata, size as WxH)"), "new-api")
        chosen = profile.override if profile and profile.override else ""
        self.dialect.setCurrentIndex(max(0, self.dialect.findData(chosen)))
        note = self.tr(
            "Gateways read different fields. new-api drops the end frame, the 2nd and 3rd "
            "reference, extension and image links; Veo Desktop warns before sending those."
        )
        if profile and profile.evidence and not profile.override:
            # One string with both parts, so Chinese can drop the space after its full stop.
            note = arg(self.tr("%1 Detected from: %2."), note, profile.evidence)
        self.dialect_note.setText(note)
        self._fill_habits(url)

    def _fill_habits(self, url: str) -> None:
        """The worrying tallies of the gateway at `url`, or that there are none and of how many
        checked clips; Forget is offered while there is a tally."""
        tally = self.controller.habits(url) if url else []
        worrying = [h for h in tally if h.worrying]
        # Every checked clip is counted once per check; its mode's busiest check counts them.
        clips: dict[str, int] = {}
        for h in tally:
            clips[h.mode.value] = max(clips.get(h.mode.value, 0), h.total)
        checked = sum(clips.values())
        if worrying:
            text = "\n".join(f"⚠ {h.text}" for h in worrying[:5])
        elif not checked:
            text = self.tr("No clips checked yet.")
        elif any(h.failed for h in tally):
            text = self.tr("No repeated problems so far; clips checked: %1.")
        else:
            text = self.tr("No problems seen so far; clips checked: %1.")
        self.habits.setStyleSheet(appearance.problem_style(self, warning=True) if worrying else "")
        self.habits.setText(arg(text, str(checked)))
        self.forget_habits.setEnabled(bool(tally))

    def _forget_habits(self) -> None:
        try:
            url = self._url()
        except InvalidInputError:
            return
        if self._forget_task is None or self._forget_task.done():
            self._forget_task = asyncio.ensure_future(self._forget(url))

    async def _forget(self, url: str) -> None:
        self.forget_habits.setEnabled(False)
        await self.controller.forget_habits(url)
        if Shiboken.isValid(self):
            self._fill_habits(url)

    @asyncSlot()
    async def test_connection(self) -> None:
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Testing…"))
        try:
            url = self._url()
            key = await keyring_calls.call(lambda: self._typed_or_stored_key(url))
            probe = GatewayClient(
                url, self.services.http, lambda: key, profiles=self.services.client.profiles
            )
            await probe.check_key()  # also learns the gateway's dialect
            self.test_result.setText(self.tr("✔ Key accepted."))
            self._fill_dialect()
        except AuthError:
            self.test_result.setText(self.tr("✘ Key rejected. Check the key for this gateway."))
        except NetworkError:
            self.test_result.setText(
                self.tr("✘ Gateway unreachable. Check the URL and your connection.")
            )
        except VeoError as exc:
            self.test_result.setText(exc.message)
        except KeyringTimeout:
            self.test_result.setText(
                self.tr("✘ The system keyring is locked or not answering; unlock it and retry.")
            )
        finally:
            self.test_button.setEnabled(True)

    def save(self) -> None:
        """Check the URL at once; a typed key goes to the keyring off the UI thread first."""
        try:
            url = self._url()
        except InvalidInputError as exc:
            self.error.setText(exc.message)
            return
        key = normalize_key(self.key.text()) if self.key.isEnabled() else ""
        if not key:
            self._apply(url)
        elif self._save_task is None or self._save_task.done():
            self._save_task = asyncio.ensure_future(self._store_key_then_apply(url, key))

    async def _store_key_then_apply(self, url: str, key: str) -> None:
        self.save_button.setEnabled(False)
        self.error.setText(self.tr("Saving the key in the system keyring…"))
        try:
            await keyring_calls.call(lambda: self.services.keystore.set(url, key))
        except VeoError as exc:
            self.error.setText(exc.message)
            return
        except KeyringTimeout:
            self._show_keyring_locked()
            self.error.setText(
                self.tr(
                    "The key was not saved: the system keyring is locked or not answering. "
                    "Unlock it and save again."
                )
            )
            return
        finally:
            self.save_button.setEnabled(True)
        self.error.clear()
        self._apply(url)

    def _apply(self, url: str) -> None:
        s: SharedSettings = self.services.settings
        s.base_url = url
        s.library_dir = self.folder.text().strip()
        s.max_concurrent_jobs = self.concurrent.value()
        s.allow_insecure_http = self.insecure.isChecked()
        dialect = Dialect.parse(str(self.dialect.currentData() or ""))
        self.controller.apply(s, self.services.paths.config_file, dialect)
        self.key.clear()
        if self.store is not None:
            chosen = self.language.currentData() or ""
            self.language_changed = chosen != opts.LANGUAGE.get(self.store)
            opts.LANGUAGE.set(self.store, chosen)
            scheme = self.appearance.currentData() or ""
            opts.APPEARANCE.set(self.store, scheme)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                appearance.apply(app, scheme)  # takes effect at once, unlike the language
        self.saved.emit()
        self.accept()


def _keyring_state(store: KeyStore, url: str) -> tuple[bool, str, bool]:
    """(a secure store exists, its short name, a key is stored for `url`): one trip to the
    keyring, on a worker thread (backend discovery and each lookup may block on D-Bus)."""
    if not store.available():
        return False, "", False
    backend = store.backend_name().rsplit(".", 2)[-2]
    return True, backend, bool(url and store.get(url))
