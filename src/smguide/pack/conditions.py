"""The condition language: all / any / not over ``question: option`` tests.

Deliberately small so it can be analysed exactly (no code, no arithmetic)::

    when:
      all:
        - role: [protection_worker, children_worker]   # answer is one of these
        - channel: text
        - not: {supervisor_authorized: yes}

A mapping with several question keys means all of them. ``{all: []}`` is always true.
A question that was not asked (its ``ask_if`` was false) matches no test.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import FrozenInstanceError, dataclass
from typing import Any, NamedTuple, Protocol

Path = tuple[str | int, ...]
# question id -> option id, or None when the question was not asked (not applicable)
Assignment = Mapping[str, str | None]

KEYWORDS = frozenset({"all", "any", "not"})


class Tested(Protocol):
    """What a test asks, without where it stands: a :class:`Test`, or the pack cache's
    record of one (:class:`TestRecord`) before the test is built."""

    @property
    def question(self) -> str: ...

    @property
    def options(self) -> frozenset[str]: ...


class TestRecord(NamedTuple):
    """A test as the pack cache keeps it (the arguments of :class:`Test` but its place)."""

    question: str
    options: frozenset[str]
    path: Path


class Origin:
    """Where a parsed condition stands: anything with ``location_under(base, path)``
    (the loader's YAML document) and the path ``base`` of the condition in it. The
    tests of one condition share it, and work out their location only when it is
    asked for: a large pack has hundreds of thousands of tests, and only an error
    needs to say where one is."""

    __slots__ = ("base", "document")

    def __init__(self) -> None:
        self.document: Any = None
        self.base: Path = ()

    def place(self, document: Any, base: Path) -> None:
        self.document, self.base = document, base

    def locate(self, path: Path) -> Any:
        return None if self.document is None else self.document.location_under(self.base, path)


class Test:
    """``question`` is answered with one of ``options``. Immutable; equal when the
    question, the options and the path are (the location is not compared)."""

    __slots__ = ("_at", "options", "path", "question")
    question: str
    options: frozenset[str]
    path: Path
    _at: Any  # a Location, an Origin or None

    def __init__(self, question: str, options: frozenset[str], path: Path = (),
                 location: Any = None) -> None:
        _set_question(self, question)
        _set_options(self, options)
        _set_path(self, path)
        _set_at(self, location)

    @property
    def location(self) -> Any:
        """Where the test stands in its file (set by the loader), or None."""
        at = self._at
        return at.locate(self.path) if type(at) is Origin else at

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Test:
            return NotImplemented
        return (self.question == other.question and self.options == other.options
                and self.path == other.path)

    def __hash__(self) -> int:
        return hash((self.question, self.options, self.path))

    def __repr__(self) -> str:
        return (f"Test(question={self.question!r}, options={self.options!r}, "
                f"path={self.path!r}, location={self.location!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return Test, (self.question, self.options, self.path, self.location)

    def eval3(self, assign: Assignment) -> bool | None:
        if self.question not in assign:
            return None
        return assign[self.question] in self.options

    def evaluate(self, assign: Assignment) -> bool:
        return assign.get(self.question) in self.options

    def tests(self) -> Iterator[Test]:
        yield self

    def to_data(self) -> Any:
        opts = sorted(self.options)
        return {self.question: opts[0] if len(opts) == 1 else opts}


# The slots' own setters: a Test is immutable, and built hundreds of thousands of times.
_set_question = vars(Test)["question"].__set__
_set_options = vars(Test)["options"].__set__
_set_path = vars(Test)["path"].__set__
_set_at = vars(Test)["_at"].__set__


@dataclass(frozen=True, slots=True)
class All:
    items: tuple[Condition, ...]
    path: Path = ()

    def eval3(self, assign: Assignment) -> bool | None:
        result: bool | None = True
        for item in self.items:
            value = item.eval3(assign)
            if value is False:
                return False
            if value is None:
                result = None
        return result

    def evaluate(self, assign: Assignment) -> bool:
        return all(item.evaluate(assign) for item in self.items)

    def tests(self) -> Iterator[Test]:
        for item in self.items:
            yield from item.tests()

    def to_data(self) -> Any:
        return {"all": [item.to_data() for item in self.items]}


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]
    path: Path = ()

    def eval3(self, assign: Assignment) -> bool | None:
        result: bool | None = False
        for item in self.items:
            value = item.eval3(assign)
            if value is True:
                return True
            if value is None:
                result = None
        return result

    def evaluate(self, assign: Assignment) -> bool:
        return any(item.evaluate(assign) for item in self.items)

    def tests(self) -> Iterator[Test]:
        for item in self.items:
            yield from item.tests()

    def to_data(self) -> Any:
        return {"any": [item.to_data() for item in self.items]}


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition
    path: Path = ()

    def eval3(self, assign: Assignment) -> bool | None:
        value = self.item.eval3(assign)
        return None if value is None else not value

    def evaluate(self, assign: Assignment) -> bool:
        return not self.item.evaluate(assign)

    def tests(self) -> Iterator[Test]:
        yield from self.item.tests()

    def to_data(self) -> Any:
        return {"not": self.item.to_data()}


Condition = Test | All | AnyOf | Not

def refs(cond: Condition) -> frozenset[str]:
    """The question ids a condition reads."""
    out: set[str] = set()
    todo = [cond]  # a loop, not tests()'s nested generators: the engine reads 10k rules
    while todo:
        item = todo.pop()
        if isinstance(item, Test):
            out.add(item.question)
        elif isinstance(item, Not):
            todo.append(item.item)
        else:
            todo.extend(item.items)
    return frozenset(out)


def tests_of(cond: Condition) -> list[Test]:
    """The tests of a condition in the order they are written (a list, not tests()'s
    nested generators: the reference check goes through every test of a large pack)."""
    out: list[Test] = []
    _collect(cond, out)
    return out


def _collect(cond: Condition, out: list[Test]) -> None:
    if type(cond) is Test:
        out.append(cond)
    elif type(cond) is Not:
        _collect(cond.item, out)
    else:
        for item in cond.items:  # type: ignore[union-attr]
            if type(item) is Test:
                out.append(item)
            else:
                _collect(item, out)


def option_id(value: Any) -> str:
    """YAML 1.1 reads unquoted yes/no as booleans; they are the yes/no options' ids."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"an option id must be a word, not {type(value).__name__}")


def parse(data: Any, path: Path = ()) -> Condition:
    """Parse the YAML form of a condition; raises ValueError with a message for authors.

    Its tests share one :class:`Origin` (the loader tells it where the condition is)."""
    return _parse(data, path, Origin())


def origin(cond: Condition) -> Origin | None:
    """The origin the tests of a parsed condition share (None: it has no test, or its
    tests were made otherwise)."""
    for test in cond.tests():
        at = test._at
        return at if type(at) is Origin else None
    return None


def _parse(data: Any, path: Path, at: Origin) -> Condition:
    if isinstance(data, list):
        return All(tuple([_parse(item, _sub(path, i), at) for i, item in enumerate(data)]),
                   path)
    if not isinstance(data, dict):
        raise ConditionError(
            "a condition is a mapping such as {question: option}, or all/any/not", path
        )
    if not data:
        raise ConditionError("empty condition; write {all: []} for 'always'", path)
    parts: list[Condition] = []
    paths, options = _PATHS, _OPTIONS
    for key, value in data.items():
        if key not in KEYWORDS:  # a test: the common case, inlined
            sub = (*path, key)
            try:
                sub = paths[sub]
            except KeyError:
                sub = _sub(path, key)
            values = tuple(value) if isinstance(value, list) else (value,)
            try:
                opts = options[values]
            except (KeyError, TypeError):
                opts = _options(values, key, sub)
            parts.append(Test(key if type(key) is str else str(key), opts, sub, at))
            continue
        sub = _sub(path, key)
        if key == "not":
            parts.append(Not(_parse(value, sub, at), sub))
            continue
        if not isinstance(value, list):
            raise ConditionError(f"'{key}' takes a list of conditions", sub)
        items = tuple([_parse(item, _sub(sub, i), at) for i, item in enumerate(value)])
        parts.append(All(items, sub) if key == "all" else AnyOf(items, sub))
    return parts[0] if len(parts) == 1 else All(tuple(parts), path)


# Paths and option sets repeat across the rules of a pack (q3 in every rule, the same
# few option sets): each is stored once. Bounded: a hostile file cannot grow them.
_PATHS: dict[Path, Path] = {}
_OPTIONS: dict[tuple[Any, ...], frozenset[str]] = {}
_SHARED_MAX = 1 << 16


def _sub(path: Path, part: str | int) -> Path:
    sub = (*path, part)
    shared = _PATHS.get(sub)
    if shared is None:
        if len(_PATHS) >= _SHARED_MAX:
            _PATHS.clear()
        shared = _PATHS[sub] = sub
    return shared


def _options(values: tuple[Any, ...], key: Any, sub: Path) -> frozenset[str]:
    if not values:
        raise ConditionError(f"no options listed for '{key}'", sub)
    try:
        opts = frozenset([option_id(v) for v in values])
    except ValueError as exc:
        raise ConditionError(str(exc), sub) from None
    # Only all-text keys are kept: True == 1 would otherwise find the other's set.
    if all(type(v) is str for v in values):
        if len(_OPTIONS) >= _SHARED_MAX:
            _OPTIONS.clear()
        _OPTIONS[values] = opts
    return opts


class ConditionError(ValueError):
    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path
