"""An ``ask_if`` reads only questions asked before its own question.

Questions are asked in file order, so a later answer is not known yet.

Passes::

    questions:
      - id: channel
      - id: account
        ask_if: {channel: social}

Fails::

    questions:
      - id: account
        ask_if: {channel: social}     # channel is asked after account
      - id: channel
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.refs import findings_for

ID = "ask-if-order"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from findings_for(ctx, ID)
