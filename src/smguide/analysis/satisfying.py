"""Does meeting a requirement ever make the verdict stricter? Exact, on boxes.

A precondition question marks the answer that meets its requirement (``satisfies:
true`` on an option). Switching a combination's answer to that option must never
give a stricter verdict. Switching can change which later questions are asked (the
*dependents*: questions whose ``ask_if`` reads the switched question, directly or
through another dependent): a dependent asked before and after keeps its answer, a
newly asked one may take any answer ("not sure", the strictest), and one no longer
asked drops out. Every other answer stays the same.

The "before" and "after" combinations are searched together in one *product* answer
space: the pack's questions, plus a twin of the switched question and of each
dependent (``id@after``) whose ``ask_if`` reads the twins. Rules are compiled twice,
as written (before) and over the twins (after), so exceptions and the question flow
are exact on both sides; a dependent and its twin agree wherever both are asked. A
raise to verdict rank k is then a reachable product combination where some "after"
rule of rank k is effective (or "after" is silent, for consult_supervisor) and no
"before" rule of rank k or stricter is effective (and, from consult_supervisor on,
"before" is not silent). Rank by rank, strictest first, with the same splitting
(:func:`~smguide.analysis.cover.uncovered`) and reachability as the gap check.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from smguide.analysis.compiled import Compiled
from smguide.analysis.cover import uncovered
from smguide.analysis.reach import Completion
from smguide.engine import core as engine
from smguide.engine.solver import closure
from smguide.pack.conditions import All, AnyOf, Condition, Not, Test, refs
from smguide.pack.models import Pack, Question, Rule, Verdict

AFTER = "@after"  # '@' is not allowed in ids, so twins never clash with the pack's own
VERDICTS = list(Verdict)


@dataclass(frozen=True)
class Raise:
    """Switching ``question`` from ``option`` to ``satisfying`` makes things stricter."""

    question: Question
    option: str
    satisfying: str
    answers: tuple[tuple[str, str], ...]  # before the switch, in asking order
    before: Verdict
    after: Verdict


def raises(pack: Pack) -> list[Raise]:
    """For each satisfying answer, one combination where switching to it raises the
    verdict (the strictest raise found), if there is any."""
    out: list[Raise] = []
    for question in pack.questions:
        for option in question.options:
            if option.satisfies:
                found = _first_raise(pack, question, option.id)
                if found is not None:
                    out.append(found)
    return out


def dependents(pack: Pack, question: Question) -> list[Question]:
    """The questions whose asking depends on ``question``, in asking order."""
    involved = {question.id}
    out: list[Question] = []
    for q in pack.questions[pack.order(question.id) + 1:]:
        if q.ask_if is not None and refs(q.ask_if) & involved:
            involved.add(q.id)
            out.append(q)
    return out


def _rename(cond: Condition, twins: set[str]) -> Condition:
    if isinstance(cond, Test):
        if cond.question not in twins:
            return cond
        return Test(cond.question + AFTER, cond.options, cond.path, cond.location)
    if isinstance(cond, All):
        return All(tuple(_rename(c, twins) for c in cond.items), cond.path)
    if isinstance(cond, AnyOf):
        return AnyOf(tuple(_rename(c, twins) for c in cond.items), cond.path)
    assert isinstance(cond, Not)
    return Not(_rename(cond.item, twins), cond.path)


def _product(pack: Pack, twins: set[str]) -> Pack:
    questions: list[Question] = []
    for q in pack.questions:
        questions.append(q)
        if q.id in twins:
            ask_if = _rename(q.ask_if, twins) if q.ask_if is not None else None
            questions.append(q.model_copy(update={"id": q.id + AFTER, "ask_if": ask_if}))
    after: list[Rule] = [
        r.model_copy(update={
            "id": r.id + AFTER,
            "when": _rename(r.when, twins),
            "exception_to": [t + AFTER for t in r.exception_to],
        })
        for r in pack.rules if r.verdict is not None
    ]
    before = [r for r in pack.rules if r.verdict is not None]
    return Pack(manifest=pack.manifest, sources=pack.sources, questions=questions,
                rules=before + after, path=pack.path, content_hash=pack.content_hash)


def _first_raise(pack: Pack, question: Question, satisfying: str) -> Raise | None:
    deps = dependents(pack, question)
    twins = {question.id} | {d.id for d in deps}
    c = Compiled(_product(pack, twins))
    space, reach = c.space, c.reach
    q_before, q_after = space.by_qid[question.id], space.by_qid[question.id + AFTER]
    others = {o for o in question.option_ids if o != satisfying}
    start = space.full & ~q_before.mask & ~q_after.mask
    start |= q_before.bits(others) | q_after.bits({satisfying})
    # A dependent asked both before and after keeps its answer.
    starts = []
    for values in product(*(d.option_ids for d in deps)):
        box = start
        for dep, value in zip(deps, values, strict=True):
            for f in (space.by_qid[dep.id], space.by_qid[dep.id + AFTER]):
                none = 1 << (f.offset + len(f.values) - 1)
                box = (box & ~f.mask) | f.bits({value}) | none
        starts.append(box)

    rules = [r for r in c.rules if r.rank is not None]
    before = [r for r in rules if not r.id.endswith(AFTER)]
    # A rule that reads no twin (its exceptions included) is effective after the switch
    # exactly where it is before: it cannot raise anything.
    reads = _reads(pack)
    after_all = [r for r in rules if r.id.endswith(AFTER)]
    after = [r for r in after_all if reads[r.id[:-len(AFTER)]] & twins]
    before_when = [b for r in before for b in r.when]
    after_when = [b for r in after_all for b in r.when]
    silent = engine.SILENT_VERDICT.rank
    for rank in range(len(VERDICTS)):
        stricter = [b for r in before if r.rank is not None and r.rank <= rank
                    for b in r.effective]
        for start_box in starts:
            targets = [b for r in after if r.rank == rank for b in r.effective]
            if rank == silent:  # "after" silent: no verdict rule applies there
                targets += list(uncovered(space, start_box, after_when, reach.nonempty))
            for target in targets:
                box = start_box & target
                if not reach.nonempty(box):
                    continue
                for leaf in uncovered(space, box, stricter, reach.nonempty):
                    found = _witness(c, leaf, before_when if rank >= silent else None)
                    if found is not None:
                        return _report(pack, question, satisfying, found)
    return None


def _reads(pack: Pack) -> dict[str, frozenset[str]]:
    """The questions each rule's effectiveness depends on: its own and its exceptions'."""
    defeaters: dict[str, list[Rule]] = {}
    for rule in pack.rules:
        for target in rule.exception_to:
            defeaters.setdefault(target, []).append(rule)
    out: dict[str, frozenset[str]] = {}

    def reads(rule: Rule, trail: frozenset[str]) -> frozenset[str]:
        if rule.id not in out:
            found = set(refs(rule.when))
            for e in defeaters.get(rule.id, []):
                if e.id not in trail:  # cycles are refused by the loader; stay finite anyway
                    found |= reads(e, trail | {rule.id})
            out[rule.id] = frozenset(found)
        return out[rule.id]

    for rule in pack.rules:
        reads(rule, frozenset())
    return out


def _witness(c: Compiled, leaf: int, covered_by: list[int] | None) -> Completion | None:
    """A combination of the leaf (where "before" is not silent, if asked to)."""
    if covered_by is None:
        return c.reach.find(leaf)
    for box in covered_by:
        found = c.reach.find(leaf & box)
        if found is not None:
            return found
    return None


def _report(pack: Pack, question: Question, satisfying: str, found: Completion) -> Raise:
    answers = {q.id: v for q in pack.questions if (v := found[q.id]) is not None}
    short = _shorten(pack, question.id, satisfying, answers)
    before, after = _verdicts(pack, question.id, satisfying, short)
    shown = tuple((q.id, short[q.id]) for q in pack.questions if q.id in short)
    return Raise(question, short[question.id], satisfying, shown, before, after)


def _verdicts(pack: Pack, qid: str, satisfying: str,
              answers: dict[str, str]) -> tuple[Verdict, Verdict]:
    before = engine.assess(pack, answers).verdict
    after = engine.assess(pack, {**answers, qid: satisfying}).verdict
    return before, after


def _shorten(pack: Pack, qid: str, satisfying: str, answers: dict[str, str]) -> dict[str, str]:
    """Drop answers, last first, while the engine still shows the same raise; with fewer
    answers the rest count as "not sure", so what remains shows it for certain."""
    want = _verdicts(pack, qid, satisfying, answers)
    assert want[1].stricter_than(want[0]), (qid, answers, want)
    question = pack.question(qid)
    assert question is not None
    # the answers that bring the question up stay, so the witness reads as a situation
    keep = {qid} | {q.id for q in closure(pack, refs(question.ask_if))} if question.ask_if \
        else {qid}
    for q in reversed(pack.questions):
        if q.id in keep or q.id not in answers:
            continue
        trial = {k: v for k, v in answers.items() if k != q.id}
        if _verdicts(pack, qid, satisfying, trial) == want:
            answers = trial
    return answers
