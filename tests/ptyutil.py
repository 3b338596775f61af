"""Driving ``smguide`` in a real pseudo-terminal (pexpect), shared by the prompt tests."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from smguide.interview.prompt import SELECT_INSTRUCTION

pexpect = pytest.importorskip("pexpect")
Child = Any  # pexpect.spawn

UP = "\x1b[A"
DOWN = "\x1b[B"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
STEP_TIMEOUT = 10  # seconds for any one screen to appear


def spawn(*args: str | Path, columns: int = 100, rows: int = 40) -> Child:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": str(columns),
           "LINES": str(rows),
           # pexpect does not answer prompt_toolkit's cursor-position requests, and each
           # unanswered request costs a timeout; real terminals answer them.
           "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("SMGUIDE_PACKS", None)  # the tests choose their packs
    child = pexpect.spawn(sys.executable, ["-m", "smguide", *[str(a) for a in args]], env=env,
                          encoding="utf-8", dimensions=(rows, columns), timeout=STEP_TIMEOUT)
    child.logfile_read = io.StringIO()  # everything the terminal showed
    return child


def screen(child: Child) -> str:
    log = child.logfile_read
    assert isinstance(log, io.StringIO)
    return log.getvalue()


def answer(child: Child, question: str, keys: str) -> None:
    """Wait for a menu to be ready for keys, then send them."""
    child.expect_exact(question)
    child.expect_exact(SELECT_INSTRUCTION)
    child.send(keys)
