"""The whole-pack reference checks of :mod:`smguide.pack.crossrefs`, run once per pack.

Several lint checks (unknown-reference, duplicate-id, ...) each report their share
of the same problems; computing them once keeps the lint linear.
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.lint.api import Finding, LintContext
from smguide.pack.crossrefs import Problem, check_references


def reference_problems(ctx: LintContext) -> list[Problem]:
    if ctx.assembled is None:
        return []
    cached = ctx.cache.get("references")
    if cached is None:
        cached = list(check_references(ctx.assembled))
        ctx.cache["references"] = cached
    return list(cached)


# Reported by lint.references, at the cause and with "did you mean".
_RELOCATED = ("unknown-reference", "unknown-section")


def findings_for(ctx: LintContext, check_id: str) -> Iterator[Finding]:
    if check_id in _RELOCATED:
        from smguide.lint.references import reference_findings

        for problem in reference_findings(ctx):
            if problem.check == check_id:
                yield Finding(check_id, problem.level, problem.message, problem.location)
        return
    for problem in reference_problems(ctx):
        if problem.check == check_id:
            yield Finding(check_id, problem.level, problem.message, problem.location)
