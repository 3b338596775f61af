"""The commands of the CLI, each a plain function returning an exit code.

:mod:`smguide.cli` only parses options and calls these; they are imported lazily
so that ``smguide --help`` never loads the engine, pydantic or rich.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smguide.pack.models import Pack

EXIT_OK = 0
EXIT_PROBLEMS = 1  # reserved: lint/test found problems
EXIT_USAGE = 2  # usage or bad input (every SmguideError)
EXIT_INTERRUPTED = 130


def load(packs: Sequence[Path] | None) -> Pack:
    """The rule pack(s) to use: --pack, else SMGUIDE_PACKS, else the bundled defaults
    (see :mod:`smguide.pack.selection`)."""
    from smguide.pack import selection

    pack = selection.load(packs)
    warn_language(pack)
    return pack


_warned: set[str] = set()


def warn_language(pack: Pack) -> None:
    """One warning (per pack, per run) when the pack does not declare the language asked
    for: its texts then fall back to English one by one, never a crash."""
    from smguide.i18n import N_, NAMES, _, current

    language = current()
    if language in pack.manifest.languages or pack.id in _warned:
        return
    _warned.add(pack.id)
    sys.stderr.write("smguide: " + _(
        "warning: the rule pack {pack} does not declare {language} (languages: {declared} "
        "in its pack.yaml); its texts without a translation are shown in English").format(
            pack=pack.id, language=_(NAMES.get(language, N_(language))),
            declared=", ".join(pack.manifest.languages)) + "\n")


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
    pack = load(packs)
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
