"""``smguide diff OLD_PACK NEW_PACK``: what a revision of the rules changes, scenario by
scenario.

Every scenario is decided on both packs; those whose verdict, obligations or
citations differ are listed, before → after. Exit code 0 when none changed, 1 when
some did, 2 for bad input. A scenario must fit the old pack (its answers name that
pack's questions and options); where it no longer fits the new one, the answers the
new pack does not know count as "not sure" and the scenario is listed as changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from smguide.commands import EXIT_OK, EXIT_PROBLEMS, paths_relative, shown_path, write_out
from smguide.errors import InputError, UsageError
from smguide.pack.selection import load_and_warn

if TYPE_CHECKING:
    from smguide.training.files import ScenarioFile
    from smguide.training.run import Outcome, OutcomeChange

FORMATS = ("text", "json")


def _scenarios_for(old: Path, new: Path) -> list[Path]:
    """The scenarios a revision is judged on when none are given: the new pack's own
    ``scenarios/``, else the old one's, else those of the packs of the repository you
    are in, else (an empty list) the bundled ones."""
    from smguide.lint.targets import packs_here
    from smguide.pack.loader import SCENARIOS

    for pack in (new, old, *packs_here()):
        if (pack / SCENARIOS).is_dir():
            return [pack / SCENARIOS]
    return []


def run(*, old: Path, new: Path, scenarios: Sequence[Path] | None = None,
        fmt: str = "text") -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    from smguide.training import run as scenario_run
    from smguide.training.files import check_scenario, default_paths, read_scenarios

    with paths_relative():
        old_pack, new_pack = load_and_warn([old]), load_and_warn([new])
        folders = default_paths(scenarios or _scenarios_for(old, new))
        files = read_scenarios(folders)
    if not files:
        raise UsageError("no scenario files (*.yaml) found in "
                         + ", ".join(str(shown_path(p)) for p in folders))
    changes: list[tuple[ScenarioFile, OutcomeChange, str | None]] = []
    for sf in files:
        check_scenario(sf, old_pack, expectations=False)
        problem = None
        try:
            check_scenario(sf, new_pack, expectations=False)
        except InputError as exc:
            problem = str(exc)
        before: Outcome = scenario_run.outcome(scenario_run.decide_scenario(old_pack, sf.scenario))
        after: Outcome = scenario_run.outcome(scenario_run.decide_scenario(new_pack, sf.scenario))
        change = scenario_run.compare(before, after)
        if change is None and problem is not None:
            change = scenario_run.OutcomeChange(before, after, (), (), (), ())
        if change is not None:
            changes.append((replace(sf, path=shown_path(sf.path)), change, problem))

    if fmt == "json":
        from smguide.training.data import diff_report

        write_out(diff_report(old_pack, new_pack, len(files), changes))
    else:
        from smguide.training import terminal as show

        show.diff_header(old_pack, new_pack, len(files))
        for sf, change, problem in changes:
            show.diff_entry(sf, change, problem)
        show.diff_footer(len(changes), len(files))
    return EXIT_PROBLEMS if changes else EXIT_OK


def exhaustive(*, old: Path, new: Path, fmt: str = "text") -> int:
    """``--exhaustive``: see :mod:`smguide.commands.diff_exhaustive`."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    from smguide.commands import diff_exhaustive

    return diff_exhaustive.run(old=old, new=new, fmt=fmt)
