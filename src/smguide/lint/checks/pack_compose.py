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

from collections.abc import Iterator

from smguide.errors import Location
from smguide.lint.api import Finding, Level, LintContext

ID = "pack-compose"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    error = ctx.assemble_error
    if error is None:
        return
    ours = {str(f.path) for f in ctx.files}
    if error.location is not None and error.location.path in ours:
        yield Finding(ID, LEVEL, error.message, error.location)
        return
    # The trouble is in a base pack: report it here, where the pack names its bases.
    manifest = ctx.files[0]
    where = (manifest.doc.key_location(("extends",)) if manifest.doc is not None
             else Location(str(manifest.path), 1, 1))
    yield Finding(ID, LEVEL, f"a base pack does not load: {error}", where)
