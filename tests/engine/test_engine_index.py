"""The rule index and the lint's shortcuts give exactly what the straightforward path gives.

The engine looks only at the rules the index leaves in (smguide.engine.ruleindex); here every
rule left out is checked to be false under the settled answers, and the engine's
answers (decide, relevant, matters, settled, what the verdict depends on) are
compared with those it gives when the index leaves every rule in. The lint's covering
rule and short witnesses are compared with the plain loops they replace.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from smguide.analysis import analyse
from smguide.analysis.cover import TooMuchWork, subtract_box, uncovered
from smguide.analysis.witness import answers_box
from smguide.engine import compiled, depends, ruleindex
from smguide.engine import core as engine
from smguide.engine import settled as settling
from smguide.engine.bits import members
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack, Rule
from tests.analysis.test_analysis import gen_packs_module
from tests.analysis.test_analysis import load as analysis_pack
from tests.engine.test_engine_fast import random_answers, random_pack, random_settled


def every_rule(c: compiled._Compiled, settled: object) -> int:
    """The straightforward path: no rule left out."""
    return (1 << len(c.pack.rules)) - 1


def wide_pack(tmp_path: Path, seed: int) -> Pack:
    """A benchmark-shaped pack whose rules test more questions than the index keeps."""
    gen = gen_packs_module()
    data = gen.body("random", 30, n_questions=20, seed=seed, max_options=3)  # type: ignore[attr-defined]
    return load_pack(gen.write(tmp_path / "wide", data))  # type: ignore[attr-defined]


def engine_answers(pack: Pack, answers: dict[str, str]) -> tuple[object, ...]:
    compiled._COMPILED.clear()
    settling._SETTLED.clear()
    return (
        engine.decide(pack, answers),
        engine.settled(pack, answers),
        engine.next_question(pack, answers),
        [engine.relevant(pack, q, answers) for q in pack.questions],
        [engine.matters(pack, q, answers) for q in pack.questions],
        depends.could_ask(pack, answers),
        depends.dependencies(pack, answers),
    )


@pytest.mark.parametrize("max_tests", [1, 2, ruleindex.MAX_TESTS])
@pytest.mark.parametrize("seed", range(20))
def test_rules_left_out_are_false_under_the_settled_answers(
    tmp_path: Path, seed: int, max_tests: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ruleindex, "MAX_TESTS", max_tests)
    pack = random_pack(tmp_path, seed)
    options = {q.id: q.option_ids for q in pack.questions}
    index = ruleindex.RuleIndex([r.when for r in pack.rules], options)
    rng = random.Random(seed)
    for _ in range(30):
        settled = random_settled(pack, rng)
        kept = index.candidates(settled)
        for i, rule in enumerate(pack.rules):
            if not kept >> i & 1:
                assert rule.when.eval3(settled) is False, (rule.id, settled)


def test_index_leaves_out_the_rules_a_full_answer_set_excludes(tmp_path: Path) -> None:
    pack = wide_pack(tmp_path, 0)
    c = compiled._compiled(pack)
    answers = {q.id: q.option_ids[-1] for q in pack.questions}
    settled = c.settle(answers)
    kept = c.candidates(settled)
    assert kept.bit_count() < len(pack.rules) // 2
    assert {pack.rules[i].id for i in members(kept)} >= {
        r.id for r in pack.rules if r.when.eval3(settled) is not False}


@pytest.mark.parametrize("seed", range(25))
def test_engine_same_with_and_without_the_index(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = random_pack(tmp_path, seed) if seed % 5 else wide_pack(tmp_path, seed)
    rng = random.Random(seed)
    answer_sets = [random_answers(pack, rng) for _ in range(4)]
    indexed = [engine_answers(pack, a) for a in answer_sets]
    monkeypatch.setattr(compiled._Compiled, "candidates", every_rule)
    assert [engine_answers(pack, a) for a in answer_sets] == indexed


@pytest.mark.parametrize("seed", range(10))
def test_engine_same_with_few_tests_indexed(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = wide_pack(tmp_path, seed)
    rng = random.Random(seed)
    answer_sets = [random_answers(pack, rng) for _ in range(3)]
    answer_sets.append({q.id: rng.choice(q.option_ids) for q in pack.questions})
    full = [engine_answers(pack, a) for a in answer_sets]
    monkeypatch.setattr(ruleindex, "MAX_TESTS", 2)
    assert [engine_answers(pack, a) for a in answer_sets] == full


def covering_by_every_rule(pack: Pack, rule: Rule) -> Rule | None:
    """The plain loop: every stricter rule, strictest first, checked by splitting."""
    c = analyse(pack).compiled
    shadowed = c.by_id[rule.id]
    if shadowed.rank is None:
        return None
    candidates = sorted((r for r in c.rules if r.rank is not None and r.rank < shadowed.rank),
                        key=lambda r: (r.rank or 0, r.position))
    for other in candidates:
        try:
            if all(next(uncovered(c.space, box, other.effective, c.reach.nonempty,
                                  budget=20_000), None) is None
                   for box in shadowed.effective):
                return other.rule
        except TooMuchWork:
            continue
    return None


@pytest.mark.parametrize("seed", range(60))
def test_covering_rule_same_as_trying_every_stricter_rule(tmp_path: Path, seed: int) -> None:
    pack = analysis_pack(tmp_path, seed)
    analysis = analyse(pack)
    for rule in pack.rules:
        assert analysis.covering_rule(rule) == covering_by_every_rule(pack, rule), rule.id


def short_by_rebuilding(pack: Pack, box: int) -> dict[str, str]:
    """The plain loop: each trial's box rebuilt from its answers."""
    analysis = analyse(pack)
    space, reach = analysis.compiled.space, analysis.compiled.reach
    full = analysis.witness(box)
    answers = {f.qid: v for f in space.fields if (v := full[f.qid]) is not None}
    for f in reversed(space.fields):
        if f.qid not in answers:
            continue
        trial = {q: v for q, v in answers.items() if q != f.qid}
        allowed = answers_box(space, trial)
        if not any(reach.nonempty(piece) for piece in subtract_box(space, allowed, box)):
            answers = trial
    return answers


@pytest.mark.parametrize("seed", range(60))
def test_short_witness_same_as_rebuilding_each_box(tmp_path: Path, seed: int) -> None:
    pack = analysis_pack(tmp_path, seed)
    analysis = analyse(pack)
    boxes = [g.box for g in analysis.gaps.regions] + [c.box for c in analysis.conflicts]
    boxes += [s.box for s in analysis.shadowed]
    for box in boxes:
        short = analysis.short_witness(box)
        assert short == short_by_rebuilding(pack, box)
        assert list(short) == list(short_by_rebuilding(pack, box))  # same order
