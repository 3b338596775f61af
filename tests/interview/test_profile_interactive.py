"""The remembered profile in a real pseudo-terminal (issue 19): offered in the review (never
preselected), shown and used on the first screen next time, asked again or forgotten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from smguide.interview.prompt import SELECT_INSTRUCTION
from tests.fixtures import MINI
from tests.ptyutil import ENTER, answer, pexpect, screen, spawn

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
REVIEW = "Are these answers right?"
AUTHORIZED = "Has your supervisor authorized this contact?"


def finish(child: pexpect.spawn) -> str:
    child.expect_exact("What next?")
    child.expect_exact(SELECT_INSTRUCTION)
    child.send(ENTER)  # "Done"
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return screen(child)


def test_first_use_reuse_and_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    saved = tmp_path / "smguide" / "profile.yaml"

    # First use: nothing remembered; the review offers it, second, "Yes — show" preselected.
    child = spawn("decide", "--pack", MINI)
    answer(child, "What is your role?", ENTER)  # Child protection worker
    answer(child, "How do you want to reach them?", "2")  # Email
    answer(child, AUTHORIZED, ENTER)  # Not sure
    child.expect_exact(REVIEW)
    child.expect_exact("Yes, and remember my role, phone and account for next")
    child.send("2")
    child.expect_exact("Remembered in")
    shown = finish(child)
    assert "Remembered about you" not in shown
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {
        "answers": {"role": "protection_worker"}}

    # Reuse: shown on the first screen; Enter uses it, and the role is not asked.
    child = spawn("decide", "--pack", MINI)
    child.expect_exact("Remembered about you")
    child.expect_exact("Child protection worker")
    answer(child, "Use these answers?", ENTER)
    answer(child, "How do you want to reach them?", "2")
    answer(child, AUTHORIZED, ENTER)
    child.expect_exact("Review your answers")
    answer(child, REVIEW, ENTER)  # nothing new to remember: no such entry
    shown = finish(child)
    after_first = shown[shown.index("Use these answers?"):]
    assert "What is your role?" not in after_first.split("Review your answers")[0]
    assert "remember my role" not in after_first

    # Change: asked again, and the new role remembered in its place.
    child = spawn("decide", "--pack", MINI)
    answer(child, "Use these answers?", "2")  # ask me again
    answer(child, "What is your role?", "2")  # Children's services worker
    answer(child, "How do you want to reach them?", "2")
    answer(child, AUTHORIZED, ENTER)
    answer(child, REVIEW, "2")  # and remember
    finish(child)
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {
        "answers": {"role": "children_worker"}}
    body = saved.read_text(encoding="utf-8")
    assert "nothing about a client" in body

    # Forget: the file goes.
    child = spawn("decide", "--pack", MINI)
    answer(child, "Use these answers?", "3")
    child.expect_exact("Forgotten.")
    answer(child, "What is your role?", ENTER)
    answer(child, "How do you want to reach them?", "2")
    answer(child, AUTHORIZED, ENTER)
    child.expect_exact("Review your answers")
    answer(child, REVIEW, ENTER)
    finish(child)
    assert not saved.exists()
