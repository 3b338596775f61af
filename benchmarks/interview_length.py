"""Questions asked per bundled scenario: the interview before and after the early stop.

    python benchmarks/interview_length.py

Each scenario's interview is replayed with its canned answers ("not sure" where it has
none): the engine picks the next question until it has nothing left to ask. "before" is
the rule ``engine.next_question`` followed until the early stop (kept below as
``old_next_question``): any question whose answer could change the decision, cautions
and ethical considerations included. "after" is ``engine.next_question`` now: the
verdict, the rules that give it and the obligations; nothing after a certain
prohibition. The verdicts of both interviews are compared as well: they must agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from smguide.engine.core import decide, may_apply, next_question, relevant
from smguide.pack.models import UNSURE, Pack, Question
from smguide.training.files import load_checked

Policy = Callable[[Pack, Mapping[str, str]], Question | None]


def old_next_question(pack: Pack, answers: Mapping[str, str]) -> Question | None:
    """``engine.next_question`` as it was before the early stop."""
    for question in pack.questions:
        if question.id in answers:
            continue
        if may_apply(pack, question, answers) and relevant(pack, question, answers):
            return question
    return None


def interview(pack: Pack, canned: Mapping[str, str], policy: Policy) -> dict[str, str]:
    answers: dict[str, str] = {}
    while (question := policy(pack, answers)) is not None:
        answers[question.id] = canned.get(question.id, UNSURE)
    return answers


def main() -> None:
    rows = []
    for sf, pack in load_checked(None):
        canned = sf.scenario.answers
        before = interview(pack, canned, old_next_question)
        after = interview(pack, canned, next_question)
        v_before, v_after = decide(pack, before).verdict, decide(pack, after).verdict
        assert v_before == v_after, f"{sf.id}: {v_before} before, {v_after} after"
        rows.append((sf.id, len(before), len(after), v_after.value))
    width = max(len(r[0]) for r in rows)
    print(f"{'scenario'.ljust(width)}  before  after  verdict")
    for sid, n_before, n_after, verdict in rows:
        print(f"{sid.ljust(width)}  {n_before:6}  {n_after:5}  {verdict}")
    total_before = sum(r[1] for r in rows)
    total_after = sum(r[2] for r in rows)
    print(f"{'total'.ljust(width)}  {total_before:6}  {total_after:5}")
    print(f"{len(rows)} scenarios; mean {total_before / len(rows):.1f} → "
          f"{total_after / len(rows):.1f} questions; longest {max(r[1] for r in rows)} → "
          f"{max(r[2] for r in rows)}")


if __name__ == "__main__":
    main()
