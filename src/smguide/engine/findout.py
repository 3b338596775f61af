"""What to find out (the unknown answers that can change the decision), and the answers
as a report lists them."""

from __future__ import annotations

from collections.abc import Mapping

from smguide.engine.compiled import _Compiled
from smguide.engine.decision import FindOut
from smguide.engine.relevance import _may_apply, relevant
from smguide.pack.models import UNSURE, Rule
from smguide.pack.translatable import Localized


def _find_out(
    c: _Compiled, known: Mapping[str, str], answers: Mapping[str, str], uncertain: list[Rule]
) -> tuple[FindOut, ...]:
    wanted: set[str] = set()
    for rule in uncertain:
        wanted |= {q.id for q in c.effective[rule.id].questions}
    out = []
    for question in c.pack.questions:
        if question.id in known or question.id not in wanted:
            continue
        if not _may_apply(c, question, known):  # the cheap test first
            continue
        if question.id not in answers and not relevant(c.pack, question, known):
            continue
        text = question.find_out or Localized({"en": f"Find out: {question.text.get_text()}"})
        out.append(FindOut(question, text))
    return tuple(out)


def _answer_list(
    c: _Compiled,
    known: Mapping[str, str],
    answers: Mapping[str, str],
    find_out: tuple[FindOut, ...],
) -> tuple[tuple[str, str], ...]:
    unsure = {f.question.id for f in find_out}
    out = []
    for question in c.pack.questions:
        if not _may_apply(c, question, known):
            continue
        if question.id in known:
            out.append((question.id, known[question.id]))
        elif question.id in answers or question.id in unsure:
            out.append((question.id, UNSURE))
    return tuple(out)
