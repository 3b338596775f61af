"""``smguide replay ID``: walk through a scenario (trainers), or ``--quiz`` a trainee."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from smguide.commands import EXIT_OK
from smguide.errors import UsageError
from smguide.i18n import N_, _
from smguide.system.signals import stopped

if TYPE_CHECKING:
    from smguide.pack.models import Pack
    from smguide.training.scenario import Scenario

NO_TERMINAL = N_(
    "smguide replay waits for a key between steps, and this is not a terminal; "
    "add --auto to run straight through"
)
DONE, DETAILS = "done", "details"  # after a quiz: the summary stays, or the details follow
QUIZ_NO_TERMINAL = N_(
    "smguide replay --quiz asks its questions in a terminal, and this is not one")


FORMATS = ("text", "markdown", "html")


def _handout(scenario_id: str, packs: Sequence[Path] | None,
             scenarios: Sequence[Path] | None, fmt: str) -> int:
    from smguide.commands import write_out
    from smguide.render import html
    from smguide.training.files import PackMemo, check_scenario, find_scenario
    from smguide.training.replay import handout

    sf = find_scenario(scenario_id, scenarios)
    pack = PackMemo(packs).for_scenario(sf)
    check_scenario(sf, pack)
    data = handout(pack, sf.scenario)
    write_out(html.handout_page(data) if fmt == "html" else html.handout_markdown(data))
    return EXIT_OK


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run(scenario_ids: str | Sequence[str], *, packs: Sequence[Path] | None = None,
        scenarios: Sequence[Path] | None = None, auto: bool = False, quiz: bool = False,
        results: Path | None = None, pseudonym: str | None = None, fmt: str = "text") -> int:
    ids = [scenario_ids] if isinstance(scenario_ids, str) else list(scenario_ids)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if len(ids) != 1 and not quiz:
        raise UsageError("give one scenario id (several go with --quiz)")
    scenario_id = ids[0]
    if fmt != "text":
        if quiz:
            raise UsageError(f"--format {fmt} writes a handout; a --quiz is in the terminal")
        return _handout(scenario_id, packs, scenarios, fmt)
    if quiz and auto:
        raise UsageError("--quiz and --auto do not go together: a quiz waits for the trainee")
    if results is not None and not quiz:
        raise UsageError("--results records quiz answers; add --quiz")
    if pseudonym is not None and results is None:
        raise UsageError("--pseudonym goes with --results FILE")
    if not auto and not is_terminal():
        raise UsageError(_(QUIZ_NO_TERMINAL if quiz else NO_TERMINAL))

    from smguide.training.files import PackMemo, check_output_file, check_scenario, find_scenario

    if pseudonym is not None:
        from smguide.training.quiz import check_pseudonym

        pseudonym = check_pseudonym(pseudonym)
    if results is not None:
        check_output_file(results, "results", append=True)  # before the first question
    cache = PackMemo(packs)
    chosen = []
    for name in ids:  # every scenario checked before the first question
        sf = find_scenario(name, scenarios)
        pack = cache.for_scenario(sf)
        check_scenario(sf, pack)
        chosen.append((sf, pack))
    if not quiz:
        from smguide.training.replay import replay

        replay(chosen[0][1], chosen[0][0].scenario, auto=auto)
        return EXIT_OK
    from smguide.training.quiz import Skipped

    for sf, pack in chosen:
        try:
            _quiz(sf.scenario, pack, results, pseudonym)
        except Skipped:
            sys.stdout.write("\n" + _("Skipped {scenario}: nothing recorded.").format(
                scenario=sf.id) + "\n")
            sys.stdout.flush()
    return EXIT_OK


def _quiz(scenario: Scenario, pack: Pack, results: Path | None, pseudonym: str | None) -> int:
    from smguide.engine.core import decide
    from smguide.interview.prompt import Entry, QuestionaryUI
    from smguide.render import text
    from smguide.training import quiz
    from smguide.training import terminal as show

    show.intro(scenario, quiz=True)
    ui = QuestionaryUI()
    outcome = quiz.quiz(pack, scenario, ui)
    if results is not None:
        quiz.append_result(results, quiz.record(pack, scenario, outcome, pseudonym))
    try:
        if results is not None:
            sys.stderr.write(_("smguide: {message}").format(
                message=_("results appended to {path}").format(path=results)) + "\n")
        # First, on one screen: the score and the ✓/✗ comparison. The rest on demand.
        show.quiz_summary(outcome)
        if ui.select(_("What next?"), [Entry(_("Done"), DONE), Entry(
                _("Show the details: why each answer matters, the recommendation and the "
                  "teaching points"), DETAILS)], default=DONE) == DETAILS:
            show.feedback(scenario, outcome)
            show.heading(_("The recommendation, with the scenario's answers"))
            text.decision(pack, decide(pack, scenario.answers))
            show.teaching(scenario)
            show.score_line(outcome)
    except KeyboardInterrupt:
        if results is None:
            raise
        raise stopped(signal.SIGINT, _("the results were written to {path}").format(
            path=results)) from None
    return EXIT_OK
