"""Every text has a translation in each language the manifest declares.

Only once ``pack.yaml`` lists a language besides English (``languages: [en, fr]``):
then a plain string, or a mapping without that language, is reported.

Passes::

    # pack.yaml: languages: [en, fr]
    - id: channel
      text: {en: How will you reach them?, fr: Comment allez-vous les joindre?}

Fails::

    # pack.yaml: languages: [en, fr]
    - id: channel
      text: How will you reach them?     # no 'fr'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import is_dataclass
from typing import Any

from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext
from smguide.pack.models import field_names
from smguide.pack.translatable import DEFAULT_LANGUAGE, Localized

ID = "missing-translation"
LEVEL: Level = "warning"
KIND = "structural"

Path = tuple[str | int, ...]


def texts(node: Any, path: Path = ()) -> Iterator[tuple[Path, Localized]]:
    """Every translatable text of a model, with its path in the file's data."""
    if isinstance(node, Localized):
        yield path, node
    elif is_dataclass(node):
        for name in field_names(node):
            if name == "options" and getattr(node, "type", None) == "yesno":
                continue  # smguide's own yes and no, not written in the file
            yield from texts(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from texts(item, (*path, i))


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.manifest is None:
        return
    wanted = [lang for lang in ctx.manifest.languages if lang != DEFAULT_LANGUAGE]
    if not wanted:
        return
    for file in ctx.files:
        if file.model is None or file.doc is None:
            continue
        for path, text in texts(file.model):
            missing = [lang for lang in wanted if lang not in text]
            if missing:
                where = ".".join(str(p) for p in path)
                yield Finding(ID, LEVEL, _("{where}: no {languages} text").format(
                    where=where, languages=", ".join(missing)),
                              file.doc.location(path))
