"""The reflection's result and "act otherwise", and both as data for the record and
the JSON output."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from smguide.engine.decision import AppliedRule, Decision
from smguide.i18n import _, labelled
from smguide.pack.models import Pack, Principle, Verdict
from smguide.reflection.answers import (
    ActOtherwiseAnswers,
    ReflectionAnswers,
)
from smguide.reflection.screens import (
    OptionView,
    RulesScreen,
    channel_ids,
    from_silence,
    options,
    rules_screen,
    suggested_principles,
)
from smguide.reflection.vocabulary import (
    ACTION_LABELS,
    AFFECTED_LABELS,
    ASSESSMENT_LABELS,
    CHANNEL_QUESTION,
    CONSULTED_LABELS,
    METHOD_LABELS,
    MODEL,
    NOTE_WARNING,
    PURPOSE_LABELS,
    REASON_LABELS,
    TRIED_LABELS,
    Action,
    Affected,
    Consulted,
    Method,
    Purpose,
    Reason,
    RulesAssessment,
    Tried,
    Trigger,
)


@dataclass(frozen=True)
class Reflection:
    trigger: Trigger
    recommended: Verdict
    rules: RulesScreen
    assessment: RulesAssessment
    principles: tuple[Principle, ...]  # ranked, most important first
    suggested_principles: tuple[Principle, ...]
    purpose: Purpose
    purpose_note: str | None
    affected: tuple[Affected, ...]
    considered: tuple[OptionView, ...]  # includes the chosen option
    chosen: OptionView
    alternatives: tuple[tuple[Method, Tried], ...]
    consulted: tuple[Consulted, ...]
    note: str | None

    @property
    def outcome(self) -> str:
        return outcome(self.chosen, self.consulted)


def outcome(chosen: OptionView, consulted: Sequence[Consulted]) -> str:
    """The practitioner's reasoned choice, and "consult your supervisor": never a permission."""
    parts = [_("Your reasoned choice: {option}.").format(option=chosen.label)]
    if chosen.verdict is not None and chosen.verdict.rank <= Verdict.needs_authorization.rank:
        from smguide.report.wording import wording

        parts.append(_("For this option the rules say {verdict}: choosing it means acting "
                       "otherwise than the recommendation; record why.").format(
                           verdict=wording(chosen.verdict).label))
    parts.append(_("This is not a permission from smguide: consult your supervisor before you "
                   "act, and keep this reflection with the supervision notes."))
    if Consulted.supervisor in consulted:
        parts.append(_("You have talked with your supervisor; note their view there too."))
    return " ".join(parts)


class ReflectionProblem(ValueError):
    """An answer that does not fit the pack or the decision; ``path`` locates it."""

    def __init__(self, message: str, path: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.path = path


def build(pack: Pack, decision: Decision, answers: Mapping[str, str],
          given: ReflectionAnswers, trigger: Trigger | None = None) -> Reflection:
    """The reflection from the answers to its steps. Raises ReflectionProblem."""
    views = {v.id: v for v in options(pack, answers, decision)}
    chosen = views.get(given.options.chosen)
    if chosen is None:
        raise ReflectionProblem(
            f"option {given.options.chosen!r} is not one of: {', '.join(views)}",
            ("options", "chosen"))
    considered: list[OptionView] = []
    for i, oid in enumerate(given.options.considered):
        view = views.get(oid)
        if view is None:
            raise ReflectionProblem(f"option {oid!r} is not one of: {', '.join(views)}",
                                    ("options", "considered", i))
        if view not in considered:
            considered.append(view)
    if chosen not in considered:
        considered.append(chosen)
    screen = rules_screen(decision)
    return Reflection(
        trigger=trigger or (Trigger.silent if screen.silent else Trigger.requested),
        recommended=decision.verdict,
        rules=screen,
        assessment=given.rules,
        principles=tuple(given.principles),
        suggested_principles=tuple(suggested_principles(decision)),
        purpose=given.purpose,
        purpose_note=given.purpose_note,
        affected=tuple(given.affected),
        considered=tuple(considered),
        chosen=chosen,
        alternatives=tuple((m, given.alternatives[m]) for m in Method),
        consulted=tuple(given.consulted),
        note=given.note,
    )


@dataclass(frozen=True)
class ActOtherwise:
    """The practitioner will act otherwise than the recommendation: both are kept."""

    recommended: Verdict
    recommended_silent: bool
    recommended_pending: bool  # "DEPENDS": ``recommended`` is the strictest possible outcome
    action: Action
    channel: str | None
    channel_label: str | None
    reasons: tuple[Reason, ...]
    note: str | None

    @property
    def recommendation(self) -> str:
        return recommendation_line(self.recommended, self.recommended_silent,
                                   self.recommended_pending)

    @property
    def statement(self) -> str:
        what = _(ACTION_LABELS[self.action])
        if self.channel_label:
            what = labelled(what, self.channel_label)
        return _("smguide recommended: {verdict} You decided: {what}. You remain accountable "
                 "for this choice: consult your supervisor before you act, and keep this "
                 "record in the case file.").format(verdict=self.recommendation, what=what)


def recommendation_line(verdict: Verdict, silent: bool, pending: bool) -> str:
    """What smguide recommended, in one line: the verdict's, or while the answer depends on
    what was answered "not sure", that, then the strictest possible outcome (which alone
    would misstate the answer the practitioner was given)."""
    from smguide.report.wording import DEPENDS_LABEL, UNTIL_KNOWN, verdict_line

    line = verdict_line(verdict, silent)
    if not pending:
        return line
    return _("{label} — do not go ahead until you find out what you answered “not sure”. "
             "{until} {line}").format(label=_(DEPENDS_LABEL), until=_(UNTIL_KNOWN), line=line)


def recommendation_of(decision: Decision) -> str:
    """:func:`recommendation_line` for a decision, as the "act otherwise" record says it."""
    from smguide.report.model import is_pending

    return recommendation_line(decision.verdict, from_silence(decision), is_pending(decision))


def build_otherwise(pack: Pack, decision: Decision, given: ActOtherwiseAnswers) -> ActOtherwise:
    """The "act otherwise" record from its answers. Raises ReflectionProblem."""
    label = None
    if given.channel is not None:
        question = pack.question(CHANNEL_QUESTION)
        option = question.option(given.channel) if question is not None else None
        if option is None:
            raise ReflectionProblem(
                f"channel {given.channel!r} is not one of: {', '.join(channel_ids(pack))}",
                ("channel",))
        label = str(option.text)
    from smguide.report.model import is_pending

    return ActOtherwise(decision.verdict, from_silence(decision), is_pending(decision),
                        given.action, given.channel, label, tuple(given.reasons), given.note)


# --- as data (the record and the JSON output) ------------------------------------------


def _rule_data(pack: Pack, applied: AppliedRule) -> dict[str, Any]:
    from smguide.report.wording import citation, text

    rule = applied.rule
    return {
        "id": rule.id,
        "title": text(rule.title),
        "verdict": rule.verdict.value if rule.verdict else None,
        "certain": applied.certain,
        "origin": rule.origin or None,
        "citations": [
            {"source": c.source, "section": c.section, "reference": c.reference,
             "quote": c.quote}
            for c in (citation(pack, cite) for cite in rule.cite)
        ],
    }


def _option_data(view: OptionView) -> dict[str, Any]:
    return {"id": view.id, "text": view.label, "kind": view.kind,
            "verdict": view.verdict.value if view.verdict else None,
            "risks": list(view.risks), "current": view.current}


def data(pack: Pack, reflection: Reflection) -> dict[str, Any]:
    """The reflection as JSON-ready data (the ``reflection`` of smguide.decision/1)."""
    from smguide.report.wording import principle_label

    screen = reflection.rules
    return {
        "model": MODEL,
        "trigger": reflection.trigger.value,
        "recommended_verdict": reflection.recommended.value,
        "rules": {
            "assessment": reflection.assessment.value,
            "assessment_text": ASSESSMENT_LABELS[reflection.assessment],
            "provisions": [_rule_data(pack, a) for a in screen.applied],
            "verdicts": [v.value for v in screen.verdicts],
            "defeats": [{"exception": d.exception.id, "defeated": d.defeated.id,
                         "certain": d.certain} for d in screen.defeats],
            "silent": screen.silent,
        },
        "principles": [{"id": p.value, "text": principle_label(p)}
                       for p in reflection.principles],
        "suggested_principles": [p.value for p in reflection.suggested_principles],
        "purpose": {"id": reflection.purpose.value, "text": PURPOSE_LABELS[reflection.purpose],
                    "note": reflection.purpose_note},
        "affected": [{"id": a.value, "text": AFFECTED_LABELS[a]} for a in reflection.affected],
        "options": {"considered": [_option_data(v) for v in reflection.considered],
                    "chosen": _option_data(reflection.chosen)},
        "alternatives": [{"method": m.value, "method_text": METHOD_LABELS[m],
                          "tried": t.value, "tried_text": TRIED_LABELS[t]}
                         for m, t in reflection.alternatives],
        "consulted": [{"id": c.value, "text": CONSULTED_LABELS[c]} for c in reflection.consulted],
        "note": reflection.note,
        "note_warning": NOTE_WARNING,
        "outcome": reflection.outcome,
        "consult_supervisor": True,
    }


def otherwise_data(act: ActOtherwise) -> dict[str, Any]:
    """The ``act_otherwise`` of smguide.decision/1: what smguide said and what they decided."""
    return {
        "recommended_verdict": act.recommended.value,
        "recommended_pending": act.recommended_pending,
        "recommended_summary": act.recommendation,
        "action": act.action.value,
        "action_text": ACTION_LABELS[act.action],
        "channel": act.channel,
        "channel_text": act.channel_label,
        "reasons": [{"id": r.value, "text": REASON_LABELS[r]} for r in act.reasons],
        "note": act.note,
        "note_warning": NOTE_WARNING,
        "statement": act.statement,
        "consult_supervisor": True,
    }
