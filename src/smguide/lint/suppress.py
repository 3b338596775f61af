"""``# smguide-lint: disable=check-a,check-b`` comments.

yamlload drops comments, so the raw lines are scanned. A directive at the end of a
line silences findings on that line; a directive on a line of its own silences the
line after it. ``disable=all`` silences every check there.
"""

from __future__ import annotations

import re

from smguide.lint.api import Finding

_DIRECTIVE = re.compile(r"#\s*smguide-lint:\s*disable\s*=\s*([A-Za-z0-9_,\- ]+)")


def _disabled(line: str) -> set[str]:
    match = _DIRECTIVE.search(line)
    if match is None:
        return set()
    return {part.strip() for part in match.group(1).split(",") if part.strip()}


def silenced(finding: Finding, lines: list[str]) -> bool:
    loc = finding.location
    if loc is None or loc.line < 1 or loc.line > len(lines):
        return False
    here = _disabled(lines[loc.line - 1])
    if loc.line >= 2 and lines[loc.line - 2].lstrip().startswith("#"):
        here |= _disabled(lines[loc.line - 2])
    return finding.check in here or "all" in here
