"""What the paths on the command line stand for: pack folders, and scenario files.

A folder is a pack or holds packs; a file stands for the pack it belongs to (so
pre-commit can pass changed files). A pack's ``scenarios/`` folder is linted with it.
Scenario files outside any pack (the bundled ``scenarios/``) are checked with the
packs they run on. With no paths: the pack you are in (the current folder or one
above it holds a ``pack.yaml``), else the packs of the repository you are in (found
below the current folder, see :func:`packs_below`), else the bundled packs and
scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smguide.errors import InputError, Location
from smguide.i18n import _
from smguide.pack.loader import MANIFEST, SCENARIOS
from smguide.pack.paths import pack_of

SUFFIXES = (".yaml", ".yml")


@dataclass
class Targets:
    packs: list[Path] = field(default_factory=list)
    scenarios: list[Path] = field(default_factory=list)  # outside any pack
    outside: list[Path] = field(default_factory=list)  # neither: skipped with a note


def pack_scenarios(pack: Path) -> list[Path]:
    """The scenario files of a pack folder (its ``scenarios/``)."""
    return _yaml_files(pack / SCENARIOS)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                  and not p.name.startswith("."))


def looks_like_scenario(path: Path) -> bool:
    """In a ``scenarios`` folder, or a YAML mapping with a top-level ``expect:``."""
    if path.suffix not in SUFFIXES:
        return False
    if SCENARIOS in path.resolve().parent.parts:
        return True
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return any(line.startswith("expect:") for line in handle)
    except OSError:
        return False


def targets(paths: list[Path]) -> Targets:
    found = Targets()
    packs: dict[Path, None] = {}
    scenarios: dict[Path, None] = {}
    for path in paths:
        if not path.exists():
            raise InputError(_("no such file or folder"), Location(str(path)))
        if path.is_dir():
            manifest = path / MANIFEST  # a folder or a FIFO named so is refused when read
            if manifest.exists() or manifest.is_symlink():
                packs[path.resolve()] = None
                continue
            inside = pack_of(path)
            if inside is not None and SCENARIOS in path.resolve().relative_to(inside).parts:
                packs[inside] = None  # a pack's scenarios folder: the pack and its scenarios
                continue
            in_packs = sorted(m.parent.resolve() for m in path.rglob(MANIFEST) if m.is_file())
            loose = [f for f in _yaml_files(path) if pack_of(f) is None
                     and looks_like_scenario(f)]
            if not in_packs and not loose:
                raise InputError(f"no rule pack (a folder with a {MANIFEST}) or scenario here",
                                 Location(str(path)))
            packs.update(dict.fromkeys(in_packs))
            scenarios.update(dict.fromkeys(loose))
        else:
            folder = pack_of(path)
            if folder is not None:
                packs[folder] = None
            elif looks_like_scenario(path):
                scenarios[path] = None
            else:
                found.outside.append(path)
    found.packs, found.scenarios = list(packs), list(scenarios)
    return found


DEPTH = 2  # pack.yaml at most two folders down: agency/pack.yaml, rules/agency/pack.yaml
_NOT_PACKS = {"node_modules", "__pycache__", "site-packages", "dist-packages", "build", "dist"}


def packs_below(folder: Path, depth: int = DEPTH) -> list[Path]:
    """The packs in ``folder``'s sub-folders, at most ``depth`` folders down: what an
    agency repository holds (``smguide init north-cas`` at its root). Hidden folders,
    virtual environments and installed packages are not looked into."""
    found: list[Path] = []
    if depth <= 0:
        return found
    try:
        children = sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return found
    for child in children:
        if child.name.startswith(".") or child.name in _NOT_PACKS \
                or (child / "pyvenv.cfg").is_file():
            continue
        if (child / MANIFEST).is_file():
            found.append(child.resolve())
        else:
            found += packs_below(child, depth - 1)
    return found


def packs_here(cwd: Path | None = None) -> list[Path]:
    """The packs where you are: the pack holding ``cwd``, else the packs below it, else
    none (the bundled ones apply). Packs below that are the bundled ones themselves
    (in smguide's own checkout) count as none."""
    from smguide.pack.bundled import rules_dir

    folder = cwd or Path.cwd()
    here = pack_of(folder)
    if here is not None:
        return [here]
    below = packs_below(folder.resolve())
    bundled = rules_dir().resolve()
    if all(p.is_relative_to(bundled) for p in below):
        return []
    return below


def default_targets(cwd: Path | None = None) -> Targets:
    """Where you are: the pack holding the current folder, else the packs of the
    repository below it, else the bundled ones."""
    from smguide.pack.bundled import rules_dir, scenarios_dir

    here = packs_here(cwd)
    if here:
        return Targets(packs=here)
    found = targets([rules_dir()])
    found.scenarios = [f for f in _yaml_files(scenarios_dir()) if f.name != "README.md"]
    return found


def pack_folders(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(pack folders, files neither in a pack nor scenarios)."""
    found = targets(paths)
    return found.packs, found.outside
