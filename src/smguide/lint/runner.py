"""Run the selected checks over pack folders and gather what they find."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from smguide.errors import Location, UsageError
from smguide.lint.api import Finding
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
        for check in checks:
            if check.kind == "semantic" and ctx.pack is None:
                continue
            for finding in check.run(ctx):
                if finding.location is None:  # a pack-wide finding stands at its manifest
                    finding = replace(finding, location=Location(manifest, 1, 1))
                where = finding.location
                # The packs this one extends are linted on their own, not through it.
                if where is None or where.path not in lines:
                    continue
                if not silenced(finding, lines[where.path]):
                    found[finding] = None
        report.findings.extend(sorted(found, key=_order))
    return report


def _order(f: Finding) -> tuple[str, int, int, str, str]:
    loc = f.location
    return (loc.path if loc else "", loc.line if loc else 0, loc.column if loc else 0,
            f.check, f.message)
