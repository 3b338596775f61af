"""Scenarios against packs, without the CLI: assessing, walking, coverage, diffs, scoring."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from smguide.engine.core import assess, decide, next_question
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack, Verdict
from smguide.pack.selection import load_and_warn as load
from smguide.training.files import read_scenario
from smguide.training.run import (
    compare,
    coverage,
    failures,
    outcome,
    run,
    score,
    walk,
)
from smguide.training.scenario import Scenario
from tests.enginepacks import random_body, write_pack
from tests.fixtures import FIXTURES, MINI

SCENARIOS = FIXTURES / "scenarios" / "mini"


@pytest.fixture(scope="module")
def mini() -> Pack:
    return load_pack(MINI)


def scenario(name: str) -> Scenario:
    return read_scenario(SCENARIOS / f"{name}.yaml").scenario


def same_as_decide(pack: Pack, answers: dict[str, str]) -> None:
    quick, full = assess(pack, answers), decide(pack, answers, why_not=False)
    assert quick.verdict == full.verdict, answers
    assert [(a.rule.id, a.certain) for a in quick.applied] == [
        (a.rule.id, a.certain) for a in full.applied], answers
    assert [(d.exception.id, d.defeated.id, d.certain) for d in quick.defeated] == [
        (d.exception.id, d.defeated.id, d.certain) for d in full.defeated], answers


@pytest.mark.parametrize("seed", range(12))
def test_assess_agrees_with_decide_on_random_packs(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    try:
        pack = load_pack(write_pack(tmp_path / "p", random_body(rng)))
    except Exception:  # a random exception cycle; the loader refuses it
        pytest.skip("random pack has an exception cycle")
    choices = [[*q.option_ids, UNSURE, None] for q in pack.questions]
    for combo in itertools.product(*choices):
        same_as_decide(pack, {q.id: a for q, a in zip(pack.questions, combo, strict=True)
                              if a is not None})


def test_assess_agrees_with_decide_on_the_bundled_policy() -> None:
    pack = load(None)
    rng = random.Random(3)
    for _ in range(150):
        answers: dict[str, str] = {}
        while (question := next_question(pack, answers)) is not None:
            unsure = question.unsure and rng.random() < 0.15
            answers[question.id] = UNSURE if unsure else rng.choice(question.option_ids)
        for qid in rng.sample(list(answers), k=min(2, len(answers))):  # some left out
            if qid != "role":
                del answers[qid]
        same_as_decide(pack, answers)


def test_run_passes_and_fails(mini: Pack) -> None:
    assert run(mini, scenario("awol-social")).passed
    wrong = scenario("awol-social").model_copy(deep=True)
    wrong.expect.verdict = Verdict.prohibited
    wrong.expect.rules = ["personal-account-prohibited", "awol-exception"]
    wrong.expect.sections = ["minipol/supervision.authorization"]
    wrong.expect.defeats = ["awol-exception > needs-authorization"]
    result = run(mini, wrong)
    assert not result.passed
    assert [f.message for f in result.failures] == [
        "verdict: expected prohibited, got permitted_with_conditions",
        "rule: expected personal-account-prohibited among the applied rules; got: "
        "authorized-contact, awol-exception, no-identifying-details",
        "section: expected minipol/supervision.authorization cited by an applied rule; got: "
        "minipol/procedures.records, minipol/procedures.awol, minipol/policy.boundaries",
        "defeat: expected awol-exception>needs-authorization among the exceptions applied; "
        "got: awol-exception>social-discouraged",
    ]
    # The same failures from the full decision.
    assert tuple(failures(wrong, decide(mini, wrong.answers))) == result.failures


def test_expected_citations_and_obligations(mini: Pack) -> None:
    """Issue 22: a scenario names the sections its answer must rest on (cited by a rule
    that gives the verdict) and the obligations it must name; smguide test fails when one
    is missing."""
    ok = scenario("awol-social").model_copy(deep=True)
    ok.expect.cites = ["minipol/procedures.awol", "minipol/procedures.records"]
    ok.expect.obligations = ["tell your  SUPERVISOR the same day", "record the contact"]
    assert run(mini, ok).passed
    wrong = ok.model_copy(deep=True)
    # cited by an applied rule, but not by one that gives the verdict
    wrong.expect.cites = ["minipol/policy.boundaries"]
    wrong.expect.obligations = ["note it in the case file"]  # a rule that does not apply
    result = run(mini, wrong)
    assert [f.kind for f in result.failures] == ["cite", "obligation"]
    assert result.failures[0].message == (
        "cite: expected minipol/policy.boundaries cited by a rule that gives the verdict; "
        "got: minipol/procedures.records, minipol/procedures.awol")
    assert result.failures[1].message.startswith(
        "obligation: expected 'note it in the case file' in an obligation that applies; got: ")
    assert tuple(failures(wrong, decide(mini, wrong.answers))) == result.failures


def test_walk_follows_the_engine(mini: Pack) -> None:
    steps = walk(mini, scenario("awol-social").answers)
    assert [(s.question.id, s.answer) for s in steps] == [
        ("role", "protection_worker"), ("channel", "social"), ("account", "professional"),
        ("authorized", "yes"), ("awol", "yes")]
    # A question the answers leave out is "not sure"; questions that cannot matter are
    # skipped (no account question for a text).
    steps = walk(mini, {"role": "protection_worker", "channel": "text"})
    assert [(s.question.id, s.answer) for s in steps] == [
        ("role", "protection_worker"), ("channel", "text"), ("authorized", UNSURE)]


def test_coverage(mini: Pack) -> None:
    decisions = [assess(mini, scenario("unauthorized-text").answers)]
    cov = coverage(mini, decisions)
    assert len(cov.rules) == 6
    assert [r.id for r in cov.unexercised_rules] == [
        "personal-account-prohibited", "authorized-contact", "social-discouraged",
        "awol-exception"]
    assert [f"{s.id}/{sec.id}" for s, sec in cov.unexercised_sections] == [
        "minipol/procedures.records", "minipol/procedures.awol"]
    # A defeated rule counts as exercised.
    cov = coverage(mini, [assess(mini, scenario("awol-social").answers)])
    assert "social-discouraged" not in {r.id for r in cov.unexercised_rules}


def test_outcome_and_compare(mini: Pack, tmp_path: Path) -> None:
    answers = scenario("personal-account").answers
    before = outcome(decide(mini, answers, why_not=False))
    assert before.verdict == Verdict.prohibited
    assert compare(before, before) is None
    revised = tmp_path / "mini"
    revised.mkdir()
    for path in MINI.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name == "rules.yaml":
            text = text.replace("verdict: prohibited", "verdict: discouraged").replace(
                "Use the agency's professional account instead.", "Use the agency account.")
        (revised / path.name).write_text(text, encoding="utf-8")
    after = outcome(decide(load_pack(revised), answers, why_not=False))
    change = compare(before, after)
    assert change is not None and change.verdict_changed
    assert change.obligations_removed == ("Use the agency's professional account instead.",)
    assert change.obligations_added == ("Use the agency account.",)
    assert change.citations_removed == change.citations_added == ()


def test_score(mini: Pack) -> None:
    s = scenario("awol-social")
    given = {"role": "protection_worker", "channel": "text", "authorized": "yes"}
    result = score(mini, s, given, Verdict.permitted)
    rows = [(a.question.id, a.expected, a.given, a.scored, a.matched) for a in result.answers]
    assert rows == [
        ("role", "protection_worker", "protection_worker", True, True),
        ("channel", "social", "text", True, False),
        ("account", "professional", None, True, False),
        ("authorized", "yes", "yes", True, True),
        ("awol", "yes", None, True, False),
    ]
    assert (result.matched, result.total) == (2, 5)
    assert not result.prediction_right
    assert result.verdict == Verdict.permitted_with_conditions
    assert result.own_verdict == Verdict.permitted_with_conditions
    right = score(mini, s, dict(s.answers), Verdict.permitted_with_conditions)
    assert (right.matched, right.total, right.prediction_right) == (5, 5, True)
