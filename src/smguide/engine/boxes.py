"""Quick exact answers for the commonest rule: a box (a conjunction of tests).

Most rules of a large pack have no exception and a ``when`` that is an ``all`` of
``question: options`` tests. For such a box, whether it may hold and whether it may
fail need no search:

* it may fail exactly when one of its questions may take a value outside the test's
  options (``None``, not asked, included): a question's values over the completions
  are its answer or options where it may be asked, and ``None`` where it may not;
* it may hold when a completion built question by question inside it exists; the
  walk here tries one (the option the ask_if conditions want, where the box leaves a
  choice). Finding one proves it; not finding one proves nothing, and the caller
  searches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from smguide.pack.conditions import All, Condition, Test, Tested
from smguide.pack.models import Question

Box = dict[str, frozenset[str]]
EXAMPLES = 3  # completions examples_inside tries
Values = frozenset[str | None]


def box_of(condition: Condition) -> Box | None:
    """The options each question must take, if the condition is a box; else None."""
    items = condition.items if type(condition) is All else (condition,)
    out: Box = {}
    for item in items:
        if type(item) is not Test:
            return None
        seen = out.get(item.question)
        out[item.question] = item.options if seen is None else seen & item.options
    return out


def box_from(tests: Sequence[Tested] | None) -> Box | None:
    """``box_of`` a condition from its tests (``Rule.box_tests``): None where not a box."""
    if tests is None:
        return None
    out: Box = {test.question: test.options for test in tests}
    if len(out) < len(tests):  # a question tested twice: the options both allow
        out = {}
        for test in tests:
            seen = out.get(test.question)
            out[test.question] = test.options if seen is None else seen & test.options
    return out


def may_fail(box: Box, values: Mapping[str, Values]) -> bool:
    """Is there a completion where the box does not hold? ``values`` holds, for every
    question, the values it takes over the completions."""
    return any(qid not in values or not values[qid] <= allowed  # unknown: never met
               for qid, allowed in box.items())


def may_hold(box: Box, values: Mapping[str, Values]) -> bool:
    """Can each question of the box take one of its options? Needed for the box to hold
    somewhere, and enough where none of its questions has an ask_if (their values are
    then independent of one another)."""
    return all(values[qid] & allowed if qid in values else False
               for qid, allowed in box.items())


def walk_inside(questions: Sequence[Question], box: Box, answers: Mapping[str, str],
                preferred: Mapping[str, str]) -> bool:
    """Is there a completion of ``questions`` (in asking order, with every question their
    ask_if conditions read) inside the box, built one question at a time? True proves
    it; False only says this walk found none."""
    assign: dict[str, str | None] = {}
    for question in questions:
        qid = question.id
        allowed = box.get(qid)
        if question.ask_if is not None and not question.ask_if.evaluate(assign):
            if allowed is not None:
                return False
            assign[qid] = None
            continue
        answer = answers.get(qid)
        if allowed is None:
            assign[qid] = answer if answer is not None else preferred[qid]
            continue
        if answer is not None:
            if answer not in allowed:
                return False
            assign[qid] = answer
            continue
        choice = preferred[qid]
        if choice not in allowed:
            choice = next((o.id for o in question.options if o.id in allowed), "")
            if not choice:
                return False
        assign[qid] = choice
    return True


def escaping(box: Box, avoid: Sequence[Box], options: Mapping[str, Sequence[str]],
             answers: Mapping[str, str]) -> Box | None:
    """A box inside ``box`` and outside each box of ``avoid`` (a rule less its
    exceptions): for each, one of its questions narrowed to options it rules out. None
    where this greedy choice finds none (which proves nothing)."""
    out = dict(box)
    for other in avoid:
        for qid, allowed in other.items():
            current = out.get(qid)
            answer = answers.get(qid)
            left = frozenset(v for v in options.get(qid, ())
                             if v not in allowed and (current is None or v in current)
                             and (answer is None or v == answer))
            if left:
                out[qid] = left
                break
        else:
            return None
    return out


def examples_inside(questions: Sequence[Question], box: Box, answers: Mapping[str, str],
                    preferred: Mapping[str, str]) -> list[dict[str, str | None]]:
    """A few completions of every question inside the box (the k-th option it allows
    where the answer is unknown, for k below ``EXAMPLES``), for a formula that needs
    more than the box: evaluating it on one proves it may hold. May be none."""
    out = []
    for k in range(EXAMPLES):
        assign: dict[str, str | None] = {}
        for question in questions:
            qid = question.id
            allowed = box.get(qid)
            if question.ask_if is not None and not question.ask_if.evaluate(assign):
                if allowed is not None:
                    break
                assign[qid] = None
                continue
            answer = answers.get(qid)
            if answer is None:
                options = [o.id for o in question.options if allowed is None or o.id in allowed]
                if not options:
                    break
                answer = (preferred[qid] if allowed is None
                          else options[k % len(options)])
            elif allowed is not None and answer not in allowed:
                break
            assign[qid] = answer
        else:
            out.append(assign)
    return out


def preferred_options(questions: Sequence[Question]) -> dict[str, str]:
    """Per question, the option the ask_if conditions test for most often (else its
    first): the walk's choice where nothing else decides."""
    counts: dict[tuple[str, str], int] = {}
    for question in questions:
        if question.ask_if is not None:
            for test in question.ask_if.tests():
                for option in test.options:
                    key = (test.question, option)
                    counts[key] = counts.get(key, 0) + 1
    out: dict[str, str] = {}
    for question in questions:
        options = question.option_ids
        out[question.id] = max(options, key=lambda o: (counts.get((question.id, o), 0),
                                                       -options.index(o)))
    return out
