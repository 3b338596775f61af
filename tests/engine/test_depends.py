"""DEPENDS and the early stop, checked against brute force and over the bundled scenarios.

"Not sure" must never give a laxer outcome; the DEPENDS headline may list only questions
whose answer really changes the verdict; the interview stops once the verdict is
certainly ``prohibited`` and never skips a question that could change the verdict.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from smguide.engine.core import decide, next_question, settled, stopped, verdict_of
from smguide.engine.depends import dependencies
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack, Verdict
from smguide.report.model import build
from smguide.training.files import load_checked
from tests.engine.test_engine import brute_effective, brute_verdict, completions
from tests.enginepacks import random_body, write_pack


def _verdicts(pack: Pack, answers: dict[str, str]) -> list[tuple[dict[str, str | None],
                                                                   Verdict]]:
    return [(c, brute_verdict(pack, brute_effective(pack, c)))
            for c in completions(pack, answers)]


def _really_changes(pack: Pack, answers: dict[str, str], qid: str) -> bool:
    """Two completions that differ only in the answer to ``qid`` (and in which questions
    that answer makes asked or not) give different verdicts."""
    worlds = [(a, v) for a, v in _verdicts(pack, answers) if a.get(qid) is not None]
    for (one, v1), (two, v2) in itertools.combinations(worlds, 2):
        if v1 is v2 or one[qid] == two[qid]:
            continue
        if all(one[k] == two[k] or None in (one[k], two[k]) for k in one if k != qid):
            return True
    return False


@pytest.mark.parametrize("seed", range(30))
def test_settled_and_dependencies_match_brute_force(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    try:
        pack = load_pack(write_pack(tmp_path / "p", random_body(rng)))
    except Exception:  # a random exception cycle; the loader refuses it
        pytest.skip("random pack has an exception cycle")
    choices = [[*q.option_ids, UNSURE, None] for q in pack.questions]
    for combo in itertools.islice(itertools.product(*choices), 0, None, 5):
        answers = {q.id: a for q, a in zip(pack.questions, combo, strict=True) if a is not None}
        worlds = {v for _, v in _verdicts(pack, answers)}
        assert settled(pack, answers) == (len(worlds) == 1), answers
        assert stopped(pack, answers) == (worlds == {Verdict.prohibited}), answers
        for dep in dependencies(pack, answers):
            assert _really_changes(pack, answers, dep.question.id), (answers, dep)
            assert answers.get(dep.question.id, UNSURE) == UNSURE
            for branch in dep.branches:
                for option in branch.options:
                    trial = {**answers, dep.question.id: option}
                    assert verdict_of(pack, trial) is branch.verdict
                    assert settled(pack, trial) == branch.settled


@pytest.mark.parametrize("seed", range(30))
def test_the_interview_never_skips_what_changes_the_verdict(tmp_path: Path,
                                                            seed: int) -> None:
    """Wherever the interview stops, the verdict of its answers is the verdict of every
    completion it could have found out (the questions it skipped could not change it),
    except that "not sure" answers keep their strictest outcome."""
    rng = random.Random(seed)
    try:
        pack = load_pack(write_pack(tmp_path / "p", random_body(rng)))
    except Exception:
        pytest.skip("random pack has an exception cycle")
    for truth in itertools.islice(completions(pack, {}), 0, None, 2):
        answers: dict[str, str] = {}
        while (question := next_question(pack, answers)) is not None:
            answers[question.id] = truth[question.id] or UNSURE
        full = {k: v for k, v in truth.items() if v is not None}
        assert verdict_of(pack, answers) is verdict_of(pack, full) or stopped(pack, answers)
        assert settled(pack, answers)


SCENARIOS = load_checked(None)


@pytest.mark.parametrize(("sf", "pack"), SCENARIOS, ids=[sf.id for sf, _ in SCENARIOS])
def test_one_not_sure_is_never_laxer_and_depends_is_honest(sf: object, pack: Pack) -> None:
    answers: dict[str, str] = dict(sf.scenario.answers)  # type: ignore[attr-defined]
    verdict = verdict_of(pack, answers)
    for qid in answers:
        unsure = {**answers, qid: UNSURE}
        assert verdict_of(pack, unsure).rank <= verdict.rank, qid
        for dep in dependencies(pack, unsure):
            # The only unknowns are this one and questions the scenario leaves out; the
            # answers listed give different verdicts, or settle it where others do not
            # (the brute-force test above covers the questions listed by a witness).
            outcomes = {(verdict_of(pack, {**unsure, dep.question.id: o}),
                         settled(pack, {**unsure, dep.question.id: o}))
                        for b in dep.branches for o in b.options}
            assert len(outcomes) > 1 or not dep.branches, (qid, dep)
            assert answers.get(dep.question.id, UNSURE) == UNSURE or dep.question.id == qid


def test_the_json_verdict_stays_the_strictest_while_it_depends() -> None:
    sf, pack = next(x for x in SCENARIOS if x[0].id == "authorization-documented-unsure")
    decision = decide(pack, sf.scenario.answers)
    report = build(pack, decision, sf.scenario.answers)
    assert not report.settled and report.verdict is decision.verdict is Verdict.needs_authorization
    assert [d.question for d in report.depends] == ["authorization_documented"]
    assert [(b.options, b.verdict, b.settled) for b in report.depends[0].branches] == [
        (("yes",), Verdict.permitted_with_conditions, True),
        (("no",), Verdict.needs_authorization, True)]
