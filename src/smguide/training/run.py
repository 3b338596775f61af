"""Scenarios against a rule pack: pure functions, no printing, no files.

* :func:`run` decides a scenario's canned answers and compares the decision with
  what the scenario expects (``smguide test``);
* :func:`walk` gives the questions in the order the engine would ask them, with the
  canned answers (``smguide replay``);
* :func:`coverage` finds the rules and source sections no scenario exercises;
* :func:`outcome` and :func:`compare` tell how a scenario's recommendation changes
  from one pack to another (``smguide diff``);
* :func:`score` compares a trainee's answers and prediction with the scenario's
  (``smguide replay --quiz``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from smguide.engine.core import Assessment, assess, decide, next_question
from smguide.engine.decision import Decision
from smguide.i18n import N_, _
from smguide.pack.models import UNSURE, Pack, Question, Rule, Section, Source, Verdict
from smguide.training.scenario import Scenario

# --- running a scenario as a test ---------------------------------------------------------


# What a failed expectation of each kind says (the ids are the scenario file's own).
FAILURES = {
    "rule": N_("rule: expected {expected} among the applied rules; got: {got}"),
    "section": N_("section: expected {expected} cited by an applied rule; got: {got}"),
    "defeat": N_("defeat: expected {expected} among the exceptions applied; got: {got}"),
    "cite": N_("cite: expected {expected} cited by a rule that gives the verdict; got: {got}"),
    "obligation": N_("obligation: expected {expected} in an obligation that applies; got: {got}"),
}


@dataclass(frozen=True)
class Failure:
    """One expectation the decision does not meet."""

    kind: str  # "verdict", "rule", "section", "defeat", "cite" or "obligation"
    expected: str
    got: str

    @property
    def message(self) -> str:
        if self.kind == "verdict":
            return _("verdict: expected {expected}, got {got}").format(expected=self.expected,
                                                                      got=self.got)
        return _(FAILURES[self.kind]).format(expected=self.expected, got=self.got or _("none"))


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    outcome: Assessment
    failures: tuple[Failure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def applied_rules(decision: Decision | Assessment) -> list[str]:
    return [a.rule.id for a in decision.applied]


def cited_sections(decision: Decision | Assessment) -> list[str]:
    """ "source/section" of every citation of the applied rules, each once."""
    return list(dict.fromkeys(f"{c.source}/{c.section}"
                              for a in decision.applied for c in a.rule.cite))


def deciding_sections(decision: Decision | Assessment) -> list[str]:
    """ "source/section" of every citation of the rules that give the verdict, each once."""
    return list(dict.fromkeys(f"{c.source}/{c.section}" for a in decision.applied
                              if a.rule.verdict == decision.verdict for c in a.rule.cite))


def _words(value: str) -> str:
    return " ".join(value.lower().split())


def certain_obligations(decision: Decision | Assessment) -> list[str]:
    """The English texts of the obligations of the rules that apply for certain."""
    return list(dict.fromkeys(o.get_text("en") for a in decision.applied if a.certain
                              for o in a.rule.obligations))


def defeats(decision: Decision | Assessment) -> list[str]:
    return [f"{d.exception.id}>{d.defeated.id}" for d in decision.defeated]


def decide_scenario(pack: Pack, scenario: Scenario) -> Decision:
    """The decision for the canned answers (without the why-not, which is not compared)."""
    return decide(pack, scenario.answers, why_not=False)


def run(pack: Pack, scenario: Scenario) -> Result:
    """Assess the scenario and list every expectation the outcome does not meet."""
    outcome = assess(pack, scenario.answers)
    return Result(scenario, outcome, tuple(failures(scenario, outcome)))


def failures(scenario: Scenario, decision: Decision | Assessment) -> Iterable[Failure]:
    expect = scenario.expect
    if decision.verdict != expect.verdict:
        yield Failure("verdict", expect.verdict.value, decision.verdict.value)
    rules = applied_rules(decision)
    for rid in expect.rules:
        if rid not in rules:
            yield Failure("rule", rid, ", ".join(rules))
    sections = cited_sections(decision)
    for ref in expect.sections:
        if ref not in sections:
            yield Failure("section", ref, ", ".join(sections))
    pairs = defeats(decision)
    for ref in expect.defeats:
        wanted = ">".join(p.strip() for p in ref.split(">", 1))
        if wanted not in pairs:
            yield Failure("defeat", wanted, ", ".join(pairs))
    deciding = deciding_sections(decision)
    for ref in expect.cites:
        if ref not in deciding:
            yield Failure("cite", ref, ", ".join(deciding))
    named = certain_obligations(decision)
    found = [_words(o) for o in named]
    for words in expect.obligations:
        if not any(_words(words) in o for o in found):
            yield Failure("obligation", repr(words), " | ".join(named))


# --- coverage ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """What no scenario exercises. A rule is exercised when some scenario's decision
    applies it or lists it as defeated; a section, when an exercised rule cites it."""

    rules: tuple[Rule, ...]  # all rules of the pack
    sections: tuple[tuple[Source, Section], ...]
    unexercised_rules: tuple[Rule, ...]
    unexercised_sections: tuple[tuple[Source, Section], ...]


def coverage(pack: Pack, decisions: Iterable[Decision | Assessment]) -> Coverage:
    exercised: set[str] = set()
    for decision in decisions:
        exercised.update(a.rule.id for a in decision.applied)
        exercised.update(d.defeated.id for d in decision.defeated)
    cited = {(c.source, c.section) for r in pack.rules if r.id in exercised for c in r.cite}
    sections = tuple((s, sec) for s in pack.sources for sec in s.sections)
    return Coverage(
        rules=tuple(pack.rules),
        sections=sections,
        unexercised_rules=tuple(r for r in pack.rules if r.id not in exercised),
        unexercised_sections=tuple((s, sec) for s, sec in sections
                                   if (s.id, sec.id) not in cited),
    )


# --- replay --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    question: Question
    answer: str  # the canned answer; "unsure" when the scenario leaves it out


def walk(pack: Pack, answers: Mapping[str, str]) -> list[Step]:
    """The questions in the order the engine asks them, each with the canned answer.

    Questions the canned answers leave out are answered "not sure", as in ``decide``.
    """
    given: dict[str, str] = {}
    steps: list[Step] = []
    while True:
        question = next_question(pack, given)
        if question is None:
            return steps
        answer = answers.get(question.id, UNSURE)
        given[question.id] = answer
        steps.append(Step(question, answer))


# --- diff ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a practitioner is told, for comparing two packs."""

    verdict: Verdict
    obligations: tuple[str, ...]
    citations: tuple[str, ...]  # "source §section" and the quote, if any


def outcome(decision: Decision) -> Outcome:
    may = _(" (depending on what you find out)")
    obligations = tuple(str(i.text) + ("" if i.certain else may) for i in decision.obligations)
    citations = tuple(dict.fromkeys(
        f"{c.source} §{c.section}" + (f" “{c.quote}”" if c.quote else "")
        for a in decision.applied for c in a.rule.cite))
    return Outcome(decision.verdict, obligations, citations)


@dataclass(frozen=True)
class OutcomeChange:
    before: Outcome
    after: Outcome
    obligations_removed: tuple[str, ...]
    obligations_added: tuple[str, ...]
    citations_removed: tuple[str, ...]
    citations_added: tuple[str, ...]

    @property
    def verdict_changed(self) -> bool:
        return self.before.verdict != self.after.verdict


def _minus(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    other = set(b)
    return tuple(x for x in a if x not in other)


def compare(before: Outcome, after: Outcome) -> OutcomeChange | None:
    """How the outcome changed, or None when verdict, obligations and citations are equal."""
    change = OutcomeChange(
        before, after,
        obligations_removed=_minus(before.obligations, after.obligations),
        obligations_added=_minus(after.obligations, before.obligations),
        citations_removed=_minus(before.citations, after.citations),
        citations_added=_minus(after.citations, before.citations),
    )
    if (change.verdict_changed or change.obligations_removed or change.obligations_added
            or change.citations_removed or change.citations_added):
        return change
    return None


# --- quiz ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizAnswer:
    question: Question
    expected: str | None  # the scenario's answer; None: the scenario leaves it out
    given: str | None  # the trainee's; None: their answers never led to this question
    scored: bool  # on the scenario's own path of questions, so part of the score

    @property
    def matched(self) -> bool:
        return self.given == self.expected


@dataclass(frozen=True)
class QuizScore:
    answers: tuple[QuizAnswer, ...]
    predicted: Verdict
    verdict: Verdict  # the scenario's
    own_verdict: Verdict  # the trainee's answers would give this

    @property
    def matched(self) -> int:
        return sum(1 for a in self.answers if a.scored and a.matched)

    @property
    def total(self) -> int:
        return sum(1 for a in self.answers if a.scored)

    @property
    def prediction_right(self) -> bool:
        return self.predicted == self.verdict


def score(pack: Pack, scenario: Scenario, given: Mapping[str, str],
          predicted: Verdict) -> QuizScore:
    """Compare a trainee's answers (in the order asked) and prediction with the scenario.

    The scenario's path of questions (:func:`walk`) is what is scored; questions only the
    trainee's answers led to are listed, not scored.
    """
    path = walk(pack, scenario.answers)
    on_path = {s.question.id for s in path}
    answers = [QuizAnswer(s.question, s.answer, given.get(s.question.id), True) for s in path]
    for qid, answer in given.items():
        question = pack.question(qid)
        if question is not None and qid not in on_path:
            answers.append(QuizAnswer(question, scenario.answers.get(qid), answer, False))
    answers.sort(key=lambda a: pack.order(a.question.id))
    own = decide(pack, given, why_not=False).verdict
    return QuizScore(tuple(answers), predicted, decide_scenario(pack, scenario).verdict, own)
