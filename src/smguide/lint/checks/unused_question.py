"""Every question is read by some rule (directly or through an ask_if).

A question no rule reads costs the practitioner time and changes nothing. A
question that only gates other questions counts as used when they are.

Passes::

    questions:
      - id: channel
        options: [{id: text, text: Text}, {id: phone, text: Phone}]
    rules:
      - id: no-texting
        when: {channel: text}

Fails::

    questions:
      - id: channel
        options: [{id: text, text: Text}, {id: phone, text: Phone}]
      - id: weather               # no rule reads it
        options: [{id: sunny, text: Sunny}, {id: rainy, text: Rainy}]
    rules:
      - id: no-texting
        when: {channel: text}
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.checks._usage import used_questions, written_questions

ID = "unused-question"
LEVEL: Level = "warning"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.assembled is None:
        return
    used = used_questions(ctx)
    for written in written_questions(ctx):
        if written.question.id not in used:
            yield Finding(ID, LEVEL,
                          _("no rule reads question {id!r}").format(id=written.question.id),
                          written.location)
