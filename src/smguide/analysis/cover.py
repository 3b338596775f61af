"""What part of a box no box of a list covers: splitting, as in the DMN sweep.

A node is a box and the list of boxes that meet it. If one of them holds the whole
node, the node is covered; if none is left, the node is uncovered (a leaf). Else the
node is split on one field: its values are grouped by which boxes hold them, each
group a child with exactly those boxes. So every box kept in a child holds the
child's values in every field split so far, and the leaves are disjoint.

The split field is one restricted by as many as possible of five boxes spread over
the list: in a table shaped like a decision tree that is the field the subtree
splits on, so the walk follows the tree and costs about (rules x depth). A node
with one box left is finished by subtracting that box (a few boxes, one per field).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from smguide.analysis.space import Space


class TooMuchWork(Exception):
    """The split went past its node budget."""


def uncovered(space: Space, box: int, covers: list[int], keep: Callable[[int], bool],
              budget: int = 2_000_000) -> Iterator[int]:
    """Disjoint boxes whose union is ``box`` minus the union of ``covers``, in
    field-value order, leaving out the boxes (and so never splitting the nodes) that
    ``keep`` refuses: the question flow's, so that no work goes to answer
    combinations that cannot happen. Raises TooMuchWork after ``budget`` nodes."""
    nonempty = space.nonempty
    touched = space.touched
    stack: list[tuple[int, list[int]]] = [(box, [c for c in covers if nonempty(c & box)])]
    nodes = 0
    while stack:
        box, inside = stack.pop()
        nodes += 1
        if nodes > budget:
            raise TooMuchWork(f"more than {budget} steps")
        if not keep(box):
            continue
        if not inside:
            yield box
            continue
        if len(inside) == 1:  # one box left: what it leaves out is a few boxes
            yield from filter(keep, subtract_box(space, box, inside[0]))
            continue
        covered = False
        for c in inside:
            if c & box == box:
                covered = True
                break
        if covered:
            continue
        # Split on a field restricted by as many of five boxes spread over the list as
        # possible: in a tree-shaped table, the field the subtree splits on.
        n = len(inside)
        common = first = touched(box & ~inside[0])
        for i in (n - 1, n >> 1, n >> 2, (3 * n) >> 2):
            narrower = common & touched(box & ~inside[i])
            if not narrower:
                break
            common = narrower
        f = space.field_of(common or first)
        offset = f.offset
        here = (box & f.mask) >> offset
        parts = [(c >> offset) & here for c in inside]
        distinct = set(parts)
        groups: dict[tuple[int, ...], int] = {}
        value = here
        while value:
            bit = value & -value
            value ^= bit
            sig = tuple(p for p in distinct if p & bit)
            groups[sig] = groups.get(sig, 0) | bit
        rest = box & ~f.mask
        children = []
        for sig, bits in groups.items():
            kept = [c for c, p in zip(inside, parts, strict=True) if p & bits] if sig else []
            children.append((rest | (bits << offset), kept))
        stack.extend(reversed(children))


def subtract_box(space: Space, box: int, cover: int) -> Iterator[int]:
    """Disjoint boxes making up ``box - cover`` (one per field ``cover`` cuts)."""
    outside = box & ~cover
    for f in space.each_field(space.touched(outside)):
        yield (box & ~f.mask) | (outside & f.mask)
        box = (box & ~f.mask) | (box & cover & f.mask)
