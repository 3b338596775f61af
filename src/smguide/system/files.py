"""Writing files so that a reader never sees half of one.

``atomic_write`` writes to a temporary file in the target's folder, flushes it to
disk, then moves it into place in one step. If anything fails (a full disk, a
permission problem, Ctrl-C), the temporary file is removed and the target is
left as it was: either absent or the previous complete file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from smguide.errors import InputError, Interrupted, LimitError, Location, UsageError
from smguide.i18n import _


def _umask() -> int:
    # os.umask can only be read by setting it; set it back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def probe(path: Path) -> os.stat_result | None:
    """What is at ``path`` (following links), or None if nothing is; a name the system
    cannot even look up (too long, a loop of links, no permission) is an InputError."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise path_error(exc, path) from None


def path_error(exc: OSError, path: Path) -> InputError:
    """One clear message for a path the system refused (no Python internals)."""
    return open_error(exc, path)


def read_bytes(path: Path, max_bytes: int, *, pipe_ok: bool = False) -> bytes:
    """A regular file's bytes; anything else (a FIFO, a device, a dangling link) is refused
    before it is read, so that nothing can hang or stream forever. ``pipe_ok``: a pipe the
    user named (``--answers /dev/stdin``, ``<(...)``) is read too, to its end (at most
    ``max_bytes``); smguide never opens one it finds by itself (in a pack folder)."""
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
    except OSError as exc:
        raise open_error(exc, path) from None
    try:
        info = os.fstat(fd)
    except OSError as exc:  # pragma: no cover - fstat of an open file
        os.close(fd)
        raise open_error(exc, path) from None
    piped = pipe_ok and stat.S_ISFIFO(info.st_mode)
    if not stat.S_ISREG(info.st_mode) and not piped:
        os.close(fd)
        raise InputError(_("is {kind}, not a regular file").format(kind=_kind_of(info.st_mode)),
                         Location(name))
    if piped:  # wait for the writer, as any reader of a pipe does
        os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as handle:
        try:
            if info.st_size > max_bytes:
                raise LimitError(
                    f"file is too large ({info.st_size // (1024 * 1024)} MiB; the limit is "
                    f"{max_bytes // (1024 * 1024)} MiB)",
                    Location(name),
                )
            raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise open_error(exc, path) from None
    if len(raw) > max_bytes:
        raise LimitError(_("file is too large"), Location(name))
    return raw


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a file")


def open_error(exc: OSError, path: Path) -> InputError:
    """One clear message for a file that cannot be opened (no Python internals)."""
    where = Location(str(path))
    if isinstance(exc, IsADirectoryError):
        return InputError(_("is a folder, not a file"), where)
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return InputError(_("is a symbolic link to a file that does not exist"), where)
        return InputError(_("no such file"), where)
    if isinstance(exc, PermissionError):
        return InputError(_("permission denied"), where)
    if exc.errno == errno.ELOOP:
        return InputError(_("is a loop of symbolic links"), where)
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(_("the file name is too long"), where)
    return InputError(_("cannot read: {reason}").format(reason=exc.strerror or exc), where)


def check_target(path: Path, *, overwrite: bool, what: str = "record") -> None:
    """Fail early (before any work is done) if ``path`` cannot be written."""
    where = Location(str(path))
    info = check_replaceable(path, what)
    if info is not None and not overwrite:
        raise UsageError(_("already exists; choose another name or add --force to replace it"),
                         where)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(_("the folder to write into does not exist"), where)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(_("permission denied: cannot write into this folder"), where)
    check_temp_name(path)


def check_replaceable(path: Path, what: str) -> os.stat_result | None:
    """What is at ``path``: nothing, or a regular file. A folder, a device (/dev/null),
    a FIFO or a socket is refused: an atomic write would replace it. So is a symbolic
    link (/dev/stdout is one): the write would replace the link, not what it points to."""
    if os.path.islink(path):
        raise UsageError(f"is a symbolic link, which writing would replace; give the "
                         f"{what}'s own file name", Location(str(path)))
    return check_regular(path, what)


def check_regular(path: Path, what: str) -> os.stat_result | None:
    """What is at ``path`` (following links): nothing, or a regular file; else refused."""
    info = probe(path)
    where = Location(str(path))
    if info is None or stat.S_ISREG(info.st_mode):
        return info
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"is a folder; give a file name for the {what}", where)
    raise UsageError(f"is not a regular file (a device, pipe or socket); give a file name "
                     f"for the {what}", where)


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # pragma: no cover - not POSIX
        return 255


def check_temp_name(path: Path) -> None:
    """The temporary file beside ``path`` (``.NAME.XXXXXXXX.tmp``) must fit the folder's
    limit on names too: say so now, not after the whole interview."""
    folder = path.parent if str(path.parent) else Path(".")
    limit = _name_max(folder)
    if len(os.fsencode(path.name)) + _TEMP_EXTRA > limit:
        raise UsageError(f"the file name is too long: at most {limit - _TEMP_EXTRA} bytes here "
                         "(room is needed for a temporary name while writing)",
                         Location(str(path)))


# mkstemp's names: "." + name + "." + 8 random characters + ".tmp"
_TEMP_EXTRA = 14


def atomic_write(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write ``data`` to ``path`` atomically; never leave a partial or temporary file.

    With ``overwrite`` false, an existing file (even one created while we were
    writing) is never replaced. A signal (Ctrl-C, SIGTERM, SIGHUP) while writing
    stops smguide with a message that says truly whether the file was written: before
    the file is moved into place, nothing is; once it is, it is complete.
    """
    from smguide.system.signals import held

    caught: list[int] = []
    with held(caught):
        _write(path, data, overwrite=overwrite, caught=caught)
    if caught:
        raise _stopped(caught[0], _("{path} was written in full").format(path=path))


def _stopped(signum: int, outcome: str) -> Interrupted:
    from smguide.system.signals import stopped

    return stopped(signum, outcome)


def _write(path: Path, data: bytes, *, overwrite: bool, caught: list[int]) -> None:
    import tempfile  # only here: reading a pack (a warm decide) needs neither it nor shutil

    where = Location(str(path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(_("cannot write: {reason}").format(reason=exc.strerror or exc),
                         where) from None
    tmp = Path(tmp_name)
    try:
        check_replaceable(path, "file")  # again: it may have changed since the first check
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the permissions of any new file.
        os.chmod(tmp, 0o666 & ~_umask())
        if caught:  # a signal came: stop before anything is in place
            raise _stopped(caught[0], _("nothing was written"))
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
        _fsync_folder(folder)
    except FileExistsError:
        raise UsageError(
            "already exists; choose another name or add --force to replace it", where
        ) from None
    except OSError as exc:
        raise InputError(_("cannot write: {reason}").format(reason=exc.strerror or exc),
                         where) from None
    finally:
        # After os.replace the temporary name is gone; otherwise remove it, whatever happened.
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _link_no_clobber(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` only if ``path`` does not exist, atomically where possible."""
    try:
        os.link(tmp, path)  # fails with FileExistsError if path exists
    except FileExistsError:
        raise
    except OSError as exc:
        # Some file systems have no hard links; fall back to check-then-replace.
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS):
            raise
        if path.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp, path)


def _fsync_folder(folder: Path) -> None:
    """Make the new directory entry durable (POSIX); harmless where unsupported."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open folders
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)
