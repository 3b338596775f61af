"""Terminal output with rich.

Colour follows the terminal: none when the output is piped or NO_COLOR is set
(rich decides; we never force it). Pack texts are printed as plain text, never as
rich markup, so square brackets in a policy are shown as written. Lines are
wrapped here, with hanging indents and no trailing spaces, so the output also
reads well when pasted or redirected to a file.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from smguide.engine.decision import Decision
from smguide.i18n import N_, _, labelled, ngettext, quoted_words
from smguide.pack.answers import valid_answers
from smguide.pack.models import UNSURE, Pack, Rule
from smguide.render.json import exceptions_to
from smguide.render.writer import BULLET, CAUTION, CHECKBOX, Writer
from smguide.report.wording import (
    QUOTED,
    citation,
    describe_condition,
    text,
    verdict_name,
    wording,
)

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection
    from smguide.reflection import OptionView as ReflectionOption

# The kinds of question, as ``questions`` shows them (English: the YAML's own word).
QUESTION_TYPES = {"choice": N_("choice"), "yesno": N_("yesno")}


def _citations(out: Writer, pack: Pack, rule: Rule, indent: int) -> None:
    """Each cited section once, with the quotes taken from it under it."""
    previous: tuple[str, str] | None = None
    for cite in rule.cite:
        view = citation(pack, cite)
        if (view.source, view.section) != previous:
            out.para(view.reference, indent=indent, style="dim")
            previous = (view.source, view.section)
        if view.quote:
            out.para(_("“{quote}” — {quoted}").format(quote=view.quote,
                                                      quoted=view.quote_label or _(QUOTED)),
                     indent=indent + 2, style="italic")


def decision(pack: Pack, result: Decision, file: IO[str] | None = None) -> None:
    """The one-screen answer followed by the full rationale (replay shows both)."""
    from smguide.render import answer
    from smguide.report.model import build

    report = build(pack, result)
    answer.summary(report, file, hint="")
    Writer(file).line()
    answer.details(report, file)


def questions(pack: Pack, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.para(_("Questions of {title} ({pack} {version})").format(
        title=text(pack.manifest.title), pack=pack.id, version=pack.manifest.version),
        style="bold")
    for question in pack.questions:
        out.line()
        head = Text(question.id, style="bold cyan")
        head.append(f"  ({_(QUESTION_TYPES[question.type])})", style="dim")
        out.console.print(head, soft_wrap=True)
        out.para(text(question.text), indent=2)
        if question.help:
            out.para(text(question.help), indent=2, style="dim")
        rows = [(o.id, text(o.text)) for o in question.options]
        if question.unsure:
            rows.append((UNSURE, _("Not sure")))
        out.pairs(rows, indent=4)
        if question.ask_if is not None:
            out.para(_("asked only if: {condition}").format(
                condition=describe_condition(question.ask_if)), indent=2, style="italic")
    out.heading(_("Example answers file (for smguide decide --answers FILE)"))
    out.line(_("# Questions left out count as “not sure”."), style="dim")
    for question in pack.questions:
        line = Text(f"{question.id}: {question.option_ids[0]}")
        line.append(f"  # {' | '.join(valid_answers(question))}", style="dim")
        out.console.print(line, soft_wrap=True)


TABLE_WIDTH = 100  # below this, rules are listed one under another
READABLE_COLUMNS = 50  # what the title and cites columns need together to be read


def _table_width(rows: list[tuple[Rule, Text, str]], composed: bool) -> int:
    """The width the table needs: its fixed columns (ids, packs, verdicts: never wrapped)
    and room for titles; below it, rules are listed one under another (the French
    verdicts are longer: at 100 columns the titles would be cut into syllables)."""
    fixed = max((len(rule.id) for rule, _verdict, _cites in rows), default=0) + \
        max((len(verdict.plain) for _rule, verdict, _cites in rows), default=0)
    if composed:
        fixed += max((len(rule.origin or "") for rule, _verdict, _cites in rows), default=0)
    return max(TABLE_WIDTH, fixed + 2 * 4 + READABLE_COLUMNS)


def rules(pack: Pack, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.para(_("Rules of {title} ({pack} {version})").format(
        title=text(pack.manifest.title), pack=pack.id, version=pack.manifest.version),
        style="bold")
    rows = []
    for rule in pack.rules:
        verdict = (Text(verdict_name(rule.verdict), style=wording(rule.verdict).style)
                   if rule.verdict else Text(_("— (obligations only)"), style="dim"))
        cites = ", ".join(dict.fromkeys(f"{c.source} §{c.section}" for c in rule.cite))
        rows.append((rule, verdict, cites))
    composed = len(pack.layers) > 1
    if out.console.width >= _table_width(rows, composed):
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column(_("id"), style="cyan", no_wrap=True)
        if composed:
            table.add_column(_("pack"), no_wrap=True)
        table.add_column(_("verdict"), no_wrap=True)
        table.add_column(_("title"), overflow="fold", ratio=3)
        table.add_column(_("cites"), overflow="fold", ratio=2)
        for rule, verdict, cites in rows:
            origin = [rule.origin] if composed else []
            table.add_row(rule.id, *origin, verdict, text(rule.title), cites)
        out.console.print(table)
    else:
        for rule, verdict, cites in rows:
            out.line()
            head = Text(rule.id, style="cyan")
            if composed and rule.origin:
                head.append(f"  [{rule.origin}]", style="dim")
            head.append("  ")
            head.append(verdict)
            out.console.print(head, soft_wrap=True)
            out.para(text(rule.title), indent=2)
            if cites:
                out.para(_("cites {citations}").format(citations=cites), indent=2, style="dim")
    out.line()
    out.line(_("smguide explain RULE_ID shows a rule in full."), style="dim")


def explain(pack: Pack, rule: Rule, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.para(text(rule.title), style="bold")
    out.line(rule.id, style="cyan")
    out.line()
    rows: list[tuple[str, str]] = []
    rows.append((_("Verdict"), wording(rule.verdict).label if rule.verdict
                 else _("none (adds obligations and cautions only)")))
    rows.append((_("When"), describe_condition(rule.when)))
    if rule.exception_to:
        rows.append((_("Exception to"), _rule_refs(pack, rule.exception_to)))
    exceptions = exceptions_to(pack, rule)
    if exceptions:
        rows.append((_("Exceptions"), _rule_refs(pack, exceptions)))
    if rule.principles:
        rows.append((_("Principles"), ", ".join(p.value for p in rule.principles)))
    if rule.origin and (rule.origin != pack.id or len(pack.layers) > 1):
        rows.append((_("From pack"), rule.origin))
    label = max(len(a) for a, _value in rows) + 2
    # The label's colon follows the language's typography ("Verdict :" in French).
    colon = _("{label}:")
    for i, (name, value) in enumerate(rows):
        first = " " + colon.format(label=name).ljust(label) + " "
        style = wording(rule.verdict).style if i == 0 and rule.verdict else ""
        out.para(value, indent=len(first), first=first, style=style)
    if rule.rationale:
        out.heading(_("Rationale"))
        out.para(text(rule.rationale), indent=1)
    if rule.obligations:
        out.heading(_("Obligations"))
        out.bullets(CHECKBOX, (text(t) for t in rule.obligations))
    if rule.cautions:
        out.heading(_("Cautions"))
        out.bullets(CAUTION, (text(t) for t in rule.cautions))
    if rule.considerations:
        out.heading(_("Ethical considerations"))
        out.bullets(BULLET, (text(t) for t in rule.considerations))
    if rule.cite:
        out.heading(_("Citations"))
        _citations(out, pack, rule, 1)


def _rule_refs(pack: Pack, ids: list[str]) -> str:
    out = []
    for rid in ids:
        other = pack.rule(rid)
        out.append(f"{rid} ({text(other.title)})" if other else rid)
    return "; ".join(out)


def reflection(pack: Pack, refl: Reflection, file: IO[str] | None = None) -> None:
    """The practitioner's reflection, step by step, and its outcome."""
    from smguide import reflection as rf
    from smguide.report.wording import principle_label

    out = Writer(file)
    out.heading(_("Your reflection"))
    out.para(_("Model: {model}. Reflecting because {trigger}.").format(
        model=_(rf.MODEL), trigger=_(rf.TRIGGER_LABELS[refl.trigger])), indent=1, style="dim")
    options = "; ".join(_option_text(v) for v in refl.considered)
    rows = [
        ("1. " + _("Policy rules"), _(rf.ASSESSMENT_LABELS[refl.assessment])
         + (" " + ngettext("({count} provision applies)", "({count} provisions apply)",
                           len(refl.rules.applied)).format(count=len(refl.rules.applied))
            if refl.rules.applied else "")),
        ("2. " + _("Principles"), "; ".join(f"{i}. {principle_label(p)}"
                                            for i, p in enumerate(refl.principles, 1))),
        ("3. " + _("Purpose"), _(rf.PURPOSE_LABELS[refl.purpose])
         + (" — " + quoted_words(refl.purpose_note) if refl.purpose_note else "")),
        ("4. " + _("Who is affected"), "; ".join(_(rf.AFFECTED_LABELS[a])
                                                 for a in refl.affected)),
        ("5. " + _("Options"), _("considered: {options}. Chosen: {chosen}.").format(
            options=options, chosen=refl.chosen.label)),
        ("6. " + _("Alternatives"), "; ".join(
            labelled(_(rf.METHOD_LABELS[m]), _(rf.TRIED_LABELS[t]).lower())
            for m, t in refl.alternatives)),
        ("7. " + _("Consulted"), "; ".join(_(rf.CONSULTED_LABELS[c]) for c in refl.consulted)),
    ]
    if refl.note:
        rows.append((_("Note"), quoted_words(refl.note)))
    heads = [" " + _("{heading}:").format(heading=name) for name, _value in rows]
    label = max(len(head) for head in heads) + 1
    for head, (_name, value) in zip(heads, rows, strict=True):
        first = head.ljust(label) + " "
        out.para(value, indent=len(first), first=first)
    out.heading(_("Outcome"))
    out.para(refl.outcome, indent=1, style="bold")


def _option_text(view: ReflectionOption) -> str:
    if view.verdict is None:
        return view.label
    return f"{view.label} ({verdict_name(view.verdict)})"


def act_otherwise(act: ActOtherwise, file: IO[str] | None = None) -> None:
    """What smguide recommended and what the practitioner decided instead, and why."""
    from smguide import reflection as rf

    out = Writer(file)
    out.heading(_("You will act otherwise than the recommendation"))
    out.para(act.statement, indent=1)
    out.para(_("Reasons: ") + "; ".join(_(rf.REASON_LABELS[r]) for r in act.reasons)
             + (". " + _("Note:") + " " + quoted_words(act.note) if act.note else ""), indent=1)
