"""Markdown output of a decision, for pasting into case notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smguide.decision import Decision, Item
from smguide.models import Pack

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection
from smguide.render.common import (
    MAY_APPLY,
    QUOTED,
    UNCERTAIN_NOTE,
    answer_text,
    citation,
    item_sources,
    origin_tag,
    principle_label,
    principle_name,
    question_text,
    text,
    verdict_line,
    verdict_name,
)


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


def decision(pack: Pack, result: Decision) -> str:
    lines: list[str] = [f"**{_escape(verdict_line(result.verdict, result.silent))}**", ""]
    if not result.certain:
        lines += [f"*{UNCERTAIN_NOTE}*", ""]
    if result.obligations:
        lines += ["### Before you go ahead", ""]
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
            lines += [f"  - {_escape(source)}" for source in item_sources(pack, item.rules)]
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
                view = citation(pack, cite)
                if (view.source, view.section) != previous:
                    lines.append(f"{pad}- {_escape(view.reference)}")
                    previous = (view.source, view.section)
                elif view.quote and lines[-1].lstrip().startswith(">"):
                    lines.append(f"{pad}  >")  # keeps consecutive quotes apart
                if view.quote:
                    lines.append(f"{pad}  > “{_escape(view.quote)}” — {QUOTED}")
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
        lines += [f"{_escape(text(s.reason))}\n" for s in result.silences]
    if result.answers:
        lines += ["### Answers", ""]
        for qid, answer in result.answers:
            lines.append(f"- {_escape(question_text(pack, qid))} — "
                         f"{_escape(answer_text(pack, qid, answer))}")
        lines.append("")
    lines.append(f"*Rule pack: {_escape(text(pack.manifest.title))} ({_escape(pack.id)} "
                 f"{_escape(pack.manifest.version)}, {pack.content_hash})*")
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
