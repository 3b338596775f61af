"""The answer of ``smguide decide`` in the terminal: one screen, then the full rationale.

:func:`summary` is what a worker reads before a contact: the headline naming the next
step (or what the verdict depends on), a short checklist for this situation, the
standing reminders in one line, and the provisions that decided it, cited briefly.
:func:`details` is everything else (all rules with their quotes, exceptions, cautions,
ethical considerations, what would change the outcome, the answers and the sources),
behind ``--details`` or the "Show the full rationale" menu entry. Both read a
:class:`~smguide.report.model.Report`.
"""

from __future__ import annotations

import textwrap
from typing import IO, Any

from rich.console import Console

from smguide.engine.decision import Item
from smguide.i18n import N_, _, labelled, ngettext
from smguide.pack.models import UNSURE, Verdict
from smguide.render.writer import BULLET, CAUTION, CHECKBOX, Writer
from smguide.report.model import GO_AHEAD, MAX_DECIDING, Provision, Report, briefly
from smguide.report.wording import (
    MAY_APPLY,
    QUOTED,
    UNTIL_KNOWN,
    branch_texts,
    headline,
    headline_style,
    lower_first,
    origin_tag,
    principle_name,
    report_line,
    rule_ref,
    text,
    verdict_name,
)

DETAILS_HINT = N_("The full rationale (all rules, quotes, cautions, considerations): "
                  "add --details.")
MENU_HINT = N_("For the full rationale, choose “Show the full rationale” below.")
SCREEN_LINES = 30  # the one-screen budget (at 100 columns)
# How much of the deciding provisions' quotes the screen shows, most first: how many
# provisions keep a quote, and at most how many characters of it.
# Then the standing reminders shrink to one line (cut, marked …; the details have them),
# and last go (0 lines).
# Last, where a step comes first, what applies once it is done folds into a count.
QUOTE_LEVELS = ((MAX_DECIDING, 160, 3, False), (1, 160, 3, False), (1, 80, 3, False),
                (1, 80, 1, False), (1, 80, 1, True), (1, 80, 0, True))
LATER = N_("Then, when you go ahead")
FIRST_STEP = frozenset({Verdict.not_yet, Verdict.needs_authorization,
                        Verdict.consult_supervisor})
MAX_BRANCHES = 3  # questions the one screen spells out, per answer
MAX_ALSO = 3  # further questions it names
LESS_STRICT = N_("It may turn out less strict once you know:")
UNSURE_HEADING = N_("You answered “not sure” — find out before you go ahead")
IN_THE_WAY = N_("Already in the way, from your answers")
UNSURE_MARK = "?"


def _item(item: Item) -> str:
    return text(item.text) + ("" if item.certain else f" ({_(MAY_APPLY)})")


def quoted(quote: str, label: str = "") -> str:
    """A quotation, marked as such (it stays in its source's language, and the label
    says which: "quoted, original English text")."""
    return _("“{quote}” — {quoted}").format(quote=quote, quoted=label or _(QUOTED))


def _short_quote(quote: str, chars: int) -> str:
    if len(quote) <= chars:
        return quote
    return quote[:chars].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def summary(report: Report, file: IO[str] | None = None, *, hint: str = DETAILS_HINT) -> None:
    """The one-screen answer, within SCREEN_LINES where it can: first only the first
    provision keeps its quote, then that quote is cut, then the standing reminders, then
    (where a step comes first) what applies after it becomes a count; what the worker
    must do now is never cut."""
    width = Writer(file).width
    hint = _(hint) if hint else hint
    for level in range(len(QUOTE_LEVELS)):
        lines = _summary_lines(report, width, hint, level)
        if len(lines) <= SCREEN_LINES:
            break
    out = Writer(file)
    for value, style in lines:
        out.line(value, style=style)


Line = tuple[str, str]  # text, rich style


def _wrap(value: str, width: int, *, indent: int = 0, first: str | None = None) -> list[str]:
    lead = " " * indent
    return textwrap.wrap(value, width=width, initial_indent=first if first is not None else lead,
                         subsequent_indent=lead, break_long_words=False,
                         break_on_hyphens=False) or [first or ""]


def _summary_lines(report: Report, width: int, hint: str, level: int) -> list[Line]:
    quotes, quote_chars, standing_lines, fold_later = QUOTE_LEVELS[level]
    lines: list[Line] = []

    def para(value: str, style: str = "", **kwargs: Any) -> None:
        lines.extend((row, style) for row in _wrap(value, width, **kwargs))

    def heading(value: str) -> None:
        lines.extend([("", ""), (value, "bold")])

    para(headline(report), headline_style(report))
    if report.pending:
        spelled = [d for d in report.depends if d.branches][:MAX_BRANCHES]
        for dep in spelled:
            if dep is not report.depends[0]:  # the headline names the first question
                para(_("And: {question}").format(question=dep.text), "bold", indent=1)
            for line in branch_texts(dep.branches):
                para(line, indent=5, first=f"   {BULLET} ")
        more = [d for d in report.depends[1:] if d not in spelled]
        if len(more) > MAX_ALSO:
            more_text = "; ".join(d.text for d in more[:MAX_ALSO]) + _(
                "; and {count} more (in the details)").format(count=len(more) - MAX_ALSO)
        else:
            more_text = "; ".join(d.text for d in more)
        if more:
            para((_("Also find out: {questions}") if spelled else _("And: {question}")).format(
                question=more_text, questions=more_text), indent=1)
        if not report.depends:
            for f in report.decision.find_out:
                para(text(f.text), indent=3, first=f" {BULLET} ")
        para(f"{_(UNTIL_KNOWN)} {report_line(report)}", "italic",
             indent=1)
    elif not report.settled:
        para(f"{_(LESS_STRICT)} " + "; ".join(
            dep.text + "".join(f" — {', '.join(branch_texts(dep.branches))}"
                               for _first in dep.branches[:1])
            for dep in report.depends[:MAX_BRANCHES]), "italic", indent=1)
    elif report.silent and not report.decision.deciding:
        for silence in report.silences:
            para(silence.reason, indent=1)
            if silence.citations:
                para(f"— {briefly(silence.citations)}", "dim", indent=1)
    unsure = unsure_lines(report)
    if unsure:
        heading(_(UNSURE_HEADING))
        for value in unsure:
            para(value, indent=3, first=f" {UNSURE_MARK} ")
    if report.blocking:
        heading(_(IN_THE_WAY))
        for provision in report.blocking:
            para(provision_line(provision), indent=3, first=f" {CAUTION} ")
    if not report.pending:
        for title, items in checklists(report):
            if items and fold_later and title == _(LATER):
                lines.append(("", ""))
                para(ngettext("{title}: {count} more obligation (in the details).",
                              "{title}: {count} more obligations (in the details).",
                              len(items)).format(title=title, count=len(items)), "bold")
            elif items:
                heading(title)
                for item in items:
                    para(_item(item), indent=3, first=f" {CHECKBOX} ")
    if report.standing and standing_lines and not report.pending and report.verdict in GO_AHEAD:
        lines.append(("", ""))
        rows = _wrap(standing_line(report), width)
        if len(rows) > standing_lines:
            rows = rows[:standing_lines]
            rows[-1] = rows[-1][: width - 2].rsplit(" ", 1)[0].rstrip(",;") + " …"
        lines.extend((row, "dim") for row in rows)
    if report.deciding:
        heading(_("Strictest possible outcome, based on") if report.pending else _("Based on"))
        for number, provision in enumerate(report.deciding):
            rule = provision.rule
            effect = verdict_name(rule.verdict) if rule.verdict else ""
            para(f"{text(rule.title)} ({effect}) — {briefly(provision.citations)}", indent=3,
                 first=f" {BULLET} ")
            cite = next((c for c in provision.citations if c.quote), None)
            if cite and cite.quote and number < quotes:
                para(quoted(_short_quote(cite.quote, quote_chars), cite.source.quote_label),
                     "italic", indent=3)
    if hint:
        lines.append(("", ""))
        para(hint, "dim")
    return lines


def named_questions(report: Report) -> set[str]:
    """The questions the screen already names in what the verdict depends on."""
    if report.pending:
        spelled = [d for d in report.depends if d.branches][:MAX_BRANCHES]
        more = [d for d in report.depends[1:] if d not in spelled][:MAX_ALSO]
        return {d.question for d in [*report.depends[:1], *spelled, *more]}
    return {d.question for d in report.depends[:MAX_BRANCHES]} if not report.settled else set()


def unsure_lines(report: Report) -> list[str]:
    """What to find out for each of the worker's own "not sure" answers that matter,
    where the screen does not name the question already."""
    named = named_questions(report)
    return [u.find_out for u in report.unsure if u.question not in named]


def provision_line(provision: Provision) -> str:
    rule = provision.rule
    effect = verdict_name(rule.verdict) if rule.verdict else ""
    return f"{text(rule.title)} ({effect}) — {briefly(provision.citations)}"


def checklists(report: Report) -> list[tuple[str, tuple[Item, ...]]]:
    """The checklists of the one screen, titled for the verdict."""
    verdict = report.verdict
    # Where the headline already says the one step, the list does not repeat it.
    steps = tuple(i for i in report.steps if text(i.text) != report.next_step)
    if verdict == Verdict.prohibited:
        return [(_("What to do instead"), steps)]
    if verdict in FIRST_STEP:
        return [(_("First"), report.steps), (_(LATER), report.checklist)]
    if verdict == Verdict.discouraged:
        return [(_("Instead, if you can"), steps), (_("If you go ahead"), report.checklist)]
    return [(_("Before you go ahead"), report.steps + report.checklist)]


def standing_line(report: Report) -> str:
    """The standing reminders folded into one line (the full texts are in the details)."""
    return _("As always: ") + "; ".join(
        lower_first(text(r.title)) for r in report.standing) + "."


def details(report: Report, file: IO[str] | None = None, *,
            target: Console | None = None) -> None:
    """The full rationale (on ``target`` when given: the pager's console)."""
    out = Writer(file, target)
    result, pack = report.decision, report.pack
    out.para(_("Full rationale"), style="bold")
    out.para(headline(report), style=headline_style(report))
    if result.obligations:
        certainly_not = report.verdict == Verdict.prohibited and report.settled
        out.heading(_("Obligations (should you go ahead another way)") if certainly_not
                    else _("Obligations"))
        out.bullets(CHECKBOX, (_item(i) for i in result.obligations))
    if result.cautions:
        out.heading(_("Cautions"))
        out.bullets(CAUTION, (_item(i) for i in result.cautions))
    if result.considerations:
        out.heading(_("Ethical considerations"))
        first = f" {BULLET} "
        for item in result.considerations:
            out.para(_item(item), indent=len(first), first=first)
            if item.principles:
                out.para(_("Principles: ") + ", ".join(principle_name(p) for p in item.principles),
                         indent=len(first), style="italic")
            for rid in item.rules:
                rule = pack.rule(rid)
                if rule is not None:
                    cites = ", ".join(dict.fromkeys(report.cite(c).brief for c in rule.cite))
                    out.para(f"{origin_tag(pack, rule)}{rid} — {cites}", indent=len(first),
                             style="dim")
    if result.applied:
        out.heading(_("Why: every rule that applies"))
        for number, applied in enumerate(result.applied, 1):
            rule = applied.rule
            effect = verdict_name(rule.verdict) if rule.verdict else _("adds obligations")
            may = "" if applied.certain else " " + _("(may apply, {condition})").format(
                condition=_(MAY_APPLY))
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
                    out.para(quoted(view.quote, view.source.quote_label), indent=len(head) + 2,
                             style="italic")
    if result.defeated:
        out.heading(_("Exceptions applied"))
        out.bullets(BULLET, (
            _("{exception} set aside {rule}").format(exception=text(d.exception.title),
                                                     rule=text(d.defeated.title))
            + ("" if d.certain else f" ({_(MAY_APPLY)})") for d in result.defeated))
    if result.why_not:
        out.heading(_("What would change the outcome"))
        out.bullets(BULLET, (
            _("Would be {verdict} if: ").format(verdict=verdict_name(why.verdict)) + "; ".join(
                f"{text(c.question.text)} = {text(c.question.answer_text(c.answer))}"
                for c in why.changes)
            for why in result.why_not))
    if report.depends:
        out.heading(_("What the verdict depends on"))
        for dep in report.depends:
            out.para(dep.text, indent=1)
            out.bullets(BULLET, branch_texts(dep.branches), indent=3)
            if not dep.branches:
                out.para(_("(matters together with your other answers)"), indent=3,
                         style="italic")
    if result.find_out:
        out.heading(_("What to find out"))
        out.bullets(BULLET, (text(f.text) for f in result.find_out))
    if result.silent:
        out.heading(_("The policy is silent"))
        scope = _("for this case") if result.certain else _(
            "for some of your “not sure” answers")
        out.para(_("No rule of {pack} gives a verdict {scope}. smguide never treats silence "
                   "as permission: consult your supervisor.").format(
                       pack=text(pack.manifest.title), scope=scope), indent=1)
        for silence in report.silences:
            out.para(silence.reason, indent=1)
            for ref in silence.citations:
                out.para(ref.reference, indent=3, style="dim")
                if ref.quote:
                    out.para(quoted(ref.quote, ref.source.quote_label), indent=5,
                             style="italic")
    if report.answers:
        out.heading(_("Your answers"))
        out.pairs([(a.question_text, a.answer_text) for a in report.answers],
                  styles=["italic" if a.answer == UNSURE else "" for a in report.answers])
    if report.sources:
        out.heading(_("Sources"))
        out.bullets(BULLET, (labelled(s.label, s.title) if s.label != s.title else s.title
                             for s in report.sources))
    out.line()
    out.para(pack_line(report), style="dim")


def pack_line(report: Report) -> str:
    pack = report.pack
    return _("Rule pack: {title} ({id} {version}, {hash}…) · smguide {tool}").format(
        title=text(pack.manifest.title), id=pack.id, version=pack.manifest.version,
        hash=pack.content_hash[:19], tool=report.tool_version)
