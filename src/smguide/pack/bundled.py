"""Where the bundled rule packs and scenarios are.

An installed wheel carries them under ``smguide/_bundled``; a source checkout (or
an editable install) uses the repository's top-level ``rules/`` and ``scenarios/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # the smguide package folder
# The packs that apply when none is chosen: the 2011 policy and the 2022 ETMI report
# (which extends it). A missing one is skipped, so a checkout without etmi-2022 still
# works with the policy alone. Selection (--pack, SMGUIDE_PACKS) is in smguide.pack.selection.
DEFAULT_PACKS = ("cas-2011", "etmi-2022")


def _root(name: str) -> Path:
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name


def rules_dir() -> Path:
    return _root("rules")


def scenarios_dir() -> Path:
    return _root("scenarios")


def docs_dir() -> Path:
    """docs/ (shipped in the wheel; the repository's in a checkout)."""
    return _root("docs")


def lint_checks_doc() -> Path:
    """docs/lint-checks.md (shipped in the wheel; the repository's in a checkout)."""
    return docs_dir() / "lint-checks.md"


def pack_path(pack_id: str) -> Path:
    return rules_dir() / pack_id


def bundled_ids() -> list[str]:
    """The ids of the bundled packs (their folder names)."""
    folder = rules_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "pack.yaml").is_file())


def default_pack_paths() -> list[Path]:
    """The default packs that exist (at least the first, so a missing one is reported)."""
    found = [pack_path(p) for p in DEFAULT_PACKS if (pack_path(p) / "pack.yaml").is_file()]
    return found or [pack_path(DEFAULT_PACKS[0])]
