"""Every value has the type and form the rule format asks for.

All the errors of a file are reported, each at its node: wrong types, missing keys,
ids that are not lower-case words, unknown verdicts or principles, malformed
conditions, a choice question with fewer than two options...

Passes::

    rules:
      - id: personal-account
        title: Personal accounts are never used with clients
        when: {account: personal}
        verdict: prohibited

Fails::

    rules:
      - id: Personal Account          # ids are lower-case words
        when: {account: personal}     # 'title' is missing
        verdict: forbidden            # not a verdict
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext

ID = "schema"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    for file in ctx.files:
        for error in file.schema_errors:
            if error.kind != "extra_forbidden":
                yield Finding(ID, LEVEL, error.error.message, error.error.location)
