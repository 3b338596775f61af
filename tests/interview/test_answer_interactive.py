"""The answer in a real pseudo-terminal: DEPENDS, the early stop, a Markdown record, and a
60-column terminal (the pager is driven in tests/interview/test_cli_interactive.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.fixtures import MINI
from tests.ptyutil import ENTER, answer, pexpect, screen, spawn

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def number(n: int) -> str:
    """Pick the n-th entry of a menu with its number key (it answers at once)."""
    return str(n)


def test_depends_result_names_the_question_and_the_outcomes(tmp_path: Path) -> None:
    child = spawn("decide", "--pack", MINI)
    try:
        answer(child, "What is your role?", number(1))  # Child protection worker
        answer(child, "How do you want to reach them?", number(1))  # Text message
        answer(child, "Has your supervisor authorized this contact?", ENTER)  # Not sure
        answer(child, "Are these answers right?", ENTER)
        child.expect_exact("DEPENDS — do not go ahead until you know: Has your supervisor")
        child.expect_exact("if Yes: permitted with conditions")
        child.expect_exact("if No: needs authorization")
        child.expect_exact("Until you know, the strictest possible outcome stands: NEEDS")
        answer(child, "What next?", ENTER)  # Done
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_the_interview_stops_after_a_certain_prohibition(tmp_path: Path) -> None:
    record = tmp_path / "case-note.md"
    child = spawn("decide", "--pack", MINI, "--record", record)
    try:
        answer(child, "What is your role?", number(1))
        answer(child, "How do you want to reach them?", number(3))  # Social media message
        answer(child, "Which account would you use?", number(2))  # Your personal account
        # No more questions: the supervisor's authorization cannot change a prohibition.
        child.expect_exact("Review your answers")
        answer(child, "Are these answers right?", ENTER)
        child.expect_exact("PROHIBITED — do not do this;")
        answer(child, "What next?", ENTER)
        child.expect_exact("decision record written to")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "Has your supervisor authorized" not in screen(child)
    md = record.read_text(encoding="utf-8")  # the Markdown record, from the extension
    assert md.startswith("# Decision record (smguide)")
    assert "- **Verdict:** PROHIBITED — " in md
    assert "- Which account would you use? — Your personal account" in md
    assert "- **Tool:** smguide " in md and "- **Pack content hash:** `sha256:" in md


def test_an_unknown_record_extension_is_refused_before_any_question(tmp_path: Path) -> None:
    child = spawn("decide", "--pack", MINI, "--record", tmp_path / "note.txt")
    try:
        child.expect_exact("a decision record is written as JSON, YAML or Markdown")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 2
    assert "What is your role?" not in screen(child)


def test_a_60_column_terminal_wraps_questions_and_the_answer(tmp_path: Path) -> None:
    child = spawn("decide", columns=60)
    try:
        # The key hint stays on the question's last line: the question wraps before it.
        answer(child, "In what role", number(1))  # Protection worker
        answer(child, "What do you want", number(1))  # Contact someone
        # What decides first comes first (issue 19): the channel, then who it is.
        answer(child, "How do you want", number(4))  # personal e-mail
        answer(child, "Who is the other", number(2))  # A parent
        child.expect_exact("Review your answers")
        answer(child, "Are these answers right?", ENTER)
        child.expect_exact("PROHIBITED")
        child.expect_exact("What next?")
        shown = ANSI.sub("", screen(child))
        child.send(ENTER)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    # Each answer is echoed whole under its question, wrapped between words (issue 19:
    # the echo of a long answer lost words at the terminal's edge).
    echoed = " ".join(shown.replace("\r", "").split())
    assert ("? Who is the other person? A parent or family member of a child served by the "
            "Society") in echoed
    assert re.search(r"\? Who is the other person\? A parent or family member of a\r*\n"
                     r"  child served by the Society\r*\n", shown)
    # Everything printed as lines (the help, the review, the answer) fits 60 columns.
    printed = [line for line in shown.replace("\r", "").split("\n") if line.strip()]
    result = printed[next(i for i, line in enumerate(printed) if line.startswith("PROHIBITED")):]
    assert all(len(line) <= 60 for line in result), result
    review = shown[shown.index("Review your answers"):shown.index("Are these answers right?")]
    # Each column wraps between words: the answer continues under itself.
    assert re.search(r"E-mail from a personal\r?\n +e-mail address", review)
    assert all(len(line) <= 60 for line in review.replace("\r", "").split("\n"))
    # The questions' help is wrapped too.
    help_lines = [line for line in printed if line.startswith("  The policy applies")]
    assert help_lines and all(len(line) <= 60 for line in help_lines)
