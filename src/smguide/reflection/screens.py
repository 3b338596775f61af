"""What the steps show: the rules screen, the suggested principles, the options and
their risks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from smguide.engine.decision import AppliedRule, Decision, Defeat
from smguide.i18n import _
from smguide.pack.models import Pack, Principle, Verdict
from smguide.reflection.vocabulary import (
    AS_PLANNED,
    CHANNEL_QUESTION,
    FIXED_OPTION_LABELS,
    NO_CONTACT,
    PRINCIPLE_RANK,
    WAIT,
    RulesAssessment,
)


def from_silence(decision: Decision) -> bool:
    """No rule decides: the verdict (consult your supervisor) came from the policy's silence."""
    return decision.silent and not decision.deciding


@dataclass(frozen=True)
class RulesScreen:
    """Step 1: the provisions that apply, and whether they conflict."""

    applied: tuple[AppliedRule, ...]
    defeats: tuple[Defeat, ...]
    verdicts: tuple[Verdict, ...]  # the different verdicts of the applied rules, strictest first
    silent: bool  # the recommendation came from silence

    @property
    def conflict(self) -> bool:
        return len(self.verdicts) > 1 or bool(self.defeats)

    @property
    def suggested(self) -> RulesAssessment:
        if self.silent:
            return RulesAssessment.silent
        if self.conflict:
            return RulesAssessment.conflict
        return RulesAssessment.settled


def rules_screen(decision: Decision) -> RulesScreen:
    verdicts = sorted({a.rule.verdict for a in decision.applied if a.rule.verdict is not None},
                      key=lambda v: v.rank)
    return RulesScreen(decision.applied, decision.defeated, tuple(verdicts),
                       from_silence(decision))


def suggested_principles(decision: Decision) -> list[Principle]:
    """Step 2's preselection: the principles of the applied rules and considerations, and
    always the best interests of the child, in the default rank."""
    found = {Principle.best_interests}
    for applied in decision.applied:
        found.update(applied.rule.principles)
    for item in decision.considerations:
        found.update(item.principles)
    return rank(found)


def rank(principles: Sequence[Principle] | set[Principle]) -> list[Principle]:
    """Principles in the default order of the principles screen."""
    return [p for p in PRINCIPLE_RANK if p in set(principles)]


@dataclass(frozen=True)
class OptionView:
    """Step 5: one way to go, with what the rules say about it."""

    id: str
    label: str
    kind: str  # "channel", or AS_PLANNED / WAIT / NO_CONTACT
    verdict: Verdict | None  # the recommendation for this option (None: not a contact)
    silent: bool
    risks: tuple[str, ...]  # the cautions and considerations that would apply
    current: bool  # the option the practitioner asked about


def channel_question_applies(pack: Pack, answers: Mapping[str, str]) -> bool:
    from smguide.engine.core import may_apply

    question = pack.question(CHANNEL_QUESTION)
    return question is not None and may_apply(pack, question, answers)


def options(pack: Pack, answers: Mapping[str, str], decision: Decision) -> list[OptionView]:
    """The options of step 5: each channel (when the pack asks for one) with the verdict
    and risks it would have, else "as planned"; then "wait" and "no contact"."""
    from smguide.engine.core import decide

    out: list[OptionView] = []
    question = pack.question(CHANNEL_QUESTION)
    if question is not None and channel_question_applies(pack, answers):
        current = answers.get(CHANNEL_QUESTION)
        for option in question.options:
            result = (decision if current == option.id
                      else decide(pack, {**answers, CHANNEL_QUESTION: option.id}, why_not=False))
            out.append(OptionView(option.id, str(option.text), "channel", result.verdict,
                                  from_silence(result), _risks(result), option.id == current))
    else:
        out.append(OptionView(AS_PLANNED, _(FIXED_OPTION_LABELS[AS_PLANNED]), AS_PLANNED,
                              decision.verdict, from_silence(decision), _risks(decision), True))
    for fixed in (WAIT, NO_CONTACT):
        out.append(OptionView(fixed, _(FIXED_OPTION_LABELS[fixed]), fixed, None, False, (),
                              False))
    return out


def _risks(decision: Decision) -> tuple[str, ...]:
    texts = [str(i.text) for i in (*decision.cautions, *decision.considerations)]
    return tuple(dict.fromkeys(texts))


def channel_ids(pack: Pack) -> list[str]:
    question = pack.question(CHANNEL_QUESTION)
    return question.option_ids if question is not None else []
