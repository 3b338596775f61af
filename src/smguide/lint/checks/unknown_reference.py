"""Conditions, citations and exceptions name only things that exist.

A condition names existing questions and options of those questions; a citation
names an existing source; ``exception_to`` names existing rules. Checked over the
whole pack (with the packs it extends) once every file passed its schema.

Passes::

    questions:
      - id: channel
        text: How will you reach them?
        options: [{id: text, text: Text message}, {id: phone, text: Phone call}]
    rules:
      - id: no-texting
        title: No texting
        when: {channel: text}

Fails::

    rules:
      - id: no-texting
        title: No texting
        when: {channel: sms}          # channel has no option 'sms'
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.refs import findings_for

ID = "unknown-reference"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from findings_for(ctx, ID)
