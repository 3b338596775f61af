"""What the reflection's pages show: the seven steps as the terminal walks them
(:mod:`smguide.interview.reflect_prompt`), and the finished reflection as the record
writes it (:func:`smguide.reflection.summary.summary`, which the printable record shows
too)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smguide import reflection as rf
from smguide.engine.decision import Decision
from smguide.i18n import _
from smguide.pack.models import Pack
from smguide.report.wording import item_sources, principle_label, text, verdict_name, wording
from smguide.web.reflection import PREFIX, TICKED, principle_positions


def _option_summary(view: rf.OptionView) -> str:
    if view.verdict is None:
        return view.label
    silent = " " + _("(the policy is silent)") if view.silent else ""
    return f"{view.label}: {wording(view.verdict).label}{silent}"


def _choices(labels: Mapping[Any, str]) -> list[tuple[str, str]]:
    return [(key.value, _(label)) for key, label in labels.items()]


def form_view(pack: Pack, decision: Decision, answers: Mapping[str, str],
              posted: Mapping[str, str], problems: Mapping[str, str]) -> dict[str, Any]:
    """The seven steps' texts and choices, with what is ticked and chosen (``posted``)."""
    screen = rf.rules_screen(decision)
    applied = [{"title": text(a.rule.title),
                "effect": verdict_name(a.rule.verdict) if a.rule.verdict
                else _("adds obligations"),
                "may": not a.certain, "sources": item_sources(pack, (a.rule.id,))}
               for a in screen.applied]
    positions = principle_positions(posted)
    views = rf.options(pack, answers, decision)
    methods = [(m.value, _("{method}: tried?").format(method=_(label)))
               for m, label in rf.METHOD_LABELS.items()]
    asked = {"rules": _("What do the provisions tell you?"),
             "principle": _("Which principles are at stake?"),
             "purpose": _("What is the purpose of the contact?"),
             "purpose_note": _("The purpose, in a few words (optional):"),
             "affected": _("Who is affected by this contact, or by not making it?"),
             "chosen": _("Which do you choose?"),
             **{f"tried.{m}": question for m, question in methods},
             "consulted": _("Whom have you consulted?"),
             "note": _("Anything to add to the record about your reasoning?")}
    return {
        # each problem, in the form's order, to link to from the top of the page
        "problem_links": [(name, asked[name], problems[PREFIX + name]) for name in asked
                          if PREFIX + name in problems],
        "posted": posted, "problems": problems, "p": PREFIX, "ticked": TICKED,
        "silent_text": _("No provision of {pack} gives a verdict for this case: the policy "
                         "is silent.").format(pack=text(pack.manifest.title))
        if not screen.verdicts else None,
        "applied": applied,
        "conflict": _("Provisions with different verdicts apply: {verdicts} (smguide gives "
                      "the strictest).").format(verdicts=", ".join(
                          verdict_name(v) for v in screen.verdicts))
        if len(screen.verdicts) > 1 else None,
        "defeats": [_("{exception} set aside {rule}").format(
            exception=text(d.exception.title), rule=text(d.defeated.title)) + "."
            for d in screen.defeats],
        "assessments": _choices(rf.ASSESSMENT_LABELS),
        "principles": [(p.value, principle_label(p), positions[p.value])
                       for p in rf.PRINCIPLE_RANK],
        "positions": [str(n) for n in range(1, len(rf.PRINCIPLE_RANK) + 1)],
        "purposes": _choices(rf.PURPOSE_LABELS),
        "affected": _choices(rf.AFFECTED_LABELS),
        "options": [{"id": v.id, "label": v.label, "summary": _option_summary(v),
                     "current": v.current, "risks": v.risks} for v in views],
        "methods": methods,
        "tried": _choices(rf.TRIED_LABELS),
        "consulted": _choices(rf.CONSULTED_LABELS),
        "max_note": rf.MAX_NOTE,
        "note_warning": _(rf.NOTE_WARNING) + " " + _(
            "At most {count} characters; it goes into the decision record as you type "
            "it.").format(count=rf.MAX_NOTE),
    }
