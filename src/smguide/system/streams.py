"""Standard streams that fail cleanly (issue 8, R7-R10).

Every byte smguide prints goes through ``sys.stdout`` (``commands.write_out``, rich's
console, questionary), so :func:`install` wraps it once, in ``cli.main``:

* the reader went away (``smguide rules | head``): :class:`PipeClosed`, which the CLI
  turns into a quiet exit 141. Rich catches ``BrokenPipeError`` itself and exits 1,
  so the error must not reach it under that name;
* the output cannot be written (a full disk, standard output closed):
  :class:`OutputError`, one line on stderr, exit 2;
* an output encoding that is not UTF-8 (``PYTHONIOENCODING=latin-1``): the symbols
  smguide uses get ASCII stand-ins, and any other character a ``?``;
* standard input closed (``<&-``): it reads as empty, like ``/dev/null``, so answers
  given with ``--set`` still work and the prompt says there is no terminal.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

from smguide.errors import SmguideError

EXIT_PIPE = 141  # what a shell reports for a process ended by SIGPIPE

# Stand-ins for the symbols of the text output where the encoding cannot show them;
# one character each where text is wrapped, so that lines keep their width.
ASCII = str.maketrans({"☐": "-", "⚠": "!", "•": "*", "—": "-", "–": "-", "→": ">",
                       "›": ">", "‹": "<", "“": '"', "”": '"', "‘": "'", "’": "'",
                       "…": "...", "✓": "v", "✗": "x", "×": "x"})


# The characters a terminal obeys rather than shows (C0 but tab and line feed, DEL, C1)
# and the bidi overrides and isolates, which reorder what is shown. Text from outside
# (file names, pseudonyms, pack texts) is printed with these made visible (:func:`inert`):
# none of it can clear the screen, move the cursor, write the clipboard or repaint a verdict.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_AND_BREAKS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


_ASCII_SPACES = re.compile("[ \t\n\r\f\v]+")


def single_spaced(text: str) -> str:
    """Runs of ordinary white space as one space, ends trimmed. Unlike ``" ".join(
    text.split())``, a non-breaking space stays: French puts one before ":" and inside
    « », so that no line breaks there."""
    return _ASCII_SPACES.sub(" ", text).strip(" ")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), so that
    printing it cannot drive the terminal; ``one_line``: line breaks and tabs too."""
    pattern = _CONTROL_AND_BREAKS if one_line else CONTROL
    return pattern.sub(_shown, text) if pattern.search(text) else text


class PipeClosed(Exception):
    """Standard output's reader went away; stop quietly (exit 141)."""


class OutputError(SmguideError):
    """Standard output cannot be written (a full disk, a closed stream)."""


def _is_utf(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


class _Closed:
    """Standard output when the process was started with it closed (``>&-``)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


class SafeOutput:
    """A text stream's stand-in that turns write failures into the errors above."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._ascii = not _is_utf(getattr(stream, "encoding", None))

    def write(self, text: str) -> int:
        if self._ascii:
            text = text.translate(ASCII)
        written = _guard(lambda: self._stream.write(text))
        return written if isinstance(written, int) else len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        _guard(self._stream.flush)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _guard(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except BrokenPipeError:
        raise PipeClosed from None
    except OSError as exc:
        if exc.errno == errno.EIO:  # the terminal was closed: a hang-up, as SIGHUP says
            import signal

            from smguide.system.signals import Terminated

            raise Terminated(signal.SIGHUP) from None
        reason = (exc.strerror or str(exc)).lower()
        raise OutputError(f"cannot write the output: {reason}") from None


def install() -> Callable[[], None]:
    """Make the standard streams safe; return a function that puts them back."""
    saved = (sys.stdin, sys.stdout, sys.stderr)
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as we do
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            stream = _Closed()
        elif not _is_utf(getattr(stream, "encoding", None)):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")
        setattr(sys, name, stream if isinstance(stream, SafeOutput) else SafeOutput(stream))

    def restore() -> None:
        sys.stdin, sys.stdout, sys.stderr = saved

    return restore


def discard_stdout() -> None:
    """After an output error: send what is still buffered nowhere, so that Python's own
    flush at exit does not fail again."""
    try:
        # The stream's own descriptor: none when it started closed (fd 1 may be one of
        # our files by now) or is not a file (tests capture it).
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
