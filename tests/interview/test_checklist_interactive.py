"""A checklist screen in a real pseudo-terminal (issue 19): the preconditions on one screen,
each marked with its number, an unmarked one read as "not sure"."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.ptyutil import CTRL_C, ENTER, answer, pexpect, screen, spawn

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CHECKLIST = "Enter when done)"


def test_a_checklist_screen_takes_the_preconditions_at_once(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    child = spawn("decide", "--record", record)
    try:
        answer(child, "In what role are you acting?", "2")  # children service
        answer(child, "What do you want to do?", "1")  # contact someone
        answer(child, "How do you want to reach them?", "5")  # text message
        answer(child, "Who is the other person?", "1")  # a child or youth
        # One screen: the facts (the report first), then the preconditions.
        child.expect_exact("About this contact, and before you go ahead")
        child.expect_exact(CHECKLIST)
        child.expect_exact("Get your supervisor's authorization for this use")
        # y/n answer the pointed line and move on; ? leaves the authorization's record
        # unmarked; a line's number changes it afterwards (line 1: no report).
        child.send("nnn" + "yy?" + "yyyyyyy")
        child.expect_exact("[✓] Reword it so that nothing in it")
        # The first line's number cycles it: blank, its first answer (yes), its second.
        child.send("111")
        child.send(ENTER)
        child.expect_exact("Review your answers")
        answer(child, "Are these answers right?", ENTER)
        child.expect_exact("DEPENDS")
        child.expect_exact("What next?")
        shown = ANSI.sub("", screen(child))
        child.send(ENTER)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    # The progress counts screens: the checklist was the 5th, and the last.
    assert "Screen 5 " in shown and "Screen 6" not in shown
    answers = {a["question"]: a["answer"]
               for a in json.loads(record.read_text(encoding="utf-8"))["answers"]}
    assert answers["supervisor_authorized"] == "yes" and answers["timing"] == "business_hours"
    assert answers["concern_found"] == "no" and answers["purpose"] == "ongoing"
    # Left unmarked: "not sure", never a yes; and the answer leads with it.
    assert answers["authorization_documented"] == "unsure"
    flat = " ".join(shown.split())
    assert ("DEPENDS — do not go ahead until you know: Is the authorization recorded in your "
            "supervision discussion notes?") in flat


def test_a_checklist_taller_than_the_terminal_scrolls_to_the_pointed_line() -> None:
    """60×24: the 13 lines of a texting checklist do not fit; y moves down the list and the
    screen follows, so the last line is seen (and can be marked) like the first."""
    child = spawn("decide", columns=60, rows=24)
    try:
        answer(child, "In what role", "2")
        answer(child, "What do you want", "1")
        answer(child, "How do you want", "5")
        answer(child, "Who is the other", "1")
        child.expect_exact(CHECKLIST)
        child.send("y" * 12)
        child.expect_exact("» d) [ ] Reword it so that nothing in it")  # clipped before
        child.send(CTRL_C)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
