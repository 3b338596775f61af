"""Run the selected checks over pack folders and gather what they find."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from smguide.errors import Location, SmguideError, UsageError
from smguide.lint.api import Finding, LintContext
from smguide.lint.collect import collect
from smguide.lint.registry import KINDS, Check, discover
from smguide.lint.suppress import silenced


@dataclass
class Report:
    checks: list[Check]
    packs: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

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


def lint(folders: list[Path], checks: list[Check], source_text: Path | None = None) -> Report:
    report = Report(checks=checks)
    for folder in folders:
        ctx = collect(folder, source_text)
        report.packs.append(ctx.pack_dir)
        lines = {str(f.path): f.lines for f in ctx.files}
        manifest = str(ctx.files[0].path)
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
                        finding, location=Location(manifest, 1, 1),
                        message=f"{finding.message} [with the packs it extends; at {where}]")
                    where = finding.location
                if where is None:
                    continue
                if not silenced(finding, lines[where.path]):
                    found[finding] = None
        report.findings.extend(sorted(found, key=_order))
    return report


def _base_findings(ctx: LintContext, checks: list[Check]) -> set[tuple[str, str]]:
    """The semantic findings of the packs this one extends, composed without it."""
    from smguide.loader import base_folder, load_packs

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
