"""The commands of the CLI, each a plain function returning an exit code.

:mod:`smguide.cli` only parses options and calls these; they are imported lazily
so that ``smguide --help`` never loads the engine, pydantic or rich.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smguide.models import Pack

EXIT_OK = 0
EXIT_PROBLEMS = 1  # reserved: lint/test found problems
EXIT_USAGE = 2  # usage or bad input (every SmguideError)
EXIT_INTERRUPTED = 130


def load(packs: Sequence[Path] | None) -> Pack:
    """The rule pack(s) to use: --pack, else SMGUIDE_PACKS, else the bundled defaults
    (see :mod:`smguide.packs`)."""
    from smguide import packs as selection

    return selection.load(packs)


def write_out(text: str) -> None:
    """Write to standard output, ending with exactly one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()
