"""The file is well-formed YAML (one document, no unknown aliases, plain keys).

A file that does not parse is reported here and its content is not checked further;
the other files of the pack still are.

Passes::

    rules:
      - id: phone-ok
        title: Phone calls are preferred

Fails::

    rules:
      - id: phone-ok
        title: [Phone calls are preferred     # the list is never closed
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext
from smguide.pack.yamlload import ControlCharacterError, DuplicateKeyError

ID = "yaml-syntax"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    for file in ctx.files:
        error = file.parse_error
        if error is not None and not isinstance(error, (DuplicateKeyError, ControlCharacterError)):
            yield Finding(ID, LEVEL, error.message, error.location)
