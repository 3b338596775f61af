"""``smguide lint``: check rule packs; exit 0 clean, 1 problems found, 2 bad input."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from smguide.commands import EXIT_OK, EXIT_PROBLEMS
from smguide.errors import InputError, Location, UsageError
from smguide.i18n import _


def run(
    *,
    paths: Sequence[Path] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    fmt: str = "text",
    source_text: Path | None = None,
    strict: bool = False,
    statistics: bool = False,
    quiet: bool = False,
    output_file: Path | None = None,
) -> int:
    from smguide.lint.config import find_config
    from smguide.lint.output import FORMATS, render, statistics_table
    from smguide.lint.runner import choose, lint, split_ids
    from smguide.lint.targets import default_targets, targets

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if source_text is not None and not source_text.is_dir():
        raise InputError("--source-text needs a folder of *.txt files", Location(str(source_text)))
    if output_file is not None:
        from smguide.training.files import check_output_file

        check_output_file(output_file, "lint report")
    config = find_config()
    chosen = split_ids(select) or split_ids(config.select)
    checks = choose(chosen, split_ids(config.ignore) + split_ids(ignore))
    found = targets(list(paths)) if paths else default_targets()
    for path in found.outside:  # e.g. pre-commit passing a workflow file: not ours to judge
        if not quiet:
            sys.stderr.write(_("smguide: note: {path} is not in a rule pack and not a "
                               "scenario; skipped").format(path=path) + "\n")
    report = lint(found.packs, checks, source_text, found.scenarios)
    report = replace(report, findings=[f for f in report.findings if not config.ignored(f)])
    text = render(report, fmt, quiet=quiet)
    if statistics and fmt == "text":
        text = statistics_table(report) + ("" if quiet else text.splitlines(True)[-1])
    if output_file is not None:
        from smguide.system.files import atomic_write

        atomic_write(output_file, text.encode("utf-8"), overwrite=True)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    failed = report.errors > 0 or ((strict or config.strict) and report.warnings > 0)
    return EXIT_PROBLEMS if failed else EXIT_OK
