"""``smguide diff OLD NEW --exhaustive``: is the revision ever laxer, over every
combination of answers? Exit 0 never, 1 somewhere (with grouped witness situations),
2 for bad input or packs that ask different questions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smguide.commands import EXIT_OK, EXIT_PROBLEMS, paths_relative, write_out
from smguide.errors import UsageError
from smguide.i18n import _, ngettext
from smguide.pack.selection import load_and_warn as load

if TYPE_CHECKING:
    from smguide.analysis.compare import Comparison
    from smguide.pack.models import Pack, Verdict

SCHEMA = "smguide.diff-exhaustive/1"


def run(*, old: Path, new: Path, fmt: str = "text") -> int:
    from smguide.analysis.compare import NotComparable, NotProved, compare

    with paths_relative():
        old_pack, new_pack = load([old]), load([new])
    try:
        result = compare(old_pack, new_pack)
    except NotComparable as exc:
        raise UsageError(f"--exhaustive compares packs that ask the same questions, with the "
                         f"same options and ask_if; these differ: {exc}") from None
    except NotProved as exc:
        raise UsageError(f"--exhaustive could not decide: {exc}") from None
    write_out(as_json(old_pack, new_pack, result) if fmt == "json"
              else as_text(old_pack, new_pack, result))
    return EXIT_PROBLEMS if result.laxer else EXIT_OK


def _words(verdict: Verdict) -> str:
    from smguide.report.wording import verdict_name

    return verdict_name(verdict)


def _label(pack: Pack) -> str:
    from smguide.pack.paths import shown_path

    return f"{pack.id} {pack.manifest.version} ({shown_path(Path(pack.path))})"


def as_text(old: Pack, new: Pack, result: Comparison) -> str:
    lines = [_("Over every combination of answers, is the new pack ever laxer than the old?"),
             "  " + _("old: {pack}").format(pack=_label(old)),
             "  " + _("new: {pack}").format(pack=_label(new)), ""]
    if not result.laxer:
        lines.append(_("Never: wherever the old pack gives a verdict, the new one gives the same "
                       "or a stricter one (proved over every combination, not sampled)."))
        return "\n".join(lines)
    lines.append(ngettext("LAXER in {count} kind of situation:",
                          "LAXER in {count} kinds of situations:", len(result.groups))
                 .format(count=len(result.groups)) + ("" if result.complete else
                                                      " " + _("(the first ones; there are more)")))
    for n, g in enumerate(result.groups, 1):
        lines.append("")
        regions = ngettext(" ({count} region)", " ({count} regions)", g.regions).format(
            count=g.regions) if g.regions > 1 else ""
        lines.append(f"{n}. {_words(g.old_verdict)} → {_words(g.new_verdict)}{regions}")
        lines.append("   " + _("when: {answers}").format(
            answers=" ".join(f"--set {q}={a}" for q, a in g.answers.items())))
        lines.append("   " + _("old verdict from: {rules}").format(
            rules=", ".join(g.old_rules) or _("(silence: consult your supervisor)")))
        lines.append("   " + _("new verdict from: {rules}").format(
            rules=", ".join(g.new_rules) or _("(silence: consult your supervisor)")))
    return "\n".join(lines)


def as_json(old: Pack, new: Pack, result: Comparison) -> str:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "old": {"id": old.id, "version": old.manifest.version, "content_hash": old.content_hash},
        "new": {"id": new.id, "version": new.manifest.version, "content_hash": new.content_hash},
        "laxer": result.laxer,
        "complete": result.complete,
        "groups": [{"old_verdict": g.old_verdict.value, "new_verdict": g.new_verdict.value,
                    "old_rules": list(g.old_rules), "new_rules": list(g.new_rules),
                    "answers": g.answers, "regions": g.regions} for g in result.groups],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)
