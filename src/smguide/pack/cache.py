"""A cache of composed, validated packs, so that a command does not read YAML again.

Reading a pack (YAML, validation, composition, reference checks) is most of what
``smguide decide`` spends on a large pack; the result depends only on the pack files
and on smguide itself. So the validated :class:`~smguide.pack.models.Pack` is kept in the
user's cache folder (``$XDG_CACHE_HOME/smguide``, else ``~/.cache/smguide``;
``SMGUIDE_CACHE=off`` turns it off), one file per choice of packs, and used again
only when all of these hold:

* the same smguide: its version and the size and time of each of its modules (a
  source checkout changes without a new version), and the same Python;
* the same pack files: every ``*.yaml``/``*.yml`` file under each pack folder used
  (the bases an ``extends`` brings included), listed again and compared by SHA-256;
  a file added, removed or changed in any way means reading the packs again;
* the entry is whole: its own SHA-256 is checked before anything in it is used.

Anything else (missing, stale, truncated, corrupt, unreadable) reads the packs as if
there were no cache and writes a fresh entry; the cache is never trusted, only
checked. Entries are written to a temporary file and renamed into place, so a reader
never sees half an entry; a cache that cannot be written is simply not used. Deleting
the folder is always safe. Errors in a pack are never cached: they are reported by the
loader each time.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import smguide

if TYPE_CHECKING:
    from smguide.pack.models import Pack

ENV_VAR = "SMGUIDE_CACHE"
FORMAT = b"smguide-pack-cache 2\n"  # 2: the models are plain slotted classes
SUFFIXES = (".yaml", ".yml")
_HERE = Path(smguide.__file__).parent


def folder(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the entries live, or None when the cache is turned off."""
    env = os.environ if environ is None else environ
    if env.get(ENV_VAR, "").lower() in ("off", "0", "no", "false"):
        return None
    base = env.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        home = env.get("HOME") or os.path.expanduser("~")
        if not home or home == "~":
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "smguide"


def tool_stamp() -> str:
    """What identifies this smguide: version, Python, and each module's size and time."""
    parts = [smguide.__version__, sys.version, str(pickle.HIGHEST_PROTOCOL)]
    for module in sorted([*_HERE.glob("*.py"), *_HERE.glob("pack/*.py")]):
        info = module.stat()
        parts.append(f"{module.relative_to(_HERE)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def pack_files(folders: list[Path]) -> dict[str, str]:
    """Every YAML file under the folders (more than the loader reads, never fewer),
    with its SHA-256; a linked folder, which the loader refuses, is listed as such."""
    out: dict[str, str] = {}
    for top in folders:
        for root, dirs, names in os.walk(top):
            dirs.sort()
            for name in dirs:
                if os.path.islink(os.path.join(root, name)):
                    out[os.path.join(root, name)] = "link"
            for name in sorted(names):
                if name.endswith(SUFFIXES):
                    path = os.path.join(root, name)
                    with open(path, "rb") as handle:
                        out[path] = hashlib.file_digest(handle, "sha256").hexdigest()
    return out


def _settled_before(files: dict[str, str], start_ns: int) -> bool:
    """Were the files last changed before the packs were read (with a margin for
    coarse file times)? If not, one may have changed while being read: not cached."""
    try:
        return all(os.stat(path).st_mtime_ns < start_ns - 2_000_000_000 for path in files)
    except OSError:
        return False


def _entry(place: Path, paths: list[Path]) -> Path:
    """One entry per choice of packs, as written (locations quote the paths as given)."""
    key = json.dumps([os.getcwd(), [str(p) for p in paths]])
    return place / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".pack")


def load(paths: list[Path]) -> Pack:
    """The packs composed and validated (:func:`smguide.pack.loader.load_packs`): from the
    cache if its entry is current, else read and then cached."""
    place = folder()
    entry = _entry(place, paths) if place is not None else None
    stamp = tool_stamp() if entry is not None else ""
    if entry is not None:
        cached = _read(entry, stamp)
        if cached is not None:
            return cached
    from smguide.pack.loader import load_packs, read_pack  # YAML and validation: only now

    used: list[Path] = []  # every pack folder read, the bases an extends brings too

    def read_one(pack_folder: Path) -> Pack:
        used.append(pack_folder)
        return read_pack(pack_folder)

    start = time.time_ns()
    with _no_gc():
        pack = _settle(load_packs(paths, read_one))
    if entry is not None:
        _write(entry, stamp, used, pack, start)
    return pack


LARGE = 1000  # rules


def _settle(pack: Pack) -> Pack:
    """A large pack lives as long as the command: move it out of the collector's
    sight (``gc.freeze``), or every collection the engine's work sets off walks its
    hundreds of thousands of objects again (half of ``decide`` on 10,000 rules).
    Called while the collector is paused: the first collection after it would
    otherwise walk them all once more (a tenth of a second at 10,000 rules)."""
    if len(pack.rules) >= LARGE:
        gc.freeze()
    return pack


@contextmanager
def _no_gc() -> Iterator[None]:
    """Building a pack makes hundreds of thousands of objects, none of them garbage;
    the collector would walk them all again and again (most of the time of unpickling
    a large pack). It is paused meanwhile, and runs as usual afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _private(path: Path) -> bool:
    """Only the user may have written it: an entry is unpickled, and a pickle written
    by someone else could run their code."""
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(entry: Path, stamp: str) -> Pack | None:
    from smguide.pack.models import Pack

    try:
        if not (_private(entry.parent) and _private(entry)):
            return None
        with open(entry, "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    try:
        # Views, not copies: a large pack's entry is tens of megabytes.
        first = blob.index(b"\n")
        second = blob.index(b"\n", first + 1)
        third = blob.index(b"\n", second + 1)
        head, digest, meta_text = blob[:first], blob[first + 1:second], blob[second + 1:third]
        payload = memoryview(blob)[third + 1:]
        if head + b"\n" != FORMAT or _digest(meta_text, payload) != digest.decode():
            return None
        meta = json.loads(meta_text)
        if meta["stamp"] != stamp:
            return None
        if pack_files([Path(f) for f in meta["folders"]]) != meta["files"]:
            return None
        with _no_gc():
            pack = pickle.loads(payload)
            if isinstance(pack, Pack):
                _settle(pack)
    except Exception:  # a bad entry is a miss, whatever is wrong with it
        return None
    return pack if isinstance(pack, Pack) else None


def _digest(meta: bytes, payload: bytes | memoryview) -> str:
    """What an entry's first line holds: the SHA-256 of its metadata and payload."""
    check = hashlib.sha256(meta)
    check.update(payload)
    return check.hexdigest()


def _write(entry: Path, stamp: str, folders: list[Path], pack: Pack, start_ns: int) -> None:
    try:
        files = pack_files(folders)
        if not _settled_before(files, start_ns):
            return
        meta = json.dumps({"stamp": stamp, "folders": [str(f) for f in folders],
                           "files": files}).encode()
        buffer = io.BytesIO()
        pickler = _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.place_tests(pack)
        pickler.dump(pack)
        payload = buffer.getvalue()
        digest = _digest(meta, payload).encode()
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(b"".join((FORMAT, digest, b"\n", meta, b"\n", payload)))
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # whatever stops the writing, the pack itself is fine: no cache
        return


class Spots:
    """Where the tests of one condition stand, as the cache keeps it: line and column
    by the test's path. It stands in for the YAML document the loader worked them out
    from (which the cache does not keep), behind the condition's shared
    :class:`~smguide.pack.conditions.Origin`: the tests still locate themselves only when
    asked, and unpickling makes no location object at all."""

    __slots__ = ("file", "table")

    def __init__(self, file: str, table: dict[Any, tuple[int, int]]) -> None:
        self.file = file
        self.table = table

    def location_under(self, base: Any, path: Any) -> Any:
        from smguide.errors import Location

        spot = self.table.get(path)
        return None if spot is None else Location(self.file, spot[0], spot[1])


class _Pickler(pickle.Pickler):
    """Frozen slotted classes (conditions, locations) unpickle slowly by default
    (``dataclasses`` looks up the fields for every object); rebuild them by their
    constructor instead. Equal ids, option sets, paths and file names are written
    once and shared: a large pack repeats them hundreds of thousands of times.
    A condition's tests keep a shared origin (:class:`Spots`), not a location each."""

    def __init__(self, file: io.BytesIO, protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self._shared: dict[object, object] = {}
        self._origins: dict[int, tuple[object, object]] = {}

    def _one(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)

    def place_tests(self, pack: Pack) -> None:
        """Work out where every test stands, one origin at a time, before any is
        written (pickle writes an object whole when it first meets it)."""
        from smguide.pack import conditions as c

        conditions = [r.when for r in pack.rules] + [s.when for s in pack.silences] + [
            q.ask_if for q in pack.questions if q.ask_if is not None]
        for condition in conditions:
            for test in c.tests_of(condition):
                at = test._at
                if type(at) is not c.Origin or at.document is None:
                    continue
                kept = self._origins.get(id(at))
                if kept is None:
                    cached = c.Origin()
                    cached.place(Spots("", {}), ())
                    kept = self._origins[id(at)] = (at, cached)
                spots: Spots = kept[1].document  # type: ignore[attr-defined]
                where = test.location
                if where is not None:
                    spots.file = self._one(where.path)
                    spots.table[test.path] = (where.line, where.column)

    def reducer_override(self, obj: Any) -> Any:
        from smguide.errors import Location
        from smguide.pack import conditions as c

        kind = type(obj)
        one = self._one
        if kind is Location:
            return Location, (one(obj.path), obj.line, obj.column)
        if kind is c.Test:
            at = obj._at
            if type(at) is c.Origin:
                kept = self._origins.get(id(at))
                at = kept[1] if kept is not None else obj.location
            return c.Test, (one(obj.question), one(obj.options), one(obj.path), at)
        if kind is c.All or kind is c.AnyOf:
            return kind, (obj.items, one(obj.path))
        if kind is c.Not:
            return c.Not, (obj.item, one(obj.path))
        return NotImplemented
