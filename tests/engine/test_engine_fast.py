"""The engine's fast paths give exactly what the full search and brute force give.

The verdict fast path (three-valued evaluation over the settled answers, search only
where it is undetermined), the simplification of a formula before searching, and the
why-not trials that re-examine only the rules a change reaches are all checked here
against brute-force enumeration of the completions, on random packs.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from smguide.engine import compiled, solver
from smguide.engine import core as engine
from smguide.engine import verdict as verdicts
from smguide.pack.conditions import Condition
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack, Verdict
from tests.engine.test_engine import brute_effective, brute_verdict, completions
from tests.enginepacks import random_body, write_pack


def random_pack(tmp_path: Path, seed: int, questions: int = 5, rules: int = 9) -> Pack:
    rng = random.Random(seed)
    try:
        return load_pack(write_pack(tmp_path / "p", random_body(rng, questions, rules)))
    except Exception:  # a random exception cycle; the loader refuses it
        pytest.skip("random pack has an exception cycle")


def random_answers(pack: Pack, rng: random.Random) -> dict[str, str]:
    answers: dict[str, str] = {}
    for q in pack.questions:
        roll = rng.random()
        if roll < 0.55:
            answers[q.id] = rng.choice(q.option_ids)
        elif roll < 0.75:
            answers[q.id] = UNSURE
    return answers


def exact_verdict(pack: Pack, answers: dict[str, str]) -> Verdict:
    worlds = [brute_effective(pack, c) for c in completions(pack, answers)]
    return Verdict.strictest([brute_verdict(pack, w) for w in worlds])


def random_changes(pack: Pack, rng: random.Random) -> dict[str, str]:
    chosen = rng.sample(pack.questions, rng.randint(1, min(3, len(pack.questions))))
    return {q.id: rng.choice(q.option_ids) for q in chosen}


@pytest.mark.parametrize("seed", range(30))
def test_fast_verdict_and_trials_match_brute_force(tmp_path: Path, seed: int) -> None:
    pack = random_pack(tmp_path, seed)
    c = compiled._compiled(pack)
    rng = random.Random(seed)
    for _ in range(12):
        known = engine.normalize(pack, random_answers(pack, rng))
        assert verdicts._verdict(c, known) is exact_verdict(pack, known), known
        trials = verdicts._Trials(c, known)
        for _ in range(10):
            changes = random_changes(pack, rng)
            expected = exact_verdict(pack, {**known, **changes})
            assert trials.verdict(changes) is expected, (known, changes)


@pytest.mark.parametrize("seed", range(30))
def test_why_not_same_as_with_the_full_solver(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same suggestions, in the same order, as trials by brute force give, every
    pair tried (a brute-force trial names no rule, so why-not skips no pair)."""
    pack = random_pack(tmp_path, seed, questions=4, rules=7)
    rng = random.Random(seed)
    answer_sets = [random_answers(pack, rng) for _ in range(8)]
    fast = [engine.decide(pack, a).why_not for a in answer_sets]

    def brute_trials(trials: verdicts._Trials, changes: dict[str, str]) -> tuple[Verdict, None]:
        return exact_verdict(pack, {**trials.known, **changes}), None

    monkeypatch.setattr(verdicts._Trials, "decided", brute_trials)
    assert [engine.decide(pack, a).why_not for a in answer_sets] == fast


def extensions(pack: Pack, settled: dict[str, str | None]) -> list[dict[str, str | None]]:
    """Every full assignment agreeing with ``settled`` (ignoring ask_if: stricter)."""
    out: list[dict[str, str | None]] = [{}]
    for q in pack.questions:
        values = [settled[q.id]] if q.id in settled else [*q.option_ids, None]
        out = [{**a, q.id: v} for a in out for v in values]
    return out


def conditions_of(pack: Pack) -> list[Condition]:
    c = compiled._compiled(pack)
    return [f.condition for f in c.effective.values()] + [c.silent.condition]


@pytest.mark.parametrize("seed", range(20))
def test_simplify_keeps_the_value_everywhere(tmp_path: Path, seed: int) -> None:
    pack = random_pack(tmp_path, seed, questions=4, rules=6)
    rng = random.Random(seed)
    for _ in range(6):
        settled: dict[str, str | None] = {
            q.id: rng.choice([*q.option_ids, None]) for q in pack.questions
            if rng.random() < 0.5
        }
        worlds = extensions(pack, settled)
        for condition in conditions_of(pack):
            rest = solver.simplify(condition, settled)
            for world in worlds:
                got = rest if isinstance(rest, bool) else rest.evaluate(world)
                assert got == condition.evaluate(world)


def random_settled(pack: Pack, rng: random.Random) -> dict[str, str | None]:
    """Some questions absent (open), some not asked (None), some answered."""
    return {q.id: rng.choice([*q.option_ids, None]) for q in pack.questions
            if rng.random() < 0.7}


@pytest.mark.parametrize("seed", range(20))
def test_explained_value_stands_while_one_basis_is_untouched(tmp_path: Path, seed: int) -> None:
    pack = random_pack(tmp_path, seed, questions=4, rules=6)
    c = compiled._compiled(pack)
    rng = random.Random(seed)
    for _ in range(8):
        settled = random_settled(pack, rng)
        for condition in conditions_of(pack):
            value, bases = solver.explain(condition, settled, c.reads, rng.randrange(4))
            assert value == condition.eval3(settled)
            if value is None:
                continue
            assert 1 <= len(bases) <= 2
            for basis in bases:
                for _ in range(10):
                    other = random_settled(pack, rng)
                    changed = {q: v for q, v in other.items() if q not in basis}
                    changed |= {q: v for q, v in settled.items() if q in basis}
                    assert condition.eval3(changed) is value, (settled, changed, basis)


def test_rank_is_the_scale_position() -> None:
    assert [v.rank for v in Verdict] == list(range(len(Verdict)))
    assert Verdict.strictest([Verdict.permitted, Verdict.not_yet]) is Verdict.not_yet
