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
import tempfile
from pathlib import Path

from smguide.errors import InputError, Location, UsageError


def _umask() -> int:
    # os.umask can only be read by setting it; set it back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_target(path: Path, *, overwrite: bool) -> None:
    """Fail early (before any work is done) if ``path`` cannot be written."""
    where = Location(str(path))
    if path.is_dir():
        raise UsageError("is a folder; give a file name for the record", where)
    if path.exists() and not overwrite:
        raise UsageError("already exists; choose another name or add --force to replace it", where)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError("the folder to write into does not exist", where)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError("permission denied: cannot write into this folder", where)


def atomic_write(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write ``data`` to ``path`` atomically; never leave a partial or temporary file.

    With ``overwrite`` false, an existing file (even one created while we were
    writing) is never replaced.
    """
    where = Location(str(path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", where) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the permissions of any new file.
        os.chmod(tmp, 0o666 & ~_umask())
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
        raise InputError(f"cannot write: {exc.strerror or exc}", where) from None
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
