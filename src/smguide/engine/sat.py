"""Questions about completions for a SAT solver: the ones the home-made search finds hard.

"Is there a completion of these answers where this formula is true (or false)?" is a
satisfiability question. :func:`satisfiable` writes it as clauses (one variable per
question and option, one for "not asked", a Tseitin variable per part of the formula)
and asks CaDiCaL (PySAT). Each question gets a solver of its own, made from these
clauses alone, so what it finds and the work it takes depend on the question only,
never on what was asked before: the conflict budget is deterministic.

PySAT is imported here only, when the first question comes: the bundled packs and
complete answers never need it, and start-up does not move.
"""

from __future__ import annotations

from collections.abc import Mapping

from smguide.pack.conditions import All, AnyOf, Assignment, Condition, Not, Test
from smguide.pack.models import Question

# Conflicts one question may take (a conflict is a unit of the solver's work, the same
# on every machine). The generated packs of 10,000 rules need a few hundred at most;
# past it the caller takes the strict answer and says so.
CONFLICTS = 200_000
SOLVER = "cadical195"


class _Clauses:
    """The clauses of one question, with a variable per question value and per part."""

    def __init__(self) -> None:
        self.clauses: list[list[int]] = []
        self.top = 1
        self.clauses.append([1])  # variable 1 is true
        self.values: dict[tuple[str, str | None], int] = {}
        self.options: dict[str, list[str]] = {}
        self.tests: dict[tuple[str, frozenset[str]], int] = {}
        self.made: dict[int, int] = {}  # id of a part -> its variable
        self.defined: set[tuple[int, bool]] = set()  # (id, direction) with its clauses
        self.by_test: dict[tuple[str, frozenset[str]], int] = {}
        self.test_defined: set[tuple[tuple[str, frozenset[str]], bool]] = set()

    def new(self) -> int:
        self.top += 1
        return self.top

    def question(self, question: Question, answer: str | None,
                 settled: Assignment) -> None:
        qid = question.id
        options = question.option_ids
        self.options[qid] = options
        own = [self.new() for _ in options]
        unasked = self.new()
        for option, var in zip(options, own, strict=True):
            self.values[qid, option] = var
        self.values[qid, None] = unasked
        every = [*own, unasked]
        self.clauses.append(every)  # exactly one value
        self.clauses.extend([-a, -b] for i, a in enumerate(every) for b in every[i + 1:])
        if question.ask_if is None:
            self.clauses.append([-unasked])
        else:  # not asked exactly when its ask_if is false (it reads earlier questions)
            self._signed(question.ask_if, False)
            gate = self._signed(question.ask_if, True)  # both directions: equivalence
            self.clauses.append([unasked, gate])
            self.clauses.append([-unasked, -gate])
        if answer is not None and answer in options:  # a definite answer, where asked
            self.clauses.append([unasked, self.values[qid, answer]])
        if qid in settled:  # what every completion agrees on (redundant, quick)
            self.clauses.append([self.values[qid, settled[qid]]])

    def literal(self, cond: Condition, positive: bool = True) -> int:
        """A literal that implies ``cond`` (``positive``) or that ``cond`` implies (else):
        the clauses of one direction only (Plaisted and Greenbaum), each added once. The
        silence of a pack is then a clause per rule, not a definition of each."""
        var = self.made.get(id(cond))
        if var is None:
            var = self.made[id(cond)] = self._var(cond)
        if (id(cond), positive) not in self.defined:
            self.defined.add((id(cond), positive))
            self._define(cond, var, positive)
        return var

    def _test(self, test: Test, positive: bool) -> int:
        key = (test.question, test.options)
        var = self.by_test.get(key)
        if var is None:
            var = self.by_test[key] = self._var(test)
        if (key, positive) not in self.test_defined:
            self.test_defined.add((key, positive))
            self._define(test, var, positive)
        return var

    def _var(self, cond: Condition) -> int:
        if type(cond) is Test:
            options = self.options.get(cond.question)
            chosen = [o for o in options or () if o in cond.options]
            if not chosen:  # no option, or a question of no completion: matches nothing
                return -1
            if len(chosen) == 1:
                return self.values[cond.question, chosen[0]]
            key = (cond.question, frozenset(chosen))
            hit = self.tests.get(key)
            if hit is None:
                hit = self.tests[key] = self.new()
            return hit
        if type(cond) is Not:
            return 0  # stands for the item's literal, negated
        assert isinstance(cond, (All, AnyOf))
        if not cond.items:
            return 1 if type(cond) is All else -1
        return self.new()

    def _define(self, cond: Condition, var: int, positive: bool) -> None:
        if type(cond) is Not:
            return
        if type(cond) is Test:
            if var in (1, -1) or (cond.question, None) not in self.values:
                return
            chosen = [self.values[cond.question, o]
                      for o in self.options[cond.question] if o in cond.options]
            if len(chosen) > 1:
                if positive:
                    self.clauses.append([-var, *chosen])
                else:
                    self.clauses.extend([-v, var] for v in chosen)
            return
        assert isinstance(cond, (All, AnyOf))
        if not cond.items:
            return
        conjunction = type(cond) is All
        parts = [self._signed(item, positive) for item in cond.items]
        if conjunction is positive:  # var -> every part (all), every part -> var (any)
            sign = 1 if positive else -1
            self.clauses.extend([-sign * var, sign * p] for p in parts)
        else:  # var -> some part (any), all parts -> var (all)
            sign = 1 if positive else -1
            self.clauses.append([-sign * var, *(sign * p for p in parts)])

    def _signed(self, cond: Condition, positive: bool) -> int:
        """The literal of ``cond`` (through negations), defined in the direction needed."""
        if type(cond) is Test:  # the commonest part: by its question and options, quickly
            return self._test(cond, positive)
        flip = 1
        while type(cond) is Not:
            cond, positive, flip = cond.item, not positive, -flip
        return flip * self.literal(cond, positive)


def satisfiable(questions: tuple[Question, ...], formula: Condition,
                answers: Mapping[str, str], settled: Assignment, want: bool = True,
                conflicts: int | None = None) -> bool | None:
    """Is there a completion of ``answers`` (over ``questions``, which hold every question
    the formula reads and what their ask_if reads) where ``formula`` is ``want``? None
    when the solver did not tell within ``conflicts`` (:data:`CONFLICTS`)."""
    from pysat.solvers import Solver

    made = _Clauses()
    for question in questions:
        made.question(question, answers.get(question.id), settled)
    root = made._signed(formula, want)
    with Solver(name=SOLVER, bootstrap_with=made.clauses) as solver:
        solver.conf_budget(CONFLICTS if conflicts is None else conflicts)
        found = solver.solve_limited(assumptions=[root if want else -root])
    return None if found is None else bool(found)
