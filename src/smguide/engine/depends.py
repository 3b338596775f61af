"""What a verdict that is not settled depends on, and how much of the interview is left.

Built on the engine's exact search (:func:`smguide.engine.settled.settled` and the compiled
formulas); docs/engine.md ("Settled, and what the verdict depends on") has the
semantics. Pure functions, like the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress

from smguide.engine import solver
from smguide.engine.assessment import _assess
from smguide.engine.compiled import _compiled, normalize
from smguide.engine.decision import Branch, Dependency
from smguide.engine.relevance import may_apply
from smguide.engine.settled import settled, stopped
from smguide.engine.verdict import _verdict, verdict_of
from smguide.pack.conditions import All, Condition, Not, tests_of
from smguide.pack.models import Pack, Question, Verdict


def could_ask(pack: Pack, answers: Mapping[str, str]) -> list[Question]:
    """The unanswered questions the interview could still ask, whatever the answers to come:
    those that may apply and that a rule still undecided (with a verdict or obligations)
    reads. A bound on what is left that never grows as answers are added: a rule settled
    either way stays settled, and a question that cannot apply never applies again."""
    if stopped(pack, answers):
        return []
    c = _compiled(pack)
    known = normalize(pack, answers)
    open_questions: set[str] = set()
    for rule in c.rules_in(c.candidates(c.settled(known))):  # the others cannot apply
        if rule.verdict is None and not rule.obligations:
            continue
        formula = c.effective[rule.id]
        if formula.ids <= open_questions | answers.keys():
            continue  # it could add no question: its two searches are not needed
        if c.possible(formula, known) and c.possible(formula, known, want=False):
            open_questions |= formula.ids
    return [q for q in pack.questions
            if q.id in open_questions and q.id not in answers and may_apply(pack, q, known)]


def dependencies(pack: Pack, answers: Mapping[str, str]) -> tuple[Dependency, ...]:
    """Unknown questions whose answer really changes the verdict, in asking order. Empty
    when the verdict is settled. Sound, not complete; a question is listed when

    * two of its answers give different strictest verdicts, or one settles the verdict
      where another leaves it open: it comes with the verdict per answer (``branches``);
    * or, failing that, a rule with the strictest verdict reads it and a witness shows it
      matters: a completion where that rule alone gives the verdict, and another answer
      to the question gives a laxer one. These come without branches (their answers
      matter only together with others).

    A question that matters only in other ways shows up once others are answered."""
    if settled(pack, answers):
        return ()
    c = _compiled(pack)
    known = normalize(pack, answers)
    verdict = _verdict(c, known)
    out: dict[str, Dependency] = {}
    for question in pack.questions:
        if question.id in known or not may_apply(pack, question, known):
            continue
        by_verdict: dict[tuple[Verdict, bool], list[str]] = {}
        for option in question.option_ids:
            trial = {**known, question.id: option}
            key = (_verdict(c, trial), settled(pack, trial))
            by_verdict.setdefault(key, []).append(option)
        if len(by_verdict) > 1:
            branches = (Branch(tuple(opts), v, done) for (v, done), opts in by_verdict.items())
            out[question.id] = Dependency(question, tuple(branches))
    for witnessed in _witnessed(pack, known, verdict, set(out)):
        out[witnessed.id] = Dependency(witnessed, ())
    return tuple(out[q.id] for q in pack.questions if q.id in out)


# Steps (search nodes) the witness search may take in all. A witness is a search for a
# completion where one rule alone gives the verdict: in a large pack with many unknowns
# there may be none, and proving it could take hours. The questions it does not reach
# show up once other answers are in (the list is sound, not complete).
WITNESS_STEPS = 20_000
# Over formulas of more tests than SMALL_TESTS (thousands of rules with the strictest
# verdict make each step long), a step counts one per STEP_TESTS tests: the budget bounds
# the work, not the nodes. The bundled packs (253 tests) stay at one.
SMALL_TESTS = 300
STEP_TESTS = 10


def _witnessed(pack: Pack, known: Mapping[str, str], verdict: Verdict,
               skip: set[str]) -> list[Question]:
    """Unknown questions read by a rule of the strictest verdict, with a witness: a
    completion (of the questions the rules read) where that rule alone gives the verdict,
    and an answer to the question that then leaves a laxer verdict. Within
    :data:`WITNESS_STEPS`."""
    c = _compiled(pack)
    strict = [a.rule for a in _assess(c, known).applied  # the rules that may apply
              if a.rule.verdict is not None and a.rule.verdict.rank <= verdict.rank]
    found: list[Question] = []
    budget = solver.Budget(WITNESS_STEPS)
    size = sum(len(tests_of(c.effective[r.id].condition)) for r in strict)
    cost = 1 if size <= SMALL_TESTS else size // STEP_TESTS
    # what every ``alone`` reads (each reads every strict rule): solver.closure's questions
    reads = frozenset().union(*(c.effective[r.id].ids for r in strict))
    questions = tuple(q for q in pack.questions if q.id in reads)
    with suppress(solver.Exhausted):  # what was found stands: each has its witness
        for rule in strict:
            budget.spend(cost)  # making the formula is a step too
            alone = All((c.effective[rule.id].condition,
                         *(Not(c.effective[o.id].condition) for o in strict if o is not rule)))
            for question in c.effective[rule.id].questions:
                if question.id in known or question.id in skip or question in found:
                    continue
                if not may_apply(pack, question, known):
                    continue
                if _witness(pack, known, verdict, alone, questions, question, budget, cost):
                    found.append(question)
    return found


def _witness(pack: Pack, known: Mapping[str, str], verdict: Verdict, alone: Condition,
             questions: tuple[Question, ...], question: Question,
             budget: solver.Budget, cost: int) -> bool:
    for first in question.option_ids:
        completion = solver.find(questions, alone, {**known, question.id: first},
                                 budget=budget, cost=cost)
        if completion is None:
            continue
        base = {**known, **{k: v for k, v in completion.items() if v is not None}}
        for other in question.option_ids:
            if other != first and verdict_of(pack, {**base, question.id: other}) != verdict:
                return True
    return False
