"""A pack that declares ``only_tightens: true`` never gives a laxer verdict than the
packs it extends.

An agency pack that adopts a policy and only makes it stricter can say so in its
``pack.yaml``; lint then proves it, exactly, over every combination of answers the
question flow can produce (the comparison of ``smguide diff --exhaustive``), and
reports each kind of situation where the pack with its rules is laxer than the packs
it extends alone: the answers, the verdict before and after, and the rules
responsible. A rule that ``replaces`` a base rule, or an exception to one, is how a
pack loosens: with ``only_tightens`` it must not.

Passes::

    # pack.yaml
    extends: [cas-2011]
    only_tightens: true
    # rules/agency.yaml: texting from a personal phone, discouraged by cas-2011
    - {id: no-personal-texts, when: {phone: personal_phone}, verdict: prohibited}

Fails::

    # pack.yaml
    extends: [cas-2011]
    only_tightens: true
    # rules/agency.yaml
    - id: personal-texts-ok
      replaces: [personal-mobile-discouraged]   # discouraged -> permitted
      when: {phone: personal_phone}
      verdict: permitted
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.errors import Location, SmguideError
from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext

ID = "loosens"
LEVEL: Level = "error"
KIND = "semantic"


def check(ctx: LintContext) -> Iterator[Finding]:
    manifest = ctx.manifest
    if ctx.pack is None or manifest is None or not manifest.only_tightens:
        return
    where = _declared_at(ctx)
    if not manifest.extends:
        yield Finding(ID, LEVEL, _("only_tightens: true, but the pack extends no pack"), where)
        return
    from smguide.analysis.compare import NotComparable, NotProved, compare
    from smguide.pack.loader import base_folder, load_packs
    from smguide.report.wording import verdict_name

    try:
        base = load_packs([base_folder(ctx.pack_dir, b) for b in manifest.extends])
    except SmguideError:
        return  # the pack-compose check says why
    try:
        result = compare(base, ctx.pack)
    except (NotComparable, NotProved) as exc:
        yield Finding(ID, LEVEL, _("only_tightens: not verified: {why}").format(why=exc), where)
        return
    for group in result.groups:
        yield Finding(ID, LEVEL, _(
            "only_tightens: true, but the pack is laxer than {base}: {before} → {after} "
            "(from {old} to {new})").format(
                base=", ".join(manifest.extends), before=verdict_name(group.old_verdict),
                after=verdict_name(group.new_verdict),
                old=", ".join(group.old_rules) or _("silence"),
                new=", ".join(group.new_rules) or _("silence")),
            where, tuple(group.answers.items()))


def _declared_at(ctx: LintContext) -> Location | None:
    manifest = next((f for f in ctx.files if f.is_manifest and f.doc is not None), None)
    if manifest is None or manifest.doc is None:
        return None
    return manifest.doc.key_location(("only_tightens",))
