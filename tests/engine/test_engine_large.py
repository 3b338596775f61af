"""The shortcuts only large packs take equal brute force on small packs forced to take them.

Past ``LARGE_PACK`` rules the engine tries concrete completions and box shortcuts before
any search (a rule less its exceptions shown possible by a box escaping them, silence by
an example, a laxer verdict by an example). Here every pack counts as large, on random
packs and on small packs of the benchmark's shapes (boxes, gated questions,
exceptions), with the home-made search and with every search sent to the solver.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from smguide.engine import compiled, search
from smguide.engine import core as engine
from smguide.engine import settled as settling
from smguide.engine.depends import dependencies
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack
from tests.analysis.test_analysis import gen_packs_module
from tests.engine.test_depends import _really_changes
from tests.engine.test_engine import brute_verdict
from tests.engine.test_engine_fast import random_answers, random_pack
from tests.engine.test_sat import brute_relevant, standing, worlds_of


def benchmark_shaped(tmp_path: Path, kind: str, seed: int) -> Pack:
    gen = gen_packs_module()
    data = gen.body(kind, 14, n_questions=5, seed=seed, max_options=3)  # type: ignore[attr-defined]
    return load_pack(gen.write(tmp_path / kind, data))  # type: ignore[attr-defined]


def check_against_brute_force(pack: Pack, rng: random.Random) -> None:
    for _ in range(4):
        answers = engine.normalize(pack, random_answers(pack, rng))
        decision = engine.decide(pack, answers, why_not=False)
        verdict, may, must = standing(pack, answers)
        assert decision.verdict is verdict, answers
        assert {a.rule.id for a in decision.applied} == may, answers
        assert {a.rule.id for a in decision.applied if a.certain} == must, answers
        worlds = worlds_of(pack, answers)
        silent = any(not any(pack.rule(r).verdict for r in w)  # type: ignore[union-attr]
                     for w in worlds)
        assert decision.silent == silent, answers
        assert not decision.bounded
        assert engine.settled(pack, answers) == (
            len({brute_verdict(pack, w) for w in worlds}) == 1), answers
        for dep in dependencies(pack, answers):
            assert _really_changes(pack, answers, dep.question.id), (answers, dep)
        for question in pack.questions:
            if question.id not in answers:
                assert engine.relevant(pack, question, answers) == brute_relevant(
                    pack, answers, question.id), (answers, question.id)


@pytest.fixture(params=["walk", "solver"])
def large(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "LARGE_PACK", 0)
    monkeypatch.setattr(search, "LARGE_PARTS", 1)  # silence tried on examples first
    if request.param == "solver":
        monkeypatch.setattr(search, "SEARCH_WORK", 0)
    compiled._COMPILED.clear()
    settling._SETTLED.clear()


@pytest.mark.parametrize("seed", range(40))
def test_random_packs_taken_as_large_equal_brute_force(
        tmp_path: Path, seed: int, large: None) -> None:
    check_against_brute_force(random_pack(tmp_path, seed, questions=5, rules=9),
                              random.Random(seed))


@pytest.mark.parametrize(("kind", "seed"), [(k, s) for k in ("random", "tree") for s in range(20)])
def test_benchmark_shaped_packs_taken_as_large_equal_brute_force(
        tmp_path: Path, kind: str, seed: int, large: None) -> None:
    check_against_brute_force(benchmark_shaped(tmp_path, kind, seed), random.Random(seed))
