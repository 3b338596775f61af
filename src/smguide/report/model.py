"""The answer to a practitioner, as one data model every output reads.

:func:`build` turns the engine's :class:`~smguide.engine.decision.Decision` (with the pack and
the answers) into a :class:`Report`: the headline naming the next step, what the
verdict depends on when it is not settled, the checklist for *this* situation, the
standing reminders folded apart, the one to three deciding provisions cited briefly,
and the whole decision for the full rationale. The text, Markdown and JSON renderers
and the decision record all read a Report; none of them works anything out again.

Pure: no printing, no files, no clock (the record adds the time).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import smguide
from smguide.engine.decision import Decision, Dependency, Item
from smguide.i18n import N_, _
from smguide.pack.conditions import refs
from smguide.pack.models import UNSURE, Citation, Pack, Rule, Verdict
from smguide.report.audience import audience
from smguide.report.phrasing import lower_first, quote_label, quote_language

# Questions that say only who you are, what you do and by what means. A rule that gives
# no verdict and reads nothing else applies to a whole kind of work, not to this
# contact: its obligations and cautions are standing reminders, folded into one line.
FRAMING = frozenset({"role", "activity", "channel"})
MAX_DECIDING = 3
# The question that says a supervisor is reviewing a worker's request: the answer then
# says whether the request can be authorized (issue 19 item 4).
REVIEW_QUESTION, REVIEW_YES = "review_request", "yes"
# Verdicts under which the practitioner goes ahead (possibly after a first step).
GO_AHEAD = frozenset(Verdict) - {Verdict.prohibited}


@dataclass(frozen=True)
class SourceRef:
    id: str
    title: str  # the full title, shown once
    label: str  # the short label used in citations
    quote_label: str = ""  # how its quotations are labelled (wording.quote_label)
    quote_language: str = "en"  # the language of its quotations' words


@dataclass(frozen=True)
class CitationRef:
    source: SourceRef
    section: str
    section_title: str
    quote: str | None

    @property
    def brief(self) -> str:
        """ "CAS policy 2011 §policy.personal-mobile" """
        return f"{self.source.label} §{self.section}"

    @property
    def reference(self) -> str:
        """ "CAS policy 2011, §policy.boundaries (Policy — boundaries)" """
        title = f" ({self.section_title})" if self.section_title else ""
        return f"{self.source.label}, §{self.section}{title}"


@dataclass(frozen=True)
class Provision:
    """A rule the verdict rests on, with its citations."""

    rule: Rule
    certain: bool
    citations: tuple[CitationRef, ...]


@dataclass(frozen=True)
class Branch:
    options: tuple[str, ...]  # option ids
    answers: tuple[str, ...]  # their texts
    verdict: Verdict
    settled: bool  # False: the other answers still matter


@dataclass(frozen=True)
class DependsOn:
    question: str  # id
    text: str
    find_out: str | None
    # The verdict per answer; empty when the answer matters only with other answers.
    branches: tuple[Branch, ...]


NOT_ASKED = N_("Not asked (counts as not sure)")


@dataclass(frozen=True)
class AnswerRow:
    question: str
    question_text: str
    answer: str
    answer_text: str
    # False where the interview stopped before this question (the answer is unknown, and
    # counts as "not sure"); a record must not say the worker answered it.
    asked: bool = True


@dataclass(frozen=True)
class SilenceRef:
    id: str
    reason: str
    citations: tuple[CitationRef, ...]


@dataclass(frozen=True)
class UnsureAnswer:
    """A question the worker answered "not sure" whose answer matters."""

    question: str  # id
    text: str
    find_out: str


@dataclass(frozen=True)
class Report:
    pack: Pack
    decision: Decision
    tool_version: str
    verdict: Verdict
    # Every completion of the answers gives this verdict: nothing left to find out for it.
    settled: bool
    next_step: str | None  # an instruction, when the verdict has one
    depends: tuple[DependsOn, ...]
    steps: tuple[Item, ...]  # the deciding rules' obligations: what to do first / instead
    checklist: tuple[Item, ...]  # the other obligations of this situation
    standing: tuple[Rule, ...]  # rules whose reminders apply to a whole kind of work
    deciding: tuple[Provision, ...]  # at most MAX_DECIDING
    silences: tuple[SilenceRef, ...]
    answers: tuple[AnswerRow, ...]
    sources: tuple[SourceRef, ...]
    # What leads the answer whatever the verdict (a mandatory report that may be due).
    urgent: tuple[Item, ...] = ()
    # Facts the worker gave that already stand in the way of going ahead (certain rules
    # with a verdict stricter than a permission, not among ``deciding``).
    blocking: tuple[Provision, ...] = ()
    # Their own "not sure" answers that matter.
    unsure: tuple[UnsureAnswer, ...] = ()
    # A supervisor reviewing a worker's request: can it be authorized?
    reviewing: bool = False

    @property
    def silent(self) -> bool:
        return self.decision.silent

    @property
    def audience(self) -> str:
        """Who the report is for, for whom they turn to (caregiver, volunteer, supervisor
        or worker: :func:`smguide.report.audience.audience`)."""
        return audience(dict(self.decision.answers))

    @property
    def pending(self) -> bool:
        """Not settled, and the strictest outcome does not let the worker go ahead by
        itself: the answer is "DEPENDS — do not go ahead until you know …". (When even
        the strictest outcome lets them go ahead, meeting its conditions is safe
        whatever the unknowns turn out to be: that verdict is the answer.)"""
        return not self.settled and self.verdict.rank <= Verdict.consult_supervisor.rank

    def source(self, source_id: str) -> SourceRef:
        return next((s for s in self.sources if s.id == source_id),
                    SourceRef(source_id, source_id, source_id))

    def cite(self, citation: Citation) -> CitationRef:
        return _cite(self.pack, self.source(citation.source), citation)


def is_pending(decision: Decision) -> bool:
    """:attr:`Report.pending` of the decision's report."""
    return not decision.settled and decision.verdict.rank <= Verdict.consult_supervisor.rank


def _first_sentence_lower(value: str) -> str:
    return lower_first(value.strip().rstrip("."))


def standing(rule: Rule) -> bool:
    """A standing reminder: no verdict, obligations or cautions, and a condition that reads
    only the framing questions. (Considerations stay in the details either way.)"""
    return (rule.verdict is None and bool(rule.obligations or rule.cautions)
            and refs(rule.when) <= FRAMING)


def source_ref(pack: Pack, source_id: str) -> SourceRef:
    source = pack.source(source_id)
    if source is None:
        return SourceRef(source_id, source_id, source_id)
    title = str(source.title)
    return SourceRef(source_id, title, str(source.short_title) if source.short_title else title,
                     quote_label(source), quote_language(source))


def _cite(pack: Pack, source: SourceRef, citation: Citation) -> CitationRef:
    found = pack.source(citation.source)
    section = found.section(citation.section) if found else None
    return CitationRef(source, citation.section, str(section.title) if section else "",
                       citation.quote)


def _provision(pack: Pack, rule: Rule, certain: bool) -> Provision:
    return Provision(rule, certain, tuple(
        _cite(pack, source_ref(pack, c.source), c) for c in rule.cite))


def _next_step(pack: Pack, decision: Decision, deciding: list[Rule]) -> str | None:
    """What to do: the deciding rule's ``instead``, else a step a why-not change names
    (an option's ``step``), else the deciding rule's first obligation."""
    if decision.verdict == Verdict.permitted or not deciding:
        return None
    for rule in deciding:
        if rule.instead is not None:
            return str(rule.instead)
    read = set().union(*(refs(r.when) for r in deciding))
    for why in decision.why_not:
        for change in why.changes:
            option = change.question.option(change.answer)
            if option is not None and option.step is not None and change.question.id in read:
                return str(option.step)
    for rule in deciding:
        if rule.obligations:
            return str(rule.obligations[0])
    return None


def _depends(pack: Pack, found: tuple[Dependency, ...]) -> tuple[DependsOn, ...]:
    out = []
    for dep in found:
        q = dep.question
        branches = tuple(
            Branch(b.options, tuple(str(q.answer_text(o)) for o in b.options), b.verdict,
                   b.settled)
            for b in dep.branches)
        out.append(DependsOn(q.id, str(q.text), str(q.find_out) if q.find_out else None,
                             branches))
    # Those whose answer alone tells the verdict first: the headline names the first.
    return tuple(sorted(out, key=lambda d: not d.branches))


def build(pack: Pack, decision: Decision, answers: Mapping[str, str] | None = None) -> Report:
    """The report of a decision. ``answers`` are those the decision was made from (for
    what the verdict depends on); without them, the decision's own list of answers."""
    given = dict(answers) if answers is not None else {
        q: a for q, a in decision.answers}
    is_settled, found = decision.settled, decision.depends
    # What the worker answered (for their "not sure" answers): the answers given, else
    # those the decision was made from.
    own = dict(answers) if answers is not None else {
        q: a for q, a in decision.answers if q in decision.asked}
    pending = is_pending(decision)
    concerning = _concerning(decision, own, pending=pending)
    # A report that may be due leads only where the worker's answers bring it up (for
    # certain, or through their own "not sure"), never through a question not asked.
    urgent_ids = {a.rule.id for a in decision.applied if a.rule.urgent
                  and _concerning(decision, own, pending=False) >= {a.rule.id}}
    deciding = [a for a in decision.deciding if a.rule.id in concerning] or list(
        decision.deciding)
    if not (decision.verdict == Verdict.prohibited and is_settled):
        # Where the worker may go ahead, an obligation that may apply must be met.
        concerning |= {a.rule.id for a in decision.applied}
    deciding_rules = [a.rule for a in deciding]
    step_ids = {r.id for r in deciding_rules} | _first_step_ids(decision)
    standing_rules = tuple(a.rule for a in decision.applied if standing(a.rule) and a.certain)
    standing_ids = {r.id for r in standing_rules}
    obligations = [i for i in decision.obligations
                   if set(i.rules) & concerning and not set(i.rules) & urgent_ids]
    # What certainly applies first: the rest depends on what the worker finds out.
    steps = tuple(sorted((i for i in obligations if set(i.rules) & step_ids),
                         key=lambda i: not i.certain))
    checklist: tuple[Item, ...] = ()
    if decision.verdict in GO_AHEAD:
        checklist = tuple(
            i for i in obligations
            if i not in steps and not set(i.rules) <= standing_ids)
    shown = {a.rule.id for a in deciding[:MAX_DECIDING]}
    blocking = tuple(
        _provision(pack, a.rule, True) for a in decision.applied
        if a.certain and a.rule.verdict is not None and a.rule.id not in shown
        and a.rule.verdict.rank <= Verdict.discouraged.rank
        and not (decision.verdict == Verdict.prohibited and is_settled))
    used: dict[str, SourceRef] = {}
    for applied in decision.applied:
        for c in applied.rule.cite:
            used.setdefault(c.source, source_ref(pack, c.source))
    for silence in decision.silences:
        for c in silence.cite:
            used.setdefault(c.source, source_ref(pack, c.source))
    return Report(
        pack=pack,
        decision=decision,
        tool_version=smguide.__version__,
        verdict=decision.verdict,
        settled=is_settled,
        next_step=_next_step(pack, decision, deciding_rules),
        depends=_depends(pack, found),
        steps=steps,
        checklist=checklist,
        standing=standing_rules,
        deciding=tuple(_provision(pack, a.rule, a.certain) for a in deciding[:MAX_DECIDING]),
        silences=tuple(
            SilenceRef(s.id, str(s.reason),
                       tuple(_cite(pack, source_ref(pack, c.source), c) for c in s.cite))
            for s in decision.silences),
        answers=tuple(_answer_row(pack, qid, answer, asked=qid in given)
                      for qid, answer in decision.answers),
        sources=tuple(used.values()),
        urgent=tuple(i for i in decision.obligations if set(i.rules) & urgent_ids),
        blocking=blocking,
        unsure=_unsure(decision, own),
        reviewing=dict(decision.answers).get(REVIEW_QUESTION) == REVIEW_YES,
    )


def _unsure_ids(given: Mapping[str, str]) -> set[str]:
    return {qid for qid, answer in given.items() if answer == UNSURE}


def _concerning(decision: Decision, given: Mapping[str, str], *, pending: bool) -> set[str]:
    """The applied rules that concern this person: those that apply for certain, and those
    that may apply because of an answer they gave as "not sure". A rule that may apply
    only through a question never asked is no reason (it stays in the details); while
    the answer is pending, every possible rule stays: the questions to find out."""
    unsure = _unsure_ids(given)
    return {a.rule.id for a in decision.applied
            if a.certain or pending or set(a.open) & unsure}


def _first_step_ids(decision: Decision) -> set[str]:
    """Rules whose obligations must be met before going ahead: those with a verdict
    that does not let the worker go ahead by themselves (not yet, authorization…)."""
    if decision.verdict == Verdict.prohibited:
        return set()
    return {a.rule.id for a in decision.applied if a.rule.verdict is not None
            and Verdict.prohibited.rank < a.rule.verdict.rank
            <= Verdict.consult_supervisor.rank}


def _unsure(decision: Decision, given: Mapping[str, str]) -> tuple[UnsureAnswer, ...]:
    """The worker's own "not sure" answers that matter: a rule with a verdict or
    obligations may or may not apply depending on them."""
    unsure = _unsure_ids(given)
    reading: set[str] = set()
    for a in decision.applied:
        if not a.certain and (a.rule.verdict is not None or a.rule.obligations):
            reading |= set(a.open)
    for dep in decision.depends:
        reading.add(dep.question.id)
    return tuple(UnsureAnswer(f.question.id, str(f.question.text), str(f.text))
                 for f in decision.find_out
                 if f.question.id in unsure and f.question.id in reading)


def _question_text(pack: Pack, qid: str) -> str:
    question = pack.question(qid)
    return str(question.text) if question else qid


def _answer_row(pack: Pack, qid: str, answer: str, *, asked: bool) -> AnswerRow:
    if not asked and answer == UNSURE:
        return AnswerRow(qid, _question_text(pack, qid), answer, _(NOT_ASKED), asked=False)
    return AnswerRow(qid, _question_text(pack, qid), answer, _answer_text(pack, qid, answer))


def _answer_text(pack: Pack, qid: str, answer: str) -> str:
    question = pack.question(qid)
    return str(question.answer_text(answer)) if question else answer


def briefly(citations: tuple[CitationRef, ...]) -> str:
    """ "CAS policy 2011 §policy.personal-accounts, §policy.dual-relationships" """
    by_source: dict[str, list[str]] = {}
    for c in citations:
        sections = by_source.setdefault(c.source.label, [])
        if f"§{c.section}" not in sections:
            sections.append(f"§{c.section}")
    return "; ".join(f"{label} {', '.join(sections)}" for label, sections in by_source.items())


def step_phrase(step: str) -> str:
    """An instruction as it continues a headline: "ask your supervisor to …"."""
    return _first_sentence_lower(step)
