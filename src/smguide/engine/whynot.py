"""Why not: the smallest sets of answer changes (steps a person can take) that would
give a laxer verdict."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

from smguide.engine.assessment import _assess
from smguide.engine.compiled import SILENT_VERDICT, _Compiled
from smguide.engine.decision import Change, WhyNot
from smguide.engine.relevance import _may_apply
from smguide.engine.verdict import _Trials
from smguide.pack.models import Pack, Question, Rule, Verdict

# Bounds on the why-not search; the single changes are always all tried.
MAX_PAIR_CHECKS = 600


def _why_not(c: _Compiled, known: Mapping[str, str], verdict: Verdict) -> tuple[WhyNot, ...]:
    """The smallest sets of answer changes that would give a laxer verdict."""
    if verdict == Verdict.permitted:
        return ()
    candidates: list[Change] = []
    by_steps = _has_steps(c.pack)
    situation = _facts(c.pack, known) if by_steps else known
    for question in c.pack.questions:
        current = known.get(question.id)
        options = [o for o in _suggestable(question, by_steps) if o != current]
        if options and _may_apply(c, question, situation):  # the search last: it costs most
            candidates.extend(Change(question, option, current) for option in options)

    # Exact pruning: a laxer verdict needs every rule at least as strict as the current
    # verdict to stop applying, and a rule's outcome depends only on the questions it
    # reads. A change set that leaves one of them untouched cannot help. (Silence reads
    # every question, so it prunes nothing.)
    blockers = sorted({  # each set once, the smallest (likeliest untouched) first
        c.effective[a.rule.id].ids
        for a in _assess(c, known).applied  # the rules that may apply
        if a.rule.verdict is not None and a.rule.verdict.rank <= verdict.rank
    }, key=lambda ids: (len(ids), sorted(ids)))
    if verdict == SILENT_VERDICT and _assess(c, known).silent:
        blockers = []

    # Per question, the bit set (over ``blockers``) of the sets it is in: a change set
    # touches every blocker when the union of its questions' bit sets is all of them.
    within: dict[str, int] = {}
    for position, blocker in enumerate(blockers):
        for qid in blocker:
            within[qid] = within.get(qid, 0) | (1 << position)
    every = (1 << len(blockers)) - 1

    def can_help(changes: tuple[Change, ...]) -> bool:
        touched = 0
        for change in changes:
            touched |= within.get(change.question.id, 0)
        return touched == every

    trials = _Trials(c, known)

    def result(changes: tuple[Change, ...]) -> tuple[Verdict, Rule | None]:
        return trials.decided({change.question.id: change.answer for change in changes})

    found: dict[Verdict, list[tuple[Change, ...]]] = {}
    # Per single change tried: what a rule of its verdict reads (None: silence, which
    # reads everything).
    holding: dict[tuple[str, str], frozenset[str] | None] = {}
    for change in candidates:
        if not can_help((change,)):
            continue
        got, rule = result((change,))
        holding[change.question.id, change.answer] = (
            c.effective[rule.id].ids if rule is not None else None)
        if got.rank > verdict.rank:
            found.setdefault(got, []).append((change,))

    def still_holds(single: Change, other: Change) -> bool:
        """A rule of ``single``'s verdict that reads nothing ``other`` changes may still
        take effect with both: the pair is no laxer than ``single`` alone (exact, as the
        blockers above), so it is never kept."""
        reads = holding.get((single.question.id, single.answer))
        return reads is not None and other.question.id not in reads

    # Pairs are kept only where no single change already reaches their verdict.
    checks = 0
    for a, b in combinations(candidates, 2):
        if a.question.id == b.question.id or not can_help((a, b)):
            continue
        checks += 1
        if checks > MAX_PAIR_CHECKS:
            break
        if still_holds(a, b) or still_holds(b, a):
            continue
        got, _rule = result((a, b))
        if got.rank > verdict.rank and not _has_subset(found, got, (a, b)):
            found.setdefault(got, []).append((a, b))
    return tuple(
        WhyNot(v, changes)
        for v in sorted(found, key=lambda v: -v.rank)
        for changes in found[v]
    )


def _has_steps(pack: Pack) -> bool:
    """Does the pack mark its steps? Packs written before ``step`` existed fall back to
    the question-level ``actionable`` flag (docs/rule-format.md)."""
    return any(o.step is not None for q in pack.questions for o in q.options)


def _facts(pack: Pack, known: Mapping[str, str]) -> dict[str, str]:
    """The answers that are not steps: the situation. A step is offered where these
    allow its question, so a step that brings up a further one (authorized, then
    recorded) can be suggested together with it."""
    out: dict[str, str] = {}
    for qid, answer in known.items():
        question = pack.question(qid)
        if question is not None and not any(o.step is not None for o in question.options):
            out[qid] = answer
    return out


def _suggestable(question: Question, by_steps: bool) -> list[str]:
    """The options why-not may suggest: only steps a person can take, never a fact of
    the situation or a forbidden means (an evasion)."""
    if by_steps:
        return [o.id for o in question.options if o.step is not None]
    return question.option_ids if question.actionable else []


def _has_subset(
    found: dict[Verdict, list[tuple[Change, ...]]], verdict: Verdict, changes: tuple[Change, ...]
) -> bool:
    wanted = {(c.question.id, c.answer) for c in changes}
    for level, sets in found.items():
        if level.rank >= verdict.rank:
            for existing in sets:
                if {(c.question.id, c.answer) for c in existing} <= wanted:
                    return True
    return False
