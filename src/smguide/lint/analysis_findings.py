"""The analysis results as lint findings: message, location, replayable witness.

Shared by the semantic checks in :mod:`smguide.lint.checks`; the analysis of a pack
is computed once per lint run (kept in ``ctx.cache``) and each check reads its part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from smguide.analysis import Analysis, NotVerified, analyse
from smguide.errors import Location
from smguide.lint.api import Finding, Level, LintContext
from smguide.pack.models import Rule

T = TypeVar("T")


def analysis_of(ctx: LintContext) -> Analysis | None:
    if ctx.pack is None:
        return None
    hit = ctx.cache.get("semantic-analysis")
    if not isinstance(hit, Analysis) or hit.pack is not ctx.pack:
        hit = ctx.cache["semantic-analysis"] = analyse(ctx.pack)
    return hit


def run(ctx: LintContext, check: str, level: Level, get: Callable[[Analysis], T],
        report: Callable[[LintContext, Analysis, T], Iterator[Finding]]) -> Iterator[Finding]:
    """Report the part of the analysis a check reads, or say it could not be had."""
    analysis = analysis_of(ctx)
    if analysis is None:
        return
    try:
        part = get(analysis)
    except NotVerified as exc:
        yield Finding(check, level, f"not verified: {exc}", _manifest(ctx))
        return
    yield from report(ctx, analysis, part)


def answers(analysis: Analysis, box: int) -> tuple[tuple[str, str], ...]:
    """A short witness for a result box, as ``--set`` answers in asking order."""
    short = analysis.short_witness(box)
    return tuple((q.id, short[q.id]) for q in analysis.pack.questions if q.id in short)


def own_location(ctx: LintContext, *candidates: Location | None) -> Location | None:
    """The first location in one of this pack's own files (findings about the packs it
    extends are reported when those are linted), else the first one at all."""
    own = {str(f.path) for f in ctx.files}
    located = [c for c in candidates if c is not None]
    for loc in located:
        if loc.path in own:
            return loc
    return located[0] if located else _manifest(ctx)


def _manifest(ctx: LintContext) -> Location | None:
    return ctx.pack.manifest.location if ctx.pack is not None else None


def verdict_of(rule: Rule) -> str:
    return rule.verdict.value if rule.verdict is not None else "no verdict"
