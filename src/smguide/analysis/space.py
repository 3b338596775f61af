"""The answer space as bit fields: every region we reason about is a *box*.

Each question is a field whose values are its options, plus ``None`` ("not asked")
when it has an ``ask_if``; a question without one is always asked, so it has no
``None`` value at all. A box gives every field a non-empty set of values and is one
Python int: the fields' bit sets side by side, each followed by a zero *guard* bit.
Intersection is ``a & b``; the guard bits make "is some field empty?" three integer
operations instead of a loop over 40 fields (see :meth:`Space.nonempty`).

A box says nothing about reachability (an ``ask_if`` ties a field's ``None`` to the
earlier answers); :mod:`smguide.analysis.reach` adds that.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from smguide.i18n import _
from smguide.pack.models import Pack, Question

Value = str | None  # an option id, or None: not asked


@dataclass(frozen=True, slots=True)
class Field:
    index: int
    question: Question
    values: tuple[Value, ...]  # options in pack order, then None when gated
    offset: int  # bit position of the first value
    mask: int  # the field's value bits, in place
    guard: int  # the field's guard bit, in place

    @property
    def qid(self) -> str:
        return self.question.id

    @property
    def gated(self) -> bool:
        return self.question.ask_if is not None

    def bits(self, values: frozenset[str] | set[str]) -> int:
        """The bits (in place) of the options among ``values``; unknown ones are ignored."""
        out = 0
        for i, value in enumerate(self.values):
            if value is not None and value in values:
                out |= 1 << (self.offset + i)
        return out

    def first(self, box: int) -> int:
        """The index of the first value a box allows in this field (-1: none)."""
        part = (box & self.mask) >> self.offset
        return (part & -part).bit_length() - 1

    def chosen(self, box: int) -> list[Value]:
        """The values a box allows in this field."""
        part = (box & self.mask) >> self.offset
        return [v for i, v in enumerate(self.values) if part >> i & 1]


class Space:
    def __init__(self, pack: Pack) -> None:
        fields: list[Field] = []
        offset = 0
        for i, question in enumerate(pack.questions):
            values: tuple[Value, ...] = tuple(question.option_ids)
            if question.ask_if is not None:
                values = (*values, None)
            width = len(values)
            mask = ((1 << width) - 1) << offset
            fields.append(Field(i, question, values, offset, mask, 1 << (offset + width)))
            offset += width + 1
        self.fields = fields
        self.by_qid = {f.qid: f for f in fields}
        self.full = sum(f.mask for f in fields)
        self.low = sum(1 << f.offset for f in fields)
        self.guards = sum(f.guard for f in fields)
        self.gated_guards = sum(f.guard for f in fields if f.gated)
        self._tests: dict[tuple[str, frozenset[str], bool], int] = {}
        # bit position -> field index, for value and guard bits alike
        self.field_at: list[int] = []
        for f in fields:
            self.field_at.extend([f.index] * (len(f.values) + 1))

    def nonempty(self, box: int) -> bool:
        """Does every field keep a value? Subtracting 1 from each field (guard set)
        clears its guard exactly when the field is zero; fields never borrow."""
        g = self.guards
        return ((box | g) - self.low) & g == g

    def touched(self, bits: int) -> int:
        """The guard bits of the fields where ``bits`` has some bit set."""
        g = self.guards
        return ((bits | g) - self.low) & g

    def constrained(self, box: int) -> int:
        """The guard bits of the fields a box restricts."""
        return self.touched(self.full & ~box)

    def field_of(self, guard_bits: int) -> Field:
        """The first field among some guard bits."""
        return self.fields[self.field_at[(guard_bits & -guard_bits).bit_length() - 1]]

    def each_field(self, guard_bits: int) -> Iterator[Field]:
        while guard_bits:
            low = guard_bits & -guard_bits
            yield self.fields[self.field_at[low.bit_length() - 1]]
            guard_bits ^= low

    def test_box(self, qid: str, options: frozenset[str], positive: bool) -> int:
        """The box of ``qid in options`` (or of its negation): a single field restricted."""
        key = (qid, options, positive)
        hit = self._tests.get(key)
        if hit is None:
            f = self.by_qid[qid]
            part = f.bits(options)
            if not positive:
                part = f.mask & ~part  # "not asked" satisfies a negated test
            hit = self._tests[key] = (self.full & ~f.mask) | part
        return hit

    def region(self, box: int) -> dict[str, tuple[Value, ...]]:
        """The restricted questions of a box and the values each keeps, in pack order."""
        return {f.qid: tuple(f.chosen(box)) for f in self.each_field(self.constrained(box))}

    def describe(self, box: int) -> str:
        parts = []
        for qid, values in self.region(box).items():
            shown = [v if v is not None else _("(not asked)") for v in values]
            parts.append(f"{qid} = {_(' or ').join(shown)}")
        return ", ".join(parts) if parts else _("any answers")
