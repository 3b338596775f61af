"""A cache of composed, validated packs, so that a command does not read YAML again.

Reading a pack (YAML, validation, composition, reference checks) is most of what
``smguide decide`` spends on a large pack; the result depends only on the files the
loader read and on smguide itself. So the validated :class:`~smguide.pack.models.Pack`
is kept in the user's cache folder (``$XDG_CACHE_HOME/smguide``, else
``~/.cache/smguide``; ``SMGUIDE_CACHE=off`` turns it off) and used again only when all
of these hold:

* the same smguide: its version and the size and time of each of its modules (a
  source checkout changes without a new version), and the same Python;
* the same packs, found the way the loader finds them now: the real path of each
  folder (a link switched to another version of the policy is another entry), the
  bases its ``extends`` and ``SMGUIDE_PACKS`` bring, resolved again;
* the same bytes: every file the loader would read now (and no other: nothing under
  ``scenarios/``, no FIFO or device is opened) has the SHA-256 of the bytes the loader
  parsed when the entry was made. Those are hashed as they are read, so a file that
  changes while it is read makes an entry that can only miss, never one that serves
  the old rules for the new content;
* the pack limits (``SMGUIDE_MAX_PACK_MIB``) allow it, as they would the files;
* the entry is whole and the user's (its SHA-256, keyed with a random key that only
  the user can read, is checked) and is what :mod:`~smguide.pack.cachecodec` writes:
  plain data, from which only the pack's own models are built. No entry can
  run code (no pickle). Past that seal, the entry's head is checked as it is read and
  each rule's other parts when the rule first uses them (a warm ``decide`` reads the
  texts of a few rules of thousands): one not as written, which only the key's holder
  could make, is one clear error (``cachedrule.DamagedEntry``).

The folder is the user's alone: created 0700 (and the parents smguide creates), opened
once without following a link and checked on the open descriptor (owner, mode), and
each entry too (a regular file of the user's, written by no one else). Entry names are
keyed hashes (with a random key kept in the folder) that say nothing about the paths.
The folder is kept under a size cap, the least recently used entries going first.

Anything else (missing, stale, truncated, corrupt, unreadable, someone else's) reads
the packs as if there were no cache; the cache is never trusted, only checked. Entries
are written to a temporary file and renamed into place, so a reader never sees half of
one; a cache that cannot be written is simply not used. A signal while the cache is
read or written stops smguide as anywhere else (the temporary file is removed).
Deleting the folder is always safe. Errors in a pack are never cached.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import json
import os
import stat
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import smguide
from smguide.errors import InputError, Interrupted

if TYPE_CHECKING:
    from smguide.pack.loader import Reading
    from smguide.pack.models import Pack

ENV_VAR = "SMGUIDE_CACHE"
FORMAT = b"smguide-pack-cache 3\n"  # 3: JSON data (cachecodec), no pickle
SUFFIX = ".pack"
KEY_FILE = "key"
MAX_BYTES = 128 * 1024 * 1024  # the folder's cap; the least recently used go first
MAX_ENTRIES = 64
MAX_ENTRY_BYTES = 512 * 1024 * 1024
_HERE = Path(smguide.__file__).parent
_FLAGS = os.O_CLOEXEC | os.O_NOFOLLOW


def folder(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the entries live, or None when the cache is turned off."""
    env = os.environ if environ is None else environ
    if env.get(ENV_VAR, "").lower() in ("off", "0", "no", "false"):
        return None
    base = env.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        home = env.get("HOME") or os.path.expanduser("~")
        if not home or home == "~" or not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "smguide"


def tool_stamp() -> str:
    """What identifies this smguide: version, Python, and each module's size and time."""
    parts = [smguide.__version__, sys.version, FORMAT.decode()]
    for module in sorted([*_HERE.glob("*.py"), *_HERE.glob("pack/*.py")]):
        info = module.stat()
        parts.append(f"{module.relative_to(_HERE)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def load(paths: list[Path]) -> Pack:
    """The packs composed and validated (:func:`smguide.pack.loader.load_packs`): from the
    cache if its entry is current, else read and then cached."""
    place = folder()
    if place is None:
        return _load_and_note(paths)[0]
    try:
        box = _Box.open(place)
    except OSError:
        box = None
    if box is None:
        return _load_and_note(paths)[0]
    with box:
        stamp, tops = _identity(paths)
        if tops is None:  # a pack that is not there: the loader says so
            return _load_and_note(paths)[0]
        name = box.name(stamp, tops)
        cached = box.read(name, stamp, tops)
        if cached is not None:
            return cached
        pack, readings = _load_and_note(paths)
        box.write(name, _meta(stamp, tops, readings), pack)
        return pack


def _identity(paths: list[Path]) -> tuple[str, list[str] | None]:
    """The tool's stamp and the real folders of the packs chosen (None: one does not
    exist or cannot be looked up, and the loader will say so)."""
    from smguide.pack.layout import pack_folder

    try:
        return tool_stamp(), [str(pack_folder(Path(p)).resolve()) for p in paths]
    except (OSError, ValueError, RuntimeError, InputError):
        return "", None


def _load_and_note(paths: list[Path]) -> tuple[Pack, list[Reading]]:
    from smguide.pack.loader import Reading, load_packs, read_pack  # YAML and validation

    readings: list[Reading] = []

    def read_one(pack_folder: Path) -> Pack:
        reading = Reading(pack_folder)
        readings.append(reading)
        layer = read_pack(pack_folder, reading)
        reading.extends = list(layer.manifest.extends)
        return layer

    with _no_gc():
        pack = _settle(load_packs(paths, read_one))
    return pack, readings


def _meta(stamp: str, tops: list[str], readings: list[Reading]) -> dict[str, Any]:
    """What an entry must match to be used: the tool, the packs chosen, and for each
    folder read (base first) its files with the SHA-256 of the bytes parsed."""
    return {"stamp": stamp, "tops": tops, "layers": [
        {"folder": str(r.folder), "files": r.files, "nodes": r.nodes, "extends": r.extends}
        for r in readings]}


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
    the collector would walk them all again and again. It is paused meanwhile, and
    runs as usual afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def current(meta: Any, stamp: str, tops: list[str]) -> bool:
    """Does the entry's metadata match what the loader would read now? Walks the packs
    the way the loader does (``smguide.pack.loader._layers``), listing each folder's
    files the loader's way (limits included) and hashing what it would read."""
    from smguide.pack.layout import (
        MANIFEST,
        MAX_FILE_BYTES,
        base_folder,
        pack_files,
        pack_folder,
        pack_limits,
    )
    from smguide.system.files import read_bytes

    if meta.get("stamp") != stamp or meta.get("tops") != tops:
        return False
    layers = meta["layers"]
    node_limit = pack_limits()[1]
    order: list[str] = []  # the folders as the loader reads them: before their bases

    def visit(where: Path) -> None:
        real = str(pack_folder(where).resolve())
        if real in order:
            return
        at = len(order)
        order.append(real)
        if at >= len(layers) or layers[at]["folder"] != real:
            raise _Stale
        layer = layers[at]
        if layer["nodes"] > node_limit:
            raise _Stale
        folder_path = Path(real)
        files = [str(folder_path / MANIFEST), *(str(p) for p in pack_files(folder_path))]
        if files != [f for f, _ in layer["files"]]:
            raise _Stale
        for path, digest in layer["files"]:
            if hashlib.sha256(read_bytes(Path(path), MAX_FILE_BYTES)).hexdigest() != digest:
                raise _Stale
        for spec in layer["extends"]:
            visit(base_folder(folder_path, spec))

    try:
        for top in tops:
            visit(Path(top))
    except _Stale:
        return False
    return len(order) == len(layers)


class _Stale(Exception):
    """The entry does not match the files."""


class _Box:
    """The cache folder, opened once and checked on its descriptor; entries are
    opened and written relative to it, never through a path that could be swapped."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.key = b""

    @classmethod
    def open(cls, place: Path) -> _Box | None:
        _make_private(place)
        fd = os.open(place, os.O_RDONLY | os.O_DIRECTORY | _FLAGS)
        box = cls(fd)
        try:
            info = os.fstat(fd)
            if info.st_uid != os.getuid():
                box.close()
                return None
            if info.st_mode & 0o077:  # ours: make it ours alone
                os.fchmod(fd, 0o700)
            box.key = box._key()
        except BaseException:
            box.close()
            raise
        return box

    def __enter__(self) -> _Box:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def _key(self) -> bytes:
        """The folder's random key for entry names, made once."""
        try:
            fd = os.open(KEY_FILE, os.O_RDONLY | _FLAGS, dir_fd=self.fd)
        except FileNotFoundError:
            fresh = os.urandom(32)
            try:
                fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600,
                             dir_fd=self.fd)
            except FileExistsError:
                return self._key()  # another smguide made it meanwhile
            with os.fdopen(fd, "wb") as handle:
                handle.write(fresh)
            return fresh
        with os.fdopen(fd, "rb") as handle:
            if not _ours(os.fstat(handle.fileno())):
                raise PermissionError("the cache key is not the user's own")
            key = handle.read(64)
        if len(key) != 32:
            raise OSError("the cache key is damaged")
        return key

    def name(self, stamp: str, tops: list[str]) -> str:
        """The entry's name: a keyed hash that tells nothing about the paths."""
        message = json.dumps([stamp, tops]).encode()
        return hmac.new(self.key, message, "sha256").hexdigest()[:40] + SUFFIX

    def seal(self, meta: bytes, payload: bytes | memoryview) -> str:
        """What an entry's second line holds: a keyed SHA-256 of its metadata and
        payload. Without the folder's key (the user's alone) no one can make or change
        an entry that passes, and a damaged one fails."""
        check = hmac.new(self.key, meta, "sha256")
        check.update(payload)
        return check.hexdigest()

    def read(self, name: str, stamp: str, tops: list[str]) -> Pack | None:
        from smguide.pack import cachecodec

        blob = self._blob(name)
        if blob is None:
            return None
        try:
            first = blob.index(b"\n")
            second = blob.index(b"\n", first + 1)
            third = blob.index(b"\n", second + 1)
            head, digest = blob[:first + 1], blob[first + 1:second]
            meta_text = blob[second + 1:third]
            payload = memoryview(blob)[third + 1:]
            if head != FORMAT or not hmac.compare_digest(
                    self.seal(meta_text, payload), digest.decode("ascii")):
                return None
            meta = json.loads(meta_text)
            if not current(meta, stamp, tops):
                return None
            with _no_gc():
                return _settle(cachecodec.decode(payload, sealed=True))
        except Interrupted:
            raise
        except Exception:  # a bad or stale entry is a miss, whatever is wrong with it
            return None

    def _blob(self, name: str) -> bytes | None:
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _FLAGS, dir_fd=self.fd)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not (_ours(info) and info.st_nlink == 1 and info.st_size <= MAX_ENTRY_BYTES):
                return None
            with contextlib.suppress(OSError):
                os.utime(fd)  # used now: the last to go when the folder is pruned
            try:
                return handle.read(MAX_ENTRY_BYTES + 1)
            except OSError:
                return None

    def write(self, name: str, meta: dict[str, Any], pack: Pack) -> None:
        """Write the entry (whole or not at all), then prune the folder."""
        from smguide.pack import cachecodec

        try:
            meta_text = json.dumps(meta, separators=(",", ":")).encode()
            payload = cachecodec.encode(pack)
        except (ValueError, TypeError, RecursionError,  # pragma: no cover - a model changed
                OverflowError):  # a number past 32 bits: no cache
            return
        blob = b"".join((FORMAT, self.seal(meta_text, payload).encode(), b"\n", meta_text,
                         b"\n", payload))
        temp = f".{os.urandom(8).hex()}.tmp"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600,
                         dir_fd=self.fd)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(temp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except OSError:
            pass  # a full disk, a folder gone: no cache this time
        finally:  # after the rename the temporary name is gone; else remove it, whatever came
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=self.fd)
        self.prune(keep=name)

    def prune(self, keep: str) -> None:
        """Keep the folder under its cap: the least recently used entries go first,
        and temporary files left by a smguide that was killed."""
        try:
            found = []
            with os.scandir(self.fd) as listing:
                for item in listing:
                    info = item.stat(follow_symlinks=False)
                    if item.name.endswith(".tmp") and info.st_mtime < time.time() - 3600:
                        os.unlink(item.name, dir_fd=self.fd)
                    elif item.name.endswith(SUFFIX) and item.name != keep:
                        found.append((info.st_mtime_ns, info.st_size, item.name))
            found.sort(reverse=True)  # the most recent first
            total = sum(size for _, size, _ in found)
            while found and (total > MAX_BYTES or len(found) >= MAX_ENTRIES):
                _, size, old = found.pop()
                os.unlink(old, dir_fd=self.fd)
                total -= size
        except OSError:
            return


def _ours(info: os.stat_result) -> bool:
    """A regular file of this user's that no one else may write."""
    return (stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()
            and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _make_private(place: Path) -> None:
    """Create the folder and any missing parent, each 0700 whatever the umask."""
    missing = []
    here = place
    while not os.path.lexists(here):
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)
            os.chmod(path, 0o700)  # mkdir's mode is cut by the umask


