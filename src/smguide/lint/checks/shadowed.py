"""Every verdict rule decides the verdict for some answers.

A rule is *shadowed* when, wherever it takes effect, a rule with a stricter verdict
takes effect too: its verdict is never the answer (its obligations and cautions
still apply). Rules without a verdict only add obligations, so they are never
shadowed. An exception that sets a rule aside somewhere changes the outcome there
(the rule it defeats gives nothing), so it is not shadowed either, even when its
own verdict never decides. A rule that never takes effect at all is reported by
``dead`` instead. Exact over every answer combination the question flow can
produce; the witness shows the rule taking effect beside a stricter one.

It is an error: a rule written to loosen the policy that never decides loosens
nothing, and the author believes otherwise. Where that is intended (a rule kept for
its obligations, or one that only matters once a stricter rule is replaced), say so
with ``# smguide-lint: disable=shadowed`` on the rule's line or the line before it.
Its ``conflict`` findings, one per stricter rule, are left out: this one says it all.

Passes::

    rules:
      - {id: no-personal, when: {account: personal}, verdict: prohibited}
      - {id: discouraged-at-night, when: {time: night}, verdict: discouraged}

Fails::

    rules:
      - {id: no-personal, when: {account: personal}, verdict: prohibited}
      - {id: personal-night, when: {account: personal, time: night},
         verdict: discouraged}            # always overruled by no-personal
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.analysis import Analysis
from smguide.analysis.results import Shadow
from smguide.i18n import _
from smguide.lint.analysis_findings import answers, own_location, run, verdict_of
from smguide.lint.api import Finding, Level, LintContext
from smguide.pack.models import Rule

ID = "shadowed"
LEVEL: Level = "error"
KIND = "semantic"


def check(ctx: LintContext) -> Iterator[Finding]:
    return run(ctx, ID, LEVEL, lambda a: a.shadowed, _report)


def _report(ctx: LintContext, analysis: Analysis, shadows: list[Shadow]) -> Iterator[Finding]:
    for s in shadows:
        adds = s.rule.obligations or s.rule.cautions or s.rule.considerations
        effect = _("it only adds its obligations and cautions") if adds \
            else _("it changes no outcome")
        cover = covering_rule(analysis, s.rule)
        by = (_("{id!r} ({verdict}) covers it everywhere").format(
                  id=cover.id, verdict=verdict_of(cover)) if cover is not None
              else _("no one rule covers it everywhere; here {id!r} ({verdict})").format(
                  id=s.by.id, verdict=verdict_of(s.by)))
        yield Finding(
            ID, LEVEL,
            _("the verdict of rule {id!r} ({verdict}) never decides: wherever it takes "
              "effect a stricter rule does too ({by}), so {effect}").format(
                  id=s.rule.id, verdict=verdict_of(s.rule), by=by, effect=effect),
            own_location(ctx, s.rule.location),
            answers(analysis, s.box))


def covering_rule(analysis: Analysis, rule: Rule) -> Rule | None:
    """A stricter rule effective wherever ``rule`` is (the strictest such, first in the
    pack), if there is one: the rule an author should compare it with."""
    return analysis.covering_rule(rule)
