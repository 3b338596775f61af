"""Is "not sure" ever laxer than a definite answer? Checked on the engine itself.

By the engine's definition it cannot be: the verdict for some answers is the
strictest verdict over their completions, and the completions with a question
answered "not sure" include those with any definite answer to it, so the minimum
over the larger set is at least as strict. That argument is about the definition;
this check holds the *implementation* (``smguide.engine.core.assess``, which gives
``decide`` its verdict) to it where it
matters most. For each question, it takes the strictest rule reading it (directly or
through an ``ask_if``) together with a combination where that rule's verdict decides
(found exactly by :func:`smguide.analysis.verify.overlaps`), so the definite verdict
there is that rule's. It then asks the engine with the question answered "not sure"
and every other answer kept. That verdict must be at least as strict as the definite
one, and equal to the exact strictest verdict over the completions (computed here
from the boxes, not by the engine). One engine call per question: on a pack of
thousands of rules each call takes a while, so the check is priced by the engine.

A change to the engine that ignored "not sure" answers, took the first option,
treated the question as not asked, or skipped the rules reading it would give a
laxer verdict on these witnesses; so would any verdict that is not the exact one.
"""

from __future__ import annotations

from smguide.analysis.compiled import Compiled, CRule
from smguide.analysis.cover import uncovered
from smguide.analysis.index import members
from smguide.analysis.reach import Completion
from smguide.analysis.results import UnknownKind, UnsafeUnknown
from smguide.analysis.verify import Effective
from smguide.analysis.witness import answers_box
from smguide.engine import core as engine
from smguide.engine.solver import closure
from smguide.pack.conditions import refs
from smguide.pack.models import UNSURE, Verdict

VERDICTS = list(Verdict)


def strictest(c: Compiled, eff: Effective, answers: dict[str, str]) -> Verdict:
    """The exact verdict for partial answers: the strictest over their completions."""
    space, reach = c.space, c.reach
    box = answers_box(space, answers)
    best: int | None = None
    for j in members(eff.index.meeting(box)):
        rank = eff.owner[j].rank
        assert rank is not None
        if (best is None or rank < best) and reach.nonempty(box & eff.items[j]):
            best = rank
    silent_rank = engine.SILENT_VERDICT.rank
    if best is None or best > silent_rank:
        covers = [b for r in c.rules if r.rank is not None for b in r.when]
        if next(uncovered(space, box, covers, reach.nonempty), None) is not None:
            best = silent_rank if best is None else min(best, silent_rank)
    assert best is not None  # a box with a reachable point is covered or silent
    return VERDICTS[best]


def unsafe_unknowns(
    c: Compiled, eff: Effective, decides: dict[str, int]
) -> list[UnsafeUnknown]:
    pack = c.pack
    ranked = sorted((r for r in c.rules if r.id in decides),
                    key=lambda r: (r.rank, r.position))
    reads: dict[str, frozenset[str]] = {}
    witnesses: dict[str, Completion] = {}

    def candidate(r: CRule, qid: str) -> Completion | None:
        """A combination where r decides and the question is asked, if r reads it."""
        if r.id not in reads:
            reads[r.id] = frozenset(q.id for q in closure(pack, refs(r.rule.when)))
        if qid not in reads[r.id]:
            return None
        if r.id not in witnesses:
            found = c.reach.find(decides[r.id])
            assert found is not None
            witnesses[r.id] = found
        return witnesses[r.id] if witnesses[r.id][qid] is not None else None

    out: list[UnsafeUnknown] = []
    for question in pack.questions:
        found = next(((r, w) for r in ranked if (w := candidate(r, question.id)) is not None),
                     None)
        if found is None:
            continue  # no verdict can depend on it
        rule, witness = found
        assert rule.rank is not None
        definite = VERDICTS[rule.rank]  # the rule decides there: exact, no engine needed
        answers = {q: v for q, v in witness.items() if v is not None}
        option = answers.pop(question.id)
        asked = {**answers, question.id: UNSURE}
        unsure = engine.assess(pack, asked).verdict  # the decision's verdict, alone
        expected = strictest(c, eff, answers)
        kind: UnknownKind | None = None
        if definite.stricter_than(unsure):
            kind = "laxer"
        elif unsure != expected:
            kind = "inexact"
        if kind is not None:
            shown = tuple((q.id, asked[q.id]) for q in pack.questions if q.id in asked)
            out.append(
                UnsafeUnknown(question, kind, option, shown, definite, unsure, expected))
    return out
