"""The core of a decision: the verdict, the rules that apply (or may), the exceptions
applied. What ``smguide test`` and the lint read; ``decide`` adds the rest.

"Not sure" (or no answer) stands for every option: the verdict is the strictest over
all the completions of the answers; a rule is certain when it is effective in all of
them, and possible otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from smguide.engine.bits import bitset, members
from smguide.engine.compiled import SILENT_VERDICT, _Compiled, _compiled, normalize
from smguide.engine.decision import AppliedRule, Defeat
from smguide.engine.formula import _Formula
from smguide.engine.verdict import _silent_example
from smguide.pack.conditions import AnyOf
from smguide.pack.models import Pack, Verdict


@dataclass(frozen=True)
class Assessment:
    """The core of a decision: what ``smguide test`` and the lint read. ``decide`` adds
    the texts, what to find out, the answers list and the why-not."""

    verdict: Verdict
    silent: bool
    applied: tuple[AppliedRule, ...]  # strictest verdict first, then pack order
    defeated: tuple[Defeat, ...]
    bounded: bool = False  # a strict answer stood in for an exact one (Decision.bounded)


def assess(pack: Pack, answers: Mapping[str, str]) -> Assessment:
    """The verdict, the rules that apply (or may) and the exceptions applied."""
    c = _compiled(pack)
    return _assess(c, normalize(pack, answers))


def _assess(c: _Compiled, known: Mapping[str, str]) -> Assessment:
    last = c.last_outcome
    if last is not None and last[0] == known:
        return last[1]  # type: ignore[no-any-return]
    settled = c.settled(known)
    guesses = c.guesses

    def possible(formula: _Formula, want: bool = True) -> bool:
        return c.possible(formula, known, want, settled)

    applied = _applied(c, known, settled)
    applied.sort(key=lambda a: (a.rule.verdict.rank if a.rule.verdict else 99))
    silent = _silence_possible(c, known, settled, applied)
    # The strictest verdict any completion gives; silence counts as consult_supervisor.
    verdicts = [a.rule.verdict for a in applied if a.rule.verdict is not None]
    if silent:
        verdicts.append(SILENT_VERDICT)
    verdict = Verdict.strictest(verdicts) if verdicts else SILENT_VERDICT
    defeats = tuple(
        Defeat(exception, target, not possible(both, want=False))
        for exception, target, both in c.defeat_pairs
        if possible(both)
    )
    outcome = Assessment(verdict, silent, tuple(applied), defeats, c.guesses != guesses)
    c.last_outcome = (dict(known), outcome)
    return outcome


def _applied(c: _Compiled, known: Mapping[str, str],
             settled: Mapping[str, str | None]) -> list[AppliedRule]:
    """The rules that take effect in some completion, in pack order: certain where in
    all, else with the questions still open that they read."""
    questions = c.pack.questions
    # The questions still open: an uncertain rule lists those it reads.
    open_bits = bitset((i for i, q in enumerate(questions)
                        if q.id not in known and settled.get(q.id, "") is not None),
                       len(questions))
    pick = c.pick_ids.pick
    applied: list[AppliedRule] = []
    rules = c.pack.rules
    if not open_bits:  # every rule is decided by three-valued evaluation
        for rule in c.rules_in(c.candidates(settled)):  # the others are False
            if c.effective[rule.id].eval3(settled):
                applied.append(AppliedRule(rule, True))
        return applied
    # Box rules (most) all at once: which may hold, which may fail (RuleIndex.over).
    index = c.index
    hold, fail = index.over(c.values(known, settled))
    # the others are False under settled (c.candidates), or as boxes cannot hold
    for position in members((c.candidates(settled) & ~index.boxes) | hold):
        rule = rules[position]
        formula = c.effective.at(position, rule)
        if index.boxes >> position & 1:
            if not fail >> position & 1:  # holds in every completion
                applied.append(AppliedRule(rule, True))
            elif (c.linked_hold(formula, known)
                  or c.searched(formula, known, True, settled)):
                applied.append(AppliedRule(rule, False, pick(formula.bits & open_bits)))
            continue
        value = formula.condition.eval3(settled)  # exact where definite: no search
        if value is True:
            applied.append(AppliedRule(rule, True))
        elif value is None and c.possible_open(formula, known, True, settled):
            certain = not c.possible_open(formula, known, False, settled)
            applied.append(AppliedRule(rule, certain,
                                       () if certain else pick(formula.bits & open_bits)))
    return applied


def _silence_possible(
    c: _Compiled,
    known: Mapping[str, str],
    settled: Mapping[str, str | None],
    applied: list[AppliedRule],
) -> bool:
    """``possible(c.silent)`` without its formula over every rule: silence is impossible
    if a verdict rule is certain; else only the rules that may apply can break it."""
    may = [a for a in applied if a.rule.verdict is not None]
    if any(a.certain for a in may):
        return False
    if not may:
        return True
    if c.many(len(may)) and _silent_example(c, known):
        return True
    either = AnyOf(tuple(c.effective[a.rule.id].condition for a in may))
    return c.search(either, known, settled, want=False)
