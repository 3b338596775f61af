"""A scenario names only questions, options, rules and sections its packs have.

Scenario files (a pack's ``scenarios/`` folder, or scenario files given on the
command line) are checked with the packs they run on: their syntax and schema
(``expect.verdict`` must be a verdict), then every answer, note and expectation.
``smguide test`` would stop at the first of these; the linter lists them all.

Passes::

    answers: {role: protection_worker, channel: text}
    expect: {verdict: prohibited}

Fails::

    answers: {role: protection_worker, channel: sms}   # channel has no option 'sms'
    expect: {verdict: forbidden}                       # not a verdict
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from smguide.errors import SmguideError
from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext
from smguide.lint.scenario_refs import scenario_findings
from smguide.pack.models import Pack
from smguide.pack.yamlload import Document
from smguide.training.scenario import Scenario

ID = "scenario"
LEVEL: Level = "error"
KIND = "structural"


def check(ctx: LintContext) -> Iterator[Finding]:
    def pack_for(scenario: Scenario, doc: Document, path: Path) -> Pack | Finding | None:
        if not scenario.packs:
            return ctx.pack
        return _named_packs(ctx, scenario, doc, path)

    for path in ctx.scenarios:
        yield from scenario_findings(path, pack_for)


def _named_packs(ctx: LintContext, scenario: Scenario, doc: Document,
                 path: Path) -> Pack | Finding | None:
    from smguide.pack.bundled import pack_path
    from smguide.pack.loader import load_packs

    folders: list[Path] = []
    for i, name in enumerate(scenario.packs):
        relative = "/" in name or name.startswith(".")
        folder = (path.parent / name) if relative else pack_path(name)
        if not (folder / "pack.yaml").is_file():
            return Finding(ID, LEVEL,
                           _("unknown pack {name!r}: no bundled pack has this id and no folder "
                             "has this path (relative to the scenario file)").format(name=name),
                           doc.location(("packs", i)))
        folders.append(folder.resolve())
    if ctx.pack is not None and folders == [ctx.pack_dir]:
        return ctx.pack
    if ctx.pack is None and ctx.pack_dir in folders:
        return None  # this pack is broken: its own findings say why
    key = "scenario-packs:" + ":".join(map(str, folders))
    if key not in ctx.cache:
        try:
            ctx.cache[key] = load_packs(folders)
        except SmguideError as exc:
            ctx.cache[key] = str(exc)
    found = ctx.cache[key]
    if isinstance(found, str):
        return Finding(ID, LEVEL, _("its packs do not load: {error}").format(error=found),
                       doc.location(("packs",)))
    return found if isinstance(found, Pack) else None
