"""Conditions as unions of boxes (DNF), and the difference of two unions.

A ``when`` is usually one box (a mapping of tests) or a handful (``any``). ``not``
over a conjunction gives one box per test it reads; products of such unions can
grow, so every union is capped at :data:`CAP` boxes and a larger one raises
:class:`TooComplex` (the checks then say the pack could not be verified, never
something false).
"""

from __future__ import annotations

from smguide.analysis.space import Space
from smguide.pack.conditions import All, AnyOf, Condition, Not, Test

CAP = 4096
_SIMPLIFY_UPTO = 64  # the quadratic clean-up is for small unions only


class TooComplex(Exception):
    """A condition needs more than CAP boxes."""


def boxes(space: Space, cond: Condition, positive: bool = True) -> list[int]:
    """The boxes whose union is exactly where ``cond`` is ``positive``."""
    if isinstance(cond, Test):
        box = space.test_box(cond.question, cond.options, positive)
        return [box] if space.nonempty(box) else []
    if isinstance(cond, Not):
        return boxes(space, cond.item, not positive)
    conjunction = isinstance(cond, All) == positive  # De Morgan for not(all)/not(any)
    assert isinstance(cond, (All, AnyOf))
    if conjunction:
        return _conjoin(space, cond.items, positive)
    out: list[int] = []
    for item in cond.items:
        out.extend(boxes(space, item, positive))
        _cap(out)
    return simplify(space, out)


def _conjoin(space: Space, items: tuple[Condition, ...], positive: bool) -> list[int]:
    single = space.full  # the plain tests fold into one box first: the common case
    rest: list[Condition] = []
    for item in items:
        if isinstance(item, Test):
            single &= space.test_box(item.question, item.options, positive)
        else:
            rest.append(item)
    if not space.nonempty(single):
        return []
    acc = [single]
    for item in rest:
        part = boxes(space, item, positive)
        acc = [a & b for a in acc for b in part if space.nonempty(a & b)]
        _cap(acc)
        acc = simplify(space, acc)
        if not acc:
            break
    return acc


def simplify(space: Space, items: list[int]) -> list[int]:
    """Drop duplicates and boxes inside others; merge boxes that differ in one field."""
    items = list(dict.fromkeys(items))
    if len(items) < 2 or len(items) > _SIMPLIFY_UPTO:
        return items
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(items):
            for j, b in enumerate(items):
                if i == j:
                    continue
                merged = None
                if a | b == b:
                    merged = b  # a inside b
                else:
                    diff = space.touched(a ^ b)
                    if diff & (diff - 1) == 0:  # one field differs: the union is a box
                        merged = a | b
                if merged is not None:
                    items = [x for k, x in enumerate(items) if k not in (i, j)] + [merged]
                    changed = True
                    break
            if changed:
                break
    return items


def subtract(space: Space, items: list[int], minus: list[int]) -> list[int]:
    """Disjoint boxes covering ``union(items) - union(minus)``."""
    for b in minus:
        out: list[int] = []
        for a in items:
            if not space.nonempty(a & b):
                out.append(a)
                continue
            rest = a
            outside = a & ~b
            for f in space.each_field(space.touched(outside & space.full)):
                out.append((rest & ~f.mask) | (outside & f.mask))  # f outside b
                rest = (rest & ~f.mask) | (a & b & f.mask)  # f inside b, go on
            # what remains of a lies inside b: removed
        _cap(out)
        items = out
        if not items:
            break
    return items


def _cap(items: list[int]) -> None:
    if len(items) > CAP:
        raise TooComplex(f"more than {CAP} cases")
