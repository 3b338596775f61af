"""pydantic's validation of the models of :mod:`smguide.pack.models` (imported only when a
file is read, never for a pack from the cache)."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar, cast

from pydantic import TypeAdapter

T = TypeVar("T")


@cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def validate(model: type[T], data: Any) -> T:
    """``data`` as an instance of ``model``; raises pydantic's ``ValidationError``."""
    return cast(T, _adapter(cast(Any, model)).validate_python(data))


def json_schema(model: type[Any]) -> dict[str, Any]:
    return _adapter(cast(Any, model)).json_schema()
