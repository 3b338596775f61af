"""``smguide test``: run scenarios as tests of the rules.

Each scenario's canned answers are decided; the verdict must be the expected one and
the expected rules, cited sections and defeats must be there. The output is like
pytest's: a dot or an F per scenario, the failures, then ``N passed, M failed in
X.XXs``. Exit code 1 when any scenario fails, 0 when all pass, 2 for bad input.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from smguide.commands import EXIT_OK, EXIT_PROBLEMS, paths_relative, shown_path, write_out
from smguide.errors import UsageError

if TYPE_CHECKING:
    from smguide.engine.core import Assessment
    from smguide.pack.models import Pack
    from smguide.training.run import Coverage

FORMATS = ("text", "json")
DOTS_PER_LINE = 80


def where_scenarios(paths: Sequence[Path] | None) -> list[tuple[list[Path] | None, list[Path]]]:
    """Groups of (scenario paths, the packs they run on when they name none). A pack
    folder stands for its ``scenarios/``, run on that pack; with no paths, the pack you
    are in, else each pack of the repository below the current folder, else the
    bundled scenarios (None)."""
    from smguide.lint.targets import packs_here
    from smguide.pack.loader import MANIFEST, SCENARIOS

    if not paths:
        here = packs_here()
        if not here:
            return [(None, [])]  # the bundled scenarios, as anywhere else
        if len(here) == 1:
            return [([_scenarios_of(here[0])], here)]
        with_scenarios = [pack for pack in here if (pack / SCENARIOS).is_dir()]
        if not with_scenarios:
            from smguide.errors import UsageError
            from smguide.lint.output import shown

            raise UsageError("the rule packs here have no scenarios/ folder ("
                             + ", ".join(shown(str(p)) for p in here)
                             + "); give scenario files or folders (and --pack)")
        return [([pack / SCENARIOS], [pack]) for pack in with_scenarios]
    out: list[Path] = []
    defaults: list[Path] = []
    for path in paths:
        if path.is_dir() and (path / MANIFEST).is_file():
            out.append(_scenarios_of(path))
            defaults.append(path.resolve())
        else:
            out.append(path)
    return [(out, defaults)]


def _scenarios_of(pack: Path) -> Path:
    from smguide.pack.loader import SCENARIOS

    if not (pack / SCENARIOS).is_dir():
        from smguide.errors import InputError, Location
        from smguide.lint.output import shown

        raise InputError(f"this rule pack has no {SCENARIOS}/ folder; give scenario "
                         "files or folders (and --pack)", Location(shown(str(pack))))
    return pack / SCENARIOS


def run(*, paths: Sequence[Path] | None = None, packs: Sequence[Path] | None = None,
        fmt: str = "text", junit: Path | None = None, coverage: bool = False) -> int:
    start = time.perf_counter()
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    from smguide.training.files import check_output_file, load_checked

    if junit is not None:
        check_output_file(junit, "JUnit report")
    from smguide.training import run as scenario_run
    from smguide.training.data import Case

    with paths_relative():
        loaded = [case for scenario_paths, default_packs in where_scenarios(paths)
                  for case in load_checked(scenario_paths, packs, default_packs)]
    cases: list[Case] = []
    dots = fmt == "text"
    for number, (sf, pack) in enumerate(loaded, 1):
        began = time.perf_counter()
        result = scenario_run.run(pack, sf.scenario)
        shown = replace(sf, path=shown_path(sf.path))  # as printed and reported
        cases.append(Case(shown, pack, result, time.perf_counter() - began))
        if dots:
            sys.stdout.write("." if result.passed else "F")
            if number % DOTS_PER_LINE == 0 or number == len(loaded):
                sys.stdout.write("\n")
    if dots:
        sys.stdout.flush()

    covered: list[tuple[Pack, Coverage]] | None = None
    if coverage:
        by_pack: dict[int, tuple[Pack, list[Assessment]]] = {}
        for case in cases:
            by_pack.setdefault(id(case.pack), (case.pack, []))[1].append(case.result.outcome)
        covered = [(case_pack, scenario_run.coverage(case_pack, decisions))
                   for case_pack, decisions in by_pack.values()]
    failed = sum(1 for c in cases if not c.result.passed)
    seconds = time.perf_counter() - start

    if junit is not None:
        from smguide.system.files import atomic_write
        from smguide.training.data import junit as junit_xml

        atomic_write(junit, junit_xml(cases, seconds), overwrite=True)
    if fmt == "json":
        from smguide.training.data import results_json

        write_out(results_json(cases, seconds, covered))
    else:
        from smguide.training import terminal as show

        for case in cases:
            if not case.result.passed:
                show.failure_report(case.file, case.result.failures)
        for case_pack, cov in covered or []:
            show.coverage_report(case_pack, cov)
        if failed or covered:
            sys.stdout.write("\n")
        show.summary_line(len(cases) - failed, failed, seconds)
    return EXIT_PROBLEMS if failed else EXIT_OK
