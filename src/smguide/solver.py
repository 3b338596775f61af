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

from smguide.conditions import Condition, refs
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
