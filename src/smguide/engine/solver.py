"""Exact search over the answer combinations the question flow can produce.

A *completion* of some answers gives every question either an option or ``None``
(not asked, because its ``ask_if`` is false), agreeing with every definite answer
to a question that is asked. "Not sure" and unanswered questions range over all
their options. ``find`` returns a completion satisfying a formula, or None.

Only the questions a formula reads (and what their ``ask_if`` reads) are
enumerated; the others can always be completed somehow, so they do not matter.
The search is a depth-first walk in question order with three-valued pruning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from smguide.pack.conditions import All, AnyOf, Assignment, Condition, Not, Test, refs
from smguide.pack.models import Pack, Question

Completion = dict[str, str | None]


PRUNE_AFTER = 32  # steps of one search before :class:`_Pruner` looks at each node


class Exhausted(Exception):
    """The search took the steps it was allowed (:class:`Budget`) without an answer."""


class Budget:
    """Steps a search may take (a step is one node of the walk): a bound that is the
    same on every machine, so what a bounded search finds is deterministic."""

    __slots__ = ("left",)

    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise Exhausted


def closure(pack: Pack, qids: frozenset[str]) -> tuple[Question, ...]:
    """The questions read by ``qids`` and their ask_if conditions, in asking order."""
    seen: set[str] = set()
    todo = list(qids)
    while todo:
        qid = todo.pop()
        if qid in seen:
            continue
        question = pack.question(qid)
        if question is None:
            continue
        seen.add(qid)
        if question.ask_if is not None:
            todo.extend(refs(question.ask_if))
    chosen = (q for q in pack.questions if q.id in seen)
    return tuple(sorted(chosen, key=lambda q: pack.order(q.id)))


def find(
    questions: tuple[Question, ...],
    formula: Condition,
    answers: Mapping[str, str],
    want: bool = True,
    budget: Budget | None = None,
    cost: int = 1,
) -> Completion | None:
    """A completion of ``answers`` over ``questions`` where ``formula`` is ``want``;
    with a ``budget``, :class:`Exhausted` when it runs out first. Each node spends
    ``cost`` steps (a caller searching a large formula counts its size)."""
    assign: Completion = {}
    count = len(questions)
    reads = refs(formula)
    gated = [(i, q.id, q.ask_if) for i, q in enumerate(questions)
             if q.ask_if is not None and q.id in reads]
    prunable = want is True and type(formula) is All
    # For an ``all`` that must hold, a question its top-level tests read takes only the
    # values they all allow: any other makes the formula false (exact narrowing).
    allowed = _top_tests(formula) if prunable else {}
    pruner: _Pruner | None = None  # made when a search goes on long enough to need it
    steps = 0

    def walk(i: int) -> Completion | None:
        nonlocal pruner, steps
        if budget is not None:
            budget.spend(cost)
        # A question further on whose ask_if is already false will not be asked: its
        # tests are false now, not only once the walk reaches it (three-valued values
        # only become definite, never change, as answers are added). Same result; a
        # rule that needs such a question is ruled out here, not after every
        # combination of the questions in between.
        value = formula.eval3(assign)
        unasked: list[str] = []
        if value is None:
            unasked = [qid for at, qid, ask_if in gated
                       if at >= i and ask_if.eval3(assign) is False]
            if unasked:
                assign.update(dict.fromkeys(unasked))
                value = formula.eval3(assign)
                for qid in unasked:
                    del assign[qid]
        if value is not None:
            return {**assign, **dict.fromkeys(unasked)} if value is want else None
        if i == count:
            return None
        steps += 1  # most searches end within a few steps: prune only long ones
        if prunable and steps > PRUNE_AFTER:
            if pruner is None:
                pruner = _Pruner(questions, formula, answers)  # type: ignore[arg-type]
            if not pruner.may_hold(assign, unasked):
                return None
        question = questions[i]
        applies = True if question.ask_if is None else question.ask_if.eval3(assign)
        values: list[str | None]
        if applies is False:
            values = [None]
        else:
            answer = answers.get(question.id)
            if answer is not None and question.option(answer) is not None:
                values = [answer]
            else:
                values = list(question.option_ids)
            if applies is None:  # cannot happen with ordered ask_if; stay exact anyway
                values.append(None)
        narrowed = allowed.get(question.id)
        if narrowed is not None:
            values = [v for v in values if v in narrowed]
            if not values:
                return None
        for v in values:
            assign[question.id] = v
            found = walk(i + 1)
            if found is not None:
                return found
        del assign[question.id]
        return None

    return walk(0)


def _flat(formula: Condition) -> list[Condition]:
    """The parts of ``formula`` that must all hold for it to: through nested ``all``s."""
    out: list[Condition] = []
    todo: list[Condition] = [formula]
    while todo:
        item = todo.pop()
        if type(item) is All:
            todo.extend(item.items)
        else:
            out.append(item)
    return out


def _top_tests(formula: Condition) -> dict[str, frozenset[str]]:
    """Per question, the options every test of ``formula``'s top-level ``all`` allows."""
    out: dict[str, frozenset[str]] = {}
    for item in _flat(formula):
        if type(item) is Test:
            seen = out.get(item.question)
            out[item.question] = item.options if seen is None else seen & item.options
    return out


class _Pruner:
    """Rules out a node of the walk for a formula that must be true (an ``all``)
    when no combination of the values its questions may still take can make it so:
    its tests narrow those values first, then a part false over them all rules the
    formula out. A rule with an exception of the same box, or a test no answer can
    meet: the walk alone would try every answer in between to see it. Sound: the
    values hold every completion below the node, and more."""

    def __init__(self, questions: tuple[Question, ...], formula: All,
                 answers: Mapping[str, str]) -> None:
        self.tests: list[Test] = []
        self.others: list[Condition] = []  # the parts that are neither tests nor alls
        todo: list[Condition] = [formula]
        while todo:
            item = todo.pop()
            if type(item) is Test:
                self.tests.append(item)
            elif type(item) is All:
                todo.extend(item.items)
            else:
                self.others.append(item)
        self.values: dict[str, frozenset[str]] = {}
        self.gates: dict[str, Condition] = {}
        for question in questions:
            answer = answers.get(question.id)
            self.values[question.id] = frozenset(
                [answer] if answer is not None and question.option(answer) is not None
                else question.option_ids)
            if question.ask_if is not None:
                self.gates[question.id] = question.ask_if
        # the tests each ask_if needs true (those of its top-level ``all``)
        self.gate_tests = {qid: [t for t in _flat(gate) if type(t) is Test]
                           for qid, gate in self.gates.items()}

    def domain(self, qid: str, assign: Completion, unasked: list[str]) -> frozenset[str | None]:
        if qid in assign:
            return frozenset((assign[qid],))
        if qid in unasked:
            return frozenset((None,))
        values = self.values.get(qid)
        if values is None:  # not a question of the walk: anything
            return frozenset()
        gate = self.gates.get(qid)
        if gate is not None and gate.eval3(assign) is not True:
            return values | {None}
        return values

    def may_hold(self, assign: Completion, unasked: list[str]) -> bool:
        domains: dict[str, frozenset[str | None]] = {}
        for test in self.tests:
            qid = test.question
            values = domains.get(qid)
            if values is None:
                values = self.domain(qid, assign, unasked)
                if not values:
                    continue
            narrowed = values & test.options
            if not narrowed:
                return False
            domains[qid] = narrowed

        def over(qid: str) -> frozenset[str | None] | None:
            values = domains.get(qid)
            if values is None:
                values = domains[qid] = self.domain(qid, assign, unasked)
            return values or None

        # A question the tests require asked (its values exclude None) needs its ask_if
        # true: false over the values it reads rules the formula out. (A rule testing a
        # question whose ask_if its other tests contradict: otherwise every combination
        # of the questions in between is tried.)
        # Its ask_if's own tests then narrow the values of what it reads, as the tests do.
        for qid in [q for q, values in domains.items() if None not in values]:
            gate = self.gates.get(qid)
            if gate is None or qid in assign:
                continue
            for test in self.gate_tests[qid]:
                values = over(test.question)
                if values is not None:
                    narrowed = values & test.options
                    if not narrowed:
                        return False
                    domains[test.question] = narrowed
            if _value_over(gate, over) is False:
                return False
        return all(_value_over(item, over) is not False for item in self.others)


def _value_over(cond: Condition,
                domain: Callable[[str], frozenset[str | None] | None]) -> bool | None:
    """Three-valued value of ``cond`` over every combination of the domains' values."""
    if type(cond) is Test:
        values = domain(cond.question)
        if values is None:
            return None
        if values <= cond.options:
            return True
        return None if values & cond.options else False
    if type(cond) is Not:
        inner = _value_over(cond.item, domain)
        return None if inner is None else not inner
    parts = [_value_over(item, domain) for item in cond.items]  # type: ignore[union-attr]
    deciding = type(cond) is not All  # what one part alone decides: False for all
    if deciding in parts:
        return deciding
    return None if None in parts else not deciding


def simplify(formula: Condition, settled: Assignment) -> Condition | bool:
    """``formula`` with every part that ``settled`` decides replaced by its value.

    ``settled`` holds what every completion agrees on, and three-valued evaluation is
    exact wherever it is definite, so the result equals ``formula`` on every
    completion; it reads only the questions still open, and the search over it is
    small where the original (the policy's silence reads every rule) is not."""
    if isinstance(formula, Test):
        value = formula.eval3(settled)
        return formula if value is None else value
    if isinstance(formula, Not):
        inner = simplify(formula.item, settled)
        return (not inner) if isinstance(inner, bool) else Not(inner)
    conjunction = isinstance(formula, All)
    kept: list[Condition] = []
    for item in formula.items:
        part = simplify(item, settled)
        if part is (not conjunction):  # False decides an all, True decides an any
            return part
        if not isinstance(part, bool):
            kept.append(part)
    if not kept:
        return conjunction
    if len(kept) == 1:
        return kept[0]
    return All(tuple(kept)) if conjunction else AnyOf(tuple(kept))


def explain(
    formula: Condition,
    settled: Assignment,
    reads: Mapping[str, frozenset[str]],
    start: int = 0,
) -> tuple[bool | None, tuple[frozenset[str], ...]]:
    """The three-valued value of ``formula`` under ``settled`` and, when definite, one or
    two *bases*: sets of questions such that the value stands as long as the answers
    to any one of them stay as they are (two, so a change must reach both to matter).

    ``reads[q]`` is the question ``q`` with what its ``ask_if`` reads (its closure):
    whether ``q`` is settled depends on those answers. A false ``all`` rests on each of
    its false parts alone (the first two from ``start`` on are kept); a true one on all
    its parts together; ``any`` the other way round."""
    if isinstance(formula, Test):
        basis = reads.get(formula.question, frozenset((formula.question,)))
        return formula.eval3(settled), (basis,)
    if isinstance(formula, Not):
        value, bases = explain(formula.item, settled, reads)
        return (None if value is None else not value), bases
    deciding = not isinstance(formula, All)  # the value one part alone decides
    undecided = False
    alone: list[frozenset[str]] = []  # bases of the deciding parts, each enough
    together: set[str] = set()  # the parts' first bases, all needed otherwise
    # Looking from ``start`` on spreads the bases of many similar rules over the
    # questions, so that no one change reaches most of them.
    cut = start % len(formula.items) if formula.items else 0
    items = formula.items[cut:] + formula.items[:cut]
    for item in items:
        value, bases = explain(item, settled, reads)
        if value is None:
            undecided = True
        elif value is deciding:
            alone.extend(bases[: 2 - len(alone)])
            if len(alone) == 2:
                break
        else:
            together |= bases[0]
    if alone:
        return deciding, tuple(alone)
    return (None, ()) if undecided else (not deciding, (frozenset(together),))
