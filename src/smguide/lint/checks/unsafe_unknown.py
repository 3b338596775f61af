"""Answering "not sure" never gives a laxer verdict than a definite answer would.

By the engine's definition it cannot: "not sure" stands for every option, and the
verdict is the strictest over all of them. This check holds the engine itself to
that. For each question, it finds (exactly, over every answer combination) the
strictest rule that reads it and answers where that rule decides, asks the engine
for the verdict, then asks again with the question answered "not sure": the second
verdict must be at least as strict, and equal to the exact strictest verdict over
the question's options (computed by the analysis, not the engine). A finding means
the engine, not the pack, is wrong. The examples show a pack; the failing case
needs a broken engine.

Passes::

    questions:
      - id: authorized
        type: yesno
    rules:
      - {id: needs-auth, when: {authorized: no}, verdict: needs_authorization}
      - {id: authorized-ok, when: {authorized: yes}, verdict: permitted}

Fails::

    # with an engine that reads "not sure" as the first option (yes):
    # --set authorized=unsure gives permitted, laxer than needs_authorization
    questions:
      - id: authorized
        type: yesno
    rules:
      - {id: needs-auth, when: {authorized: no}, verdict: needs_authorization}
      - {id: authorized-ok, when: {authorized: yes}, verdict: permitted}
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.analysis import Analysis
from smguide.analysis.results import UnsafeUnknown
from smguide.i18n import _
from smguide.lint.analysis_findings import own_location, run
from smguide.lint.api import Finding, Level, LintContext

ID = "unsafe-unknown"
LEVEL: Level = "error"
KIND = "semantic"


def check(ctx: LintContext) -> Iterator[Finding]:
    return run(ctx, ID, LEVEL, lambda a: a.unsafe_unknowns, _report)


def _report(ctx: LintContext, _analysis: Analysis, found: list[UnsafeUnknown]) -> Iterator[Finding]:
    for u in found:
        q = u.question.id
        if u.kind == "laxer":
            message = _("answering 'not sure' to {question!r} gives {unsure}, laxer than "
                        "{definite} with the answer {option!r} (the strictest over its "
                        "options is {expected})").format(
                            question=q, unsure=u.unsure.value, definite=u.definite.value,
                            option=u.option, expected=u.expected.value)
        else:
            message = _("with {question!r} answered 'not sure' the engine gives {unsure}, "
                        "but the strictest verdict over its options is {expected}").format(
                            question=q, unsure=u.unsure.value, expected=u.expected.value)
        yield Finding(ID, LEVEL, message, own_location(ctx, u.question.location), u.answers)
