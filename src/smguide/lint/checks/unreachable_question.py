"""A question's ``ask_if`` can hold for some answers to the earlier questions.

Decided exactly with the engine's solver over every answer combination the question
flow can produce: a question whose ask_if never holds is never asked.

Passes::

    questions:
      - id: channel
        options: [{id: text, text: Text}, {id: social, text: Social network}]
      - id: account
        ask_if: {channel: social}

Fails::

    questions:
      - id: channel
        options: [{id: text, text: Text}, {id: social, text: Social network}]
      - id: account
        ask_if: {all: [{channel: social}, {channel: text}]}   # one answer, not both
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.engine.solver import closure, find
from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.checks._usage import written_questions
from smguide.pack.conditions import refs

ID = "unreachable-question"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    pack = ctx.assembled
    if pack is None:
        return
    for written in written_questions(ctx):
        ask_if = written.question.ask_if
        if ask_if is None:
            continue
        read = refs(ask_if)
        if any(pack.question(q) is None for q in read):
            continue  # unknown-reference reports it; the solver cannot judge it
        if find(closure(pack, read), ask_if, {}) is None:
            yield Finding(ID, LEVEL,
                          _("question {id!r} is never asked: its ask_if cannot hold "
                            "for any answers").format(id=written.question.id), written.location)
