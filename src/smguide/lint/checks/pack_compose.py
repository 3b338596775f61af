"""The pack composes with the packs it ``extends``.

The base packs must exist and load, and a layer may take the place of a base rule
only through ``replaces``; an id defined by two layers is an error.

Passes::

    # pack.yaml
    id: agency
    extends: [cas-2011]

Fails::

    # pack.yaml
    id: agency
    extends: [cas-2010]           # no such pack
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from smguide.errors import Location
from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext

ID = "pack-compose"
LEVEL: Level = "error"
KIND = "structural"


# compose.py's message for a 'replaces' naming no base rule
_UNKNOWN_REPLACED = re.compile(r"rule '([^']+)' replaces '([^']+)', which no base pack defines")


def _unknown_replaced(ctx: LintContext, message: str, rule_id: str, target: str,
                      where: Location) -> Finding:
    """At the 'replaces' item, with the closest rule id of the base packs."""
    from smguide.errors import SmguideError
    from smguide.i18n import did_you_mean
    from smguide.pack.loader import base_folder, load_packs
    from smguide.pack.models import PackFile

    hint = ""
    if ctx.manifest is not None and ctx.manifest.extends:
        try:
            base = load_packs([base_folder(ctx.pack_dir, b) for b in ctx.manifest.extends])
            hint = did_you_mean(target, [r.id for r in base.rules])
        except SmguideError:
            pass
    for f in ctx.files:
        if isinstance(f.model, PackFile) and f.doc is not None:
            for i, rule in enumerate(f.model.rules):
                if rule.id == rule_id and target in rule.replaces:
                    where = f.doc.location(("rules", i, "replaces", rule.replaces.index(target)))
    text = _("{message}; {hint}'smguide rules' lists them").format(message=message, hint=hint)
    return Finding(ID, LEVEL, text, where)


def check(ctx: LintContext) -> Iterator[Finding]:
    error = ctx.assemble_error
    if error is None:
        return
    ours = {str(f.path) for f in ctx.files}
    if error.location is not None and error.location.path in ours:
        replaced = _UNKNOWN_REPLACED.search(error.message)
        if replaced:
            yield _unknown_replaced(ctx, error.message, replaced.group(1), replaced.group(2),
                                    error.location)
            return
        yield Finding(ID, LEVEL, error.message, error.location)
        return
    # The trouble is in a base pack: report it here, where the pack names its bases.
    manifest = ctx.files[0]
    where = (manifest.doc.key_location(("extends",)) if manifest.doc is not None
             else Location(str(manifest.path), 1, 1))
    yield Finding(ID, LEVEL, _("a base pack does not load: {error}").format(error=error), where)
