"""``smguide decide`` in a real pseudo-terminal: arrow keys, Enter, going back, Ctrl-C."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from tests.fixtures import MINI
from tests.ptyutil import CTRL_C, DOWN, ENTER, STEP_TIMEOUT, UP, answer, pexpect, screen, spawn

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")


def first_option(n_options: int) -> str:
    """The keys that pick the first option of a question offering "Not sure": asked for
    the first time, "Not sure" (after the ``n_options`` options) is preselected."""
    return UP * n_options + ENTER


def test_interview_end_to_end_with_going_back(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    start = time.monotonic()
    child = spawn("decide", "--pack", MINI, "--record", record)
    try:
        child.expect_exact("Screen 1 of at most 5")
        answer(child, "What is your role?", ENTER)  # Child protection worker
        child.expect_exact("Screen 2 of at most 5")
        # Text message (SMS), Email, Social media message, Not sure (preselected).
        answer(child, "How do you want to reach them?", first_option(3))  # Text message
        child.expect_exact("Screen 3 · the last")
        # Yes, No, Not sure (preselected), (separator), "← Back to an earlier answer"
        answer(child, "Has your supervisor authorized this contact?", DOWN + ENTER)
        # The latest answer (the channel) is preselected.
        answer(child, "Which answer do you want to change?", ENTER)
        # The current answer (text) is preselected: down twice is "Social media message".
        answer(child, "How do you want to reach them?", DOWN * 2 + ENTER)
        answer(child, "Which account would you use?", first_option(2))  # professional
        # Two short facts on one screen, both unmarked ("not sure") at first: y answers the
        # pointed line with its first answer and moves to the next.
        child.expect_exact("About this contact:")
        child.expect_exact("Has your supervisor authorized this contact?")
        child.expect_exact("Is the youth AWOL (absent without leave)?")
        child.expect_exact("y: Yes · n: No")
        child.send("yy")
        child.expect_exact("(absent without leave)? — Yes")
        child.send(ENTER)
        child.expect_exact("Review your answers")
        child.expect_exact("Social media message")
        answer(child, "Are these answers right?", ENTER)
        child.expect_exact("PERMITTED WITH CONDITIONS — you may go ahead if you meet the "
                           "obligations below.")
        child.expect_exact("For the full rationale, choose “Show the full rationale” below.")
        # The verdict is repeated just above the menu.
        child.expect_exact("PERMITTED WITH CONDITIONS — you may go ahead")
        # The menu: the full rationale (in the pager), reflect, act otherwise, or "Done"
        # (preselected). The number key 1 moves to the first entry.
        answer(child, "What next?", "1")
        child.expect_exact("Full rationale")
        child.expect_exact("Reaching a youth who is AWOL set aside Social media is a last resort")
        child.send("q")  # leave the pager: back to the menu
        answer(child, "What next?", ENTER)
        child.expect_exact("decision record written to")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert time.monotonic() - start < 20
    assert "Traceback" not in screen(child)
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["verdict"] == "permitted_with_conditions"
    assert [(a["question"], a["answer"]) for a in data["answers"]] == [
        ("role", "protection_worker"), ("channel", "social"), ("account", "professional"),
        ("authorized", "yes"), ("awol", "yes")]


def test_enter_alone_answers_not_sure(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    child = spawn("decide", "--pack", MINI, "--record", record)
    try:
        child.expect_exact("“Not sure” is preselected")
        answer(child, "What is your role?", ENTER)  # no "Not sure": the first option
        answer(child, "How do you want to reach them?", first_option(3))  # Text message
        # A hurried Enter at a yes/no question picks "Not sure", never "Yes".
        answer(child, "Has your supervisor authorized this contact?", ENTER)
        child.expect_exact("Review your answers")
        child.expect(r"Has your supervisor authorized this contact\?\s+Not sure")
        answer(child, "Are these answers right?", ENTER)
        answer(child, "What next?", ENTER)  # Done
        child.expect_exact("decision record written to")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, screen(child)[-2000:]
    assert "Traceback" not in screen(child)
    data = json.loads(record.read_text(encoding="utf-8"))
    assert [(a["question"], a["answer"]) for a in data["answers"]] == [
        ("role", "protection_worker"), ("channel", "text"), ("authorized", "unsure")]
    assert data["verdict"] == "needs_authorization"  # the stricter path, not "authorized"


def test_ctrl_c_halfway_writes_nothing(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    child = spawn("decide", "--pack", MINI, "--record", record)
    try:
        answer(child, "What is your role?", ENTER)
        answer(child, "How do you want to reach them?", CTRL_C)
        child.expect_exact("smguide: interrupted; nothing was written")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert "Traceback" not in screen(child)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("no_color", [True, False])
def test_colour_in_a_terminal_follows_no_color(no_color: bool) -> None:
    import re

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update({"TERM": "xterm-256color", "COLUMNS": "100"})
    if no_color:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(sys.executable, ["-m", "smguide", "decide", "--pack", str(MINI),
                                           "-s", "role=protection_worker", "-s", "channel=text",
                                           "-s", "authorized=no"],
                          env=env, encoding="utf-8", dimensions=(40, 100), timeout=STEP_TIMEOUT)
    try:
        child.expect(pexpect.EOF)
        output = child.before or ""
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "NEEDS AUTHORIZATION" in output
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7])[;m]")
    assert bool(colour.search(output)) is not no_color


def test_ctrl_d_at_a_menu_stops_as_ctrl_c_does(tmp_path: Path) -> None:
    """Issue 18: Ctrl-D (end of input) at a menu was ignored; it stops the interview,
    writing nothing, like Ctrl-C (the checklist screen binds it the same way)."""
    record = tmp_path / "record.json"
    child = spawn("decide", "--record", record)
    try:
        answer(child, "In what role are you acting?", "\x04")
        child.expect_exact("smguide: interrupted; nothing was written")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert "Traceback" not in screen(child)
    assert list(tmp_path.iterdir()) == []
