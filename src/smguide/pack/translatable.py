"""Translatable text: a plain string (English) or a mapping of language code to string.

Every text a user reads is a ``Text`` so a French translation can be added later
by turning ``"Yes"`` into ``{en: "Yes", fr: "Oui"}`` without restructuring a file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from smguide.pack.markers import Plain

DEFAULT_LANGUAGE = "en"


class Localized(dict[str, str]):
    """Language code -> text. ``str()`` gives the default language."""

    def get_text(self, language: str = DEFAULT_LANGUAGE) -> str:
        if language in self:
            return self[language]
        if DEFAULT_LANGUAGE in self:
            return self[DEFAULT_LANGUAGE]
        return next(iter(self.values()), "")

    def __str__(self) -> str:
        # The language the CLI chose (smguide.i18n); the engine uses get_text() for keys.
        return self.get_text(_language())


def _language() -> str:
    """smguide.i18n's current language, its function looked up once (a page reads
    hundreds of texts); imported late, as i18n is not needed to load a pack."""
    global _current
    if _current is None:
        from smguide.i18n import current

        _current = current
    return _current()


_current: Callable[[], str] | None = None


def _to_localized(value: Any) -> Localized:
    if isinstance(value, Localized):
        return value
    if isinstance(value, str):
        return Localized({DEFAULT_LANGUAGE: value})
    if isinstance(value, dict) and value:
        out = Localized()
        for key, text in value.items():
            if not isinstance(key, str) or not (2 <= len(key) <= 5) or not key.isalpha():
                raise ValueError(f"text keys are language codes such as 'en' or 'fr', not {key!r}")
            if not isinstance(text, str):
                raise ValueError(f"the {key!r} text must be a string")
            out[key] = text
        if DEFAULT_LANGUAGE not in out:
            raise ValueError("a translated text needs an 'en' entry")
        return out
    raise ValueError("expected a text: a string, or a mapping such as {en: ..., fr: ...}")


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"en": {"type": "string"}},
            "required": ["en"],
            "additionalProperties": {"type": "string"},
        },
    ]
}

Text = Annotated[Localized, Plain(_to_localized, _TEXT_SCHEMA)]
