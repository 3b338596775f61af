"""The commands of the CLI, each a plain function returning an exit code.

:mod:`smguide.cli` only parses options and calls these; they are imported lazily
so that ``smguide --help`` never loads the engine, pydantic or rich.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


def shown_path(path: Path) -> Path:
    """A file as people should read it (see :mod:`smguide.pack.paths`)."""
    from smguide.pack.paths import shown_path as shown

    return shown(path)


@contextmanager
def paths_relative() -> Iterator[None]:
    """An error's file, and the files its message names, relative to the current folder
    (or to the pack it is in), as lint prints them: never a long absolute path."""
    from smguide.errors import SmguideError

    try:
        yield
    except SmguideError as exc:
        from dataclasses import replace

        from smguide.lint.output import shown, shown_message

        if exc.location is not None:
            exc.location = replace(exc.location, path=shown(exc.location.path))
        exc.message = shown_message(exc.message)
        raise
