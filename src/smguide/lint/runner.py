"""Run the selected checks over pack folders and gather what they find."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from smguide.errors import Location, SmguideError, UsageError
from smguide.lint.api import Finding, LintContext
from smguide.lint.collect import collect
from smguide.lint.registry import KINDS, Check, discover
from smguide.lint.suppress import silenced

SCENARIO_CHECK = "scenario"


@dataclass
class Report:
    checks: list[Check]
    packs: list[Path] = field(default_factory=list)
    scenarios: int = 0  # scenario files checked
    findings: list[Finding] = field(default_factory=list)
    # Packs that did not load: the semantic checks could not run on them.
    skipped: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.level == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == "warning" for f in self.findings)


def split_ids(values: Iterable[str] | None) -> list[str]:
    """``--select a,b --select c`` -> [a, b, c]."""
    return [part.strip() for v in values or () for part in v.split(",") if part.strip()]


def choose(select: list[str], ignore: list[str]) -> list[Check]:
    """The checks to run; a kind name (structural, semantic) stands for all of its checks."""
    checks = discover()
    known = {c.id for c in checks}
    for name in (*select, *ignore):
        if name not in known and name not in KINDS:
            raise UsageError(f"unknown check {name!r}; known checks: {', '.join(sorted(known))}")

    def named(check: Check, names: list[str]) -> bool:
        return check.id in names or check.kind in names

    return [c for c in checks if (not select or named(c, select)) and not named(c, ignore)]


def lint(folders: list[Path], checks: list[Check], source_text: Path | None = None,
         scenarios: list[Path] | None = None) -> Report:
    """Lint each pack (with its ``scenarios/``), then the scenario files outside packs."""
    from smguide.lint.targets import pack_scenarios

    report = Report(checks=checks)
    for folder in folders:
        ctx = collect(folder, source_text)
        _settle(ctx)
        ctx.scenarios = pack_scenarios(ctx.pack_dir)
        report.packs.append(ctx.pack_dir)
        if ctx.pack is None and any(c.kind == "semantic" for c in checks):
            report.skipped.append(ctx.pack_dir)
        report.findings.extend(_run(ctx, checks))
    if scenarios:
        report.findings.extend(_run(_loose(scenarios), [c for c in checks
                                                         if c.id == SCENARIO_CHECK]))
    report.scenarios = sum(1 for _ in scenarios or ()) + sum(
        len(pack_scenarios(p)) for p in report.packs)
    return report


LARGE = 1000  # rules


def _settle(ctx: LintContext) -> None:
    """A large pack lives as long as the command: out of the collector's sight
    (``gc.freeze``, as the pack cache does for ``decide``), or each collection the
    checks set off walks its hundreds of thousands of objects again."""
    if ctx.assembled is not None and len(ctx.assembled.rules) >= LARGE:
        gc.freeze()


def _loose(scenarios: list[Path]) -> LintContext:
    """Scenario files outside any pack run on the default packs (or those they name)."""
    from smguide.pack.selection import load_and_warn as load

    pack = load(None)
    return LintContext(pack_dir=Path(pack.path), pack=pack, scenarios=scenarios)


def _lines(ctx: LintContext) -> dict[str, list[str]]:
    lines = {str(f.path): f.lines for f in ctx.files}
    for path in ctx.scenarios:
        try:
            lines[str(path)] = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines[str(path)] = []
    return lines


def _run(ctx: LintContext, checks: list[Check]) -> list[Finding]:
    lines = _lines(ctx)
    manifest = str(ctx.files[0].path) if ctx.files else ""
    found: dict[Finding, None] = {}
    inherited: set[tuple[str, str]] | None = None
    for check in checks:
        if check.kind == "semantic" and ctx.pack is None:
            continue
        for finding in check.run(ctx):
            if finding.location is None:  # a pack-wide finding stands at its manifest
                finding = replace(finding, location=Location(manifest, 1, 1))
            where = finding.location
            if where is not None and where.path not in lines:
                # In a base pack's file. What the base packs have on their own is
                # reported when they are linted; what only the combination has
                # (a gap an agency's 'replaces' opened...) is this pack's to fix.
                # A base rule shadowed by a stricter rule of this pack is what
                # tightening a verdict means: intended, not reported.
                if check.kind != "semantic" or ctx.pack is None or check.id == "shadowed":
                    continue
                if inherited is None:
                    inherited = _base_findings(ctx, checks)
                if (finding.check, finding.message) in inherited:
                    continue
                finding = replace(
                    finding, location=_replaces_location(ctx, finding) or Location(manifest, 1, 1),
                    message=f"{finding.message} [with the packs it extends; at "
                            f"{_in_pack(where)}]")
                where = finding.location
            if where is None:
                continue
            if not silenced(finding, lines[where.path]):
                found[finding] = None
    return sorted(_without_noise(list(found)), key=_order)


def _without_noise(findings: list[Finding]) -> list[Finding]:
    """A rule whose verdict never decides (``shadowed``) conflicts with every stricter
    rule it meets: one error says it all, not a ``conflict`` line per stricter rule."""
    never = {f.location for f in findings if f.check == "shadowed"}
    return [f for f in findings if f.check != "conflict" or f.location not in never]


def _in_pack(where: Location) -> str:
    """A place in a base pack's file, as ``<pack folder>/<file>:line:col`` (never the
    absolute path of wherever smguide is installed)."""
    from smguide.pack.paths import pack_of

    path = Path(where.path)
    folder = pack_of(path)
    if folder is None:
        return str(where)
    return str(replace(where, path=(Path(folder.name) / path.relative_to(folder)).as_posix()))


def _replaces_location(ctx: LintContext, finding: Finding) -> Location | None:
    """A finding only the combination has (a gap...) comes from a rule of this pack
    that ``replaces`` base rules: the ``replaces`` key of the one whose replaced
    rules cover the finding's answers (the only one, when there is one)."""
    from smguide.pack.loader import base_folder, load_packs
    from smguide.pack.models import PackFile

    candidates = [(f.doc.key_location(("rules", i, "replaces")), rule.replaces)
                  for f in ctx.files if isinstance(f.model, PackFile) and f.doc is not None
                  for i, rule in enumerate(f.model.rules) if rule.replaces]
    if len(candidates) <= 1 or not finding.witness or ctx.manifest is None:
        return candidates[0][0] if candidates else None
    try:
        base = load_packs([base_folder(ctx.pack_dir, s) for s in ctx.manifest.extends])
    except SmguideError:
        return candidates[0][0]
    answers = dict(finding.witness)
    for where, replaced in candidates:
        rules = [r for r in (base.rule(rid) for rid in replaced) if r is not None]
        if any(r.when.eval3(answers) is not False for r in rules):
            return where
    return candidates[0][0]


def _base_findings(ctx: LintContext, checks: list[Check]) -> set[tuple[str, str]]:
    """The semantic findings of the packs this one extends, composed without it."""
    from smguide.pack.loader import base_folder, load_packs

    if ctx.manifest is None or not ctx.manifest.extends:
        return set()
    try:
        base = load_packs([base_folder(ctx.pack_dir, s) for s in ctx.manifest.extends])
    except SmguideError:
        return set()  # the pack-compose check reports why
    base_ctx = LintContext(pack_dir=Path(base.path), pack=base)
    return {(f.check, f.message) for c in checks if c.kind == "semantic"
            for f in c.run(base_ctx)}


def _order(f: Finding) -> tuple[str, int, int, str, str]:
    loc = f.location
    return (loc.path if loc else "", loc.line if loc else 0, loc.column if loc else 0,
            f.check, f.message)
