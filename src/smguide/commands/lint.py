"""``smguide lint``: check rule packs; exit 0 clean, 1 problems found, 2 bad input."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from smguide.commands import EXIT_OK, EXIT_PROBLEMS
from smguide.errors import InputError, Location, UsageError


def run(
    *,
    paths: Sequence[Path] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    fmt: str = "text",
    source_text: Path | None = None,
    strict: bool = False,
) -> int:
    from smguide.bundled import rules_dir
    from smguide.lint.output import FORMATS, render
    from smguide.lint.runner import choose, lint, split_ids
    from smguide.lint.targets import pack_folders

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if source_text is not None and not source_text.is_dir():
        raise InputError("--source-text needs a folder of *.txt files", Location(str(source_text)))
    checks = choose(split_ids(select), split_ids(ignore))
    folders, outside = pack_folders(list(paths) if paths else [rules_dir()])
    for path in outside:  # e.g. pre-commit passing a workflow file: not ours to judge
        sys.stderr.write(f"smguide: note: {path} is not in a rule pack; skipped\n")
    report = lint(folders, checks, source_text)
    sys.stdout.write(render(report, fmt))
    sys.stdout.flush()
    failed = report.errors > 0 or (strict and report.warnings > 0)
    return EXIT_PROBLEMS if failed else EXIT_OK
