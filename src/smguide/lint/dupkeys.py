"""Every duplicate key of a file (yamlload stops at the first one).

Walks the parser's events without building anything, so aliases are not expanded
and the cost is one pass of libyaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml import events as ev

# libyaml's loader when PyYAML was built with it (as yamlload uses), else the Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class DuplicateKey:
    key: str
    line: int
    column: int
    first_line: int


def duplicate_keys(text: str) -> Iterator[DuplicateKey]:
    events = yaml.parse(text, Loader=_LOADER)
    # Each frame: (is_mapping, {key: first line}, [expecting a key])
    stack: list[tuple[bool, dict[str, int], list[bool]]] = []

    def value_done() -> None:
        if stack and stack[-1][0]:
            stack[-1][2][0] = not stack[-1][2][0]

    try:
        for event in events:
            if isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                value_done()
                stack.append((isinstance(event, ev.MappingStartEvent), {}, [True]))
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                stack.pop()
            elif isinstance(event, (ev.ScalarEvent, ev.AliasEvent)):
                top = stack[-1] if stack else None
                if top is not None and top[0] and top[2][0] and isinstance(event, ev.ScalarEvent):
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                    first = top[1].get(event.value)
                    if first is not None:
                        yield DuplicateKey(event.value, line, col, first)
                    else:
                        top[1][event.value] = line
                value_done()
    except yaml.YAMLError:
        return  # a syntax error further on: report the duplicates seen so far
