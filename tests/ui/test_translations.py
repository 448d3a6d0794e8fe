"""English and Simplified Chinese: every string extracted from the UI and core has a finished
Chinese translation (a new string without one fails here), and with Chinese chosen the main
window, the settings and the job list show no English words."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from veo_desktop.core import i18n as text
from veo_desktop.core.jobs.job import JobState
from veo_desktop.core.request.models import Mode
from veo_desktop.ui import i18n
from veo_desktop.ui.dialogs.settings_dialog import SettingsDialog
from veo_desktop.ui.jobs.roles import StatusTextRole

from .helpers import make_rig

ROOT = Path(__file__).resolve().parents[2]

#: Words that stay as they are in Chinese UI: names, units and formats.
KEEP = {
    "veo", "api", "url", "http", "https", "mp4", "png", "jpeg", "jpg", "webp", "json", "sk",
    "ctrl", "shift", "return", "enter", "del", "delete", "space", "esc", "usd", "fps", "mb",
    "kb", "gb", "veo_api_key", "veo_base_url", "secretservice", "keyring", "example", "com",
    "api.example.com", "utc", "gnome", "desktop", "english",
    "new-api", "metadata", "wxh",  # a gateway's name and the request fields it reads
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z_.-]{2,}")
MODEL_ID = re.compile(r"veo3\.1-[a-z0-9-]+")


def _i18n_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_string_has_a_finished_chinese_translation() -> None:
    problems = _i18n_script().check("zh_CN")
    assert problems == [], "\n".join(problems[:40])


def test_every_string_uses_one_placeholder_style() -> None:
    # The window's strings take Qt's %1 (filled by ui.i18n.arg), core's take {name}: a
    # translator sees no printf-style %s or %d, whose order a translation cannot change.
    ts = ROOT / "resources" / "i18n" / "veo_desktop_zh_CN.ts"
    sources = re.findall(r"<source>(.*?)</source>", ts.read_text(encoding="utf-8"), re.S)
    printf = [s for s in sources if re.search(r"%[sd]", s)]
    assert printf == []


def test_language_comes_from_the_setting_or_the_system_locale() -> None:
    zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    tw = QLocale(
        QLocale.Language.Chinese, QLocale.Script.TraditionalChineseScript, QLocale.Country.Taiwan
    )
    en = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert i18n.choose("", zh) == "zh_CN"
    assert i18n.choose("", en) == "en"
    assert i18n.choose("", tw) == "en"  # no Traditional catalog: English rather than wrong script
    assert i18n.choose("en", zh) == "en"  # the user's choice wins
    assert i18n.choose("zh_CN", en) == "zh_CN"
    assert "zh_CN" in i18n.available()  # built by `make setup`


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = i18n.install(qapp, "zh_CN")
    assert translators, "the zh_CN catalog did not load; run `make setup`"
    yield
    i18n.uninstall(qapp, translators)


def english_words(widget: QWidget) -> list[str]:
    """Latin-script words in every text a user can see or hear in `widget`'s tree."""
    texts: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if w.objectName().startswith("qt_"):
            continue
        texts += [w.toolTip(), w.accessibleName(), w.windowTitle() if w.isWindow() else ""]
        if isinstance(w, QLabel | QAbstractButton | QGroupBox):
            texts.append(w.title() if isinstance(w, QGroupBox) else w.text())
        if isinstance(w, QLineEdit | QPlainTextEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
            texts += [w.tabToolTip(i) for i in range(w.count())]
        if isinstance(w, QMenu):
            texts += [a.text() for a in w.actions()]
        texts += [a.text() for a in w.actions()] + [a.toolTip() for a in w.actions()]
    found = []
    for t in texts:
        t = MODEL_ID.sub("", re.sub(r"<[^>]+>", " ", t or ""))
        found += [w for w in WORD.findall(t) if w.lower().strip(".-") not in KEEP]
    return sorted(set(found))


def test_chinese_main_window_settings_and_job_list_show_no_english(
    qtbot: QtBot,
    tmp_path: Path,
    chinese: None,
) -> None:
    assert text.msg("Retry") != "Retry"  # core messages follow the language too
    r = make_rig(tmp_path)
    try:
        win = r.window
        j = r.services.journal
        for state in (JobState.RUNNING, JobState.COMPLETED, JobState.FAILED, JobState.DOWNLOADED):
            job = j.create(
                mode=Mode.FRAMES,
                model="veo3.1-fast-video-720p",
                prompt="测试",
                negative_prompt="",
                request={},
            )
            j.update(job.id, state=state, error_message=None)
            stored = j.get(job.id)
            assert stored is not None
            win.model.upsert(stored)
        win.show()
        for mode in win.compose:  # each tab is built on first showing: show them all
            win.show_tab(mode)
        QApplication.processEvents()
        leaks = english_words(win)
        for row in range(win.model.rowCount()):
            index = win.model.index(row, 0)
            for role in (StatusTextRole, Qt.ItemDataRole.AccessibleTextRole):
                leaks += english_words_in(str(win.model.data(index, role) or ""))
        dlg = SettingsDialog(r.services, r.controller, win, store=win.store)
        leaks += english_words(dlg)
        for menu in win.menuBar().findChildren(QMenu):
            leaks += english_words_in(menu.title())
        assert sorted(set(leaks)) == [], " ".join(sorted(set(leaks)))
    finally:
        r.close()


def english_words_in(t: str) -> list[str]:
    t = MODEL_ID.sub("", t)
    return [w for w in WORD.findall(t) if w.lower().strip(".-") not in KEEP]


def test_chinese_help_shows_every_shortcut_label_in_chinese(
    qtbot: QtBot,
    tmp_path: Path,
    chinese: None,
) -> None:
    """Help ▸ Keyboard shortcuts under zh_CN: the labels built in the menu code (send, the tab
    keys, search, play, paste) were filed under the wrong context and stayed English."""
    r = make_rig(tmp_path)
    try:
        rows = r.window.menus.shortcut_rows()
        labels = [what for what, _keys in rows]
        assert "发送任务" in labels and "搜索素材库" in labels
        leaks = [w for what in labels for w in english_words_in(what)]
        assert leaks == [], leaks
    finally:
        r.close()


def test_a_prompt_holding_a_placeholder_is_shown_as_typed(qapp: QApplication) -> None:
    # Placeholders are filled in one pass (ui.i18n.arg): a prompt with "%2" in it must not take
    # the failure's reason in place of its own words.
    from veo_desktop.core.jobs.job import Job
    from veo_desktop.ui.jobs.notifier import notification_for

    job = Job(
        id="j1", task_id="t1", state=JobState.FAILED, mode=Mode.TEXT, model="veo3.1-fast",
        prompt="a 100%2 cotton flag", negative_prompt="", request={}, progress=None,
        remote_status="failed", video_url=None, video_path=None, error_kind="server",
        error_message="Upstream is busy.", replies=[], poll_count=1, created_at=0.0,
        updated_at=1.0, submitted_at=0.0, completed_at=None, downloaded_at=None,
        link_seen_at=None,
    )  # fmt: skip
    found = notification_for(job)
    assert found is not None
    message = found[1]
    assert message.startswith("“a 100%2 cotton flag”: Upstream is busy.")
    assert i18n.arg("%1 of %2", "%2", 5) == "%2 of 5"
