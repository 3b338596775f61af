"""No text holds a control character that a terminal or a document would obey.

YAML lets a quoted text hold any character as an escape (``"\\e[2J"``, ``"\\x9b"``,
``"\\u202e"``). Printed, an escape sequence can clear the screen or paint
"PERMITTED" over "PROHIBITED", and a bidi override reorders what is read; smguide
refuses such a file when it loads a pack, and this check says where. Tabs and line
breaks are fine.

Passes::

    rules:
      - id: personal-accounts
        title: "Personal accounts are never used with clients"

Fails::

    rules:
      - id: personal-accounts
        title: "Personal accounts\\e[2K\\rPERMITTED - you may go ahead."
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext
from smguide.pack.yamlload import ControlCharacterError

ID = "control-character"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    for file in ctx.files:
        error = file.parse_error
        if isinstance(error, ControlCharacterError):
            yield Finding(ID, LEVEL, error.message, error.location)
