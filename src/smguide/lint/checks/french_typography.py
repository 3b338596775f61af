"""French texts follow the interface's typography (Quebec usage, docs/glossary-fr.md).

A non-breaking space (U+00A0) before a colon and inside « », no space before ``?``,
``;`` and ``!``, and no "(s)" plurals. A plain space there lets a screen break the line
before the colon or inside the quotation marks. Only for packs that declare ``fr``;
the ``fr`` texts of the pack's scenarios are checked too.

Passes::

    # pack.yaml: languages: [en, fr]
    - id: channel
      text: {en: "How? By text:", fr: "Comment? Par texto\u00a0:"}

Fails::

    # pack.yaml: languages: [en, fr]
    - id: channel
      text: {en: "How? By text:", fr: "Comment ? Par texto :"}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from smguide.errors import Location
from smguide.i18n import N_, _
from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.checks.missing_translation import texts
from smguide.pack.yamlload import Document

ID = "french-typography"
LEVEL: Level = "warning"
KIND = "structural"

NBSP = "\u00a0"
# What is wrong, and how it reads when fixed.
RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:(?<=\S)|[ \u202f]):(?=\s|$)"), N_("put a non-breaking space before ':'")),
    (re.compile(r"\s+[?;!]"), N_("no space before '?', ';' or '!'")),
    (re.compile(r"«(?!\u00a0)"), N_("put a non-breaking space after '«'")),
    (re.compile(r"(?<!\u00a0)»"), N_("put a non-breaking space before '»'")),
    (re.compile(r"\(s\)|\(e\)s?\b"), N_("write both forms instead of '(s)'")),
)


def problems(text: str) -> Iterator[tuple[str, str]]:
    """Each rule a French text breaks: (what it should have, the words around it)."""
    for pattern, wanted in RULES:
        match = pattern.search(text)
        if match:
            start = max(0, match.start() - 12)
            yield wanted, text[start:match.end() + 4].replace(NBSP, " ").strip()


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.manifest is None or "fr" not in ctx.manifest.languages:
        return
    for file in ctx.files:
        if file.model is None or file.doc is None:
            continue
        for path, text in texts(file.model):
            french = text.get("fr")
            if not french:
                continue
            yield from _finding((*path, "fr"), french, file.doc.location(path))
    for scenario in ctx.scenarios:
        yield from _scenario(scenario)


Where = tuple[str | int, ...]


def _finding(where: Where, french: str, location: Location) -> Iterator[Finding]:
    for wanted, excerpt in problems(french):
        message = _("{where}: French typography: {wanted} (near “{excerpt}”)")
        yield Finding(ID, LEVEL, message.format(where=".".join(str(p) for p in where),
                                                wanted=_(wanted), excerpt=excerpt), location)


def _french(node: Any, path: Where = ()) -> Iterator[tuple[Where, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "fr" and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from _french(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _french(item, (*path, i))


def _scenario(path: Path) -> Iterator[Finding]:
    """A scenario that does not parse is the scenario check's to report."""
    from smguide.errors import SmguideError
    from smguide.pack.yamlload import load_file

    try:
        doc: Document = load_file(path)
    except SmguideError:
        return
    for where, french in _french(doc.data):
        yield from _finding(where, french, doc.location(where))
