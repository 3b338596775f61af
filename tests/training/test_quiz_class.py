"""The trainer's view: a quiz that goes back and skips, and the class summary per
pseudonym with the spread of predicted verdicts per scenario."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from smguide.interview.prompt import BACK, SELECT_INSTRUCTION, SEPARATOR, Entry
from smguide.pack.loader import load_pack
from smguide.training import quiz
from smguide.training.files import read_scenario
from tests.fixtures import FIXTURES
from tests.interview.test_prompt import ScriptedUI
from tests.lintutil import run_cli
from tests.ptyutil import DOWN, ENTER, answer, pexpect, screen, spawn

SCENARIOS = FIXTURES / "scenarios"
MINI = FIXTURES / "packs" / "mini"
ROLE, CHANNEL, ACCOUNT = "What is your role?", "How do you want", "Which account"
AUTHORIZED, AWOL = "Has your supervisor", "Is the youth AWOL"
PREDICT, WHICH = quiz.PREDICT, "Which answer do you want to change?"


def _awol() -> tuple[object, object]:
    sf = read_scenario(SCENARIOS / "mini" / "awol-social.yaml")
    return load_pack(MINI), sf.scenario


def test_quiz_goes_back_to_change_an_answer_and_keeps_the_rest() -> None:
    pack = load_pack(MINI)
    # A personal account settles it (prohibited): the interview goes to the prediction.
    ui = ScriptedUI([(ROLE, "protection_worker"), (CHANNEL, "social"), (ACCOUNT, "personal"),
                     (PREDICT, BACK), (WHICH, "account"), (ACCOUNT, "professional"),
                     (AUTHORIZED, "yes"), (AWOL, "yes"),
                     (PREDICT, BACK), (WHICH, "awol"), (AWOL, "no"),
                     (PREDICT, "permitted_with_conditions")])
    given, predicted = quiz.interview(pack, ui)
    assert given == {"role": "protection_worker", "channel": "social",
                     "account": "professional", "authorized": "yes", "awol": "no"}
    assert predicted.value == "permitted_with_conditions"
    assert not ui.script
    # every menu offers to skip; the prediction also to go back
    skip = [e.value for m in ui.menus for e in m.entries].count(quiz.SKIP)
    assert skip == len(ui.menus)
    assert BACK in [e.value for e in ui.menus[-1].entries]


def test_quiz_skip_raises_and_scores_nothing() -> None:
    pack, scenario = _awol()
    ui = ScriptedUI([(ROLE, "protection_worker"), (CHANNEL, quiz.SKIP)])
    with pytest.raises(quiz.Skipped):
        quiz.quiz(pack, scenario, ui)  # type: ignore[arg-type]
    entries: list[Entry] = ui.menus[0].entries
    assert [e.value for e in entries][-2:] == [SEPARATOR, quiz.SKIP]  # one separator


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
def test_quiz_of_two_scenarios_skips_one_in_a_terminal(tmp_path: Path) -> None:
    results = tmp_path / "class.jsonl"
    child = spawn("replay", "awol-social", "personal-account", "--scenarios", SCENARIOS,
                  "--quiz", "--results", results, "--pseudonym", "owl")
    try:
        child.expect_exact("Quiz: Reaching a youth who is AWOL")
        # The role has three options and no "Not sure"; below them: Skip this scenario
        answer(child, "What is your role?", DOWN * 3 + ENTER)
        child.expect_exact("Skipped awol-social: nothing recorded.")
        child.expect_exact("Quiz:")
        while True:  # the second scenario: Enter on every menu, the prediction last
            child.expect_exact(SELECT_INSTRUCTION)
            menu = str(child.before)
            child.send(ENTER)
            if PREDICT in menu:
                break
        child.expect_exact("results appended to")
        child.expect_exact("Score: answers matched")  # the summary first
        answer(child, "What next?", ENTER)  # Done: the summary stays on screen
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, screen(child)
    lines = results.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["scenario"] for line in lines] == ["personal-account"]


def _result(scenario: str, who: str | None, predicted: str, verdict: str,
            matched: list[bool]) -> dict[str, object]:
    return {"schema": "smguide.quiz-result/1", "scenario": scenario, "pseudonym": who,
            "pack": {"id": "mini", "version": "1", "content_hash": "x"},
            "finished_at": "2026-11-30T10:00:00Z",
            "answers": [{"question": f"q{i}", "expected": "a", "given": "a" if m else "b",
                         "scored": True, "matched": m} for i, m in enumerate(matched)],
            "answers_matched": sum(matched), "answers_total": len(matched),
            "predicted_verdict": predicted, "verdict": verdict,
            "verdict_correct": predicted == verdict}


CLASS = [
    _result("awol-social", "fox", "permitted_with_conditions", "permitted_with_conditions",
            [True, True]),
    _result("awol-social", "owl", "discouraged", "permitted_with_conditions", [True, False]),
    _result("awol-social", None, "discouraged", "permitted_with_conditions", [False, False]),
    _result("personal-account", "fox", "prohibited", "prohibited", [True]),
]


def test_summary_per_pseudonym_and_spread() -> None:
    summary = quiz.summarise(CLASS)
    people = {p.pseudonym: p for p in summary.people}
    assert (people["fox"].attempts, people["fox"].verdict_right) == (2, 2)
    assert (people["owl"].answers_matched, people["owl"].answers_total) == (1, 2)
    assert people[None].attempts == 1
    awol = next(s for s in summary.scenarios if s.id == "awol-social")
    assert awol.predicted == {"discouraged": 2, "permitted_with_conditions": 1}
    assert awol.expected == "permitted_with_conditions"
    data = quiz.summary_data(summary)
    assert data["people"][0]["pseudonym"] == "fox"
    assert next(s for s in data["scenarios"] if s["id"] == "awol-social")["predicted"] == {
        "discouraged": 2, "permitted_with_conditions": 1}


def test_scenarios_results_text_shows_people_and_spread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "class.jsonl"
    results.write_text("".join(json.dumps(r) + "\n" for r in CLASS), encoding="utf-8")
    code, out, _ = run_cli(capsys, "scenarios", str(SCENARIOS), "--results", str(results))
    assert code == 0, out
    assert "Per trainee" in out
    flat = " ".join(out.split())
    assert "fox: 2 attempts · verdict right 2/2 (100%)" in flat
    assert "(no pseudonym): 1 attempt" in flat
    assert ("predicted: discouraged 2 · permitted with conditions 1 "
            "(expected permitted with conditions)") in " ".join(out.split())
