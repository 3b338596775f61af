"""Markdown output of a decision, for pasting into case notes."""

from __future__ import annotations

from smguide.decision import Decision, Item
from smguide.models import Pack
from smguide.render.common import (
    MAY_APPLY,
    QUOTED,
    UNCERTAIN_NOTE,
    answer_text,
    citation,
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
        lines += [_item(i, "") for i in result.considerations]
        lines.append("")
    if result.applied:
        lines += ["### Why", ""]
        for number, applied in enumerate(result.applied, 1):
            rule = applied.rule
            effect = verdict_name(rule.verdict) if rule.verdict else "adds obligations"
            may = f" *(may apply, {MAY_APPLY})*" if not applied.certain else ""
            head = f"{number}. "
            pad = " " * len(head)  # list item content lines up with the item's text
            lines.append(f"{head}**{_escape(text(rule.title))}** — {effect}{may} "
                         f"(`{rule.id}`)")
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
    if result.answers:
        lines += ["### Answers", ""]
        for qid, answer in result.answers:
            lines.append(f"- {_escape(question_text(pack, qid))} — "
                         f"{_escape(answer_text(pack, qid, answer))}")
        lines.append("")
    lines.append(f"*Rule pack: {_escape(text(pack.manifest.title))} ({_escape(pack.id)} "
                 f"{_escape(pack.manifest.version)}, {pack.content_hash})*")
    return "\n".join(lines) + "\n"
