"""Two rules with different verdicts that can both take effect say which one gives way.

When both take effect, the stricter verdict wins. That may be what the policy means,
but the pack does not say so: list one rule in the other's ``exception_to`` (the
exception wins and sets the other aside), make their conditions exclusive, or, where
the policy's requirements simply add up, mark the laxer rule ``yields_to_stricter:
true`` to confirm that the stricter verdict is meant to win. Rules related through
``exception_to``, directly or in a chain, are not reported. Exact
over every answer combination the question flow can produce: one finding per pair
of rules, with the number of separate regions where both take effect and one
witness. A rule whose verdict never decides is reported by ``shadowed`` (an error)
instead of once per stricter rule here.

Passes::

    rules:
      - {id: no-texting, when: {channel: text}, verdict: prohibited}
      - id: awol-texting
        when: {channel: text, awol: yes}
        verdict: permitted_with_conditions
        exception_to: [no-texting]     # the exception is declared

Fails::

    rules:
      - {id: no-texting, when: {channel: text}, verdict: prohibited}
      - {id: awol-texting, when: {channel: text, awol: yes},
         verdict: permitted_with_conditions}   # which one gives way?
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.analysis import Analysis
from smguide.analysis.results import Conflict
from smguide.i18n import ngettext
from smguide.lint.analysis_findings import answers, own_location, run, verdict_of
from smguide.lint.api import Finding, Level, LintContext

ID = "conflict"
LEVEL: Level = "warning"
KIND = "semantic"


def check(ctx: LintContext) -> Iterator[Finding]:
    return run(ctx, ID, LEVEL, lambda a: a.conflicts, _report)


def _report(ctx: LintContext, analysis: Analysis, conflicts: list[Conflict]) -> Iterator[Finding]:
    # One finding per pair of rules, however many regions they meet in.
    pairs: dict[tuple[str, str], list[Conflict]] = {}
    for c in conflicts:
        pairs.setdefault((c.laxer.id, c.stricter.id), []).append(c)
    for group in pairs.values():
        c = group[0]
        yield Finding(
            ID, LEVEL,
            ngettext("rules {laxer!r} ({laxer_verdict}) and {stricter!r} ({stricter_verdict}) "
                     "both take effect in {count} region; say which gives way (exception_to, "
                     "exclusive conditions, or yields_to_stricter: true)",
                     "rules {laxer!r} ({laxer_verdict}) and {stricter!r} ({stricter_verdict}) "
                     "both take effect in {count} regions; say which gives way (exception_to, "
                     "exclusive conditions, or yields_to_stricter: true)", len(group)).format(
                laxer=c.laxer.id, laxer_verdict=verdict_of(c.laxer),
                stricter=c.stricter.id, stricter_verdict=verdict_of(c.stricter),
                count=len(group)),
            own_location(ctx, c.laxer.location, c.stricter.location),
            answers(analysis, c.box))
