"""Which rule packs a command uses: ``--pack``, else ``SMGUIDE_PACKS``, else the defaults.

Every command that takes ``--pack`` calls :func:`load` (or :func:`select` when it
only needs the folders), so the choice is made the same way everywhere:

1. ``--pack PATH`` (repeatable): the packs named on the command line;
2. otherwise the ``SMGUIDE_PACKS`` environment setting: pack folders or bundled pack
   ids, separated by ``os.pathsep`` (``:`` on Linux and macOS, ``;`` on Windows);
3. otherwise the bundled defaults (:data:`smguide.pack.bundled.DEFAULT_PACKS`: the 2011
   policy and the 2022 ETMI report, which extends it).

Each entry is a folder (or its ``pack.yaml``) or the id of a bundled pack: a bundled id
stands for that pack, and a folder of the same name here is refused as ambiguous
(``./cas-2011`` names the folder). The packs are
composed together (:func:`smguide.pack.loader.load_packs`); a pack that extends another
brings it along, and a pack named twice is read once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from smguide.errors import UsageError

if TYPE_CHECKING:
    from smguide.pack.models import Pack

ENV_VAR = "SMGUIDE_PACKS"
Origin = Literal["option", "environment", "default"]


@dataclass(frozen=True)
class Selection:
    """The pack folders to compose, base first as given, and where the choice came from."""

    paths: tuple[Path, ...]
    source: Origin


def _is_bundled_id(spec: str) -> bool:
    from smguide.pack import bundled

    return ("/" not in spec and os.sep not in spec and not spec.startswith(".")
            and (bundled.pack_path(spec) / "pack.yaml").is_file())


def resolve(spec: str | Path) -> Path:
    """A pack folder for one entry: a bundled pack id (a folder of the same name here is
    refused as ambiguous: ``./cas-2011`` names the folder), else a path as given.

    Anything else is returned as a path, so the loader reports it ("no such rule pack
    folder") with the name the user wrote.
    """
    from smguide.pack import bundled
    from smguide.system.files import probe

    path = Path(spec)
    text = str(spec)
    here = probe(path)
    if _is_bundled_id(text):
        # A folder that happens to bear the policy's name must not stand in for it
        # silently: the same folder is fine, another one is refused as ambiguous.
        bundled_path = bundled.pack_path(text)
        if here is not None and os.path.realpath(path) != os.path.realpath(bundled_path):
            raise UsageError(f"{text!r} names both the bundled pack and a folder here; "
                             f"write ./{text} for the folder")
        return bundled_path
    return path


def from_environment(environ: Mapping[str, str] | None = None) -> list[str]:
    """The entries of ``SMGUIDE_PACKS`` (empty entries are ignored)."""
    env = os.environ if environ is None else environ
    value = env.get(ENV_VAR, "")
    return [part.strip() for part in value.split(os.pathsep) if part.strip()]


def default_paths() -> list[Path]:
    """The bundled default packs that exist (the policy alone without etmi-2022)."""
    from smguide.pack import bundled

    return list(bundled.default_pack_paths())


def select(packs: Sequence[Path | str] | None = None,
           environ: Mapping[str, str] | None = None) -> Selection:
    """The packs to use: ``packs`` (from ``--pack``), else SMGUIDE_PACKS, else the defaults."""
    if packs:
        return Selection(tuple(resolve(p) for p in packs), "option")
    entries = from_environment(environ)
    if entries:
        paths = []
        for entry in entries:
            path = resolve(entry)
            if not os.path.exists(path):
                from smguide.pack.bundled import bundled_ids

                raise UsageError(
                    f"{ENV_VAR} names {entry!r}, which is neither a rule pack folder nor a "
                    f"bundled pack ({', '.join(bundled_ids()) or 'none installed'}); "
                    f"separate several packs with {os.pathsep!r}")
            paths.append(path)
        return Selection(tuple(paths), "environment")
    return Selection(tuple(default_paths()), "default")


def pack_paths(packs: Sequence[Path | str] | None = None,
               environ: Mapping[str, str] | None = None) -> list[Path]:
    """The pack folders :func:`select` chooses."""
    return list(select(packs, environ).paths)


def load(packs: Sequence[Path | str] | None = None,
         environ: Mapping[str, str] | None = None) -> Pack:
    """Load and compose the chosen packs (errors are InputError/PackError with a location).

    A validated pack is kept in the user's cache and used again while every file is
    unchanged (:mod:`smguide.pack.cache`)."""
    from smguide.pack import cache as packcache

    return packcache.load(pack_paths(packs, environ))


def load_and_warn(packs: Sequence[Path | str] | None) -> Pack:
    """The rule pack(s) a command uses (:func:`load`), with one warning on stderr where
    a pack lacks the interface language."""
    pack = load(packs)
    warn_language(pack)
    return pack


_warned: set[str] = set()


def warn_language(pack: Pack) -> None:
    """One warning (per pack, per run) when the pack does not declare the language asked
    for: its texts then fall back to English one by one, never a crash."""
    from smguide.i18n import N_, NAMES, _, current

    language = current()
    if language in pack.manifest.languages or pack.id in _warned:
        return
    _warned.add(pack.id)
    sys.stderr.write(_("smguide: {message}").format(message=_(
        "warning: the rule pack {pack} does not declare {language} (languages: {declared} "
        "in its pack.yaml); its texts without a translation are shown in English").format(
            pack=pack.id, language=_(NAMES.get(language, N_(language))),
            declared=", ".join(pack.manifest.languages))) + "\n")
