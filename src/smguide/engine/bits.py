"""Python ints as bit sets over positions in a list (of rules, of boxes)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


def bitset(indices: Iterable[int], size: int) -> int:
    """The int with exactly these bits set (linear, unlike repeated ``|=``)."""
    buf = bytearray((size >> 3) + 1)
    for i in indices:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def members(bits: int) -> Iterator[int]:
    """The positions of the set bits, lowest first."""
    if bits.bit_count() > 8:  # scan the digits in C rather than one big-int op per bit
        text = bin(bits)[:1:-1]
        i = text.find("1")
        while i >= 0:
            yield i
            i = text.find("1", i + 1)
        return
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


class Picker(Generic[T]):
    """The items of a list at a bit set's positions, in order, a byte at a time (a
    table lookup per eight positions instead of a step per bit): for the questions
    of each of thousands of rules."""

    __slots__ = ("_tables",)

    def __init__(self, items: Sequence[T]) -> None:
        self._tables: list[list[tuple[T, ...]]] = []
        for start in range(0, len(items), 8):
            chunk = items[start:start + 8]
            self._tables.append([tuple(item for bit, item in enumerate(chunk) if byte >> bit & 1)
                                 for byte in range(256)])

    def pick(self, bits: int) -> tuple[T, ...]:
        out: tuple[T, ...] = ()
        for table in self._tables:
            if not bits:
                break
            out += table[bits & 255]
            bits >>= 8
        return out
