"""Every quoted citation appears verbatim in the source's text (``--source-text DIR``).

Runs only when given a folder of plain-text sources. The quote of a citation of
source ``cas2011`` is looked for in ``DIR/cas2011.txt`` if that file exists, and
otherwise in every ``*.txt`` of the folder. Runs of whitespace (line breaks
included) count as one space on both sides; nothing else is forgiven.

Passes::

    cite:
      - source: cas2011
        section: policy.boundaries
        quote: "At no time are personal emails or social networking accounts to be
          used to communicate with clients."

Fails::

    cite:
      - source: cas2011
        section: policy.boundaries
        quote: "Personal accounts must never be used with clients."   # a paraphrase
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from smguide.errors import Location
from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext
from smguide.pack.models import PackFile
from smguide.pack.yamlload import read_text

ID = "source-quote"
LEVEL: Level = "error"
KIND = "structural"

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _texts(ctx: LintContext, folder: Path) -> dict[str, str]:
    """file stem -> normalized text; read once per lint run and folder."""
    key = f"source-text:{folder}"
    if key not in ctx.cache:
        ctx.cache[key] = {p.stem: normalize(read_text(p)) for p in sorted(folder.glob("*.txt"))}
    texts: dict[str, str] = ctx.cache[key]
    return texts


def check(ctx: LintContext) -> Iterator[Finding]:
    folder = ctx.source_text
    if folder is None:
        return
    texts = _texts(ctx, folder)
    for file in ctx.files:
        if not isinstance(file.model, PackFile) or file.doc is None:
            continue
        for i, rule in enumerate(file.model.rules):
            for j, cite in enumerate(rule.cite):
                if not cite.quote:
                    continue
                quote = normalize(cite.quote)
                where = file.doc.location(("rules", i, "cite", j, "quote"))
                problem = _missing(quote, cite.source, texts, folder)
                if problem:
                    text = _("rule {id!r}: {problem}").format(id=rule.id, problem=problem)
                    yield Finding(ID, LEVEL, text, where)


def _missing(quote: str, source: str, texts: dict[str, str], folder: Path) -> str | None:
    if source in texts:
        if quote in texts[source]:
            return None
        return _("quote not found in {path}").format(
            path=Location(str(folder / (source + '.txt'))))
    if any(quote in text for text in texts.values()):
        return None
    return _("quote not found in any *.txt of {folder} (none is named {source}.txt)").format(
        folder=folder, source=source)
