"""Signals end smguide the way Ctrl-C does (issue 8, R18, R21, R22).

:func:`install` (from ``cli.main``) makes SIGTERM and SIGHUP raise :class:`Terminated`,
so that ``finally`` blocks run (a record's temporary file is removed) and the user gets
one line and an exit code (128 + the signal's number), and it puts the terminal's mode
back as it found it when smguide ends, whatever happened at a prompt.

:func:`prompts_obey_sigint` makes ``kill -INT`` (``timeout -s INT``, supervisors) stop a
questionary menu as the Ctrl-C key does; prompt_toolkit otherwise turns the signal into
a key that questionary ignores.

:func:`held` keeps these signals from cutting a short critical section (writing a
record) in two; the caller decides afterwards what a signal that came meant.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from smguide.errors import Interrupted
from smguide.i18n import _

STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                 if hasattr(signal, name))


class Terminated(Interrupted):
    """SIGTERM or SIGHUP: stop as for Ctrl-C, with the shell's exit code for the signal."""

    def __init__(self, signum: int, message: str | None = None) -> None:
        super().__init__(message or _stopped_by(signum, _("nothing was written")))
        self.signum = signum
        self.exit_code = 128 + signum


def _raise_terminated(signum: int, _frame: Any) -> None:
    raise Terminated(signum)


def _terminal_mode() -> Callable[[], None]:
    """A function that sets the terminal back to its mode now (if stdin is one)."""
    try:
        import termios

        fd = sys.stdin.fileno()
        if not sys.stdin.isatty():
            return lambda: None
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError, AttributeError):
        return lambda: None

    def restore() -> None:
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    return restore


def install() -> Callable[[], None]:
    """Install the handlers; return a function that restores them and the terminal."""
    restore_terminal = _terminal_mode()
    if threading.current_thread() is not threading.main_thread():
        return restore_terminal
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_terminated)

    def restore() -> None:
        restore_terminal()
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore


def stopped(signum: int, outcome: str) -> Interrupted:
    """The error that ends smguide after signal ``signum``, saying what was written."""
    if signum == signal.SIGINT:
        return Interrupted(_("interrupted; {outcome}").format(outcome=outcome))
    return Terminated(signum, _stopped_by(signum, outcome))


def _stopped_by(signum: int, outcome: str) -> str:
    return _("stopped by {signal}; {outcome}").format(signal=signal.Signals(signum).name,
                                                        outcome=outcome)


def stopped_after(exc: BaseException, outcome: str) -> Interrupted:
    """Ctrl-C or a signal (``exc``) came after a file was written: say so, keep the code."""
    return stopped(exc.signum if isinstance(exc, Terminated) else signal.SIGINT, outcome)


@contextlib.contextmanager
def held(caught: list[int]) -> Iterator[None]:
    """Run the block without SIGINT, SIGTERM or SIGHUP cutting into it; the numbers of
    those that came are appended to ``caught`` (the caller raises afterwards)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def note(signum: int, _frame: Any) -> None:
        caught.append(signum)

    # A signal ignored on purpose (nohup ignores SIGHUP) stays ignored.
    previous = {signum: signal.signal(signum, note) for signum in STOPPING
                if signal.getsignal(signum) is not signal.SIG_IGN}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def prompts_obey_sigint() -> None:
    """Make a SIGINT signal end a running prompt_toolkit application like Ctrl-C."""
    from prompt_toolkit.key_binding.key_processor import KeyProcessor

    if getattr(KeyProcessor.send_sigint, "_smguide", False):
        return

    def send_sigint(self: KeyProcessor) -> None:
        from prompt_toolkit.application.current import get_app_or_none

        app = get_app_or_none()
        if app is not None and app.future is not None and not app.future.done():
            app.exit(exception=KeyboardInterrupt())

    send_sigint._smguide = True  # type: ignore[attr-defined]
    KeyProcessor.send_sigint = send_sigint  # type: ignore[method-assign]
