"""What the answer page shows, from the report: the terminal's one screen
(:func:`smguide.render.answer.summary`) in the same order, without its line budget (a
page scrolls, so every deciding provision keeps its whole quote), then the full
rationale (the case-file report's sections), the reflection, the record downloads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smguide.i18n import _
from smguide.pack.models import Verdict
from smguide.render.answer import LESS_STRICT, MAX_BRANCHES, checklists, quoted, standing_line
from smguide.render.json import decision_data
from smguide.report.model import GO_AHEAD, Report, briefly
from smguide.report.wording import (
    MAY_APPLY,
    UNTIL_KNOWN,
    branch_texts,
    headline,
    principle_label,
    report_line,
    text,
    verdict_name,
)

# The indicator of a case-management card, and the answer page's colour.
SEVERITY = {
    Verdict.prohibited: "critical", Verdict.not_yet: "critical",
    Verdict.needs_authorization: "warning", Verdict.consult_supervisor: "warning",
    Verdict.discouraged: "warning", Verdict.permitted_with_conditions: "info",
    Verdict.permitted: "info",
}


def severity(report: Report) -> str:
    """While it depends, the strictest possible outcome's: never "info" (pending means
    that outcome does not let the worker go ahead by themself)."""
    return SEVERITY[report.verdict]


def _depends(report: Report) -> dict[str, Any]:
    spelled = [d for d in report.depends if d.branches][:MAX_BRANCHES]
    return {
        "questions": [{"text": d.text, "first": d is report.depends[0],
                       "branches": branch_texts(d.branches)} for d in spelled],
        "more": [d.text for d in report.depends[1:] if d not in spelled],
        "find_out": [] if report.depends else [text(f.text) for f in report.decision.find_out],
        "until": f"{_(UNTIL_KNOWN)} {report_line(report)}",
    }


def answer_view(report: Report, answers: Mapping[str, str]) -> dict[str, Any]:
    from smguide.reflection.screens import suggested_principles

    decision = report.decision
    lists = [] if report.pending else [
        (title, [(text(i.text), i.certain) for i in items])
        for title, items in checklists(report) if items]
    less_strict = None
    if not report.pending and not report.settled:
        less_strict = f"{_(LESS_STRICT)} " + "; ".join(
            d.text + (f" — {', '.join(branch_texts(d.branches))}" if d.branches else "")
            for d in report.depends[:MAX_BRANCHES])
    return {
        "headline": headline(report),
        "verdict_class": "depends" if report.pending else report.verdict.value,
        "severity": severity(report),
        "pending": _depends(report) if report.pending else None,
        "less_strict": less_strict,
        "silences": [(s.reason, briefly(s.citations)) for s in report.silences]
        if report.silent and not decision.deciding and not report.pending else [],
        "checklists": lists,
        "may_apply": _(MAY_APPLY),
        "standing": standing_line(report) if report.standing and not report.pending
        and report.verdict in GO_AHEAD else None,
        "based_on_title": _("Strictest possible outcome, based on") if report.pending
        else _("Based on"),
        "deciding": [{"title": text(p.rule.title),
                      "verdict": verdict_name(p.rule.verdict) if p.rule.verdict else "",
                      "cites": briefly(p.citations),
                      "quotes": [quoted(c.quote, c.source.quote_label)
                                 for c in p.citations if c.quote]}
                     for p in report.deciding],
        "d": decision_data(report),
        "principles": [principle_label(p) for p in suggested_principles(decision)],
    }
