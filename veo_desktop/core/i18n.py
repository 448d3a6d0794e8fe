"""User-visible text from core in the user's language, without Qt: core writes `msg("English
template {name}", name=value)`; the app installs a translator, the CLI keeps English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# The app's translator is Qt's, looking core's templates up in this context.
CONTEXT = "core"

_translate: Callable[[str], str] = lambda template: template  # noqa: E731  English until set


def set_translator(translate: Callable[[str], str] | None) -> None:
    """Install the function that maps an English template to the user's language (None: back
    to English)."""
    global _translate
    _translate = translate if translate is not None else (lambda template: template)


# `scripts/i18n.py` collects every `msg("...")` template for the translation files, so a
# template must be a plain string literal.
def msg(template: str, /, **values: Any) -> str:
    """The template in the user's language with `{name}` fields filled in. A translation that
    names a field the template does not have falls back to English rather than failing."""
    text = _translate(template)
    try:
        return text.format(**values) if values else text
    except (KeyError, IndexError, ValueError):
        return template.format(**values) if values else template
