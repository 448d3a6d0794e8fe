"""The app's language (English or Simplified Chinese: the one picked in Settings, else the
system's) and its translators: ours (resources/i18n/*.qm), Qt's own, and core's messages'."""

from __future__ import annotations

import re
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core import i18n as text

#: Language code -> its own name (shown in Settings in that language, as people look for it).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SOURCE_LANGUAGE = "en"
CATALOG = "veo_desktop"


def tr(text: str) -> str:
    """Translate text outside a QObject (module tables, worker threads; Qt's translate is
    thread-safe). The empty context is the one pyside6-lupdate files a bare `tr("...")` under,
    which is why every module imports this one function rather than naming its own context."""
    return QCoreApplication.translate("", text)


_ARG = re.compile(r"%([1-9])")


def arg(text: str, *values: object) -> str:
    """Fill Qt's numbered placeholders (%1, %2 ...: the one style our translations use) in a
    single pass, so a value that itself holds "%2" (a prompt) is left as it is."""

    def fill(m: re.Match[str]) -> str:
        i = int(m.group(1)) - 1
        return str(values[i]) if i < len(values) else m.group(0)

    return _ARG.sub(fill, text)


def choose(setting: str, system: QLocale | None = None) -> str:
    """The language to use: the setting when it names one we ship, else the system's."""
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    # Any Chinese locale that is not Traditional gets Simplified Chinese; everyone else English.
    if locale.language() == QLocale.Language.Chinese and locale.script() not in (
        QLocale.Script.TraditionalChineseScript,
    ):
        return "zh_CN"
    return SOURCE_LANGUAGE


def catalog_path(language: str) -> str | None:
    """Where our compiled translation for `language` is, if it was built (from the .ts files,
    by `scripts/i18n.py build`)."""
    ref = resources.files("veo_desktop.resources").joinpath("i18n", f"{CATALOG}_{language}.qm")
    return str(ref) if ref.is_file() else None


def available() -> list[str]:
    """Languages whose catalog exists (English always does: it is the source)."""
    return [lang for lang in LANGUAGES if lang == SOURCE_LANGUAGE or catalog_path(lang)]


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load `language` into `app`; returns the translators (keep them alive). English
    installs nothing. Core messages are routed through the same catalogs either way."""
    installed: list[QTranslator] = []
    if language != SOURCE_LANGUAGE:
        ours = catalog_path(language)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for path, directory in ((ours, None), (f"qtbase_{language}", qt_dir)):
            if path is None:
                continue
            t = QTranslator(app)
            if (t.load(path, directory) if directory else t.load(path)) and app.installTranslator(
                t
            ):
                installed.append(t)
        QLocale.setDefault(QLocale(language))
    text.set_translator(lambda template: QCoreApplication.translate(text.CONTEXT, template))
    return installed


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for t in translators:
        app.removeTranslator(t)
    QLocale.setDefault(QLocale(QLocale.Language.English))
    text.set_translator(None)
