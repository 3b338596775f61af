"""Validation markers for the models' ``Annotated`` metadata.

pydantic reads them when it validates a file (:mod:`smguide.pack.typecheck`); the models
themselves stay plain classes, and a pack loaded from the cache never imports pydantic.
Each marker builds its piece of pydantic's core schema, importing ``pydantic_core``
only then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class IdPattern:
    """A string matching ``pattern``, at most ``max_length`` characters."""

    def __init__(self, pattern: str, max_length: int) -> None:
        self.pattern = pattern
        self.max_length = max_length

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(pattern=self.pattern, max_length=self.max_length)


class MaxLength:
    """A string of at most ``max_length`` characters."""

    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(max_length=self.max_length)


class Before:
    """Turn the raw value with ``func`` first (a year written as a number, say), then
    validate as usual; a ``ValueError`` from ``func`` is a validation error."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.func, handler(source))


class Plain:
    """Validate with ``func`` alone (it returns the value or raises ``ValueError``);
    ``json_schema`` is what editors are told about the field."""

    def __init__(self, func: Callable[[Any], Any], json_schema: dict[str, Any]) -> None:
        self.func = func
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(self.func)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Callable[[Any], Any]) -> Any:
        return dict(self.json_schema)
