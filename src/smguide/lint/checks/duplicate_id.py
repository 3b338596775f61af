"""No two questions, rules, sources, or sections of one source share an id.

Passes::

    rules:
      - id: phone-ok
      - id: text-needs-authorization

Fails::

    rules:
      - id: phone-ok
      - id: phone-ok          # in this file or any other file of the pack
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.refs import findings_for

ID = "duplicate-id"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from findings_for(ctx, ID)
