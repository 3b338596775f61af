"""A checklist screen in a real pseudo-terminal (issue 19): the preconditions on one screen,
each marked with its number, an unmarked one read as "not sure"."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.ptyutil import ENTER, answer, pexpect, screen, spawn

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CHECKLIST = "Enter when done)"


def test_a_checklist_screen_takes_the_preconditions_at_once(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    child = spawn("decide", "--record", record)
    try:
        answer(child, "In what role are you acting?", "2" + ENTER)  # children service
        answer(child, "What do you want to do?", "1" + ENTER)  # contact someone
        answer(child, "How do you want to reach them?", "5" + ENTER)  # text message
        answer(child, "Could anything in what you will write", "1" + ENTER)  # none of these
        answer(child, "Who is the other person?", "1" + ENTER)  # a child or youth
        answer(child, "Did you come across", "2" + ENTER)  # no: nothing to report
        answer(child, "absent without leave", "2" + ENTER)  # no
        answer(child, "Is this a first contact", "2" + ENTER)  # ongoing
        child.expect_exact("Before you go ahead: which of these are done, or will be?")
        child.expect_exact(CHECKLIST)
        child.expect_exact("Get your supervisor's authorization for this use")
        # Every item but the authorization's record marked done; that one left unmarked.
        for key in "12456789":
            child.send(key)
        child.expect_exact("[✓] Leave out everything that identifies a client")
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
    # The progress counts screens: the checklist was the 9th, and the last.
    assert "Screen 9 " in shown and "Screen 10" not in shown
    answers = {a["question"]: a["answer"]
               for a in json.loads(record.read_text(encoding="utf-8"))["answers"]}
    assert answers["supervisor_authorized"] == "yes" and answers["timing"] == "business_hours"
    # Left unmarked: "not sure", never a yes; and the answer leads with it.
    assert answers["authorization_documented"] == "unsure"
    flat = " ".join(shown.split())
    assert ("DEPENDS — do not go ahead until you know: Is the authorization recorded in your "
            "supervision discussion notes?") in flat
