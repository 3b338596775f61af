"""The answers to the steps read from a YAML file (``--reflection FILE``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from smguide.engine.decision import Decision
from smguide.errors import InputError, Location
from smguide.pack.models import Pack
from smguide.reflection.answers import (
    ReflectionFile,
)
from smguide.reflection.result import (
    ActOtherwise,
    Reflection,
    ReflectionProblem,
    build,
    build_otherwise,
)
from smguide.reflection.vocabulary import (
    MAX_FILE_BYTES,
    Trigger,
)

if TYPE_CHECKING:
    from smguide.pack.yamlload import Document



@dataclass(frozen=True)
class Source:
    """A loaded ``--reflection FILE``, with its document to locate later problems."""

    answers: ReflectionFile
    doc: Document

    def location(self, path: tuple[str | int, ...]) -> Location:
        return self.doc.location(path)


def load_file(path: Path) -> Source:
    """Read a ``--reflection FILE`` (YAML or JSON); errors point at file:line:col."""
    from smguide.pack.loader import validate_document
    from smguide.pack.yamlload import load_file as load_yaml

    if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"a reflection file is at most {MAX_FILE_BYTES // 1024} KiB",
                         Location(str(path)))
    doc = load_yaml(path)
    try:
        parsed = validate_document(doc, ReflectionFile)
    except InputError as exc:
        raise InputError(exc.message, exc.location) from None
    return Source(parsed, doc)


def from_file(source: Source, pack: Pack, decision: Decision, answers: Mapping[str, str],
              trigger: Trigger | None = None) -> tuple[Reflection | None, ActOtherwise | None]:
    """Build what a loaded file gives; answers that do not fit the pack (an unknown
    channel) are InputErrors at their line and column."""
    given = source.answers
    reflection = None
    otherwise = None
    if given.reflection is not None:
        try:
            reflection = build(pack, decision, answers, given.reflection, trigger)
        except ReflectionProblem as exc:
            raise InputError(str(exc), source.location(("reflection", *exc.path))) from None
    if given.act_otherwise is not None:
        try:
            otherwise = build_otherwise(pack, decision, given.act_otherwise)
        except ReflectionProblem as exc:
            raise InputError(str(exc), source.location(("act_otherwise", *exc.path))) from None
    return reflection, otherwise
