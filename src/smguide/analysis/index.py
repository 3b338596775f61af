"""Which boxes of a list meet a given box, without comparing every pair.

For each field, the boxes are grouped by the values they allow there, and each
group is a Python int used as a bit set over the list. The boxes meeting ``b`` are
those that allow, in every field ``b`` restricts, one of ``b``'s values: an AND over
the fields ``b`` restricts of the ORs of the matching groups (cached per field and
value set). Fields no box restricts are skipped.
"""

from __future__ import annotations

from smguide.analysis.space import Space
from smguide.engine.bits import bitset, members

__all__ = ["BoxIndex", "bitset", "members"]


class BoxIndex:
    def __init__(self, space: Space, items: list[int]) -> None:
        self.space = space
        self.items = items
        self.all = (1 << len(items)) - 1
        used = 0  # the value bits some item leaves out
        for item in items:
            used |= space.full & ~item
        # (index, offset, all-values mask) of the fields some item restricts
        self._used = [(f.index, f.offset, f.mask >> f.offset)
                      for f in space.each_field(space.touched(used))]
        # per field, built on first use: (values, bit set of the items allowing
        # exactly those values) for each distinct restriction, "all values" last
        self._groups: dict[int, list[tuple[int, int]]] = {}
        # per field: values -> the items allowing one of them
        self._unions: list[dict[int, int]] = [{} for _ in space.fields]

    def _field(self, index: int) -> list[tuple[int, int]]:
        hit = self._groups.get(index)
        if hit is None:
            f = self.space.fields[index]
            width, off, size = f.mask >> f.offset, f.offset, len(self.items)
            parts = [(item >> off) & width for item in self.items]
            by_part: dict[int, list[int]] = {}
            for n in [n for n, part in enumerate(parts) if part != width]:
                by_part.setdefault(parts[n], []).append(n)
            hit = [(part, bitset(ns, size)) for part, ns in by_part.items()]
            restricted = 0
            for _, bits in hit:
                restricted |= bits
            hit.append((width, self.all & ~restricted))
            self._groups[index] = hit
        return hit

    def allowing(self, field_index: int, part: int) -> int:
        """The items allowing one of the values ``part`` (bits from 0) in a field."""
        cache = self._unions[field_index]
        hit = cache.get(part)
        if hit is None:
            hit = 0
            for values, group in self._field(field_index):
                if values & part:
                    hit |= group
            cache[part] = hit
        return hit

    def meeting(self, box: int, among: int | None = None) -> int:
        """The bit set of items whose box meets ``box`` (restricted to ``among``)."""
        acc = self.all if among is None else among
        unions = self._unions
        for index, offset, width in self._used:
            part = (box >> offset) & width
            if part == width:
                continue
            hit = unions[index].get(part)
            if hit is None:
                hit = self.allowing(index, part)
            acc &= hit
            if not acc:
                break
        return acc
