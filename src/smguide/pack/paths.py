"""Paths as people read them: relative to where they are, never the absolute path of
wherever smguide is installed. Shared by lint, test, diff and their reports."""

from __future__ import annotations

import os
from pathlib import Path

from smguide.pack.loader import MANIFEST

BUNDLED = "bundled:"  # how a file shipped inside smguide is shown


def pack_of(file: Path) -> Path | None:
    """The nearest folder at or above ``file`` that holds a pack.yaml."""
    resolved = file.resolve()
    for folder in (resolved, *resolved.parents) if resolved.is_dir() else resolved.parents:
        if (folder / MANIFEST).is_file():
            return folder
    return None


def shown(path: str) -> str:
    """A path as the user would write it: relative to the current folder when inside it,
    or inside the pack the current folder is in (``../sources.yaml``)."""
    if not Path(path).is_absolute():
        return path
    cwd = Path.cwd().resolve()
    try:
        return Path(path).relative_to(cwd).as_posix()
    except ValueError:
        pass
    pack = pack_of(cwd)
    if pack is not None and Path(path).is_relative_to(pack):
        return Path(os.path.relpath(path, cwd)).as_posix()
    return path


def shown_path(path: Path) -> Path:
    """:func:`shown`, and a file shipped with smguide as ``bundled:scenarios/...``."""
    from smguide.pack.bundled import rules_dir, scenarios_dir

    text = shown(str(path))
    if not Path(text).is_absolute():
        return Path(text)
    resolved = path.resolve()
    for root in (scenarios_dir(), rules_dir()):
        root = root.resolve()
        if resolved.is_relative_to(root):
            return Path(BUNDLED + (Path(root.name) / resolved.relative_to(root)).as_posix())
    return path
