"""Every answer combination the questions can produce gets a verdict from some rule.

Where no verdict rule applies the policy is silent and smguide answers
``consult_supervisor``: safe, but often an oversight. The check is exact over every
combination the question flow can produce (``ask_if`` included) and reports each
uncovered region as widely as it goes (the questions it names; any answer to the
others), with how many combinations it holds and one to replay with
``smguide decide``. Past 100 regions it says how many combinations are left.
Combinations a pack declares under ``silences`` (with the reason the policy does not
cover them) are intended and not reported.

Passes::

    questions:
      - id: channel
        options: [{id: text, text: Text}, {id: phone, text: Phone}]
    rules:
      - {id: no-texting, when: {channel: text}, verdict: prohibited}
      - {id: phone-ok, when: {channel: phone}, verdict: permitted}

Fails::

    questions:
      - id: channel
        options: [{id: text, text: Text}, {id: phone, text: Phone}]
    rules:
      - {id: no-texting, when: {channel: text}, verdict: prohibited}
      # nothing says what happens with the phone
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.analysis import Analysis
from smguide.analysis.results import Gaps
from smguide.i18n import _, decimal
from smguide.lint.analysis_findings import answers, own_location, run
from smguide.lint.api import Finding, Level, LintContext

ID = "gap"
LEVEL: Level = "error"
KIND = "semantic"


def check(ctx: LintContext) -> Iterator[Finding]:
    return run(ctx, ID, LEVEL, lambda a: a.gaps, _report)


def _report(ctx: LintContext, analysis: Analysis, gaps: Gaps) -> Iterator[Finding]:
    pack = analysis.pack
    total = _(" of {total}").format(total=decimal(gaps.total)) if gaps.total is not None else ""
    for gap in gaps.regions:
        count = _("{count}{total} answer combinations").format(count=decimal(gap.count),
                                                          total=total) \
            if gap.count is not None else _("answer combinations")
        where = _("when {description}").format(description=gap.description) if gap.region \
            else _("for any answers")
        first = next(iter(gap.region), None)
        question = pack.question(first) if first else None
        yield Finding(
            ID, LEVEL,
            _("no rule gives a verdict {where} ({count}): the policy is silent there "
              "and smguide answers consult_supervisor").format(where=where, count=count),
            own_location(ctx, question.location if question else None),
            answers(analysis, gap.box))
    if not gaps.complete:
        left = _("{count} combinations in all").format(count=decimal(gaps.uncovered)) \
            if gaps.uncovered is not None else _("too many to count")
        yield Finding(ID, LEVEL,
                      _("more answer combinations get no verdict than the regions listed "
                        "here show ({left})").format(left=left), own_location(ctx))
