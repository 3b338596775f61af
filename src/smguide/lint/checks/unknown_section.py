"""A citation names a section its source has.

Passes::

    sources:
      - id: cas2011
        sections: [{id: policy.boundaries, title: Boundaries}]
    rules:
      - id: personal-account
        cite: [{source: cas2011, section: policy.boundaries}]

Fails::

    rules:
      - id: personal-account
        cite: [{source: cas2011, section: policy.boundary}]   # no such section
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.refs import findings_for

ID = "unknown-section"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from findings_for(ctx, ID)
