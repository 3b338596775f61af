"""The answer of ``smguide decide`` in the terminal: one screen, then the full rationale.

:func:`summary` is what a worker reads before a contact: the headline naming the next
step (or what the verdict depends on), a short checklist for this situation, the
standing reminders in one line, and the provisions that decided it, cited briefly.
:func:`details` is everything else (all rules with their quotes, exceptions, cautions,
ethical considerations, what would change the outcome, the answers and the sources),
behind ``--details`` or the "Show the full rationale" menu entry. Both read a
:class:`~smguide.report.Report`.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console

from smguide.decision import Item
from smguide.models import UNSURE, Verdict
from smguide.render.common import (
    MAY_APPLY,
    QUOTED,
    branch_text,
    headline,
    headline_style,
    origin_tag,
    principle_name,
    rule_ref,
    text,
    verdict_line,
    verdict_name,
)
from smguide.render.text import BULLET, CAUTION, CHECKBOX, _Writer
from smguide.report import GO_AHEAD, Report, briefly

DETAILS_HINT = "For the full rationale (all rules and quotes, exceptions, cautions, " \
               "considerations, your answers), add --details."
MENU_HINT = "For the full rationale, choose “Show the full rationale” below."
FIRST_STEP = frozenset({Verdict.not_yet, Verdict.needs_authorization,
                        Verdict.consult_supervisor})
MAX_BRANCHES = 3  # questions the one screen spells out, per answer
QUOTE_CHARS = 160  # a longer quote is cut (marked …) on the one screen; details have it all


def _item(item: Item) -> str:
    return text(item.text) + ("" if item.certain else f" ({MAY_APPLY})")


def _short_quote(quote: str) -> str:
    if len(quote) <= QUOTE_CHARS:
        return quote
    return quote[:QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def summary(report: Report, file: IO[str] | None = None, *, hint: str = DETAILS_HINT) -> None:
    """The one-screen answer."""
    out = _Writer(file)
    out.para(headline(report), style=headline_style(report))
    if not report.settled:
        _depends(out, report)
    elif report.silent and not report.decision.deciding:
        for silence in report.silences:
            out.para(silence.reason, indent=1)
            if silence.citations:
                out.para(f"— {briefly(silence.citations)}", indent=1, style="dim")
    if report.settled:
        for title, items in checklists(report):
            if items:
                out.heading(title)
                out.bullets(CHECKBOX, (_item(i) for i in items))
    if report.standing and report.settled and report.verdict in GO_AHEAD:
        out.line()
        out.para(standing_line(report), style="dim")
    if report.deciding:
        out.heading("Based on" if report.settled else "Strictest possible outcome, based on")
        for provision in report.deciding:
            rule = provision.rule
            effect = verdict_name(rule.verdict) if rule.verdict else ""
            out.para(f"{text(rule.title)} ({effect}) — {briefly(provision.citations)}",
                     indent=3, first=f" {BULLET} ")
            quote = next((c.quote for c in provision.citations if c.quote), None)
            if quote:
                out.para(f"“{_short_quote(quote)}” — {QUOTED}", indent=3, style="italic")
    out.line()
    out.para(hint, style="dim")


def checklists(report: Report) -> list[tuple[str, tuple[Item, ...]]]:
    """The checklists of the one screen, titled for the verdict."""
    verdict = report.verdict
    # Where the headline already says the one step, the list does not repeat it.
    steps = tuple(i for i in report.steps if text(i.text) != report.next_step)
    if verdict == Verdict.prohibited:
        return [("What to do instead", steps)]
    if verdict in FIRST_STEP:
        return [("First", report.steps), ("Then, when you go ahead", report.checklist)]
    if verdict == Verdict.discouraged:
        return [("Instead, if you can", steps), ("If you go ahead", report.checklist)]
    return [("Before you go ahead", report.steps + report.checklist)]


def standing_line(report: Report) -> str:
    """The standing reminders folded into one line (the full texts are in the details)."""
    return "As always: " + "; ".join(
        text(r.title)[:1].lower() + text(r.title)[1:] for r in report.standing) + "."


def _depends(out: _Writer, report: Report) -> None:
    for number, dep in enumerate(report.depends[:MAX_BRANCHES]):
        if number:  # the headline names the first question
            out.para(f"And: {dep.text}", indent=1, style="bold")
        out.bullets(BULLET, (branch_text(b) for b in dep.branches), indent=3)
    more = report.depends[MAX_BRANCHES:]
    if more:
        out.para("Also: " + "; ".join(d.text for d in more), indent=1)
    if not report.depends:
        out.bullets(BULLET, (text(f.text) for f in report.decision.find_out))
    out.para(f"Until you know, the strictest possible outcome stands: "
             f"{verdict_line(report.verdict, report.silent)}", indent=1, style="italic")


def details(report: Report, file: IO[str] | None = None, *,
            target: Console | None = None) -> None:
    """The full rationale (on ``target`` when given: the pager's console)."""
    out = _Writer(file, target)
    result, pack = report.decision, report.pack
    out.para("Full rationale", style="bold")
    out.para(headline(report), style=headline_style(report))
    if result.obligations:
        out.heading("Obligations" if report.verdict != Verdict.prohibited
                    else "Obligations (should you go ahead another way)")
        out.bullets(CHECKBOX, (_item(i) for i in result.obligations))
    if result.cautions:
        out.heading("Cautions")
        out.bullets(CAUTION, (_item(i) for i in result.cautions))
    if result.considerations:
        out.heading("Ethical considerations")
        first = f" {BULLET} "
        for item in result.considerations:
            out.para(_item(item), indent=len(first), first=first)
            if item.principles:
                out.para("Principles: " + ", ".join(principle_name(p) for p in item.principles),
                         indent=len(first), style="italic")
            for rid in item.rules:
                rule = pack.rule(rid)
                if rule is not None:
                    cites = ", ".join(dict.fromkeys(report.cite(c).brief for c in rule.cite))
                    out.para(f"{origin_tag(pack, rule)}{rid} — {cites}", indent=len(first),
                             style="dim")
    if result.applied:
        out.heading("Why: every rule that applies")
        for number, applied in enumerate(result.applied, 1):
            rule = applied.rule
            effect = verdict_name(rule.verdict) if rule.verdict else "adds obligations"
            may = "" if applied.certain else f" (may apply, {MAY_APPLY})"
            head = f" {number}. "
            out.para(f"{text(rule.title)} — {effect}{may} {rule_ref(pack, rule)}",
                     indent=len(head), first=head)
            if rule.rationale:
                out.para(text(rule.rationale), indent=len(head))
            previous: tuple[str, str] | None = None
            for cite in rule.cite:
                view = report.cite(cite)
                if (cite.source, cite.section) != previous:
                    out.para(view.reference, indent=len(head), style="dim")
                    previous = (cite.source, cite.section)
                if view.quote:
                    out.para(f"“{view.quote}” — {QUOTED}", indent=len(head) + 2,
                             style="italic")
    if result.defeated:
        out.heading("Exceptions applied")
        out.bullets(BULLET, (
            f"{text(d.exception.title)} set aside {text(d.defeated.title)}"
            + ("" if d.certain else f" ({MAY_APPLY})") for d in result.defeated))
    if result.why_not:
        out.heading("What would change the outcome")
        out.bullets(BULLET, (
            f"Would be {verdict_name(why.verdict)} if: " + "; ".join(
                f"{text(c.question.text)} = {text(c.question.answer_text(c.answer))}"
                for c in why.changes)
            for why in result.why_not))
    if report.depends:
        out.heading("What the verdict depends on")
        for dep in report.depends:
            out.para(dep.text, indent=1)
            out.bullets(BULLET, (branch_text(b) for b in dep.branches), indent=3)
    if result.find_out:
        out.heading("What to find out")
        out.bullets(BULLET, (text(f.text) for f in result.find_out))
    if result.silent:
        out.heading("The policy is silent")
        scope = "for this case" if result.certain else "for some of your “not sure” answers"
        out.para(f"No rule of {text(pack.manifest.title)} gives a verdict {scope}. smguide "
                 "never treats silence as permission: consult your supervisor.", indent=1)
        for silence in report.silences:
            out.para(silence.reason, indent=1)
            for ref in silence.citations:
                out.para(ref.reference, indent=3, style="dim")
                if ref.quote:
                    out.para(f"“{ref.quote}” — {QUOTED}", indent=5, style="italic")
    if report.answers:
        out.heading("Your answers")
        out.pairs([(a.question_text, a.answer_text) for a in report.answers],
                  styles=["italic" if a.answer == UNSURE else "" for a in report.answers])
    if report.sources:
        out.heading("Sources")
        out.bullets(BULLET, (f"{s.label}: {s.title}" if s.label != s.title else s.title
                             for s in report.sources))
    out.line()
    out.para(pack_line(report), style="dim")


def pack_line(report: Report) -> str:
    pack = report.pack
    return (f"Rule pack: {text(pack.manifest.title)} ({pack.id} {pack.manifest.version}, "
            f"{pack.content_hash[:19]}…) · smguide {report.tool_version}")
