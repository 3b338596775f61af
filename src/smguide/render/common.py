"""What every renderer shares: verdict wording, readable conditions, citations."""

from __future__ import annotations

from dataclasses import dataclass

from smguide import conditions as cond
from smguide.models import Citation, Pack, Verdict
from smguide.text import Localized


@dataclass(frozen=True)
class VerdictWording:
    label: str  # "PERMITTED WITH CONDITIONS"
    action: str  # one sentence a worker can act on
    style: str  # a rich style


VERDICTS: dict[Verdict, VerdictWording] = {
    Verdict.prohibited: VerdictWording(
        "PROHIBITED", "do not make this contact.", "bold white on red"),
    Verdict.not_yet: VerdictWording(
        "NOT YET", "a required step comes first; complete it before you make contact.",
        "bold red"),
    Verdict.needs_authorization: VerdictWording(
        "NEEDS AUTHORIZATION",
        "get your supervisor's authorization before you make contact.", "bold yellow"),
    Verdict.consult_supervisor: VerdictWording(
        "CONSULT YOUR SUPERVISOR", "talk it through with your supervisor before you go ahead.",
        "bold yellow"),
    Verdict.discouraged: VerdictWording(
        "DISCOURAGED", "avoid this if you can; prefer another way to reach them.",
        "bold magenta"),
    Verdict.permitted_with_conditions: VerdictWording(
        "PERMITTED WITH CONDITIONS",
        "you may go ahead if you meet the obligations below.", "bold green"),
    Verdict.permitted: VerdictWording("PERMITTED", "you may go ahead.", "bold green"),
}

SILENT_ACTION = "the policy does not cover this case; talk it through with your supervisor."
UNCERTAIN_NOTE = (
    "This is the strictest outcome your “not sure” answers allow; "
    "it may be less strict once you find out."
)
MAY_APPLY = "depending on what you find out"
QUOTED = "quoted"


def wording(verdict: Verdict) -> VerdictWording:
    return VERDICTS[verdict]


def verdict_line(verdict: Verdict, silent: bool) -> str:
    """The one line a worker can act on, e.g. "PROHIBITED — do not make this contact."."""
    w = wording(verdict)
    only_silent = silent and verdict == Verdict.consult_supervisor
    return f"{w.label} — {SILENT_ACTION if only_silent else w.action}"


def verdict_name(verdict: Verdict) -> str:
    """Lower-case words for running text: "permitted with conditions"."""
    return verdict.value.replace("_", " ")


def text(value: Localized | str | None) -> str:
    return "" if value is None else str(value)


def describe_condition(condition: cond.Condition, top: bool = True) -> str:
    """A readable form of a condition, with the ids an answers file uses."""
    if isinstance(condition, cond.Test):
        options = sorted(condition.options)
        if len(options) == 1:
            return f"{condition.question} = {options[0]}"
        return f"{condition.question} is one of {', '.join(options)}"
    if isinstance(condition, cond.Not):
        inner = condition.item
        if isinstance(inner, cond.Test):
            options = sorted(inner.options)
            if len(options) == 1:
                return f"{inner.question} ≠ {options[0]}"
            return f"{inner.question} is not one of {', '.join(options)}"
        return f"not ({describe_condition(inner, top=False)})"
    if isinstance(condition, cond.All):
        if not condition.items:
            return "always"
        joined = " and ".join(describe_condition(i, top=False) for i in condition.items)
        return joined if top or len(condition.items) == 1 else f"({joined})"
    if not condition.items:
        return "never"
    joined = " or ".join(describe_condition(i, top=False) for i in condition.items)
    return joined if top or len(condition.items) == 1 else f"({joined})"


@dataclass(frozen=True)
class CitationView:
    source: str
    source_title: str
    section: str
    section_title: str
    quote: str | None

    @property
    def reference(self) -> str:
        """ "Use of Social Media in Service Delivery, §policy.boundaries (Policy — boundaries)" """
        title = f" ({self.section_title})" if self.section_title else ""
        return f"{self.source_title}, §{self.section}{title}"


def citation(pack: Pack, cite: Citation) -> CitationView:
    source = pack.source(cite.source)
    section = source.section(cite.section) if source else None
    return CitationView(
        source=cite.source,
        source_title=text(source.title) if source else cite.source,
        section=cite.section,
        section_title=text(section.title) if section else "",
        quote=cite.quote,
    )


def answer_text(pack: Pack, qid: str, answer: str) -> str:
    question = pack.question(qid)
    return text(question.answer_text(answer)) if question else answer


def question_text(pack: Pack, qid: str) -> str:
    question = pack.question(qid)
    return text(question.text) if question else qid
