"""``smguide rules``: the rules of the pack in a table."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smguide.commands import EXIT_OK, load, write_out
from smguide.errors import UsageError

FORMATS = ("text", "json")


def run(*, packs: Sequence[Path] | None = None, fmt: str = "text") -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    pack = load(packs)
    if fmt == "json":
        from smguide.render import json as render_json

        write_out(render_json.rules(pack))
    else:
        from smguide.render import text

        text.rules(pack)
    return EXIT_OK
