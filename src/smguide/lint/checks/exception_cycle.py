"""Exceptions do not defeat each other in a cycle (or a rule itself).

If A is an exception to B and B to A, nobody can say which one wins.

Passes::

    rules:
      - id: consent-first
        verdict: not_yet
      - id: awol
        verdict: permitted_with_conditions
        exception_to: [consent-first]

Fails::

    rules:
      - id: consent-first
        verdict: not_yet
        exception_to: [awol]
      - id: awol
        verdict: permitted_with_conditions
        exception_to: [consent-first]
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.refs import findings_for

ID = "exception-cycle"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from findings_for(ctx, ID)
