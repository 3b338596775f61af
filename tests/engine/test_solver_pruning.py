"""The exact search with few answers on large packs (issue 11): a search that goes on
prunes what its formula's own tests already rule out, and the DEPENDS witnesses are
looked for within a bounded number of steps. Exactness against brute force; the
bounds in steps, not seconds, so results are the same on every machine."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from smguide.engine import compiled, depends, solver
from smguide.engine import core as engine
from smguide.pack.conditions import All, Not, refs
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack
from tests.engine.test_engine import completions
from tests.engine.test_engine_fast import random_answers, random_pack
from tests.enginepacks import write_pack


@pytest.mark.parametrize("seed", range(80))
def test_pruned_search_finds_exactly_what_brute_force_finds(
        tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solver, "PRUNE_AFTER", 0)  # prune at every node
    pack = random_pack(tmp_path, seed, questions=6, rules=10)
    rng = random.Random(seed)
    answers = random_answers(pack, rng)
    every = list(completions(pack, answers))
    c = compiled._compiled(pack)
    formulas = [c.effective[r.id].condition for r in pack.rules]
    formulas += [All((a, Not(b))) for a, b in zip(formulas, reversed(formulas), strict=True)]
    for formula in formulas:
        questions = solver.closure(pack, refs(formula))
        for want in (True, False):
            found = solver.find(questions, formula, answers, want)
            expected = any(formula.evaluate(done) is want for done in every)
            assert (found is not None) == expected, (formula, want)
            if found is not None:
                assert formula.eval3(found) is want


def same_box_pack(tmp_path: Path, questions: int = 24) -> Pack:
    """A rule and an exception to it with the same box over many questions: the rule
    never takes effect, and a walk without pruning tries each of 2**24 answer sets."""
    box = {f"q{i}": ["o0", "o1"] for i in range(questions)}
    body = {
        "questions": [{"id": f"q{i}", "text": f"Q{i}?", "options": [
            {"id": f"o{j}", "text": f"O{j}"} for j in range(3)]} for i in range(questions)],
        "rules": [{"id": "rule", "title": "Rule", "when": box, "verdict": "prohibited"},
                  {"id": "exception", "title": "Exception", "when": box,
                   "verdict": "permitted", "exception_to": ["rule"]}],
    }
    return load_pack(write_pack(tmp_path / "box", body))


def test_a_rule_ruled_out_by_its_own_exception_is_seen_within_a_few_steps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = same_box_pack(tmp_path)
    c = compiled._compiled(pack)
    formula = c.effective["rule"].condition
    questions = solver.closure(pack, refs(formula))
    assert solver.find(questions, formula, {}, budget=solver.Budget(1_000)) is None
    monkeypatch.setattr(solver, "PRUNE_AFTER", 10**9)  # the walk alone
    with pytest.raises(solver.Exhausted):
        solver.find(questions, formula, {}, budget=solver.Budget(1_000))


def test_decide_with_nothing_answered_on_such_a_pack(tmp_path: Path) -> None:
    pack = same_box_pack(tmp_path, questions=14)  # without pruning: 3**14 steps
    decision = engine.decide(pack, {})
    assert "rule" not in {a.rule.id for a in decision.applied}


def test_witnesses_within_a_budget_are_a_part_of_those_without(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer steps, fewer witnessed questions, never another one; and the same list
    every time (steps, not seconds)."""
    shown: list[set[str]] = []
    for seed in range(40):
        pack = random_pack(tmp_path / str(seed), seed, questions=6, rules=12)
        answers = random_answers(pack, random.Random(seed))
        full = {d.question.id for d in depends.dependencies(pack, answers)}
        monkeypatch.setattr(depends, "WITNESS_STEPS", 3)
        small = {d.question.id for d in depends.dependencies(pack, answers)}
        again = {d.question.id for d in depends.dependencies(pack, answers)}
        monkeypatch.undo()
        assert small <= full and small == again
        shown.append(full - small)
    assert any(shown)  # the budget did cut some search short
