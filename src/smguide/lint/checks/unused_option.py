"""Every option of a choice question is named by some condition.

An option no rule or ask_if names is treated like silence: the practitioner who
picks it gets no verdict of its own. If that is meant, say so with
``# smguide-lint: disable=unused-option`` on the option's line. Yes/no questions
are not checked: naming ``yes`` gives ``no`` its meaning.

Passes::

    questions:
      - id: channel
        options:
          - {id: text, text: Text}
          - {id: phone, text: Phone}
    rules:
      - {id: no-texting, when: {channel: text}}
      - {id: phone-ok, when: {channel: phone}}

Fails::

    questions:
      - id: channel
        options:
          - {id: text, text: Text}
          - {id: fax, text: Fax}          # no condition names it
    rules:
      - {id: no-texting, when: {channel: text}}
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.checks._usage import named_options, used_questions, written_questions

ID = "unused-option"
LEVEL: Level = "warning"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.assembled is None:
        return
    used = used_questions(ctx)  # an unused question is reported once, not per option
    named = named_options(ctx)
    for written in written_questions(ctx):
        question = written.question
        if question.type == "yesno" or question.id not in used:
            continue
        for option, where in zip(question.options, written.option_locations, strict=False):
            if option.id not in named.get(question.id, set()):
                yield Finding(ID, LEVEL,
                              _("no condition names option {option!r} of {question!r}").format(
                                  option=option.id, question=question.id),
                              where)
