"""Exact semantic analysis of a rule pack over every answer combination the
question flow can produce: gaps, conflicts, shadowed and dead rules, whether
"not sure" is ever laxer than a definite answer, and whether meeting a requirement
ever makes the verdict stricter.

``analyse(pack)`` compiles once and computes each part on first use, so a lint run
that selects one check pays only for it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property, wraps
from typing import TypeVar

from smguide.analysis import shared
from smguide.analysis.compiled import Compiled
from smguide.analysis.cover import TooMuchWork
from smguide.analysis.dnf import TooComplex
from smguide.analysis.reach import Completion
from smguide.analysis.results import Conflict, Dead, Gaps, Shadow, UnsafeUnknown
from smguide.analysis.satisfying import Raise, raises
from smguide.analysis.unknown import unsafe_unknowns
from smguide.analysis.verify import (
    Effective,
    covering,
    dead_rules,
    gaps,
    overlaps,
    shadowed,
)
from smguide.analysis.witness import short_answers
from smguide.pack.models import Pack, Rule

__all__ = ["Analysis", "NotVerified", "analyse"]


T = TypeVar("T")


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """The analysis allocates many short-lived ints and lists and makes no cycles;
    with a large pack loaded, each full collection would walk every pack object."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _computed(fn: Callable[[Analysis], T]) -> cached_property[T]:
    @wraps(fn)
    def run(self: Analysis) -> T:
        with _quiet_gc():
            return fn(self)

    return cached_property(run)


class NotVerified(Exception):
    """The pack is beyond what the analysis does exactly; nothing is claimed."""


class Analysis:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    @_computed
    def compiled(self) -> Compiled:
        try:
            return Compiled(self.pack)
        except TooComplex as exc:
            raise NotVerified(f"a condition is too complex to analyse exactly ({exc})") from None

    @_computed
    def _effective(self) -> Effective:
        return Effective(self.compiled)

    @_computed
    def _dead(self) -> tuple[list[Dead], dict[str, bool]]:
        return dead_rules(self.compiled)

    @property
    def dead(self) -> list[Dead]:
        return self._dead[0]

    @_computed
    def gaps(self) -> Gaps:
        try:
            return gaps(self.compiled, self._effective)
        except TooMuchWork as exc:
            raise NotVerified(f"the gap search gave up ({exc})") from None

    @_computed
    def _overlaps(self) -> tuple[list[Conflict], dict[str, int]]:
        try:
            return overlaps(self.compiled, self._effective)
        except TooMuchWork as exc:
            raise NotVerified(f"the shadowing search gave up ({exc})") from None

    @property
    def conflicts(self) -> list[Conflict]:
        return self._overlaps[0]

    def witness(self, box: int) -> Completion:
        """A combination in a box from a result (every result box holds one)."""
        found = self.compiled.reach.find(box)
        assert found is not None
        return found

    def short_witness(self, box: int) -> dict[str, str]:
        """Few answers whose every completion lies in the box (see witness.py)."""
        c = self.compiled
        return short_answers(c.space, c.reach, box, self.witness(box))

    def covering_rule(self, rule: Rule) -> Rule | None:
        """A stricter rule effective wherever ``rule`` is (the strictest such, first in
        the pack), if there is one (see :func:`~smguide.analysis.verify.covering`)."""
        c = self.compiled
        with _quiet_gc():
            found = covering(c, self._effective, c.by_id[rule.id])
        return found.rule if found is not None else None

    @property
    def decisive(self) -> dict[str, int]:
        return self._overlaps[1]

    @_computed
    def shadowed(self) -> list[Shadow]:
        return shadowed(self.compiled, self._effective, self.decisive, self._dead[1])

    @_computed
    def unsafe_unknowns(self) -> list[UnsafeUnknown]:
        base = self._alike("unsafe_unknowns")
        if base is not None:
            return shared.for_pack(self.pack, base.unsafe_unknowns)
        return unsafe_unknowns(self.compiled, self._effective, self.decisive)

    @_computed
    def raises(self) -> list[Raise]:
        base = self._alike("raises")
        if base is not None:
            return shared.for_pack(self.pack, base.raises)
        try:
            return raises(self.pack)
        except (TooComplex, TooMuchWork) as exc:
            raise NotVerified(f"the satisfying-answer search gave up ({exc})") from None

    @cached_property
    def verdict_content(self) -> tuple[object, ...]:
        return shared.verdict_content(self.pack)

    def _alike(self, part: str) -> Analysis | None:
        """An analysis of a pack this one extends, with the same verdicts everywhere,
        that already has ``part`` (a verdict-only result): its result holds here too."""
        for other in list(_CACHE.values()):
            if (part in other.__dict__ and shared.extends(self.pack, other.pack)
                    and other.verdict_content == self.verdict_content):
                return other
        return None


_CACHE: dict[int, Analysis] = {}


def analyse(pack: Pack) -> Analysis:
    """The analysis of a pack, shared by every caller holding the same pack object."""
    hit = _CACHE.get(id(pack))
    if hit is None or hit.pack is not pack:
        if len(_CACHE) > 16:
            _CACHE.clear()
        hit = _CACHE[id(pack)] = Analysis(pack)
    return hit
