"""What the verdict-only analyses of one pack give to another with the same verdicts.

An extending pack that adds no verdict rule and no question (etmi-2022 adds ethical
considerations to cas-2011) has the verdicts of the pack it extends for every answer
combination, so whether "not sure" is ever laxer and whether meeting a requirement
ever makes the verdict stricter come out the same: lint analyses the base once.
Whether two packs are alike is told by their questions and verdict rules as written,
compared only where one extends the other (a lone pack pays nothing).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Protocol, TypeVar

from smguide.pack.models import Pack, Question


class _AboutAQuestion(Protocol):
    @property
    def question(self) -> Question: ...


R = TypeVar("R", bound=_AboutAQuestion)


def verdict_content(pack: Pack) -> tuple[object, ...]:
    """What the verdict for any answers depends on: the questions (options, ask_if, the
    answers that meet a requirement) and the rules with a verdict, in order."""
    questions = tuple(
        (q.id, tuple((o.id, o.satisfies) for o in q.options),
         None if q.ask_if is None else repr(q.ask_if.to_data()))
        for q in pack.questions)
    rules = tuple((r.id, r.verdict, tuple(r.exception_to), repr(r.when.to_data()))
                  for r in pack.rules if r.verdict is not None)
    return questions, rules


def extends(pack: Pack, base: Pack) -> bool:
    """Is ``base`` one of the packs ``pack`` is composed of (and not the pack itself)?"""
    return base is not pack and base.id in pack.layers[:-1]


def for_pack(pack: Pack, found: Sequence[R]) -> list[R]:
    """Results of another pack, about this pack's own question objects."""
    out: list[R] = []
    for result in found:
        question = pack.question(result.question.id)
        assert question is not None
        out.append(dataclasses.replace(result, question=question))  # type: ignore[type-var]
    return out
