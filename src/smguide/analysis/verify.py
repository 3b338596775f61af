"""The exact analyses: dead rules, gaps, conflicts, shadowed rules.

All of them work on boxes (:mod:`~smguide.analysis.space`): a rule's region is a
short union of boxes, candidate pairs come from a bit-set index instead of a
comparison of every pair, "is this covered?" is answered by splitting
(:mod:`~smguide.analysis.cover`), and every box that is about to become a finding is
checked against the question flow (:mod:`~smguide.analysis.reach`), which also
gives the witness.
"""

from __future__ import annotations

from smguide.analysis.compiled import Compiled, CRule
from smguide.analysis.cover import TooMuchWork, uncovered
from smguide.analysis.dnf import boxes
from smguide.analysis.index import BoxIndex, members
from smguide.analysis.results import Conflict, Dead, Gap, Gaps, Shadow

MAX_GAPS = 100  # regions listed; past that the gap report says there are more
MAX_LEAVES = 5000  # uncovered pieces counted; past that the count is not given
_WIDEN_CHECKS = 64  # a widening that meets more covering boxes than this is not tried


# --- dead rules ----------------------------------------------------------------------


def dead_rules(c: Compiled) -> tuple[list[Dead], dict[str, bool]]:
    """Rules that never apply or never take effect, exception links never used; and,
    per exception, whether it ever sets a rule aside."""
    out: list[Dead] = []
    sets_aside: dict[str, bool] = {}
    reach = c.reach
    for r in c.rules:
        if not any(reach.nonempty(b) for b in r.when):
            out.append(Dead(r.rule, "never-applies", contradictory=not r.when))
        elif not any(reach.nonempty(b) for b in r.effective):
            # it applies somewhere, and there an effective exception sets it aside
            box, by = next((w & d, e) for w in r.when for e in r.defeaters
                           for d in e.effective if reach.nonempty(w & d))
            out.append(Dead(r.rule, "always-defeated", by.rule, box))
    broken = {d.rule.id for d in out}
    for e in c.rules:
        if not e.rule.exception_to:
            continue
        sets_aside[e.id] = False
        for tid in e.rule.exception_to:
            t = c.by_id.get(tid)
            if t is None:
                continue
            used = any(reach.nonempty(a & b) for a in e.effective for b in t.when)
            sets_aside[e.id] |= used
            if not used and e.id not in broken and t.id not in broken:
                out.append(Dead(e.rule, "unused-exception", t.rule))
    return out, sets_aside


# --- the effective boxes -------------------------------------------------------------


class Effective:
    """The effective boxes of the verdict rules, strictest verdict first, indexed;
    the items of one verdict are a contiguous block."""

    def __init__(self, c: Compiled) -> None:
        self.items: list[int] = []
        self.owner: list[CRule] = []
        ranked = sorted((r for r in c.rules if r.rank is not None),
                        key=lambda r: (r.rank, r.position))
        start: dict[int, int] = {}
        for r in ranked:
            assert r.rank is not None
            start.setdefault(r.rank, len(self.items))
            for b in r.effective:
                self.items.append(b)
                self.owner.append(r)
        self.index = BoxIndex(c.space, self.items)
        size = len(self.items)
        self.stricter: dict[int, int] = {}  # rank -> the items of stricter verdicts
        self.laxer: dict[int, int] = {}  # rank -> the items of laxer verdicts
        for k, first in start.items():
            end = next((v for v in sorted(start.values()) if v > first), size)
            self.stricter[k] = (1 << first) - 1
            self.laxer[k] = self.index.all & ~((1 << end) - 1)


# --- gaps ----------------------------------------------------------------------------


def gaps(c: Compiled, eff: Effective, limit: int | None = None,
         leaf_limit: int | None = None) -> Gaps:
    """Where no verdict rule is effective. A verdict rule that applies is effective or
    set aside by an effective exception, and exceptions always give a verdict; so the
    covered part is simply the union of the verdict rules' ``when``.

    The uncovered leaves of the split are counted (up to ``leaf_limit``); the first
    ``limit`` regions are widened as far as they go and listed with a witness. The
    widening asks the index of the effective boxes: their union is the same."""
    space, reach = c.space, c.reach
    limit = MAX_GAPS if limit is None else limit
    leaf_limit = MAX_LEAVES if leaf_limit is None else leaf_limit
    assert all(r.rank is not None for r in c.rules if r.rule.exception_to)
    covers = [b for r in c.rules if r.rank is not None for b in r.when]
    # Declared silences are known, intended gaps: not reported.
    covers += [b for s in c.pack.silences for b in boxes(space, s.when)]
    leaves: list[int] = []
    counted = True
    for leaf in uncovered(space, space.full, covers, reach.nonempty):
        if len(leaves) == leaf_limit:
            counted = False
            break
        leaves.append(leaf)
    result = Gaps(total=reach.count(space.full))
    if counted:
        counts = [reach.count(leaf) for leaf in leaves]
        known = [n for n in counts if n is not None]
        result.uncovered = sum(known) if len(known) == len(counts) else None
    regions: list[int] = []
    for leaf in leaves:
        if any(leaf | r == r for r in regions):
            continue
        if len(regions) == limit:
            result.complete = False
            break
        regions.append(_widen(c, eff.index, leaf))
    result.complete = result.complete and counted
    regions = [r for r in regions if not any(r != o and r | o == o for o in regions)]
    for box in regions:
        witness = reach.find(box)
        assert witness is not None
        result.regions.append(
            Gap(box, space.region(box), space.describe(box), witness, reach.count(box)))
    return result


def _widen(c: Compiled, index: BoxIndex, box: int) -> int:
    """Grow an uncovered box field by field (all values, else one value at a time)
    while it still holds no reachable covered combination."""
    space = c.space
    for f in space.each_field(space.constrained(box)):
        trial = box | f.mask
        if _uncovered_box(c, index, trial):
            box = trial
            continue
        for value_bit in members(f.mask & ~box):
            trial = box | (1 << value_bit)
            if _uncovered_box(c, index, trial):
                box = trial
    return box


def _uncovered_box(c: Compiled, index: BoxIndex, box: int) -> bool:
    hits = index.meeting(box)
    if hits.bit_count() > _WIDEN_CHECKS:
        return False
    return not any(c.reach.nonempty(index.items[j] & box) for j in members(hits))


# --- conflicts and shadowed rules ------------------------------------------------------


def overlaps(c: Compiled, eff: Effective) -> tuple[list[Conflict], dict[str, int]]:
    """One pass over the effective boxes, each asking the index once for the boxes of
    other verdicts it meets. Conflicts: pairs of rules with different verdicts, neither
    an exception of the other, both effective in some combination (found from the
    stricter side). Decisive: for each verdict rule, a box of combinations where its
    verdict is the verdict (no stricter rule effective); rules without one are missing."""
    found: dict[tuple[int, int], Conflict] = {}
    decides: dict[str, int] = {}
    space, reach = c.space, c.reach
    for i, box in enumerate(eff.items):
        r = eff.owner[i]
        assert r.rank is not None
        if not reach.nonempty(box):
            continue
        laxer = eff.laxer[r.rank]
        stricter = eff.stricter[r.rank] if r.id not in decides else 0
        hits = eff.index.meeting(box, laxer | stricter)
        for j in members(hits & laxer):
            s = eff.owner[j]
            key = (min(r.position, s.position), max(r.position, s.position))
            # A laxer rule that declares yields_to_stricter confirms 'strictest wins'.
            if key in found or s.rule.yields_to_stricter or c.related(r.id, s.id):
                continue
            both = box & eff.items[j]
            if reach.nonempty(both):
                found[key] = Conflict(r.rule, s.rule, both)
        if stricter:
            covers = [eff.items[j] for j in members(hits & stricter)]
            leaf = next(uncovered(space, box, covers, reach.nonempty), None)
            if leaf is not None:
                decides[r.id] = leaf
        elif r.id not in decides:
            decides[r.id] = box  # nothing stricter at all
    return [found[k] for k in sorted(found)], decides


def shadowed(
    c: Compiled, eff: Effective, decides: dict[str, int], sets_aside: dict[str, bool]
) -> list[Shadow]:
    """Verdict rules that are effective somewhere but whose verdict never decides; an
    exception that sets a rule aside somewhere changes the outcome, so it is not."""
    out: list[Shadow] = []
    reach = c.reach
    for r in c.rules:
        if r.rank is None or r.id in decides or sets_aside.get(r.id, False):
            continue
        box = next((b for b in r.effective if reach.nonempty(b)), None)
        if box is None:
            continue  # never effective: a dead rule, reported there
        # its reachable part is covered by stricter rules: show the strictest one there
        both, by = min(((box & eff.items[j], eff.owner[j])
                        for j in members(eff.index.meeting(box, eff.stricter[r.rank]))
                        if reach.nonempty(box & eff.items[j])),
                       key=lambda pair: (pair[1].rank, pair[1].position))
        out.append(Shadow(r.rule, by.rule, both))
    return out


def covering(c: Compiled, eff: Effective, rule: CRule, budget: int = 20_000) -> CRule | None:
    """A stricter rule effective wherever ``rule`` is (the strictest such, first in the
    pack), if there is one. Only rules with an effective box meeting each reachable box
    of ``rule`` can cover it (the index tells which); each is then checked by splitting,
    and one whose check passes ``budget`` steps is skipped."""
    if rule.rank is None:
        return None
    reach = c.reach
    owners: set[str] | None = None  # the rules meeting every reachable box so far
    hits = 0
    for box in rule.effective:
        if reach.nonempty(box):
            bits = eff.index.meeting(box, eff.stricter[rule.rank])
            hits |= bits
            meeting = {eff.owner[j].id for j in members(bits)}
            owners = meeting if owners is None else owners & meeting
    if owners is None:  # never effective: any stricter rule covers it, as checked below
        candidates = sorted((r for r in c.rules if r.rank is not None and r.rank < rule.rank),
                            key=lambda r: (r.rank or 0, r.position))
    else:  # the effective items run in (rank, position) order
        candidates = list({eff.owner[j].id: eff.owner[j]
                           for j in members(hits) if eff.owner[j].id in owners}.values())
    for other in candidates:
        try:
            if all(next(uncovered(c.space, box, other.effective, reach.nonempty,
                                  budget=budget), None) is None
                   for box in rule.effective):
                return other
        except TooMuchWork:
            continue
    return None
