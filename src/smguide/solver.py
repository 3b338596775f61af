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

from collections.abc import Mapping

from smguide.conditions import All, AnyOf, Assignment, Condition, Not, Test, refs
from smguide.models import Pack, Question

Completion = dict[str, str | None]


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
) -> Completion | None:
    """A completion of ``answers`` over ``questions`` where ``formula`` is ``want``."""
    assign: Completion = {}
    count = len(questions)

    def walk(i: int) -> Completion | None:
        value = formula.eval3(assign)
        if value is not None:
            return dict(assign) if value is want else None
        if i == count:
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
        for v in values:
            assign[question.id] = v
            found = walk(i + 1)
            if found is not None:
                return found
        del assign[question.id]
        return None

    return walk(0)


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
