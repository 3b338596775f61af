"""Screens and key presses per bundled scenario in the real prompt, before and after
issue 19 (the order computed from the rules, checklists, the early stop).

    python benchmarks/interview_length.py          # a table, then the medians
    python benchmarks/interview_length.py --json   # one line of JSON (the "after" figures)

Each scenario's interview is replayed with its canned answers ("not sure" where it has
none). "before" is ``engine.next_question``: one question per screen, in the pack's order,
with the keys the prompt took then (Enter alone picked the preselected answer, any other
answer was its number then Enter). "after" is ``interview.flow.next_screen`` with today's
keys: on a menu, one key (the answer's number answers at once; Enter alone picks the
preselected answer); on a checklist, ``y`` or ``n`` marks the pointed line and moves on, a
line left "not sure" is skipped with ↓, and Enter ends it (the skips are counted only
where a marked line follows). The review screen that ends every interview is not counted
(one Enter, before and after alike). Both verdicts are compared with the scenario's own:
they must agree, and the progress bound (``flow.screens_left``) must never promise fewer
screens than came.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from smguide.engine.core import decide, next_question
from smguide.interview import flow
from smguide.pack.models import UNSURE, Pack, Question, Verdict
from smguide.training.files import load_checked

GO_AHEAD = {Verdict.permitted, Verdict.permitted_with_conditions}


@dataclass(frozen=True)
class Walk:
    screens: int
    keys: int
    verdict: Verdict


def menu_keys_before(question: Question, answer: str) -> int:
    default = UNSURE if question.unsure else question.option_ids[0]
    return 1 if answer == default else 2


def checklist_keys(canned: Mapping[str, str], questions: tuple[Question, ...]) -> int:
    """One key a line, marked or skipped, up to the last marked line; then Enter."""
    marked = [i for i, q in enumerate(questions) if canned.get(q.id, UNSURE) != UNSURE]
    return (marked[-1] + 1 if marked else 0) + 1


def before(pack: Pack, canned: Mapping[str, str]) -> Walk:
    answers: dict[str, str] = {}
    keys = 0
    while (question := next_question(pack, answers)) is not None:
        answers[question.id] = canned.get(question.id, UNSURE)
        keys += menu_keys_before(question, answers[question.id])
    return Walk(len(answers), keys, decide(pack, answers).verdict)


def after(pack: Pack, canned: Mapping[str, str], sid: str = "") -> Walk:
    answers: dict[str, str] = {}
    screens = keys = 0
    bound = flow.screens_left(pack, answers)
    while (screen := flow.next_screen(pack, answers)) is not None:
        screens += 1
        if isinstance(screen, flow.FollowUp):
            question = screen.questions[0]
            answers[question.id] = canned.get(question.id, UNSURE)
            keys += 1
        elif screen.checklist:
            keys += checklist_keys(canned, screen.questions)
            for question in screen.questions:
                done, other = flow.marks(question)
                given = canned.get(question.id, UNSURE)
                answers[question.id] = (given if given in (done, UNSURE)
                                        else other)
        else:
            question = screen.questions[0]
            answers[question.id] = canned.get(question.id, UNSURE)
            keys += 1
        left = flow.screens_left(pack, answers)
        assert screens + left <= bound, f"{sid}: the progress bound grew"
        bound = screens + left
    assert screens <= flow.screens_left(pack, {}), f"{sid}: more screens than promised"
    return Walk(screens, keys, decide(pack, answers).verdict)


def walks() -> list[tuple[str, Walk, Walk]]:
    """Each bundled scenario: its id, the interview before and after."""
    rows = []
    for sf, pack in load_checked(None):
        canned = sf.scenario.answers
        old, new = before(pack, canned), after(pack, canned, sf.id)
        assert old.verdict == new.verdict, f"{sf.id}: {old.verdict} before, {new.verdict} after"
        rows.append((sf.id, old, new))
    return rows


def summary(new_rows: list[Walk]) -> dict[str, float]:
    go = [n for n in new_rows if n.verdict in GO_AHEAD]
    return {
        "median_screens": statistics.median(n.screens for n in new_rows),
        "median_keys": statistics.median(n.keys for n in new_rows),
        "max_screens": max(n.screens for n in new_rows),
        "go_ahead_median_screens": statistics.median(n.screens for n in go) if go else 0,
        "go_ahead_median_keys": statistics.median(n.keys for n in go) if go else 0,
    }


def main() -> None:
    rows = walks()
    new_rows = [n for _, _, n in rows]
    go = [n for n in new_rows if n.verdict in GO_AHEAD]
    summary_ = summary(new_rows)
    if "--json" in sys.argv[1:]:
        print(json.dumps(summary_))
        return
    width = max(len(r[0]) for r in rows)
    print(f"{'scenario'.ljust(width)}  screens before→after  keys before→after  verdict")
    for sid, old, new in rows:
        print(f"{sid.ljust(width)}  {old.screens:7} → {new.screens:<5}  "
              f"{old.keys:10} → {new.keys:<5}  {new.verdict.value}")
    old_rows = [o for _, o, _ in rows]
    old_go = [o for o in old_rows if o.verdict in GO_AHEAD]
    print(f"{len(rows)} scenarios ({len(go)} go-ahead). Before: median "
          f"{statistics.median(o.screens for o in old_rows)} screens, "
          f"{statistics.median(o.keys for o in old_rows)} keys, longest "
          f"{max(o.screens for o in old_rows)}; go-ahead median "
          f"{statistics.median(o.screens for o in old_go)} screens, "
          f"{statistics.median(o.keys for o in old_go)} keys.")
    print("After: " + json.dumps(summary_))


if __name__ == "__main__":
    main()
