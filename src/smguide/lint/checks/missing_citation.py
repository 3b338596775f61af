"""Every rule cites the provision it comes from.

smguide's recommendations are cited; a rule without ``cite`` cannot say where its
verdict comes from.

Passes::

    - id: personal-account
      title: Personal accounts are never used with clients
      when: {account: personal}
      verdict: prohibited
      cite: [{source: cas2011, section: policy.boundaries}]

Fails::

    - id: personal-account
      title: Personal accounts are never used with clients
      when: {account: personal}
      verdict: prohibited
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext
from smguide.pack.models import PackFile

ID = "missing-citation"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    for file in ctx.files:
        if not isinstance(file.model, PackFile) or file.doc is None:
            continue
        for i, rule in enumerate(file.model.rules):
            if not rule.cite:
                yield Finding(ID, LEVEL, _("rule {id!r} cites no source").format(id=rule.id),
                              file.doc.location(("rules", i)))
