"""Lint settings kept with the packs, as other linters do.

The nearest ``.smguide.yaml`` (key ``lint:``) or ``pyproject.toml`` with a
``[tool.smguide.lint]`` table, from the current folder up::

    [tool.smguide.lint]
    select = ["structural", "gap"]
    ignore = ["unused-option"]
    strict = true
    docs-url = "https://example.org/smguide/docs/lint-checks.md"   # SARIF helpUri

    [tool.smguide.lint.per-file-ignores]
    "rules/legacy/*.yaml" = ["missing-citation"]

The command line wins: ``--select`` replaces ``select``, ``--ignore`` adds to
``ignore``, ``--strict`` turns ``strict`` on. Per-file globs are relative to the
folder of the settings file (``*`` also matches ``/``).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smguide.errors import InputError, Location
from smguide.lint.api import Finding

YAML_NAME = ".smguide.yaml"
TOML_NAME = "pyproject.toml"


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict,
                                                   alias="per-file-ignores")
    strict: bool = False
    docs_url: str | None = Field(default=None, alias="docs-url")


@dataclass
class LintConfig:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    strict: bool = False
    docs_url: str | None = None  # where docs/lint-checks.md is published (SARIF helpUri)
    root: Path = field(default_factory=Path.cwd)  # per-file globs are relative to it
    path: Path | None = None  # the settings file, None when there is none

    def ignored(self, finding: Finding) -> bool:
        if not self.per_file_ignores or finding.location is None:
            return False
        try:
            rel = Path(finding.location.path).resolve().relative_to(self.root.resolve())
        except ValueError:
            return False
        name = rel.as_posix()
        return any(finding.check in ids or "all" in ids
                   for glob, ids in self.per_file_ignores.items()
                   if fnmatch.fnmatchcase(name, glob))


def find_config(start: Path | None = None) -> LintConfig:
    """The settings of the nearest settings file at or above ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        yaml_file = folder / YAML_NAME
        if yaml_file.is_file():
            return _from_yaml(_shown(yaml_file))
        toml_file = folder / TOML_NAME
        if toml_file.is_file():
            found = _from_toml(_shown(toml_file))
            if found is not None:
                return found
    return LintConfig()


def _shown(path: Path) -> Path:
    """Relative to the current folder when inside it, as messages show paths."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _from_yaml(path: Path) -> LintConfig:
    from smguide.pack.yamlload import load_file

    doc = load_file(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    section = data.get("lint", {})
    try:
        settings = _Settings.model_validate(section if section is not None else {})
    except ValidationError as exc:
        from smguide.pack.loader import locate_error

        raise locate_error(exc.errors(include_url=False)[0], doc, ("lint",)) from None
    return _config(settings, path)


def _from_toml(path: Path) -> LintConfig | None:
    import tomllib

    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"cannot read the settings: {exc}", Location(str(path))) from None
    section = data.get("tool", {}).get("smguide", {}).get("lint")
    if section is None:
        return None
    try:
        settings = _Settings.model_validate(section)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(f"[tool.smguide.lint] {where}: {err['msg']}",
                         Location(str(path))) from None
    return _config(settings, path)


def _config(settings: _Settings, path: Path) -> LintConfig:
    return LintConfig(select=settings.select, ignore=settings.ignore,
                      per_file_ignores=settings.per_file_ignores, strict=settings.strict,
                      docs_url=settings.docs_url, root=path.parent.resolve(), path=path)
