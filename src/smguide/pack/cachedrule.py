"""A rule read from the pack cache, whose fields are read from the entry when first used.

A warm ``decide`` on a large pack reads, for every rule, its id, verdict, exceptions
and tests (the engine's rule index); the rest (texts, citations, places) only for the
few rules the answers leave in. So the entry keeps those first fields in its head,
read with the pack, and the rest of each rule apart (:mod:`~smguide.pack.cachecodec`):
a :class:`CachedRule` reads its TEXTS (kept in the head for the rules that have any)
the first time one of them is read, the rest of its fields from a chunk of its own
the first time one of those is read, and builds its ``when`` the first time it is
read.
Otherwise it is a :class:`~smguide.pack.models.Rule`: equal to one with the same
fields, copied and pickled as one, and ``CachedRule(**fields)`` is a plain rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any, Protocol

from smguide.errors import InputError, Location
from smguide.pack import conditions as c
from smguide.pack.models import Rule

# Read with the pack from the entry's head: the engine reads them for every rule.
HEAD = ("id", "verdict", "exception_to")
# What a decision gathers from every rule that may apply (engine.core._items): kept in
# the head for the rules that have any, set when one of them is first read.
TEXTS = ("obligations", "cautions", "considerations", "principles")
FIELDS = tuple(f.name for f in fields(Rule))
# Read from the rule's chunk when one of them is first read (besides its place).
CHUNK = tuple(name for name in FIELDS if name not in (*HEAD, *TEXTS, "when"))
UNREAD, TEXTS_READ, READ = 2, 1, 0  # a cached rule's ``_unread``
SLOTS = {name: Rule.__dict__[name] for name in FIELDS}  # Rule's own storage of each
_WHEN = SLOTS["when"]
DONE: Any = object()  # a rule's ``_tree`` once its ``when`` is built
BOX: Any = object()  # a rule's ``_tree`` when it is an ``all`` of tests, kept in the entry


class Entry(Protocol):
    """What a cached rule asks of the entry it was read from (cachecodec._Reader)."""

    def fill(self, rule: CachedRule) -> None:
        """Set the rule's other fields (TEXTS too if not set) and places from its chunk;
        ``_unread`` to READ."""

    def fill_texts(self, rule: CachedRule) -> None:
        """Set the rule's TEXTS; ``_unread`` to TEXTS_READ."""

    def build_rule(self, rule: CachedRule) -> None:
        """Set the rule's ``when`` from its ``_tree``; ``_tree`` to DONE."""

    def box_tests(self, rule: CachedRule) -> Sequence[c.Tested] | None:
        """:meth:`Rule.box_tests` of the condition the rule builds, without building it."""


class DamagedEntry(InputError):
    """A part of a sealed entry read after the pack that is not what the cache writes:
    only a cache entry made with the user's own key could be (cache.py), so this is
    one clear message, never a traceback."""

    def __init__(self) -> None:
        super().__init__("the pack cache entry is damaged; run again with SMGUIDE_CACHE=off "
                         "or delete the smguide cache folder")


class CachedRule(Rule):
    """A rule read from the pack cache (see the module's docstring)."""

    __slots__ = ("_entry", "_row", "_tree", "_unread")
    _entry: Entry
    _row: int  # the rule's number in the entry (its chunk)
    _unread: int  # UNREAD, TEXTS_READ or READ
    _tree: Any  # the entry's form of ``when``, until built (then DONE)

    def __init__(self, **values: Any) -> None:
        self._unread, self._tree = READ, DONE
        Rule.__init__(self, **values)

    def read(self) -> None:
        """Read the rest of the rule from its chunk (once)."""
        if self._unread:
            _guarded(self._entry.fill, self)

    @property
    def when(self) -> c.Condition:
        if self._tree is not DONE:
            _guarded(self._entry.build_rule, self)
        return _WHEN.__get__(self)  # type: ignore[no-any-return]

    @when.setter
    def when(self, value: c.Condition) -> None:
        self._tree = DONE
        _WHEN.__set__(self, value)

    def box_tests(self) -> Sequence[c.Tested] | None:
        tree = self._tree
        if tree is DONE:
            return Rule.box_tests(self)
        tests: Sequence[c.Tested] | None = _guarded(self._entry.box_tests, self)
        return tests

    @property
    def location(self) -> Location | None:
        self.read()
        return super().location

    def locate(self, location: Location | None) -> None:
        self.read()
        super().locate(location)

    @property
    def origin(self) -> str:
        self.read()
        return super().origin

    @property
    def replaces_at(self) -> list[Location]:
        self.read()
        return super().replaces_at

    def compose(self, origin: str, replaces_at: list[Location]) -> None:
        self.read()
        super().compose(origin, replaces_at)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rule):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in FIELDS)

    __hash__ = None  # type: ignore[assignment]  # as Rule's: equal by its fields

    def __reduce__(self) -> Any:
        plain = Rule(**{name: getattr(self, name) for name in FIELDS})
        plain.locate(self.location)
        plain.compose(self.origin, self.replaces_at)
        return _same, (plain,)


def _read_field(name: str, level: int, fill: str) -> property:
    """A property for Rule's field ``name`` that calls the entry's ``fill`` first while
    the rule's ``_unread`` is at least ``level``."""
    slot = SLOTS[name]

    def get(self: CachedRule) -> Any:
        if self._unread >= level:
            _guarded(getattr(self._entry, fill), self)
        return slot.__get__(self)

    def put(self: CachedRule, value: Any) -> None:
        if self._unread >= level:
            _guarded(getattr(self._entry, fill), self)
        slot.__set__(self, value)

    return property(get, put, doc=f"Rule.{name}, read from the entry when first read.")


for _name in CHUNK:
    setattr(CachedRule, _name, _read_field(_name, TEXTS_READ, "fill"))
for _name in TEXTS:
    setattr(CachedRule, _name, _read_field(_name, UNREAD, "fill_texts"))


def _guarded(read: Callable[[Any], Any], arg: Any) -> Any:
    """``read(arg)``; anything wrong with what it reads is :class:`DamagedEntry`."""
    try:
        return read(arg)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError,
            RecursionError):
        raise DamagedEntry() from None


def _same(rule: Rule) -> Rule:
    return rule
