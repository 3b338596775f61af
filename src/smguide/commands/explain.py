"""``smguide explain RULE_ID``: one rule in full, with its citations and exceptions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smguide.commands import EXIT_OK, write_out
from smguide.errors import UsageError
from smguide.pack.selection import load_and_warn

FORMATS = ("text", "json")


def run(rule_id: str, *, packs: Sequence[Path] | None = None, fmt: str = "text") -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    pack = load_and_warn(packs)
    rule = pack.rule(rule_id)
    if rule is None:
        ids = [r.id for r in pack.rules]
        from smguide.i18n import _, did_you_mean

        hint = did_you_mean(rule_id, ids)
        raise UsageError(_("no rule {rule!r} in pack {pack!r}; {hint}'smguide rules' lists "
                           "them").format(rule=rule_id, pack=pack.id, hint=hint))
    if fmt == "json":
        from smguide.render import json as render_json

        write_out(render_json.explain(pack, rule))
    else:
        from smguide.render import text

        text.explain(pack, rule)
    return EXIT_OK
