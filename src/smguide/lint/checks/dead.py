"""Every rule takes effect for some answers, and every exception sets its rule aside.

Three cases, exact over every answer combination the question flow can produce:
a rule that *never applies* (its condition contradicts itself, or needs answers the
``ask_if`` of the questions never allow together); a rule that applies but *never
takes effect*, because wherever it applies an exception sets it aside (the witness
shows it applying); and an ``exception_to`` entry that *never sets its rule aside*,
because the rule never applies where the exception takes effect.

Passes::

    questions:
      - id: channel
        options: [{id: text, text: Text}, {id: social, text: Social network}]
      - id: account
        options: [{id: personal, text: Personal}, {id: work, text: Work}]
        ask_if: {channel: social}
    rules:
      - {id: no-personal, when: {account: personal}, verdict: prohibited}

Fails::

    questions:
      - id: channel
        options: [{id: text, text: Text}, {id: social, text: Social network}]
      - id: account
        options: [{id: personal, text: Personal}, {id: work, text: Work}]
        ask_if: {channel: social}
    rules:
      - {id: no-personal-texts, when: {channel: text, account: personal},
         verdict: prohibited}     # account is only asked about social networks
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.analysis import Analysis
from smguide.analysis.results import Dead
from smguide.i18n import _
from smguide.lint.analysis_findings import answers, own_location, run
from smguide.lint.api import Finding, Level, LintContext

ID = "dead"
LEVEL: Level = "error"
KIND = "semantic"


def check(ctx: LintContext) -> Iterator[Finding]:
    return run(ctx, ID, LEVEL, lambda a: a.dead, _report)


def _report(ctx: LintContext, analysis: Analysis, dead: list[Dead]) -> Iterator[Finding]:
    for d in dead:
        rid = d.rule.id
        witness = answers(analysis, d.box) if d.box is not None else ()
        if d.kind == "never-applies":
            why = _("its condition contradicts itself") if d.contradictory else \
                _("no answers the questions can produce satisfy its condition (see their ask_if)")
            message = _("rule {rid!r} never applies: {why}").format(rid=rid, why=why)
        elif d.kind == "always-defeated":
            by = _("exception {id!r}").format(id=d.other.id) if d.other else _("an exception")
            message = _("rule {rid!r} never takes effect: wherever it applies, {by} sets it "
                        "aside").format(rid=rid, by=by)
        else:
            target = d.other.id if d.other else "?"
            message = _("rule {rid!r} lists {target!r} in exception_to but never sets it "
                        "aside: {target!r} never applies where {rid!r} takes effect"
                        ).format(rid=rid, target=target)
        yield Finding(ID, LEVEL, message, own_location(ctx, d.rule.location), witness)
