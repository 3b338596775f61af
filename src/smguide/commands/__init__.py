"""The commands of the CLI, each a plain function returning an exit code.

:mod:`smguide.cli` only parses options and calls these; they are imported lazily
so that ``smguide --help`` never loads the engine, pydantic or rich.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1  # reserved: lint/test found problems


def write_out(text: str) -> None:
    """Write to standard output, ending with exactly one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


LIST_FORMATS = ("text", "json")


def list_pack(packs: Sequence[Path] | None, fmt: str, what: str) -> int:
    """``smguide questions`` and ``smguide rules``: one listing of the pack, as the
    renderers' function ``what`` draws it."""
    from smguide.errors import UsageError

    if fmt not in LIST_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(LIST_FORMATS)}")
    from smguide.pack.selection import load_and_warn

    pack = load_and_warn(packs)
    if fmt == "json":
        from smguide.render import json as render_json

        write_out(getattr(render_json, what)(pack))
    else:
        from smguide.render import text

        getattr(text, what)(pack)
    return EXIT_OK
