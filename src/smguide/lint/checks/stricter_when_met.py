"""Meeting a requirement never makes the verdict stricter.

A precondition question marks the answer that meets its requirement with
``satisfies: true`` (get the authorization, obtain consent, set the privacy
settings). Switching any answer combination to that option must never give a
stricter verdict: someone who does what the policy asks is never worse off than
someone who does not. Questions the switch newly brings up count as "not sure" (any
answer); those asked before and after keep their answers. Exact over every answer
combination the question flow can produce; the witness is the combination before the
switch, and the message says what the switch does to the verdict.

Passes::

    questions:
      - id: authorized
        options: [{id: "yes", text: "Yes", satisfies: true}, {id: "no", text: "No"}]
      - id: recorded
        type: yesno
        ask_if: {authorized: "yes"}
    rules:
      - {id: needs-auth, when: {authorized: "no"}, verdict: needs_authorization}
      - {id: not-recorded, when: {recorded: "no"}, verdict: needs_authorization}
      - {id: ok, when: {recorded: "yes"}, verdict: permitted}

Fails::

    questions:
      - id: authorized
        options: [{id: "yes", text: "Yes", satisfies: true}, {id: "no", text: "No"}]
      - id: recorded
        type: yesno
        ask_if: {authorized: "yes"}
    rules:
      - {id: needs-auth, when: {authorized: "no"}, verdict: needs_authorization}
      # authorized but not yet recorded: stricter than no authorization at all
      - {id: not-recorded, when: {recorded: "no"}, verdict: not_yet}
      - {id: ok, when: {recorded: "yes"}, verdict: permitted}
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.analysis import Analysis
from smguide.analysis.satisfying import Raise
from smguide.i18n import _
from smguide.lint.analysis_findings import own_location, run
from smguide.lint.api import Finding, Level, LintContext

ID = "stricter-when-met"
LEVEL: Level = "error"
KIND = "semantic"


def check(ctx: LintContext) -> Iterator[Finding]:
    return run(ctx, ID, LEVEL, lambda a: a.raises, _report)


def _report(ctx: LintContext, analysis: Analysis, found: list[Raise]) -> Iterator[Finding]:
    for r in found:
        q = r.question
        option = next((o for o in q.options if o.id == r.satisfying), None)
        where = option.location if option is not None else None
        yield Finding(
            ID, LEVEL,
            _("switching {question!r} from {option!r} to {satisfying!r}, the answer that "
              "meets its requirement, makes the verdict stricter: {before} becomes "
              "{after}").format(question=q.id, option=r.option, satisfying=r.satisfying,
                                before=r.before.value, after=r.after.value),
            own_location(ctx, where, q.location), r.answers)
