"""The SAT solver's answers (engine.sat) and the quick box answers equal brute force; past
the solver's budget the strict answer stands, never a laxer one, and the decision says so.

Every search is sent to the solver here (``SEARCH_WORK = 0``), so the small random packs
exercise what only large packs reach otherwise.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from smguide.engine import compiled, sat, search, solver
from smguide.engine import core as engine
from smguide.engine.depends import dependencies
from smguide.pack.conditions import All, AnyOf, Not, refs
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack, Verdict
from tests.engine.test_depends import _really_changes
from tests.engine.test_engine import brute_effective, brute_verdict, completions
from tests.engine.test_engine_fast import random_answers, random_pack
from tests.enginepacks import write_pack


def worlds_of(pack: Pack, answers: dict[str, str]) -> list[set[str]]:
    return [brute_effective(pack, c) for c in completions(pack, answers)]


def standing(pack: Pack, answers: dict[str, str]) -> tuple[object, ...]:
    """The verdict, and the rules that may and must take effect, by brute force."""
    worlds = worlds_of(pack, answers)
    verdict = Verdict.strictest([brute_verdict(pack, w) for w in worlds])
    return verdict, frozenset(set().union(*worlds)), frozenset(set.intersection(*worlds))


def brute_relevant(pack: Pack, answers: dict[str, str], qid: str) -> bool:
    question = pack.question(qid)
    assert question is not None
    return len({standing(pack, {**answers, qid: o}) for o in question.option_ids}) > 1


@pytest.fixture
def solver_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SEARCH_WORK", 0)


@pytest.mark.parametrize("seed", range(120))
def test_solver_answers_equal_brute_force(tmp_path: Path, seed: int,
                                          solver_only: None) -> None:
    pack = random_pack(tmp_path, seed, questions=5, rules=9)
    rng = random.Random(seed)
    for _ in range(4):
        answers = engine.normalize(pack, random_answers(pack, rng))
        worlds = worlds_of(pack, answers)
        decision = engine.decide(pack, answers, why_not=False)
        verdict, may, must = standing(pack, answers)
        assert decision.verdict is verdict, answers
        assert {a.rule.id for a in decision.applied} == may
        assert {a.rule.id for a in decision.applied if a.certain} == must
        silent = any(not any(pack.rule(r).verdict for r in w)  # type: ignore[union-attr]
                     for w in worlds)
        assert decision.silent == silent
        assert not decision.bounded
        verdicts = {brute_verdict(pack, w) for w in worlds}
        assert engine.settled(pack, answers) == (len(verdicts) == 1)
        for dep in dependencies(pack, answers):
            assert _really_changes(pack, answers, dep.question.id), (answers, dep)
        for question in pack.questions:
            if question.id not in answers:
                assert engine.relevant(pack, question, answers) == brute_relevant(
                    pack, answers, question.id), (answers, question.id)


@pytest.mark.parametrize("seed", range(60))
def test_the_shape_that_hung_any_of_rules_wanted_false(tmp_path: Path, seed: int) -> None:
    """Silence: a completion where no rule of an ``any`` takes effect; and each rule, with
    and without another, both ways. The solver, the walk and brute force agree."""
    pack = random_pack(tmp_path, seed, questions=6, rules=10)
    rng = random.Random(seed)
    c = compiled._compiled(pack)
    formulas = [c.effective[r.id].condition for r in pack.rules]
    formulas += [All((a, Not(b))) for a, b in zip(formulas, reversed(formulas), strict=True)]
    formulas.append(AnyOf(tuple(formulas[: len(pack.rules)])))
    for _ in range(3):
        answers = engine.normalize(pack, random_answers(pack, rng))
        every = list(completions(pack, answers))
        settled = c.settle(answers)
        for formula in formulas:
            questions = solver.closure(pack, refs(formula))
            for want in (True, False):
                expected = any(formula.evaluate(done) is want for done in every)
                assert sat.satisfiable(questions, formula, answers, settled, want) is expected
                assert (solver.find(questions, formula, answers, want) is not None) is expected


def pigeons_pack(tmp_path: Path, pigeons: int = 8) -> Pack:
    """A rule that holds when each of 8 pigeons has a hole of its own among 7: it never
    does, and proving it takes a solver many conflicts (the pigeonhole principle)."""
    holes = pigeons - 1
    apart = [{"not": {"all": [{f"p{a}": f"h{j}"}, {f"p{b}": f"h{j}"}]}}
             for j in range(holes) for a, b in itertools.combinations(range(pigeons), 2)]
    body = {
        "questions": [{"id": f"p{i}", "text": f"Pigeon {i}?", "options": [
            {"id": f"h{j}", "text": f"Hole {j}"} for j in range(holes)]}
            for i in range(pigeons)],
        "rules": [{"id": "apart", "title": "Each pigeon alone", "when": {"all": apart},
                   "verdict": "permitted"}],
    }
    return load_pack(write_pack(tmp_path / "pigeons", body))


def test_past_the_budget_the_strict_answer_and_it_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = pigeons_pack(tmp_path)
    exact = engine.decide(pack, {})
    assert exact.verdict is Verdict.consult_supervisor and exact.silent
    assert not exact.applied and not exact.bounded
    compiled._COMPILED.clear()
    monkeypatch.setattr(sat, "CONFLICTS", 10)  # far too few for the pigeonhole
    strict = engine.decide(pack, {})
    assert strict.bounded
    assert [(a.rule.id, a.certain) for a in strict.applied] == [("apart", False)]
    assert strict.verdict is Verdict.consult_supervisor and strict.silent  # never laxer
    assert engine.decide(pack, {}) == strict  # the same every time: conflicts, not seconds
    compiled._COMPILED.clear()


@pytest.mark.parametrize("seed", range(40))
def test_a_strict_answer_everywhere_is_never_laxer(
        tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every question the solver gets is past its budget: the decision may list more
    rules as possible and more silence, never a laxer verdict; DEPENDS settles nothing."""
    pack = random_pack(tmp_path, seed, questions=5, rules=9)
    monkeypatch.setattr(search, "SEARCH_WORK", 0)
    monkeypatch.setattr(sat, "satisfiable", lambda *args, **kwargs: None)
    rng = random.Random(seed)
    for _ in range(4):
        answers = engine.normalize(pack, random_answers(pack, rng))
        verdict, may, _ = standing(pack, answers)
        decision = engine.decide(pack, answers, why_not=False)
        assert decision.verdict.rank <= verdict.rank, answers
        assert {a.rule.id for a in decision.applied} >= may
        if engine.settled(pack, answers):
            assert len({brute_verdict(pack, w) for w in worlds_of(pack, answers)}) == 1
    compiled._COMPILED.clear()


def test_the_bundled_packs_stay_on_the_home_made_search(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the home-made search is quicker (the bundled packs) the solver is never
    asked, so PySAT is never imported there: start-up does not move."""
    from smguide.training.files import load_checked

    def refuse(*args: object, **kwargs: object) -> bool | None:
        raise AssertionError("the solver was asked on a bundled pack")

    monkeypatch.setattr(sat, "satisfiable", refuse)
    for sf, pack in load_checked(None):
        answers = dict(sf.scenario.answers)
        for kept in (answers, dict(list(answers.items())[:2]), {}):
            engine.decide(pack, kept)
            dependencies(pack, kept)
