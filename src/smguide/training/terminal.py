"""Terminal output of the scenario commands: the list, replay, quiz feedback, test
results, coverage, pack diffs and class summaries.

Built on the writer of :mod:`smguide.render.text`, so wrapping, colour and NO_COLOR
behave as in ``smguide decide``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from smguide.i18n import _, decimal, ngettext
from smguide.pack.models import UNSURE, Pack, Question, Verdict
from smguide.render.writer import BULLET, Writer
from smguide.report.wording import text, verdict_name, wording
from smguide.system.streams import single_spaced
from smguide.training.run import Coverage, Failure, OutcomeChange, QuizScore, Step
from smguide.training.scenario import Scenario

if TYPE_CHECKING:
    from smguide.training.files import ScenarioFile
    from smguide.training.quiz import ClassSummary, ScenarioStats

# The id, role and verdict columns do not wrap (~85 columns): a table needs room for titles.
TABLE_WIDTH = 150
RIGHT = "✓"
WRONG = "✗"


def _verdict_text(verdict: Verdict) -> Text:
    return Text(verdict_name(verdict), style=wording(verdict).style)


def answer_label(question: Question, answer: str | None) -> str:
    if answer is None:
        return _("(not asked)")
    return text(question.answer_text(answer))


# --- smguide scenarios ----------------------------------------------------------------------


def listing(files: Sequence[ScenarioFile], file: IO[str] | None = None) -> None:
    out = Writer(file)
    if not files:
        out.line(_("No scenario matches."))
        return
    if out.console.width >= TABLE_WIDTH:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column("id", style="cyan", no_wrap=True)
        table.add_column("title", overflow="fold", ratio=3)
        table.add_column("role", no_wrap=True)
        table.add_column("verdict", no_wrap=True)
        table.add_column("tags", overflow="fold", ratio=1)
        for sf in files:
            s = sf.scenario
            table.add_row(s.id, text(s.title), s.role, _verdict_text(s.expect.verdict),
                          ", ".join(s.tags))
        out.console.print(table)
    else:
        for sf in files:
            s = sf.scenario
            out.line()
            head = Text(s.id, style="cyan")
            head.append("  ")
            head.append(_verdict_text(s.expect.verdict))
            out.console.print(head, soft_wrap=True)
            out.para(text(s.title), indent=2)
            tags = " · " + _("tags: {tags}").format(tags=", ".join(s.tags)) if s.tags else ""
            out.para(_("role: {role}").format(role=s.role) + tags, indent=2, style="dim")
    out.line()
    out.line(ngettext("{count} scenario. smguide replay ID walks through one.",
                      "{count} scenarios. smguide replay ID walks through one.",
                      len(files)).format(count=len(files)), style="dim")


# --- smguide replay -------------------------------------------------------------------------


def intro(scenario: Scenario, *, quiz: bool = False, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.para((_("Quiz: ") if quiz else _("Scenario: ")) + text(scenario.title), style="bold")
    tags = " · " + _("tags: {tags}").format(tags=", ".join(scenario.tags)) if scenario.tags else ""
    out.line(f"{scenario.id} · " + _("role: {role}").format(role=scenario.role) + tags,
             style="dim")
    out.line()
    for paragraph in text(scenario.narrative).strip().split("\n\n"):
        out.para(single_spaced(paragraph), indent=1)
    if quiz:
        out.line()
        out.para(_("Answer each question as you would for this situation, then predict the "
                   "recommendation. Ctrl-C stops without saving anything."), style="italic")


def why(scenario: Scenario, question: Question) -> str:
    """Why a question matters here: the scenario's note, else the question's help."""
    note = scenario.notes.get(question.id)
    return text(note) if note else text(question.help)


def step(scenario: Scenario, number: int, total: int, item: Step,
         file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.line()
    out.line(_("Question {number} of {total}").format(number=number, total=total), style="dim")
    out.para(text(item.question.text), style="bold")
    out.para(_("Answer: {answer}").format(answer=answer_label(item.question, item.answer)),
             indent=2,
             style="italic" if item.answer == UNSURE else "bold cyan")
    reason = why(scenario, item.question)
    if reason:
        out.para(_("Why it matters: {reason}").format(reason=reason), indent=2)


def heading(value: str, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.line()
    out.line(value, style="bold underline")
    out.line()


def teaching(scenario: Scenario, file: IO[str] | None = None) -> None:
    out = Writer(file)
    if scenario.teaching_points:
        out.heading(_("Teaching points"))
        out.bullets(BULLET, (text(t) for t in scenario.teaching_points))
    if scenario.discussion:
        out.heading(_("For discussion"))
        for number, question in enumerate(scenario.discussion, 1):
            head = f" {number}. "
            out.para(text(question), indent=len(head), first=head)


def stopped(file: IO[str] | None = None) -> None:
    Writer(file).line(_("Replay stopped."), style="dim")


# --- smguide replay --quiz ------------------------------------------------------------------


def feedback(scenario: Scenario, result: QuizScore, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.heading(_("Your answers and the scenario's"))
    for item in result.answers:
        question = item.question
        if item.scored and item.matched:
            line = Text(f" {RIGHT} ", style="green")
            line.append(text(question.text))
            line.append(f" — {answer_label(question, item.given)}", style="dim")
            out.console.print(line, soft_wrap=True)
            continue
        mark, style = (WRONG, "red") if item.scored else ("·", "dim")
        line = Text(f" {mark} ", style=style)
        line.append(text(question.text))
        if not item.scored:
            line.append(" " + _("(not scored: the scenario's answers do not lead here)"),
                        style="dim")
        out.console.print(line, soft_wrap=True)
        out.para(_("you: {answer}").format(answer=answer_label(question, item.given)),
                 indent=5)
        expected = (_("(left out: not sure)") if item.expected is None
                    else answer_label(question, item.expected))
        out.para(_("scenario: {answer}").format(answer=expected), indent=5)
        reason = why(scenario, question)
        if reason and item.scored:
            out.para(_("why: {reason}").format(reason=reason), indent=5, style="italic")
    out.heading(_("Your prediction"))
    verdict = wording(result.verdict).label
    if result.prediction_right:
        out.para(f"{RIGHT} " + _("{verdict} — right.").format(
            verdict=wording(result.predicted).label), indent=1, style="green")
    else:
        out.para(f"{WRONG} " + _("{predicted} — the recommendation is {verdict}.").format(
            predicted=wording(result.predicted).label, verdict=verdict), indent=1, style="red")
    if result.own_verdict != result.verdict:
        out.para(_("Your own answers would lead to {verdict}.").format(
            verdict=wording(result.own_verdict).label),
                 indent=3, style="italic")


def quiz_summary(result: QuizScore, file: IO[str] | None = None) -> None:
    """What a trainee should see first, on one screen: the score, then one line per
    question (✓, or ✗ with both answers), then the prediction. The reasons, the
    recommendation and the teaching points come on demand (:func:`feedback`)."""
    out = Writer(file)
    score_line(result, file)
    out.heading(_("Your answers and the scenario's"))
    for item in result.answers:
        question = item.question
        if item.scored and item.matched:
            line = Text(f" {RIGHT} ", style="green")
            line.append(text(question.text))
            line.append(f" — {answer_label(question, item.given)}", style="dim")
        elif item.scored:
            expected = (_("(left out: not sure)") if item.expected is None
                        else answer_label(question, item.expected))
            line = Text(f" {WRONG} ", style="red")
            line.append(text(question.text))
            line.append(" — " + _("you: {answer} · scenario: {expected}").format(
                answer=answer_label(question, item.given), expected=expected))
        else:
            line = Text(" · ", style="dim")
            line.append(text(question.text))
            line.append(" " + _("(not scored)"), style="dim")
        out.console.print(line, soft_wrap=True)
    if result.prediction_right:
        out.para(f"{RIGHT} " + _("Prediction: {verdict} — right.").format(
            verdict=wording(result.predicted).label), indent=1, style="green")
    else:
        out.para(f"{WRONG} " + _("Prediction: {predicted} — the recommendation is {verdict}.")
                 .format(predicted=wording(result.predicted).label,
                         verdict=wording(result.verdict).label), indent=1, style="red")


def score_line(result: QuizScore, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.line()
    prediction = _("right") if result.prediction_right else _("wrong")
    out.line(_("Score: answers matched {matched}/{total} · verdict prediction: {prediction}")
             .format(matched=result.matched, total=result.total, prediction=prediction),
             style="bold")


# --- smguide test ---------------------------------------------------------------------------


def failure_report(sf: ScenarioFile, failures: Sequence[Failure],
                   file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.line()
    head = Text(_("FAILED") + " ", style="bold red")
    head.append(f"{sf.id} — {text(sf.scenario.title)}")
    out.console.print(head, soft_wrap=True)
    out.para(str(sf.path), indent=2, style="dim")
    for failure in failures:
        out.para(failure.message, indent=4, first="  - ")


def coverage_report(pack: Pack, cov: Coverage, file: IO[str] | None = None) -> None:
    out = Writer(file)
    rules_done = len(cov.rules) - len(cov.unexercised_rules)
    sections_done = len(cov.sections) - len(cov.unexercised_sections)
    out.line()
    out.para(_("Coverage of {pack} {version}: {rules_done} of {rules} rules and "
               "{sections_done} of {sections} source sections exercised").format(
                   pack=pack.id, version=pack.manifest.version, rules_done=rules_done,
                   rules=len(cov.rules), sections_done=sections_done,
                   sections=len(cov.sections)), style="bold")
    if cov.unexercised_rules:
        out.line(_("Rules no scenario exercises:"))
        out.pairs([(r.id, text(r.title)) for r in cov.unexercised_rules], indent=2)
    if cov.unexercised_sections:
        out.line(_("Sections no scenario exercises:"))
        out.pairs([(f"{s.id}/{sec.id}", text(sec.title)) for s, sec in cov.unexercised_sections],
                  indent=2)


def summary_line(passed: int, failed: int, seconds: float, file: IO[str] | None = None) -> None:
    out = Writer(file)
    style = "bold red" if failed else "bold green"
    out.line(_("{passed}, {failed} in {seconds}s").format(
        passed=ngettext("{count} passed", "{count} passed", passed).format(count=passed),
        failed=ngettext("{count} failed", "{count} failed", failed).format(count=failed),
        seconds=decimal(seconds, 2)), style=style)


# --- smguide diff ---------------------------------------------------------------------------


def pack_label(pack: Pack) -> str:
    from pathlib import Path

    from smguide.pack.paths import shown_path

    where = shown_path(Path(pack.path)) if pack.path else ""
    return f"{pack.id} {pack.manifest.version} ({pack.content_hash[:19]}…) {where}"


def diff_header(old: Pack, new: Pack, count: int, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.para(ngettext("Scenarios on two rule packs ({count} scenario)",
                      "Scenarios on two rule packs ({count} scenarios)", count).format(count=count),
             style="bold")
    out.para(_("old: {pack}").format(pack=pack_label(old)), indent=2, style="dim")
    out.para(_("new: {pack}").format(pack=pack_label(new)), indent=2, style="dim")


def diff_entry(sf: ScenarioFile, change: OutcomeChange, problem: str | None,
               file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.line()
    head = Text(sf.id, style="bold cyan")
    head.append(f" — {text(sf.scenario.title)}")
    out.console.print(head, soft_wrap=True)
    out.para(str(sf.path), indent=2, style="dim")
    if problem:
        out.para(_("the answers do not fit the new pack: {problem}").format(problem=problem),
                 indent=2, style="yellow")
    before, after = change.before.verdict, change.after.verdict
    if change.verdict_changed:
        line = Text("  " + _("verdict: "))
        line.append(_verdict_text(before))
        line.append(" → ")
        line.append(_verdict_text(after))
        out.console.print(line, soft_wrap=True)
    else:
        out.line("  " + _("verdict: {verdict} (unchanged)").format(verdict=verdict_name(before)),
                 style="dim")
    for label, items, marker, style in (
        (_("obligations removed:"), change.obligations_removed, "-", "red"),
        (_("obligations added:"), change.obligations_added, "+", "green"),
        (_("citations removed:"), change.citations_removed, "-", "red"),
        (_("citations added:"), change.citations_added, "+", "green"),
    ):
        if items:
            out.line(f"  {label}")
            for item in items:
                out.para(item, indent=6, first=f"    {marker} ", style=style)


def diff_footer(changed: int, count: int, file: IO[str] | None = None) -> None:
    out = Writer(file)
    out.line()
    if changed:
        out.line(ngettext("{changed} of {count} scenario changed.",
                          "{changed} of {count} scenarios changed.", count).format(
                              changed=changed, count=count), style="bold yellow")
    else:
        out.line(ngettext("No scenario changed ({count} compared).",
                          "No scenario changed ({count} compared).", count).format(count=count),
                 style="bold green")


# --- smguide scenarios --results ------------------------------------------------------------


def class_summary(summary: ClassSummary, titles: dict[str, str], questions: dict[str, str],
                  top: int = 5, file: IO[str] | None = None) -> None:
    out = Writer(file)
    if not summary.attempts:
        out.line(_("No quiz results."))
        return
    out.para(_("Quiz results: {attempts} of {scenarios}; verdict predictions right {right}").format(
        attempts=_attempts(summary.attempts),
        scenarios=ngettext("{count} scenario", "{count} scenarios", len(summary.scenarios))
        .format(count=len(summary.scenarios)),
        right=_pct(summary.verdict_right, summary.attempts)), style="bold")
    out.heading(_("Per scenario"))
    for s in summary.scenarios:
        out.para(_scores(s.id, s.attempts, s.verdict_right, s.answers_matched, s.answers_total),
                 indent=4, first="  • ")
        out.para(_spread(s), indent=6)
    _per_trainee(out, summary)
    missed = [s for s in summary.most_missed_scenarios() if s.verdict_wrong][:top]
    if missed:
        out.heading(_("Scenarios most often predicted wrong"))
        for s in missed:
            out.para(_("{id} — {title}: wrong {wrong} of {attempts}").format(
                id=s.id, title=titles.get(s.id, _("(scenario not found)")),
                wrong=s.verdict_wrong, attempts=s.attempts), indent=4, first="  • ")
    worst = [q for q in summary.most_missed_questions() if q.missed][:top]
    if worst:
        out.heading(_("Questions most often answered differently"))
        for q in worst:
            out.para(_("{question} [{id}]: missed {missed} of {scored}").format(
                question=questions.get(q.id, q.id), id=q.id, missed=q.missed, scored=q.scored),
                indent=4, first="  • ")


def _attempts(count: int) -> str:
    return ngettext("{count} attempt", "{count} attempts", count).format(count=count)


def _scores(who: str, attempts: int, right: int, matched: int, total: int) -> str:
    return _("{who}: {attempts} · verdict right {right} · answers matched {matched}").format(
        who=who, attempts=_attempts(attempts), right=_pct(right, attempts),
        matched=_pct(matched, total))


def _verdict_words(verdict: str) -> str:
    """A verdict id of a results file in running text ("not yet"); an id this version
    does not know, as written."""
    try:
        return verdict_name(Verdict(verdict))
    except ValueError:
        return verdict.replace("_", " ")


def _spread(s: ScenarioStats) -> str:
    """What the class predicted for a scenario, strictest first."""
    words = " · ".join(f"{_verdict_words(v)} {n}" for v, n in s.predicted.items())
    return _("predicted: {words} (expected {expected})").format(
        words=words, expected=_verdict_words(s.expected))


def _per_trainee(out: Writer, summary: ClassSummary) -> None:
    if not summary.people or (
            len(summary.people) == 1 and summary.people[0].pseudonym is None):
        return  # nobody gave a pseudonym: the totals say it all
    out.heading(_("Per trainee"))
    for p in summary.people:
        out.para(_scores(p.pseudonym or _("(no pseudonym)"), p.attempts, p.verdict_right,
                         p.answers_matched, p.answers_total), indent=4, first="  • ")


def _pct(part: int, whole: int) -> str:
    if not whole:
        return "—"
    return _("{part}/{whole} ({percent}%)").format(part=part, whole=whole,
                                                   percent=round(100 * part / whole))
