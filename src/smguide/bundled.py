"""Where the bundled rule packs and scenarios are.

An installed wheel carries them under ``smguide/_bundled``; a source checkout (or
an editable install) uses the repository's top-level ``rules/`` and ``scenarios/``.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
DEFAULT_PACKS = ("cas-2011",)


def _root(name: str) -> Path:
    installed = _HERE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _HERE.parent.parent / name


def rules_dir() -> Path:
    return _root("rules")


def scenarios_dir() -> Path:
    return _root("scenarios")


def pack_path(pack_id: str) -> Path:
    return rules_dir() / pack_id


def default_pack_paths() -> list[Path]:
    return [pack_path(p) for p in DEFAULT_PACKS]
