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
from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]
# question id -> option id, or None when the question was not asked (not applicable)
Assignment = Mapping[str, str | None]

KEYWORDS = frozenset({"all", "any", "not"})


@dataclass(frozen=True, slots=True)
class Test:
    question: str
    options: frozenset[str]
    path: Path = ()
    # where the test stands in its file; set by the loader, ignored by equality
    location: Any = field(default=None, compare=False, hash=False)

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

TRUE: Condition = All(())


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
    """Parse the YAML form of a condition; raises ValueError with a message for authors."""
    if isinstance(data, list):
        return All(tuple(parse(item, (*path, i)) for i, item in enumerate(data)), path)
    if not isinstance(data, dict):
        raise ConditionError(
            "a condition is a mapping such as {question: option}, or all/any/not", path
        )
    if not data:
        raise ConditionError("empty condition; write {all: []} for 'always'", path)
    parts: list[Condition] = []
    for key, value in data.items():
        sub = (*path, key)
        if key in ("all", "any"):
            if not isinstance(value, list):
                raise ConditionError(f"'{key}' takes a list of conditions", sub)
            items = tuple(parse(item, (*sub, i)) for i, item in enumerate(value))
            parts.append(All(items, sub) if key == "all" else AnyOf(items, sub))
        elif key == "not":
            parts.append(Not(parse(value, sub), sub))
        else:
            values = value if isinstance(value, list) else [value]
            if not values:
                raise ConditionError(f"no options listed for '{key}'", sub)
            try:
                opts = frozenset(option_id(v) for v in values)
            except ValueError as exc:
                raise ConditionError(str(exc), sub) from None
            parts.append(Test(str(key), opts, sub))
    return parts[0] if len(parts) == 1 else All(tuple(parts), path)


class ConditionError(ValueError):
    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path
