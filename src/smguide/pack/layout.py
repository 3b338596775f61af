"""Where a pack's files are and how much they may hold, without reading any of them.

Light (no YAML, no pydantic): the pack cache checks an entry against what the loader
would read (:mod:`smguide.pack.cache`) with the same listing and the same limits, and
:mod:`smguide.pack.loader` reads what these functions list.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from smguide.errors import InputError, LimitError, Location, UsageError
from smguide.system.files import path_error, probe

MANIFEST = "pack.yaml"
# One file (YAML or JSON) is at most this large, and holds at most this many elements.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NODES = 200_000


# A pack's own scenarios (smguide.training.scenario files) live in this sub-folder; they are
# not pack files.
SCENARIOS = "scenarios"


SUFFIXES = (".yaml", ".yml")
# What a pack's files may hold together (the bundled policy: 120 KB, 3,000 elements):
# hostile or broken input is refused early. An agency with a very large (generated) pack
# raises it with SMGUIDE_MAX_PACK_MIB; elements scale with it.
MAX_PACK_BYTES = 8 * 1024 * 1024
MAX_PACK_NODES = MAX_NODES
MAX_PACK_ENV = "SMGUIDE_MAX_PACK_MIB"
NODES_PER_MIB = MAX_NODES // 8


def pack_limits() -> tuple[int, int]:
    """Bytes and elements a pack's files may hold together."""
    raw = os.environ.get(MAX_PACK_ENV, "").strip()
    if not raw:
        return MAX_PACK_BYTES, MAX_PACK_NODES
    # ASCII digits only: "²" and "¹⁰" are digits to str.isdigit() but not to int().
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4 and 1 <= int(raw) <= 1024):
        raise UsageError(f"{MAX_PACK_ENV} is a number of MiB from 1 to 1024, not {raw[:20]!r}")
    return int(raw) * 1024 * 1024, int(raw) * NODES_PER_MIB


def pack_files(folder: Path) -> list[Path]:
    """Every file that looks like part of the pack (``*.yaml``/``*.yml`` outside
    ``scenarios/``), sorted. Nothing is skipped silently: a skipped file could hold the
    prohibitions. Whatever cannot be read as a regular file is refused when it is read;
    a linked folder, which would not be searched, is refused here."""
    files: list[Path] = []

    def refuse(exc: OSError) -> None:
        raise path_error(exc, Path(exc.filename or folder))

    for root, dirs, names in os.walk(folder, onerror=refuse):
        here = Path(root)
        if here == folder and SCENARIOS in dirs:
            dirs.remove(SCENARIOS)
        for name in dirs:
            if (here / name).is_symlink():
                raise InputError("is a link to a folder, which smguide does not follow in a "
                                 "rule pack; move the files into the pack",
                                 Location(str(here / name)))
        files += [here / name for name in names if Path(name).suffix in SUFFIXES
                  and not (here == folder and name == MANIFEST)]
    files.sort()
    _check_pack_size(folder, files)
    return files


def _check_pack_size(folder: Path, files: list[Path]) -> None:
    """Refuse a pack too large to be a policy before reading any of it."""
    limit = pack_limits()[0]
    total = 0
    for path in [folder / MANIFEST, *files]:
        info = probe(path)
        size = info.st_size if info is not None and stat.S_ISREG(info.st_mode) else 0
        if size > limit:
            raise LimitError(f"file is too large ({size // (1024 * 1024)} MiB; a pack's files "
                             f"may hold {limit // (1024 * 1024)} MiB together; "
                             f"{MAX_PACK_ENV} raises it)", Location(str(path)))
        total += size
    if total > limit:
        raise LimitError(f"the pack's files are too large together ({total // 1024:,} KiB; "
                         f"the limit is {limit // (1024 * 1024)} MiB; {MAX_PACK_ENV} raises it)",
                         Location(str(folder)))


def _near(folder: Path) -> str:
    """"; did you mean 'north-cas'?": a pack folder beside it, or a bundled pack's id."""
    import difflib

    from smguide.pack.bundled import bundled_ids

    try:
        beside = [p.name for p in folder.parent.iterdir() if (p / MANIFEST).is_file()]
    except OSError:
        beside = []
    close = difflib.get_close_matches(folder.name, [*beside, *bundled_ids()], n=1, cutoff=0.6)
    return f"; did you mean {str(folder.parent / close[0])!r}?" if close else ""


def pack_folder(folder: Path) -> Path:
    info = probe(folder)
    if info is None:
        raise InputError(f"no such rule pack folder{_near(folder)}", Location(str(folder)))
    if not stat.S_ISDIR(info.st_mode):
        if folder.name != MANIFEST:
            raise InputError(f"a rule pack is a folder with a {MANIFEST}", Location(str(folder)))
        folder = folder.parent
    manifest = folder / MANIFEST
    if probe(manifest) is None and not manifest.is_symlink():
        raise InputError(f"not a rule pack: {MANIFEST} is missing", Location(str(folder)))
    return folder  # a manifest that is a folder or a FIFO is refused when it is read


def base_folder(folder: Path, spec: str) -> Path:
    """Where a pack named in ``extends`` lives: a path relative to the extending pack,
    or the id of a bundled pack."""
    from smguide.pack.bundled import pack_path

    return folder / spec if ("/" in spec or spec.startswith(".")) else pack_path(spec)
