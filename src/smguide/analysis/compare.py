"""Is a revision of a pack ever laxer than the pack it revises? Exact, over every
answer combination the question flow can produce (not only the scenarios).

Both packs' rules are put in one answer space (a product pack: the old rules and the
new ones side by side, each side's exceptions among its own rules) and compiled to
boxes as the lint checks are (:mod:`smguide.analysis.compiled`). NEW is laxer than
OLD at a combination exactly when, for the old rule that decides there (or the old
pack's silence, "consult your supervisor"), no new rule as strict takes effect and,
when that verdict is no stricter than silence, some new rule does take effect. So
for each old verdict rule, the part of its effective boxes that no new rule as
strict covers (and, from "consult your supervisor" on, that a laxer new rule meets)
is laxer; and so is, where the old pack is silent, wherever only new rules laxer than
silence take effect. Each region found is checked on one combination with the
engine's own ``decide`` on both packs, and reported with short answers.

The two packs must ask the same questions, with the same options and the same
``ask_if``: a revision that changes the questions changes what the answers mean.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from smguide.analysis.compiled import Compiled
from smguide.analysis.cover import TooMuchWork, uncovered
from smguide.analysis.dnf import TooComplex
from smguide.analysis.index import BoxIndex
from smguide.analysis.witness import short_answers
from smguide.pack import conditions as cond
from smguide.pack.models import Pack, Question, Rule, Verdict

OLD, NEW = ".old", ".new"  # the product pack's rule ids: "<id>.old", "<id>.new"
SILENCE_RANK = Verdict.consult_supervisor.rank  # where no verdict rule takes effect
MAX_GROUPS = 5


class NotComparable(Exception):
    """The packs ask different questions: their answers cannot be compared."""


class NotProved(Exception):
    """The comparison needs more work than it is allowed: nothing is claimed."""


@dataclass
class LaxerGroup:
    """Combinations where NEW is laxer, with one verdict change and the same rules."""

    old_verdict: Verdict
    new_verdict: Verdict
    old_rules: tuple[str, ...]  # the rules that give the old verdict there
    new_rules: tuple[str, ...]  # those that give the new one (none: the policy is silent)
    answers: dict[str, str]  # a few answers: every way of completing them is laxer
    regions: int = 1  # how many separate regions of the answer space it stands for


@dataclass
class Comparison:
    groups: list[LaxerGroup] = field(default_factory=list)
    complete: bool = True  # False: more groups than listed may exist

    @property
    def laxer(self) -> bool:
        return bool(self.groups)


def same_questions(old: Pack, new: Pack) -> list[str]:
    """The questions the two packs ask differently (ids, options or ask_if)."""
    def shape(q: Question) -> tuple[object, ...]:
        return (q.option_ids, _shape(q.ask_if) if q.ask_if is not None else None)

    before = {q.id: shape(q) for q in old.questions}
    after = {q.id: shape(q) for q in new.questions}
    order = [q.id for q in old.questions] + [q.id for q in new.questions if q.id not in before]
    changed = [qid for qid in order if before.get(qid) != after.get(qid)]
    if not changed and [q.id for q in old.questions] != [q.id for q in new.questions]:
        changed = ["(the order of the questions)"]
    return changed


def _shape(c: cond.Condition) -> object:
    if isinstance(c, cond.Test):
        return ("test", c.question, c.options)
    if isinstance(c, cond.Not):
        return ("not", _shape(c.item))
    kind = "all" if isinstance(c, cond.All) else "any"
    return (kind, tuple(_shape(i) for i in c.items))


def product(old: Pack, new: Pack) -> Pack:
    """One pack holding both packs' rules, renamed apart, on the old pack's questions."""
    def side(pack: Pack, suffix: str) -> list[Rule]:
        return [r.model_copy(update={"id": r.id + suffix,
                                     "exception_to": [t + suffix for t in r.exception_to]})
                for r in pack.rules]

    return Pack(manifest=old.manifest, sources=old.sources, questions=list(old.questions),
                rules=side(old, OLD) + side(new, NEW), path=old.path,
                content_hash=old.content_hash)


def compare(old: Pack, new: Pack, *, limit: int = MAX_GROUPS,
            budget: int = 2_000_000) -> Comparison:
    """Where NEW gives a laxer verdict than OLD, grouped (at most ``limit`` groups)."""
    from smguide.analysis import _quiet_gc

    changed = same_questions(old, new)
    if changed:
        raise NotComparable(", ".join(changed))
    with _quiet_gc():  # many short-lived ints and lists, no cycles (as the analysis)
        try:
            c = Compiled(product(old, new))
        except TooComplex as exc:
            raise NotProved(f"a condition is too complex to compare exactly ({exc})") from None
        try:
            return _compare(c, old, new, limit, budget)
        except TooMuchWork as exc:
            raise NotProved(f"the comparison gave up ({exc})") from None


def _compare(c: Compiled, old: Pack, new: Pack, limit: int, budget: int) -> Comparison:
    space, reach = c.space, c.reach
    old_rules = [r for r in c.rules if r.rank is not None and r.id.endswith(OLD)]
    new_rules = sorted((r for r in c.rules if r.rank is not None and r.id.endswith(NEW)),
                       key=lambda r: (r.rank, r.position))
    items = [b for r in new_rules for b in r.effective]
    ranks = [r.rank for r in new_rules for _ in r.effective]
    index = BoxIndex(space, items)
    as_strict = {k: sum(1 << i for i, rank in enumerate(ranks) if rank is not None and rank <= k)
                 for k in range(len(Verdict))}

    def covers(box: int, mask: int) -> list[int]:
        """The new boxes among ``mask`` that meet ``box`` (by the index: a few)."""
        return _among(items, index.meeting(box, mask))

    def regions() -> Iterator[int]:
        for o in sorted(old_rules, key=lambda r: (r.rank, r.position)):
            assert o.rank is not None
            laxer_than = index.all & ~as_strict[o.rank]
            for box in o.effective:
                for leaf in uncovered(space, box, covers(box, as_strict[o.rank]),
                                      reach.nonempty, budget):
                    if o.rank < SILENCE_RANK:
                        yield leaf  # new is laxer there, rule or silence
                    else:
                        yield from _meets(c, leaf, covers(leaf, laxer_than))
        # where the old pack is silent: only new rules laxer than silence take effect
        old_items = [b for r in old_rules for b in r.effective]
        old_index = BoxIndex(space, old_items)
        for n in new_rules:
            assert n.rank is not None
            if n.rank <= SILENCE_RANK:
                continue
            for box in n.effective:
                speaking = _among(old_items, old_index.meeting(box))  # old rules meeting it
                yield from uncovered(space, box, speaking + covers(box, as_strict[SILENCE_RANK]),
                                     reach.nonempty, budget)

    result = Comparison()
    seen: dict[tuple[object, ...], LaxerGroup] = {}
    for region in regions():
        witness = reach.find(region)
        assert witness is not None
        answers = {q: v for q, v in witness.items() if v is not None}
        group = _group(old, new, answers, short_answers(space, reach, region, witness))
        key = (group.old_verdict, group.new_verdict, group.old_rules, group.new_rules)
        if key in seen:
            seen[key].regions += 1
            continue
        if len(seen) == limit:
            result.complete = False
            break
        seen[key] = group
        result.groups.append(group)
    return result


def _among(items: list[int], hits: int) -> list[int]:
    """The items whose bits are set in ``hits``."""
    out = []
    while hits:
        low = hits & -hits
        out.append(items[low.bit_length() - 1])
        hits ^= low
    return out


def _meets(c: Compiled, leaf: int, laxer: list[int]) -> Iterator[int]:
    """The parts of ``leaf`` a laxer new rule takes effect in (the new pack is not
    silent there), disjoint."""
    done: list[int] = []
    for b in laxer:
        part = leaf & b
        if not c.reach.nonempty(part):
            continue
        yield from uncovered(c.space, part, done, c.reach.nonempty)
        done.append(b)


def _group(old: Pack, new: Pack, answers: dict[str, str],
           short: dict[str, str]) -> LaxerGroup:
    """The engine's own verdicts on both packs for one combination (a check of the
    boxes, too: it must be laxer)."""
    from smguide.engine.core import decide

    before, after = decide(old, answers, why_not=False), decide(new, answers, why_not=False)
    assert after.verdict.rank > before.verdict.rank, (answers, before.verdict, after.verdict)
    return LaxerGroup(before.verdict, after.verdict, _deciding(before), _deciding(after), short)


def _deciding(decision: object) -> tuple[str, ...]:
    applied = getattr(decision, "applied", [])
    verdict = getattr(decision, "verdict", None)
    return tuple(sorted(a.rule.id for a in applied
                        if a.rule.verdict is not None and a.rule.verdict == verdict))

