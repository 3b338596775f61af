"""Markdown output of a decision, for pasting into case notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smguide.decision import Item
from smguide.render.common import (
    MAY_APPLY,
    QUOTED,
    UNTIL_KNOWN,
    branch_texts,
    headline,
    origin_tag,
    principle_label,
    principle_name,
    text,
    verdict_line,
    verdict_name,
)
from smguide.report import GO_AHEAD

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection
    from smguide.report import Report


def _escape(value: str) -> str:
    """Keep pack text literal: escape what Markdown would turn into formatting."""
    out = []
    for ch in value:
        if ch in "\\`*_[]<>|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _item(item: Item, marker: str) -> str:
    suffix = f" *({MAY_APPLY})*" if not item.certain else ""
    return f"- {marker}{_escape(text(item.text))}{suffix}"


def _quote(lines: list[str], pad: str, quote: str) -> None:
    if lines[-1].lstrip().startswith(">"):
        lines.append(f"{pad}  >")  # keeps consecutive quotes apart
    lines.append(f"{pad}  > “{_escape(quote)}” — {QUOTED}")


def _summary(report: Report) -> list[str]:
    """The one-screen answer: headline, what it depends on, checklists, the provisions."""
    from smguide.render.answer import checklists

    lines = [f"**{_escape(headline(report))}**", ""]
    if not report.settled:
        if not report.pending:
            lines += ["*It may turn out less strict once you know:*", ""]
        for dep in report.depends:
            lines.append(f"- **{_escape(dep.text)}** "
                         + ("; ".join(_escape(t) for t in branch_texts(dep.branches))
                            or "(matters together with your other answers)"))
        if not report.depends:
            lines += [f"- {_escape(text(f.text))}" for f in report.decision.find_out]
        if report.pending:
            lines += ["", f"*{UNTIL_KNOWN} "
                      f"{_escape(verdict_line(report.verdict, report.silent))}*"]
        lines.append("")
    for silence in report.silences if not report.pending else ():
        cites = "; ".join(c.brief for c in silence.citations)
        lines += [_escape(silence.reason) + (f" ({_escape(cites)})" if cites else ""), ""]
    for title, items in checklists(report) if not report.pending else ():
        if items:
            lines += [f"### {title}", ""] + [_item(i, "[ ] ") for i in items] + [""]
    if report.standing and not report.pending and report.verdict in GO_AHEAD:
        lines += ["*As always: " + "; ".join(
            _escape(text(r.title)[:1].lower() + text(r.title)[1:]) for r in report.standing)
            + ".*", ""]
    if report.deciding:
        lines += ["### Strictest possible outcome, based on" if report.pending
                  else "### Based on", ""]
        for provision in report.deciding:
            rule = provision.rule
            cites = ", ".join(dict.fromkeys(c.brief for c in provision.citations))
            effect = verdict_name(rule.verdict) if rule.verdict else ""
            lines.append(f"- **{_escape(text(rule.title))}** ({effect}) — {_escape(cites)}")
            quote = next((c.quote for c in provision.citations if c.quote), None)
            if quote:
                _quote(lines, "", quote)
        lines.append("")
    return lines


def _details(report: Report) -> list[str]:
    result, pack = report.decision, report.pack
    lines: list[str] = ["## Full rationale", ""]
    if result.obligations:
        lines += ["### Obligations", ""]
        lines += [_item(i, "[ ] ") for i in result.obligations]
        lines.append("")
    if result.cautions:
        lines += ["### Cautions", ""]
        lines += [_item(i, "") for i in result.cautions]
        lines.append("")
    if result.considerations:
        lines += ["### Ethical considerations", ""]
        for item in result.considerations:
            lines.append(_item(item, ""))
            if item.principles:
                lines.append("  *Principles: " + ", ".join(
                    _escape(principle_name(p)) for p in item.principles) + "*")
            for rid in item.rules:
                rule = pack.rule(rid)
                if rule is not None:
                    cites = ", ".join(dict.fromkeys(report.cite(c).brief for c in rule.cite))
                    lines.append(f"  - {_escape(origin_tag(pack, rule) + rid)} — "
                                 f"{_escape(cites)}")
        lines.append("")
    if result.applied:
        lines += ["### Why", ""]
        for number, applied in enumerate(result.applied, 1):
            rule = applied.rule
            effect = verdict_name(rule.verdict) if rule.verdict else "adds obligations"
            may = f" *(may apply, {MAY_APPLY})*" if not applied.certain else ""
            head = f"{number}. "
            pad = " " * len(head)  # list item content lines up with the item's text
            tag = origin_tag(pack, rule)
            lines.append(f"{head}**{_escape(text(rule.title))}** — {effect}{may} "
                         f"({_escape(tag)}`{rule.id}`)")
            if rule.rationale:
                lines.append(f"{pad}{_escape(text(rule.rationale))}")
            previous: tuple[str, str] | None = None
            for cite in rule.cite:
                view = report.cite(cite)
                if (cite.source, cite.section) != previous:
                    lines.append(f"{pad}- {_escape(view.reference)}")
                    previous = (cite.source, cite.section)
                if view.quote:
                    _quote(lines, pad, view.quote)
        lines.append("")
    if result.defeated:
        lines += ["### Exceptions applied", ""]
        for defeat in result.defeated:
            may = f" *({MAY_APPLY})*" if not defeat.certain else ""
            lines.append(f"- {_escape(text(defeat.exception.title))} set aside "
                         f"{_escape(text(defeat.defeated.title))}{may}")
        lines.append("")
    if result.why_not:
        lines += ["### What would change the outcome", ""]
        for why in result.why_not:
            changes = "; ".join(
                _escape(f"{text(c.question.text)} = {text(c.question.answer_text(c.answer))}")
                for c in why.changes
            )
            lines.append(f"- Would be {verdict_name(why.verdict)} if: {changes}")
        lines.append("")
    if result.find_out:
        lines += ["### What to find out", ""]
        lines += [f"- {_escape(text(f.text))}" for f in result.find_out]
        lines.append("")
    if result.silent:
        lines += ["### The policy is silent", "",
                  f"No rule of {_escape(text(pack.manifest.title))} gives a verdict for "
                  f"{'this case' if result.certain else 'some of your “not sure” answers'}. "
                  "smguide never treats silence as permission: consult your supervisor.", ""]
        for silence in report.silences:
            lines.append(f"- {_escape(silence.reason)}")
            for ref in silence.citations:
                lines.append(f"  - {_escape(ref.reference)}")
                if ref.quote:
                    _quote(lines, "  ", ref.quote)
        lines.append("")
    return lines


def _answers(report: Report) -> list[str]:
    if not report.answers:
        return []
    lines = ["### Answers", ""]
    for row in report.answers:
        lines.append(f"- {_escape(row.question_text)} — {_escape(row.answer_text)}")
    return [*lines, ""]


def _sources(report: Report) -> list[str]:
    if not report.sources:
        return []
    lines = ["### Sources", ""]
    for source in report.sources:
        label = f"{_escape(source.label)}: " if source.label != source.title else ""
        lines.append(f"- {label}*{_escape(source.title)}*")
    return [*lines, ""]


def _pack_line(report: Report) -> str:
    pack = report.pack
    return (f"*Rule pack: {_escape(text(pack.manifest.title))} ({_escape(pack.id)} "
            f"{_escape(pack.manifest.version)}, {pack.content_hash}) · smguide "
            f"{_escape(report.tool_version)}*")


def decision(report: Report) -> str:
    """The answer and its full rationale, for pasting into case notes."""
    lines = _summary(report) + _details(report) + _answers(report) + _sources(report)
    lines.append(_pack_line(report))
    return "\n".join(lines) + "\n"


def record(report: Report, *, recorded_at: str, refl: Reflection | None = None,
           otherwise: ActOtherwise | None = None) -> str:
    """The decision record as Markdown, for a case file: when, with what, the answers, the
    verdict, the checklist and the citations (each source's full title once)."""
    pack = report.pack
    layers = " + ".join(pack.layers) if len(pack.layers) > 1 else pack.id
    when = recorded_at.replace("T", " ").replace("Z", " UTC")
    lines = [
        "# Decision record (smguide)", "",
        f"- **Recorded:** {_escape(when)}",
        f"- **Tool:** smguide {_escape(report.tool_version)}",
        f"- **Rule packs:** {_escape(layers)} — {_escape(text(pack.manifest.title))}, "
        f"version {_escape(pack.manifest.version)}",
        f"- **Pack content hash:** `{pack.content_hash}`",
        f"- **Verdict:** {_escape(verdict_line(report.verdict, report.silent))}"
        + ("" if report.settled else " *(strictest possible: not settled)*"),
        "",
    ]
    lines += _answers(report) + _summary(report) + _details(report) + _sources(report)
    if refl is not None:
        lines.append(reflection(refl))
    if otherwise is not None:
        lines.append(act_otherwise(otherwise))
    lines.append(_pack_line(report))
    return "\n".join(lines) + "\n"


def reflection(refl: Reflection) -> str:
    """The practitioner's reflection as Markdown, to follow the decision in case notes."""
    from smguide import reflection as rf

    def option(view: rf.OptionView) -> str:
        verdict = f" ({verdict_name(view.verdict)})" if view.verdict else ""
        return _escape(view.label) + verdict

    purpose = _escape(rf.PURPOSE_LABELS[refl.purpose])
    if refl.purpose_note:
        purpose += f" — “{_escape(refl.purpose_note)}”"
    lines = [
        "### Your reflection", "",
        f"*Model: {_escape(rf.MODEL)}. Reflecting because "
        f"{_escape(rf.TRIGGER_LABELS[refl.trigger])}.*", "",
        f"1. **Policy rules:** {_escape(rf.ASSESSMENT_LABELS[refl.assessment])}",
        "2. **Principles, in order:** " + "; ".join(
            _escape(principle_label(p)) for p in refl.principles),
        f"3. **Purpose:** {purpose}",
        "4. **Who is affected:** " + "; ".join(
            _escape(rf.AFFECTED_LABELS[a]) for a in refl.affected),
        "5. **Options considered:** " + "; ".join(option(v) for v in refl.considered)
        + f". **Chosen:** {option(refl.chosen)}",
        "6. **Alternatives tried:** " + "; ".join(
            f"{_escape(rf.METHOD_LABELS[m])}: {_escape(rf.TRIED_LABELS[t].lower())}"
            for m, t in refl.alternatives),
        "7. **Consulted:** " + "; ".join(_escape(rf.CONSULTED_LABELS[c]) for c in refl.consulted),
        "",
    ]
    if refl.note:
        lines += [f"*Note:* “{_escape(refl.note)}”", ""]
    lines += ["#### Outcome", "", f"**{_escape(refl.outcome)}**", ""]
    return "\n".join(lines)


def act_otherwise(act: ActOtherwise) -> str:
    from smguide import reflection as rf

    lines = ["### You will act otherwise than the recommendation", "",
             _escape(act.statement), "",
             "Reasons: " + "; ".join(_escape(rf.REASON_LABELS[r]) for r in act.reasons)]
    if act.note:
        lines[-1] += f". Note: “{_escape(act.note)}”"
    lines.append("")
    return "\n".join(lines)
