"""``smguide init PACK_DIR``: scaffold an agency pack that extends the bundled policy.

The pack has a manifest (``extends: [cas-2011]``), a source with one section, one
example rule that tightens a verdict (texting from a personal phone: discouraged by
the policy, prohibited by the agency), one scenario in ``scenarios/`` and a README
for its authors. The templates ship inside the package (``smguide/templates/agency``).

The folder is built in a temporary folder next to PACK_DIR and moved into place in
one step, so an interrupted ``init`` leaves nothing behind. An existing PACK_DIR
must be empty.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import shlex
import shutil
import sys
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

import smguide
from smguide import i18n
from smguide.commands import EXIT_OK
from smguide.errors import InputError, Location, UsageError
from smguide.i18n import _

TEMPLATE = "agency"
SUFFIX = ".tmpl"
# ``README.md.fr.tmpl`` is the French text of ``README.md.tmpl``: used in a French run.
TRANSLATED = ".fr"
BASE = "cas-2011"
MAX_ID = 60
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def template_root() -> Traversable:
    return resources.files("smguide").joinpath("templates", TEMPLATE)


def _files(folder: Traversable, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...],
                                                                             Traversable]]:
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            out += _files(entry, (*prefix, entry.name))
        elif entry.name.endswith(SUFFIX):
            out.append(((*prefix, entry.name[: -len(SUFFIX)]), entry))
    return _in_language(out)


def _in_language(files: list[tuple[tuple[str, ...], Traversable]]) -> list[
        tuple[tuple[str, ...], Traversable]]:
    """Each file once: its French text in a French run, where there is one."""
    french = i18n.current() == "fr"
    chosen: dict[tuple[str, ...], Traversable] = {}
    for parts, entry in files:
        name = parts[-1]
        if name.endswith(TRANSLATED):
            if french:
                chosen[(*parts[:-1], name[: -len(TRANSLATED)])] = entry
        else:
            chosen.setdefault(parts, entry)
    return sorted(chosen.items())


def pack_id_for(folder: Path) -> str:
    """A pack id from a folder name: "North CAS" -> "north-cas"."""
    name = folder.resolve().name.lower()
    slug = re.sub(r"[^a-z0-9_.-]+", "-", name).strip("-._")
    return slug[:MAX_ID].rstrip("-._")


def check_id(pack_id: str) -> None:
    from smguide.pack.bundled import bundled_ids

    if not _ID.match(pack_id) or len(pack_id) > MAX_ID:
        raise UsageError(f"--id {pack_id!r}: a pack id is lower-case letters, digits, '-', '_' "
                         f"and '.', starting with a letter or digit, at most {MAX_ID} characters")
    if pack_id in bundled_ids():
        raise UsageError(f"--id {pack_id!r} is a bundled pack's id; choose your agency's own")


def render(pack_id: str, title: str, pack_dir: str) -> dict[tuple[str, ...], str]:
    """The pack's files (relative path parts -> text), from the templates."""
    values = {
        "id": pack_id,
        "title": title,
        "title_yaml": json.dumps(title, ensure_ascii=False),
        "source_title_yaml": json.dumps(f"{title} — agency procedures", ensure_ascii=False),
        "source_id": f"{pack_id}-policy",
        "date": _dt.date.today().isoformat(),
        "pack_dir": pack_dir,
        "smguide_version": smguide.__version__,
    }
    return {parts: Template(entry.read_text(encoding="utf-8")).substitute(values)
            for parts, entry in _files(template_root())}


def _check_target(target: Path) -> None:
    where = Location(str(target))
    if target.is_file() or (target.exists() and not target.is_dir()):
        raise UsageError("exists and is not a folder; choose a new folder for the pack", where)
    if target.is_dir() and any(target.iterdir()):
        raise UsageError("exists and is not empty; choose a new folder for the pack", where)


def run(pack_dir: Path, *, pack_id: str | None = None, title: str | None = None) -> int:
    _check_target(pack_dir)
    pid = pack_id if pack_id is not None else pack_id_for(pack_dir)
    if not pid:
        raise UsageError(f"cannot make a pack id from the folder name {pack_dir.name!r}; "
                         "give one with --id")
    check_id(pid)
    name = " ".join((title or "").split()) or _("{id} — agency rules").format(id=pid)
    shown = shlex.quote(str(pack_dir))
    files = render(pid, name, shown)

    parent = pack_dir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{pack_dir.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise InputError(f"cannot create the pack: {exc.strerror or exc}",
                         Location(str(pack_dir))) from None
    try:
        for parts, content in files.items():
            path = tmp.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())
        if pack_dir.is_dir():
            pack_dir.rmdir()  # empty (checked above); rename needs it gone on some systems
        os.rename(tmp, pack_dir)
    except OSError as exc:
        raise InputError(f"cannot create the pack: {exc.strerror or exc}",
                         Location(str(pack_dir))) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(tmp)

    listed = ", ".join("/".join(parts) for parts in files)
    sys.stdout.write(_(
        "Created the agency pack {id!r} in {folder} (extends {base}):\n"
        "  {files}\n"
        "Next: edit sources.yaml and rules/agency.yaml (see README.md), then\n"
        "  smguide lint {shown}\n"
        "  smguide decide --pack {shown}\n").format(
            id=pid, folder=pack_dir, base=BASE, files=listed, shown=shown))
    sys.stdout.flush()
    return EXIT_OK


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
