"""The interface language: chosen once at the command-line edge, read everywhere else.

Precedence: ``--lang en|fr``, then ``SMGUIDE_LANG``, then the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``: ``fr_CA.UTF-8`` gives ``fr``), then English.

:func:`set_language` is called by :mod:`smguide.cli` only. Pure code never takes the
language as an argument: pack texts (``str()`` of a :class:`smguide.pack.translatable.Localized`)
and interface texts (:func:`_`, :func:`ngettext`) read :func:`current`. The engine picks
no text at all (it returns ids and pack objects), so it does not depend on this module.

Interface texts go through the standard library's gettext with the catalog in
``smguide/locale/<lang>/LC_MESSAGES/smguide.mo`` (source: the ``.po`` beside it). The
catalog is loaded on the first French text only: English runs and ``--help`` never
import gettext.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

DEFAULT = "en"
LANGUAGES = ("en", "fr")
DOMAIN = "smguide"
LOCALE_DIR = Path(__file__).parent / "locale"
ENV = "SMGUIDE_LANG"
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")

# A context variable, not a plain global: the web server (smguide.web) answers each
# request in its own language, and each request runs in its own context.
_current: ContextVar[str] = ContextVar("smguide_language", default=DEFAULT)


def current() -> str:
    """The language of everything printed for a person (``en`` until the CLI sets it)."""
    return _current.get()


def set_language(language: str) -> None:
    _current.set(language if language in LANGUAGES else DEFAULT)


def normalize(value: str) -> str | None:
    """``fr``, ``fr_CA.UTF-8``, ``fr-CA``, ``FR`` -> ``fr``; None if not a language we have.
    ``C`` and ``POSIX`` are no language: None."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def from_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` (last one wins), if any and known; stops at ``--``.

    A cheap peek before the typer app is built, so that ``--help`` can be French. An
    unknown value is left for click to refuse with its usual one-line usage error."""
    found: str | None = None
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return normalize(found) if found is not None else None


def choose(flag: str | None, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The language, and a warning to show when ``SMGUIDE_LANG`` names one we lack."""
    if flag is not None and normalize(flag):
        return normalize(flag) or DEFAULT, None
    warning = None
    wanted = environ.get(ENV, "").strip()
    if wanted:
        language = normalize(wanted)
        if language:
            return language, None
        warning = (f"{ENV}={wanted!r} is not a language smguide speaks "
                   f"({', '.join(LANGUAGES)}); using the locale or English")
    for name in LOCALE_ENV:
        value = environ.get(name, "").strip()
        if value:  # the first one set decides, as for any gettext program
            return normalize(value) or DEFAULT, warning
    return DEFAULT, warning


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    """The language's catalog; a damaged one (empty, cut short, corrupt, a folder in
    its place) is no catalog: English, never a traceback."""
    import gettext

    try:
        return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language],
                                   fallback=True)
    except Exception:  # whatever a broken .mo raises (OSError, struct.error, ...)
        return gettext.NullTranslations()


def _(message: str) -> str:
    """The interface text ``message`` (English, the msgid) in the current language."""
    language = _current.get()
    if language == DEFAULT:
        return message
    return _checked(_catalog(language).gettext(message), message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural by the current language's rule (French: 0 and 1 are singular)."""
    english = singular if n == 1 else plural
    language = _current.get()
    if language == DEFAULT:
        return english
    return _checked(_catalog(language).ngettext(singular, plural, n), english, plural)


def _checked(translated: str, *english: str) -> str:
    """The translation, unless it names a placeholder the English does not (a renamed
    ``{word}`` would fail when filled in): then the English text."""
    if translated in english or ("{" not in translated and "%(" not in translated):
        return translated
    allowed = set().union(*map(_fields, english))
    return translated if _fields(translated) <= allowed else english[0]


@cache
def _fields(text: str) -> frozenset[str]:
    """The placeholders of a text: ``{name}`` (str.format) and ``%(name)s`` (templates);
    a text whose braces do not parse has a placeholder no English text has."""
    import re
    import string

    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return frozenset({"\0unparsable"})
    return frozenset(names | {"%" + m for m in re.findall(r"%\(([^)]*)\)", text)})


def decimal(value: float, digits: int = 0) -> str:
    """A number as the current language writes it: ``1,234.5`` in English, ``1 234,5``
    in French (a comma before the decimals, a non-breaking space between thousands)."""
    english = f"{value:,.{digits}f}"
    if _current.get() == DEFAULT:
        return english
    return english.replace(",", "\u00a0").replace(".", ",")


def labelled(label: str, value: str) -> str:
    """ "Label: value", with the current language's space before the colon (French: a
    non-breaking one)."""
    return _("{label}: {value}").format(label=label, value=value)


def quoted_words(words: str) -> str:
    """Someone's own words between the current language's quotation marks: “…” in
    English, « … » in French."""
    return _("“{words}”").format(words=words)


def N_(message: str) -> str:
    """Marks a constant for the catalog; translate it with :func:`_` where it is used."""
    return message


# The languages by name, for messages ("does not declare French").
NAMES = {"en": N_("English"), "fr": N_("French")}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"did you mean 'x'? "`` for the closest of ``choices`` to a mistyped ``word``,
    else ``""``: the one hint every message about an unknown id uses."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _("did you mean {word!r}? ").format(word=close[0]) if close else ""
