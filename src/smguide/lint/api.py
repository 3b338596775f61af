"""The contract between the lint runner and its checks.

Each check is a module in :mod:`smguide.lint.checks` with:

* ``ID``: the check id users pass to ``--select``/``--ignore`` (kebab-case),
* ``LEVEL``: ``"error"`` or ``"warning"``,
* ``KIND``: ``"structural"`` (runs on every file, even broken packs) or
  ``"semantic"`` (runs only on a pack that loaded and validated),
* a module docstring: a one-line summary, then a passing and a failing example
  (these feed ``docs/lint-checks.md``),
* ``def check(ctx: LintContext) -> Iterator[Finding]``.

Structural checks read ``ctx.files`` (every file of the pack, parsed or not) and,
for cross-file checks, ``ctx.assembled`` (the pack put together when every file
passed its schema, references unchecked). Semantic checks read ``ctx.pack``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from smguide.errors import InputError, Location, PackError
from smguide.pack.models import Manifest, Pack, PackFile
from smguide.pack.yamlload import Document

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    check: str
    level: Level
    message: str
    location: Location | None = None
    # Answers that reproduce the finding: replay with ``smguide decide --set q=a ...``.
    witness: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SchemaError:
    """One pydantic error of a file, at its node; ``kind`` is pydantic's error type."""

    kind: str
    error: PackError


@dataclass
class SourceFile:
    """One YAML file of a pack as the lenient loader left it."""

    path: Path
    text: str
    is_manifest: bool = False
    doc: Document | None = None  # None when it did not parse
    parse_error: InputError | None = None
    schema_errors: list[SchemaError] = field(default_factory=list)
    model: PackFile | Manifest | None = None  # set when the file passed its schema

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


@dataclass
class LintContext:
    pack_dir: Path
    documents: list[Document] = field(default_factory=list)
    pack: Pack | None = None  # set when the pack loaded and validated
    source_text: Path | None = None  # --source-text DIR
    files: list[SourceFile] = field(default_factory=list)
    manifest: Manifest | None = None  # set when pack.yaml passed its schema
    # The pack composed from valid files, references unchecked (None if a file is broken).
    assembled: Pack | None = None
    assemble_error: InputError | None = None  # why it could not be composed
    # Scenario files to check with this pack (its scenarios/ folder, or files given).
    scenarios: list[Path] = field(default_factory=list)
    # Results shared between checks (e.g. the reference problems, computed once).
    cache: dict[str, Any] = field(default_factory=dict)
