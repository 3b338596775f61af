"""``could_ask`` (the progress line's "of at most N") skips the searches of a rule that
could add no question; the list is exactly what its definition gives."""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path

import pytest

from smguide.engine import depends
from smguide.engine.compiled import _compiled, normalize
from smguide.engine.relevance import may_apply
from smguide.engine.settled import stopped
from smguide.pack.models import Pack, Question
from smguide.pack.selection import load
from tests.engine.test_engine_fast import random_answers, random_pack
from tests.web.test_fidelity import SCENARIOS, _answers


def by_definition(pack: Pack, answers: Mapping[str, str]) -> list[Question]:
    """The unanswered questions that may apply and that a rule still undecided (with a
    verdict or obligations) reads: every rule searched both ways."""
    if stopped(pack, answers):
        return []
    c = _compiled(pack)
    known = normalize(pack, answers)
    read: set[str] = set()
    for rule in pack.rules:
        formula = c.effective[rule.id]
        if (rule.verdict is not None or rule.obligations) and c.possible(formula, known) \
                and c.possible(formula, known, want=False):
            read |= formula.ids
    return [q for q in pack.questions
            if q.id in read and q.id not in answers and may_apply(pack, q, known)]


def test_the_bundled_packs_every_step_of_every_scenario() -> None:
    pack = load(None)
    for path in SCENARIOS:
        given = _answers(path)
        steps = [(q.id, given[q.id]) for q in pack.questions if q.id in given]
        for k in range(len(steps) + 1):
            answers = dict(steps[:k])
            assert depends.could_ask(pack, answers) == by_definition(pack, answers), answers


@pytest.mark.parametrize("seed", range(6))
def test_random_packs(tmp_path: Path, seed: int) -> None:
    pack = random_pack(tmp_path, seed)
    rng = random.Random(seed)
    for _ in range(25):
        answers = random_answers(pack, rng)
        assert depends.could_ask(pack, answers) == by_definition(pack, answers), answers
