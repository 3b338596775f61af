"""Small pieces of wording shared by the report's model and its renderers (kept apart
from :mod:`smguide.report.wording`, which reads the model): a sentence lowered to
continue another, and how a quotation is labelled."""

from __future__ import annotations

from smguide.i18n import N_, NAMES, _, current
from smguide.pack.models import Source

QUOTED = N_("quoted")
QUOTED_ORIGINAL = N_("quoted, original {language} text")
QUOTED_TRANSLATION = N_("quoted from {translation}; original in {original}")
# "the English translation": French agrees the adjective with "traduction".
TRANSLATIONS = {"en": N_("the English translation"), "fr": N_("the French translation")}


def lower_first(value: str) -> str:
    """A sentence as it continues another: "Ask …" -> "ask …", "N'envoyez …" -> "n'envoyez
    …" (the letter after an elided article counts), "DPJ …" and "SMS …" unchanged."""
    after = value[2:3] if value[1:2] in ("'", "’") else value[1:2]
    return value[:1].lower() + value[1:] if after.islower() or len(value) < 2 else value


def quote_label(source: Source | None) -> str:
    """How a quotation from ``source`` is labelled: "quoted" in the reader's language;
    "quoted, original English text" in another; "quoted from the English translation;
    original in French" where the quotes are taken from a translation."""
    if source is None:
        return _(QUOTED)
    original = _(NAMES.get(source.language, source.language))
    if source.quoted_from and source.quoted_from != source.language:
        translation = TRANSLATIONS.get(source.quoted_from)
        return _(QUOTED_TRANSLATION).format(
            translation=_(translation) if translation else source.quoted_from,
            original=original)
    if source.language != current():
        return _(QUOTED_ORIGINAL).format(language=original)
    return _(QUOTED)


def quote_language(source: Source | None) -> str:
    """The language of a quotation's words (for ``lang`` in HTML)."""
    return source.quote_language if source else "en"
