"""``smguide replay`` and ``replay --quiz`` in a real pseudo-terminal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.fixtures import FIXTURES
from tests.ptyutil import CTRL_C, DOWN, ENTER, UP, Child, answer, pexpect, screen, spawn

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")

SCENARIOS = FIXTURES / "scenarios"
PAUSE = "(Press Enter to go on, q to quit)"
def step(child: Child, *texts: str, key: str = ENTER) -> None:
    """Wait for the texts, then for the pause, then press a key."""
    for text in texts:
        child.expect_exact(text)
    child.expect_exact(PAUSE)
    child.send(key)


def test_replay_steps_with_enter() -> None:
    child = spawn("replay", "awol-social", "--scenarios", SCENARIOS)
    try:
        step(child, "Scenario: Reaching a youth who is AWOL", "A youth has left their placement")
        step(child, "Question 1 of 5", "What is your role?", "Answer: Child protection worker",
             "Why it matters: Your role decides")
        step(child, "Question 2 of 5", "Answer: Social media message")
        step(child, "Question 3 of 5", "Answer: The agency's professional account")
        step(child, "Question 4 of 5", "Has your supervisor authorized this contact?",
             "Answer: Yes")
        step(child, "Question 5 of 5", "Why it matters: The youth has left the placement")
        step(child, "The recommendation", "PERMITTED WITH CONDITIONS — you may go ahead",
             "Reaching a youth who is AWOL set aside Social media is a last resort")
        child.expect_exact("Teaching points")
        child.expect_exact("1. When does the exception stop applying?")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "Traceback" not in screen(child)


def test_replay_q_stops() -> None:
    child = spawn("replay", "awol-social", "--scenarios", SCENARIOS)
    try:
        step(child, "Scenario: Reaching a youth who is AWOL")
        step(child, "Question 1 of 5", key="q")
        child.expect_exact("Replay stopped.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "Question 2 of 5" not in screen(child)
    assert "The recommendation" not in screen(child)


def test_quiz_scores_and_appends_results(tmp_path: Path) -> None:
    results = tmp_path / "class.jsonl"
    results.write_text('{"earlier": "line"}\n', encoding="utf-8")
    child = spawn("replay", "awol-social", "--scenarios", SCENARIOS, "--quiz",
                  "--results", results, "--pseudonym", "fox")
    try:
        child.expect_exact("Quiz: Reaching a youth who is AWOL")
        answer(child, "What is your role?", ENTER)  # right: Child protection worker
        # Each question starts on "Not sure", after its options (Back and Skip below).
        # Options: Text, Email, Social media message, Not sure. Social is right.
        answer(child, "How do you want to reach them?", UP + ENTER)
        # The agency's professional account, Your personal account, Not sure.
        answer(child, "Which account would you use?", UP * 2 + ENTER)  # right: professional
        answer(child, "Has your supervisor authorized this contact?", UP + ENTER)  # wrong: No
        answer(child, "Is the youth AWOL (absent without leave)?", ENTER)  # Not sure
        # Verdicts, strictest first: predict NEEDS AUTHORIZATION (wrong).
        answer(child, "What will the recommendation be?", DOWN * 2 + ENTER)
        child.expect_exact("results appended to")
        # First, on one screen: the score, one line per question, the prediction.
        child.expect_exact("Score: answers matched 3/5 · verdict prediction: wrong")
        child.expect_exact("Your answers and the scenario's")
        child.expect_exact("✗ Has your supervisor authorized this contact? — you: No · "
                           "scenario: Yes")
        child.expect_exact("✗ Is the youth AWOL (absent without leave)? — you: Not sure")
        child.expect_exact("✗ Prediction: NEEDS AUTHORIZATION — the recommendation is "
                           "PERMITTED WITH CONDITIONS.")
        summary = str(child.before)
        assert "why:" not in summary and "Teaching points" not in summary
        # The details on demand.
        answer(child, "What next?", DOWN + ENTER)
        child.expect_exact("why: The youth has left the placement without leave")
        child.expect_exact("The recommendation, with the scenario's answers")
        child.expect_exact("Teaching points")
        child.expect_exact("Score: answers matched 3/5 · verdict prediction: wrong")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, screen(child)
    lines = results.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"earlier": "line"}'
    data = json.loads(lines[1])
    assert data["schema"] == "smguide.quiz-result/1"
    assert data["scenario"] == "awol-social" and data["pseudonym"] == "fox"
    assert (data["answers_matched"], data["answers_total"]) == (3, 5)
    assert data["predicted_verdict"] == "needs_authorization"
    assert data["verdict"] == "permitted_with_conditions" and data["verdict_correct"] is False
    assert [(a["question"], a["given"], a["matched"]) for a in data["answers"]] == [
        ("role", "protection_worker", True), ("channel", "social", True),
        ("account", "professional", True), ("authorized", "no", False),
        ("awol", "unsure", False)]
    assert set(data) == {"schema", "scenario", "pack", "finished_at", "pseudonym", "answers",
                         "answers_matched", "answers_total", "predicted_verdict", "verdict",
                         "verdict_correct"}


@pytest.mark.parametrize("existing", [False, True])
def test_ctrl_c_mid_quiz_writes_nothing(tmp_path: Path, existing: bool) -> None:
    results = tmp_path / "class.jsonl"
    if existing:
        results.write_text('{"earlier": "line"}\n', encoding="utf-8")
    child = spawn("replay", "awol-social", "--scenarios", SCENARIOS, "--quiz",
                  "--results", results)
    try:
        answer(child, "What is your role?", ENTER)
        answer(child, "How do you want to reach them?", CTRL_C)
        child.expect_exact("smguide: interrupted; nothing was written")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert "Traceback" not in screen(child)
    if existing:
        assert results.read_text(encoding="utf-8") == '{"earlier": "line"}\n'
    else:
        assert list(tmp_path.iterdir()) == []
