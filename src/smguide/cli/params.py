"""Keep pydantic off the command line's hot path.

typer (from 0.2x) converts every option's value through a pydantic ``TypeAdapter``
built on first use: importing pydantic and building the adapters is about 100 ms,
most of ``decide``'s budget of 150 ms (issue 11). smguide's options are all plain:
text, paths, choices (enums), flags, and optional values or lists of those; for these
the conversion is one call. :func:`install` gives typer a builder that converts those
directly and leaves everything else, and every error message, to typer's own.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

Convert = Callable[[Any], Any]


def converter(annotation: Any) -> Convert | None:
    """A direct conversion of a command-line value to ``annotation``, or None where
    typer's own must do it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return converter(inner[0]) if len(inner) == 1 else None  # None itself: typer's coerce
    if origin is list:
        (item,) = typing.get_args(annotation)
        one = converter(item)
        return None if one is None else (lambda values: [one(v) for v in values])
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is Path:
        return _path
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(annotation)
    return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(value)
    return value


def _path(value: Any) -> Path:
    return value if isinstance(value, Path) else Path(_text(value))


def _choice(enum: type[Enum]) -> Convert:
    def convert(value: Any) -> Enum:
        return value if isinstance(value, enum) else enum(value)  # click has checked it

    return convert


def install() -> bool:
    """Use direct conversions in this typer, where it converts through pydantic;
    False where this typer works otherwise (nothing to do)."""
    try:
        from typer import _coercion, core
    except ImportError:  # an older typer converts without pydantic
        return False
    found = getattr(core, "build_runtime_param", None)
    base: Any = getattr(_coercion, "RuntimeParam", None)
    if found is None or base is None:
        return False
    build: Callable[[Any], Any] = found
    if getattr(build, "smguide_direct", False):
        return True

    @dataclass(frozen=True)
    class Direct(base):  # type: ignore[misc]
        """typer's runtime parameter (its handling of nothing given and of lists)
        converting directly; on any surprise typer's own conversion, built only then,
        decides with its own messages."""

        convert: Convert = _text
        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value)
            except Exception:  # not a plain value after all: typer converts, or explains
                return build(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    def direct(descriptor: Any) -> Any:
        convert = converter(getattr(descriptor, "annotation", None))
        if convert is None or getattr(descriptor, "file_annotation", None) is not None:
            return build(descriptor)
        return Direct(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                      convert=convert, descriptor=descriptor)

    direct.smguide_direct = True  # type: ignore[attr-defined]
    setattr(core, "build_runtime_param", direct)  # noqa: B010 - typer's, not exported
    return True
