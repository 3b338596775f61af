"""Python ints as bit sets over positions in a list (of rules, of boxes)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


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
