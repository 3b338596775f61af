"""Short witnesses: the fewest answers (greedily) that pin a finding down.

A finding holds in every reachable combination of some box. Its witness starts as
one full combination; then, from the last question back, an answer is dropped when
every combination the remaining answers allow (unanswered questions count as "not
sure", and an answer to a question that is not asked does not count) still lies in
the box. So ``smguide decide`` with the short answers shows the finding for certain,
whatever the unanswered questions turn out to be.
"""

from __future__ import annotations

from smguide.analysis.cover import subtract_box
from smguide.analysis.reach import Completion, Reach
from smguide.analysis.space import Space


def answers_box(space: Space, answers: dict[str, str]) -> int:
    """The combinations some answers allow, before the question flow is applied."""
    box = space.full
    for qid, answer in answers.items():
        f = space.by_qid[qid]
        allowed = f.bits({answer})
        if f.gated:  # where the question is not asked, its answer does not count
            allowed |= 1 << (f.offset + len(f.values) - 1)
        box = (box & ~f.mask) | allowed
    return box


def short_answers(space: Space, reach: Reach, box: int, full: Completion) -> dict[str, str]:
    answers = {f.qid: v for f in space.fields if (v := full[f.qid]) is not None}
    current = answers_box(space, answers)
    for f in reversed(space.fields):
        if f.qid not in answers:
            continue
        # answers_box without this answer: its field alone opens up (fields are apart)
        allowed = current | f.mask
        if not any(reach.nonempty(piece) for piece in subtract_box(space, allowed, box)):
            del answers[f.qid]
            current = allowed
    return answers
