"""Which pack folders the paths on the command line stand for."""

from __future__ import annotations

from pathlib import Path

from smguide.errors import InputError, Location
from smguide.loader import MANIFEST


def pack_of(file: Path) -> Path | None:
    """The nearest folder at or above ``file`` that holds a pack.yaml."""
    for folder in file.resolve().parents:
        if (folder / MANIFEST).is_file():
            return folder
    return None


def pack_folders(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(pack folders, files outside any pack): a folder is a pack or holds packs; a
    file stands for the pack it belongs to (so pre-commit can pass changed files)."""
    packs: dict[Path, None] = {}
    outside: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", Location(str(path)))
        if path.is_dir():
            manifest = path / MANIFEST  # a folder or a FIFO named so is refused when read
            if manifest.exists() or manifest.is_symlink():
                packs[path.resolve()] = None
                continue
            found = sorted(m.parent.resolve() for m in path.rglob(MANIFEST) if m.is_file())
            if not found:
                raise InputError(f"no rule pack (a folder with a {MANIFEST}) here",
                                 Location(str(path)))
            packs.update(dict.fromkeys(found))
        else:
            folder = pack_of(path)
            if folder is None:
                outside.append(path)
            else:
                packs[folder] = None
    return list(packs), outside
