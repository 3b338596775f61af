"""``smguide explain RULE_ID``: one rule in full, with its citations and exceptions."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from smguide.commands import EXIT_OK, load, write_out
from smguide.errors import UsageError

FORMATS = ("text", "json")


def run(rule_id: str, *, packs: Sequence[Path] | None = None, fmt: str = "text") -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    pack = load(packs)
    rule = pack.rule(rule_id)
    if rule is None:
        ids = [r.id for r in pack.rules]
        close = difflib.get_close_matches(rule_id, ids, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        raise UsageError(f"no rule {rule_id!r} in pack {pack.id!r}; {hint}"
                         "'smguide rules' lists them")
    if fmt == "json":
        from smguide.render import json as render_json

        write_out(render_json.explain(pack, rule))
    else:
        from smguide.render import text

        text.explain(pack, rule)
    return EXIT_OK
