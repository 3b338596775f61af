"""The error hierarchy. Every error a user can cause is a SmguideError.

The CLI prints ``str(error)`` as one line and exits with ``error.exit_code``;
anything else is a bug and gets a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file; line and column are 1-based, as editors show them."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


class SmguideError(Exception):
    """Base of all expected errors."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is not None:
            return f"{self.location}: {self.message}"
        return self.message


class UsageError(SmguideError):
    """The command line itself is wrong (unknown option value, missing terminal...)."""


class InputError(SmguideError):
    """A file (rule pack, answers, scenario) is unreadable, malformed or invalid."""


class LimitError(InputError):
    """A file is too large, too deep or expands too far: refused whole (hostile or broken)."""


class PackError(InputError):
    """A rule pack is structurally invalid (schema or references)."""


class Interrupted(SmguideError):
    """The user pressed Ctrl-C or closed stdin; nothing was written."""

    exit_code = 130
