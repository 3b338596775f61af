"""Every key is one the rule format knows.

A misspelt key (``verdit:``) would otherwise be silently ignored.

Passes::

    - id: tone
      title: Keep a professional tone
      obligations: [Write as you would in a case note.]

Fails::

    - id: tone
      title: Keep a professional tone
      obligation: [Write as you would in a case note.]   # 'obligations'
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext

ID = "unknown-key"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    for file in ctx.files:
        for error in file.schema_errors:
            if error.kind == "extra_forbidden":
                yield Finding(ID, LEVEL, error.error.message, error.error.location)
