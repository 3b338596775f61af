"""``smguide replay ID``: a scenario told step by step, for a trainer in front of a class.

The narrative; then each question in the order the engine asks it given the
scenario's answers, with the canned answer and why it matters (the scenario's note,
else the question's help); then the recommendation exactly as ``smguide decide``
shows it; then the teaching points and the questions for discussion.

Between steps smguide waits for a key (Enter goes on, q stops); ``--auto`` runs
straight through, for a projector or a handout.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from smguide.engine.core import decide
from smguide.i18n import N_, _
from smguide.pack.models import Pack
from smguide.training import terminal as show
from smguide.training.run import walk
from smguide.training.scenario import Scenario

PAUSE = N_("Press Enter to go on, q to quit")
QUIT_KEYS = {"q", "Q", "\x1b", "\x04"}  # q, Escape, Ctrl-D


class Quit(Exception):
    """The trainer pressed q."""


def read_key() -> str:
    """One key press from the terminal (its first character); Ctrl-C raises as usual."""
    fd = sys.stdin.fileno()
    if os.name == "posix" and os.isatty(fd):
        import termios
        import tty

        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)  # one key at a time, no echo; Ctrl-C still interrupts
            data = os.read(fd, 32)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        if not data:
            raise EOFError
        return data.decode("utf-8", "replace")[:1]
    line = sys.stdin.readline()  # pragma: no cover - non-POSIX terminals
    if not line:  # pragma: no cover
        raise EOFError
    return line[:1] or "\n"  # pragma: no cover


class Pager:
    """Waits for a key between steps, unless running on its own."""

    def __init__(self, *, auto: bool, out: IO[str] | None = None) -> None:
        self.auto = auto
        self.out = out or sys.stdout

    def pause(self) -> None:
        if self.auto:
            return
        self.out.write(f"({_(PAUSE)})")
        self.out.flush()
        key = read_key()
        # Clear the prompt: the screen then reads as --auto prints it.
        self.out.write("\r" + " " * (len(_(PAUSE)) + 2) + "\r")
        self.out.flush()
        if key in QUIT_KEYS:
            raise Quit


def replay(pack: Pack, scenario: Scenario, *, auto: bool) -> None:
    """Tell the scenario; returns early (after saying so) when the trainer presses q."""
    from smguide.render import text

    pager = Pager(auto=auto)
    steps = walk(pack, scenario.answers)
    decision = decide(pack, scenario.answers)
    try:
        show.intro(scenario)
        pager.pause()
        for number, item in enumerate(steps, 1):
            show.step(scenario, number, len(steps), item)
            pager.pause()
        show.heading(_("The recommendation"))
        text.decision(pack, decision)
        if scenario.teaching_points or scenario.discussion:
            pager.pause()
            show.teaching(scenario)
    except Quit:
        show.stopped()


def handout(pack: Pack, scenario: Scenario) -> dict[str, object]:
    """The scenario as a handout: the story, each question with its answer and why it
    matters, and the recommendation as the JSON output's decision dict (verdict,
    rules with their citations, obligations...)."""
    from smguide.render.record import build
    from smguide.report.wording import text

    steps = walk(pack, scenario.answers)
    return {
        "id": scenario.id,
        "title": text(scenario.title),
        "tags": list(scenario.tags),
        "role": scenario.role,
        "narrative": text(scenario.narrative),
        "steps": [{"number": n, "question": item.question.id,
                   "question_text": text(item.question.text),
                   "answer": item.answer,
                   "answer_text": show.answer_label(item.question, item.answer),
                   "why": show.why(scenario, item.question),
                   # the scenario's own note (else "why" is the question's help text)
                   "noted": item.question.id in scenario.notes}
                  for n, item in enumerate(steps, 1)],
        "decision": build(pack, decide(pack, scenario.answers)),
        "teaching_points": [text(t) for t in scenario.teaching_points],
        "discussion": [text(t) for t in scenario.discussion],
    }
