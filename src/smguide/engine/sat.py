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
        self.made: dict[int, int] = {}

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
            gate = self.literal(question.ask_if)
            self.clauses.append([unasked, gate])
            self.clauses.append([-unasked, -gate])
        if answer is not None and answer in options:  # a definite answer, where asked
            self.clauses.append([unasked, self.values[qid, answer]])
        if qid in settled:  # what every completion agrees on (redundant, quick)
            self.clauses.append([self.values[qid, settled[qid]]])

    def literal(self, cond: Condition) -> int:
        hit = self.made.get(id(cond))
        if hit is None:
            hit = self.made[id(cond)] = self._literal(cond)
        return hit

    def _literal(self, cond: Condition) -> int:
        if type(cond) is Test:
            return self._test(cond)
        if type(cond) is Not:
            return -self.literal(cond.item)
        assert isinstance(cond, (All, AnyOf))
        parts = [self.literal(item) for item in cond.items]
        sign = 1 if type(cond) is All else -1  # an any is a negated all of negations
        if not parts:
            return sign
        if len(parts) == 1:
            return parts[0]
        # var <-> all of the parts (of their negations, for an any: then not var)
        var = self.new()
        inner = [sign * p for p in parts]
        self.clauses.extend([-var, p] for p in inner)
        self.clauses.append([var, *(-p for p in inner)])
        return sign * var

    def _test(self, test: Test) -> int:
        options = self.options.get(test.question)
        if options is None:  # a question of no completion here: matches nothing
            return -1
        chosen = [o for o in options if o in test.options]
        if not chosen:
            return -1
        if len(chosen) == 1:
            return self.values[test.question, chosen[0]]
        key = (test.question, frozenset(chosen))
        hit = self.tests.get(key)
        if hit is None:
            hit = self.tests[key] = self.new()
            values = [self.values[test.question, o] for o in chosen]
            self.clauses.append([-hit, *values])
            self.clauses.extend([-v, hit] for v in values)
        return hit


def satisfiable(questions: tuple[Question, ...], formula: Condition,
                answers: Mapping[str, str], settled: Assignment, want: bool = True,
                conflicts: int = CONFLICTS) -> bool | None:
    """Is there a completion of ``answers`` (over ``questions``, which hold every question
    the formula reads and what their ask_if reads) where ``formula`` is ``want``? None
    when the solver did not tell within ``conflicts``."""
    from pysat.solvers import Solver

    made = _Clauses()
    for question in questions:
        made.question(question, answers.get(question.id), settled)
    root = made.literal(formula)
    with Solver(name=SOLVER, bootstrap_with=made.clauses) as solver:
        solver.conf_budget(conflicts)
        found = solver.solve_limited(assumptions=[root if want else -root])
    return None if found is None else bool(found)
