"""A mapping does not repeat a key.

Plain YAML readers keep the last of two equal keys without a word, so half of what
the author wrote would be ignored. Every repeated key of the file is reported.

Passes::

    - id: phone-ok
      title: Phone calls are preferred
      verdict: permitted

Fails::

    - id: phone-ok
      title: Phone calls are preferred
      verdict: permitted
      verdict: discouraged       # which one did the author mean?
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.errors import Location
from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.dupkeys import duplicate_keys
from smguide.pack.yamlload import DuplicateKeyError

ID = "duplicate-key"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    for file in ctx.files:
        error = file.parse_error
        if not isinstance(error, DuplicateKeyError):
            continue
        found = False
        for dup in duplicate_keys(file.text):
            found = True
            yield Finding(ID, LEVEL,
                          _("duplicate key {key!r} (first defined at line {line})").format(
                              key=dup.key, line=dup.first_line),
                          Location(str(file.path), dup.line, dup.column))
        if not found:  # the walker and the loader disagree: trust the loader
            yield Finding(ID, LEVEL, error.message, error.location)
