"""Is there a completion of some answers where a formula is true (or false)?

The quick exact answers come first (a box's values, a box escaping exceptions, a few
concrete completions on large packs), then the home-made search within a work budget,
then the SAT solver (``smguide.engine.sat``); past the solver's budget, the strict
answer, counted in ``guesses`` (``Decision.bounded``). docs/engine.md, "Budgets".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from smguide.engine import boxes, solver
from smguide.engine.formula import Reading, _Formula
from smguide.pack.conditions import All, AnyOf, Condition, Not, tests_of
from smguide.pack.models import Pack, Question

# The home-made search's work (tests evaluated: a step evaluates the formula) before a
# question goes to the SAT solver: most searches end within a few steps; a longer one,
# or one over a formula too large for a few steps (silence over thousands of rules),
# is one the solver answers far sooner.
SEARCH_WORK = 400_000
MIN_STEPS = 8
LARGE_PARTS = 64  # an all or any of more parts than this (silence): the solver at once
LARGE_PACK = 500  # rules


class _Values(Mapping[str, "boxes.Values"]):
    """Per question, its values over the completions of some answers: its answer (else
    its options) where it may be asked, and None where it may not be."""

    def __init__(self, c: Search, answers: dict[str, str],
                 settled: dict[str, str | None]) -> None:
        self._c, self._answers, self._settled = c, answers, settled
        self._known: dict[str, boxes.Values] = {}
        self._table: dict[str, boxes.Values] | None = None

    def __getitem__(self, qid: str) -> boxes.Values:
        hit = self._known.get(qid)
        if hit is None:
            hit = self._known[qid] = self._work_out(qid)
        return hit

    def _work_out(self, qid: str) -> boxes.Values:
        question = self._c.pack.question(qid)
        if question is None:
            raise KeyError(qid)
        answer = self._answers.get(qid)
        asked: boxes.Values = frozenset((answer,) if answer is not None
                                        else question.option_ids)
        gate = self._c.ask_if.get(qid)
        if gate is None:
            return asked
        value = gate.condition.eval3(self._settled)
        if value is not None:
            return asked if value else frozenset((None,))
        # the ask_if reads earlier questions only: their values come first
        may_ask = self._c._gate(gate, True, self._answers, self._settled, self)
        may_not = self._c._gate(gate, False, self._answers, self._settled, self)
        return (asked if may_ask else frozenset()) | ({None} if may_not else frozenset())

    def table(self) -> dict[str, boxes.Values]:
        """Every question's values, as a plain dict (quicker to read thousands of times)."""
        if self._table is None:
            self._table = {q.id: self[q.id] for q in self._c.pack.questions}
        return self._table

    def __contains__(self, qid: object) -> bool:
        return isinstance(qid, str) and self._c.pack.question(qid) is not None

    def __iter__(self) -> Iterator[str]:
        return (q.id for q in self._c.pack.questions)

    def __len__(self) -> int:
        return len(self._c.pack.questions)


class Search(Reading):
    """The searches over one pack, with what they found (kept per answers)."""

    def __init__(self, pack: Pack) -> None:
        super().__init__(pack)
        self.ask_if = {
            q.id: _Formula(q.ask_if, self) for q in pack.questions if q.ask_if is not None
        }
        self.cache: dict[tuple[object, ...], bool] = {}
        self._values: dict[tuple[str | None, ...], _Values] = {}
        self._last_key: tuple[Mapping[str, str], tuple[str | None, ...]] | None = None
        self.preferred = boxes.preferred_options(pack.questions)
        self.gated = frozenset(q.id for q in pack.questions if q.ask_if is not None)
        # Concrete completions tried before a search pay off on large packs only; on the
        # bundled packs the search is quicker than building them.
        self.large = len(pack.rules) > LARGE_PACK
        # Strict answers given where the solver's budget ran out (engine.sat): a decision
        # that took one says so (``Decision.bounded``).
        self.guesses = 0
        self.guessed: set[tuple[object, ...]] = set()

    def forget_answers(self) -> None:
        """Drop what was found for past answers (kept for the next call with the same)."""
        super().forget_answers()
        self.cache.clear()
        self.guessed.clear()
        self._values.clear()
        self._last_key = None

    def many(self, parts: int) -> bool:
        """Is a formula of this many parts one to try on examples, then the solver?"""
        return self.large and parts > LARGE_PARTS

    def possible(
        self,
        formula: _Formula,
        answers: Mapping[str, str],
        want: bool = True,
        settled: Mapping[str, str | None] | None = None,
    ) -> bool:
        """Is there a completion of ``answers`` where ``formula`` is ``want``?

        ``settled`` is ``_settled(pack, answers)`` when the caller has it at hand."""
        if settled is None:
            settled = self.settled(answers)
        value = formula.eval3(settled)
        if value is not None:  # exact: every completion agrees with ``settled``
            return value is want
        return self.possible_open(formula, answers, want, settled)

    def possible_open(self, formula: _Formula, answers: Mapping[str, str], want: bool,
                      settled: Mapping[str, str | None]) -> bool:
        """``possible`` where three-valued evaluation over ``settled`` said None."""
        if formula.box is not None:
            values = self.values(answers, settled)
            quick = self._box(formula, want, answers, values.table() if self.large else values)
            if quick is not None:
                return quick
        elif formula.head is not None and self.large:  # its box, less its exceptions
            if not want and boxes.may_fail(formula.head, self.values(answers, settled)):
                return True  # where the box fails, so does the rule
            if want and any(formula.condition.evaluate(example) for example in
                            boxes.examples_inside(self.pack.questions, formula.head,
                                                  answers, self.preferred)):
                return True
            if want and self._escapes(formula, answers):
                return True
        return self.searched(formula, answers, want, settled)

    def searched(self, formula: _Formula, answers: Mapping[str, str], want: bool,
                 settled: Mapping[str, str | None]) -> bool:
        """``possible_open`` by a search (kept per answers to the questions it reads)."""
        key = (id(formula), want, *(answers.get(q.id) for q in formula.questions))
        hit = self.cache.get(key)
        if hit is None:
            before = self.guesses
            hit = self.search(formula.condition, answers, settled, want)
            if len(self.cache) > 200_000:
                self.cache.clear()
                self.guessed.clear()
            self.cache[key] = hit
            if self.guesses != before:
                self.guessed.add(key)
        elif key in self.guessed:
            self.guesses += 1
        return hit

    def _box(self, formula: _Formula, want: bool, answers: Mapping[str, str],
             values: Mapping[str, boxes.Values]) -> bool | None:
        """Whether a box may hold (may fail), where that needs no search; else None.
        ``values``: those of ``values()``, at least for the questions the box reads.
        The questions of the box without an ask_if take their values independently of
        the others; those with one are walked, with what their ask_if reads."""
        box = formula.box
        assert box is not None
        if not want:
            return boxes.may_fail(box, values)
        if not boxes.may_hold(box, values):
            return False
        return self.linked_hold(formula, answers)

    def _escapes(self, formula: _Formula, answers: Mapping[str, str]) -> bool:
        """Is there, by ``boxes.escaping``, a completion inside the head box of a formula
        ``all(head, not any(exception boxes))`` and outside its exceptions? True proves
        the formula may hold; False proves nothing."""
        assert formula.head is not None and isinstance(formula.condition, All)
        avoid: list[boxes.Box] = []
        for part in formula.condition.items[1:]:
            if type(part) is not Not:
                return False
            inner = part.item
            for exception in inner.items if type(inner) is AnyOf else (inner,):
                box = boxes.box_of(exception)
                if box is None:
                    return False
                avoid.append(box)
        inside = boxes.escaping(formula.head, avoid, self.option_ids, answers)
        if inside is None:
            return False
        bits = 0
        for qid in inside:
            bits |= self.read_bits.get(qid, 0)
        return boxes.walk_inside(self.pick_questions.pick(bits), inside, answers,
                                 self.preferred)

    def linked_hold(self, formula: _Formula, answers: Mapping[str, str]) -> bool | None:
        """For a box that passes ``boxes.may_hold``: True where it may hold, else None
        (a search tells). Only its questions with an ask_if link the values."""
        box = formula.box
        assert box is not None
        if formula.linked is None:
            linked: set[str] = set()
            for qid in self.gated.intersection(box):
                linked |= self.reads[qid]
            formula.linked = tuple(self.pack.questions[i]
                                   for i in sorted(self.pack.order(q) for q in linked))
        if not formula.linked or boxes.walk_inside(formula.linked, box, answers,
                                                   self.preferred):
            return True
        return None

    def key_of(self, answers: Mapping[str, str]) -> tuple[str | None, ...]:
        """The answers as a key (each question's, in order), for the same dict at once."""
        last = self._last_key
        if last is not None and last[0] is answers:
            return last[1]
        key = tuple(answers.get(q.id) for q in self.pack.questions)
        self._last_key = (answers, key)
        return key

    def values(self, answers: Mapping[str, str],
               settled: Mapping[str, str | None]) -> _Values:
        """The values each question takes over the completions of ``answers`` (worked
        out per question when first asked for, and kept for the same answers)."""
        key = self.key_of(answers)
        hit = self._values.get(key)
        if hit is None:
            if len(self._values) > 1_000:
                self._values.clear()
            hit = self._values[key] = _Values(self, dict(answers), dict(settled))
        return hit

    def _gate(self, gate: _Formula, want: bool, answers: Mapping[str, str],
              settled: Mapping[str, str | None], earlier: Mapping[str, boxes.Values]) -> bool:
        """``possible`` for an ask_if, from the values of the questions before it."""
        quick = None if gate.box is None else self._box(gate, want, answers, earlier)
        if quick is not None:
            return quick
        return self.search(gate.condition, answers, settled, want)

    def search(
        self,
        condition: Condition,
        answers: Mapping[str, str],
        settled: Mapping[str, str | None],
        want: bool = True,
    ) -> bool:
        """The exact search, over what ``settled`` leaves open of ``condition`` only: the
        home-made walk while it is short, else the SAT solver (docs/engine.md, "Budgets").
        Past the solver's budget too, the strict answer: such a completion may exist."""
        if self.many(len(getattr(condition, "items", ()))):  # at once
            return self.solve(self.pack.questions, condition, answers, settled, want)
        rest = solver.simplify(condition, settled)
        if isinstance(rest, bool):
            return rest is want
        questions = self.closure(rest)
        steps = SEARCH_WORK // len(tests_of(rest))  # each step evaluates the formula
        if steps >= MIN_STEPS:
            try:
                budget = solver.Budget(steps)
                return solver.find(questions, rest, answers, want, budget) is not None
            except solver.Exhausted:
                pass
        return self.solve(questions, rest, answers, settled, want)

    def solve(self, questions: Sequence[Question], condition: Condition,
              answers: Mapping[str, str], settled: Mapping[str, str | None],
              want: bool) -> bool:
        """The SAT solver's answer (``search``), or the strict one past its budget."""
        from smguide.engine import sat  # imported only where a search is this long

        found = sat.satisfiable(tuple(questions), condition, answers, settled, want)
        if found is None:
            self.guesses += 1
            return True
        return found
