"""A pack compiled to boxes: where each rule applies, and where it is effective.

``effective(r) = applies(r) - union(effective(e) for e an exception to r)``, the
engine's definition, computed once per rule as disjoint boxes (exceptions are few
and usually narrow, so the differences stay small).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from smguide.analysis.dnf import boxes, subtract
from smguide.analysis.reach import Reach
from smguide.analysis.space import Space
from smguide.pack.models import Pack, Rule


@dataclass
class CRule:
    rule: Rule
    position: int  # in pack order
    rank: int | None  # verdict rank (0 strictest), None for an obligation-only rule
    when: list[int]  # boxes where it applies
    effective: list[int] = field(default_factory=list)  # boxes where it is effective
    defeaters: list[CRule] = field(default_factory=list)  # its exceptions

    @property
    def id(self) -> str:
        return self.rule.id


class Compiled:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.space = Space(pack)
        self.reach = Reach(self.space)
        self.rules = [
            CRule(r, i, r.verdict.rank if r.verdict is not None else None,
                  boxes(self.space, r.when))
            for i, r in enumerate(pack.rules)
        ]
        self.by_id = {c.id: c for c in self.rules}
        for c in self.rules:
            for target in c.rule.exception_to:
                if target in self.by_id:
                    self.by_id[target].defeaters.append(c)
        done: set[str] = set()
        for c in self.rules:
            self._effective(c, done, ())
        # above[r]: the rules r is, transitively, an exception to (exceptions only)
        self.above: dict[str, frozenset[str]] = {}
        for c in self.rules:
            if c.rule.exception_to:
                self._above(c.id, ())

    def _effective(self, c: CRule, done: set[str], trail: tuple[str, ...]) -> None:
        if c.id in done:
            return
        minus: list[int] = []
        for e in c.defeaters:
            if e.id in trail:  # cycles are refused by the loader; stay finite anyway
                continue
            self._effective(e, done, (*trail, c.id))
            minus.extend(e.effective)
        c.effective = subtract(self.space, c.when, minus) if minus else list(c.when)
        done.add(c.id)

    def _above(self, rid: str, trail: tuple[str, ...]) -> frozenset[str]:
        hit = self.above.get(rid)
        if hit is not None:
            return hit
        out: set[str] = set()
        rule = self.by_id[rid].rule
        for target in rule.exception_to:
            if target in self.by_id and target not in trail:
                out.add(target)
                out |= self._above(target, (*trail, rid))
        self.above[rid] = frozenset(out)
        return self.above[rid]

    def related(self, a: str, b: str) -> bool:
        """Is one of the two rules (transitively) an exception to the other?"""
        return b in self.above.get(a, ()) or a in self.above.get(b, ())
