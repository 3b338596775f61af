"""JSON read with the YAML loader's bounds (issue 8, R4 and R5).

``json.loads`` recurses once per level (a line of 100,000 ``[`` raises RecursionError)
and refuses integers of more than 4,300 digits with advice about
``sys.set_int_max_str_digits``. Here both are refused first, as ValueError with a
message for people.
"""

from __future__ import annotations

import json
import re
from typing import Any

from smguide.pack.yamlload import MAX_DEPTH, MAX_NUMBER_DIGITS

_STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def _depth(text: str) -> int:
    deepest = depth = 0
    for char in _STRING.sub('""', text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of more than {MAX_NUMBER_DIGITS} digits is not supported")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of more than {MAX_NUMBER_DIGITS} digits is not supported")
    return float(text)


def loads(text: str) -> Any:
    """Parse JSON; json.JSONDecodeError for bad syntax, ValueError for what is too big."""
    if _depth(text) > MAX_DEPTH:
        raise ValueError(f"nesting is deeper than {MAX_DEPTH} levels")
    return json.loads(text, parse_int=_int, parse_float=_float)
