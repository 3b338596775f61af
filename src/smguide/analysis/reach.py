"""Reachability: which points of a box can the question flow actually produce?

A *completion* gives each question an option, or None exactly when its ``ask_if``
is false; ``ask_if`` reads only earlier questions. For a box this module decides
whether it holds a completion, finds one (a witness), and counts them.

Deciding is propagation, exact because ``ask_if`` looks only backwards. Take the
gated questions from the last to the first. If the box keeps only options for one,
its ``ask_if`` must hold: intersect the box with the ``ask_if``'s boxes; if it keeps
only None, intersect with the negation's; if it keeps both, nothing is required
(whatever the earlier answers, one of the two fits). The earlier fields narrowed
this way are seen later in the same pass. An ``ask_if`` of several boxes branches.
If a non-empty box remains, choosing values in asking order (for a question that
kept both, None exactly when its ``ask_if`` is false) gives a completion.
A box that leaves every gated question unrestricted needs no propagation at all.
"""

from __future__ import annotations

from collections import defaultdict

from smguide.analysis.dnf import boxes
from smguide.analysis.space import Field, Space, Value

Completion = dict[str, Value]


class Reach:
    def __init__(self, space: Space) -> None:
        self.space = space
        fields = space.fields
        # the gated fields, last first, with the boxes of their ask_if and its negation
        self._gates: list[tuple[Field, int, list[int], list[int]]] = []
        for f in reversed(fields):
            if f.question.ask_if is not None:
                none_bit = 1 << (f.offset + len(f.values) - 1)
                self._gates.append((f, none_bit, boxes(space, f.question.ask_if),
                                    boxes(space, f.question.ask_if, positive=False)))
        # for counting: which ask_if tests read each field, and the last field reading it
        readers: list[list[int]] = [[] for _ in fields]
        self._tests: list[list[frozenset[str]]] = [[] for _ in fields]
        for f in fields:
            if f.question.ask_if is None:
                continue
            for test in f.question.ask_if.tests():
                g = space.by_qid.get(test.question)
                if g is not None:
                    readers[g.index].append(f.index)
                    self._tests[g.index].append(test.options)
        self._last_reader = tuple(max(r) if r else -1 for r in readers)
        self._involved = [f for f in fields if f.gated or readers[f.index]]
        self._free = [f for f in fields if not (f.gated or readers[f.index])]
        self._involved_mask = sum(f.mask for f in self._involved)
        self._counts: dict[int, int | None] = {}

    # --- deciding and finding ----------------------------------------------------

    def nonempty(self, box: int) -> bool:
        space = self.space
        if not space.nonempty(box):
            return False
        if not space.constrained(box) & space.gated_guards:
            return True
        return self._narrow(box, 0) is not None

    def _narrow(self, box: int, start: int) -> int | None:
        """The part of the box the necessary ask_if conditions leave (one branch)."""
        nonempty = self.space.nonempty
        gates = self._gates
        for i in range(start, len(gates)):
            f, none_bit, yes, no = gates[i]
            part = box & f.mask
            if part & none_bit:
                if part != none_bit:
                    continue  # options and None: either way fits
                alternatives = no
            else:
                alternatives = yes
            if len(alternatives) == 1:
                box &= alternatives[0]
                if not nonempty(box):
                    return None
                continue
            for alt in alternatives:
                if nonempty(box & alt):
                    found = self._narrow(box & alt, i + 1)
                    if found is not None:
                        return found
            return None
        return box

    def find(self, box: int) -> Completion | None:
        """A completion inside the box, every question given a value, or None."""
        space = self.space
        if not space.nonempty(box):
            return None
        narrowed = self._narrow(box, 0)
        if narrowed is None:
            return None
        out: Completion = {}
        for f in space.fields:  # in asking order: None where the ask_if is false
            ask_if = f.question.ask_if
            if ask_if is not None and not ask_if.evaluate(out):
                out[f.qid] = None
            else:
                out[f.qid] = f.values[f.first(narrowed)]  # None comes last: an option
        return out

    # --- counting ------------------------------------------------------------------

    def count(self, box: int, limit: int = 50_000) -> int | None:
        """How many completions the box holds; None when that is too costly to say.

        Questions no ``ask_if`` involves multiply in; the others are walked in asking
        order, with states holding the values later ``ask_if`` still read."""
        total = 1
        for f in self._free:
            total *= (box & f.mask).bit_count()
        if not total:
            return 0
        key = box & self._involved_mask
        hit = self._counts.get(key, -1)
        if hit == -1:
            hit = self._count_involved(box, limit)
            self._counts[key] = hit
        return None if hit is None else total * hit

    def _count_involved(self, box: int, limit: int) -> int | None:
        space = self.space
        total = 1
        keep: list[int] = []  # the fields whose values later ask_if still read
        states: dict[tuple[Value, ...], int] = {(): total}
        for f in self._involved:
            new: dict[tuple[Value, ...], int] = defaultdict(int)
            read_later = self._last_reader[f.index] > f.index
            allowed = f.chosen(box)
            for state, n in states.items():
                assign = {space.fields[i].qid: v for i, v in zip(keep, state, strict=True)}
                for value, times in self._weighted(f, allowed, assign, read_later):
                    new[(*state, value) if read_later else state] += n * times
            if read_later:
                keep.append(f.index)
            # forget the values no later ask_if reads
            drop = [j for j, i in enumerate(keep) if self._last_reader[i] <= f.index]
            if drop:
                keep = [i for j, i in enumerate(keep) if j not in drop]
                merged: dict[tuple[Value, ...], int] = defaultdict(int)
                for state, n in new.items():
                    merged[tuple(v for j, v in enumerate(state) if j not in drop)] += n
                new = merged
            states = {s: n for s, n in new.items() if n}
            if len(states) > limit:
                return None
        return sum(states.values())

    def _weighted(
        self, f: Field, allowed: list[Value], assign: Completion, read_later: bool
    ) -> list[tuple[Value, int]]:
        if f.question.ask_if is not None and not f.question.ask_if.evaluate(assign):
            return [(None, 1)] if None in allowed else []
        options = [v for v in allowed if v is not None]
        if not read_later:
            return [(None, len(options))] if options else []
        classes: dict[tuple[bool, ...], list[Value]] = {}
        for value in options:
            classes.setdefault(tuple(value in t for t in self._tests[f.index]), []).append(value)
        return [(members[0], len(members)) for members in classes.values()]
