"""What every renderer shares: verdict wording, readable conditions, citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from smguide import conditions as cond
from smguide.models import Citation, Pack, Principle, Rule, Verdict
from smguide.text import Localized

if TYPE_CHECKING:
    from smguide.report import Branch, Report


@dataclass(frozen=True)
class VerdictWording:
    label: str  # "PERMITTED WITH CONDITIONS"
    action: str  # one sentence a worker can act on
    style: str  # a rich style


VERDICTS: dict[Verdict, VerdictWording] = {
    Verdict.prohibited: VerdictWording(
        "PROHIBITED", "do not go ahead with this.", "bold white on red"),
    Verdict.not_yet: VerdictWording(
        "NOT YET", "a required step comes first; complete it before you go ahead.",
        "bold red"),
    Verdict.needs_authorization: VerdictWording(
        "NEEDS AUTHORIZATION",
        "get your supervisor's authorization before you go ahead.", "bold yellow"),
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
DEPENDS_LABEL = "DEPENDS"
DEPENDS_STYLE = "bold yellow"

SILENT_ACTION = "the policy does not cover this case; talk it through with your supervisor."
UNTIL_KNOWN = "Until you know, the strictest possible outcome stands:"
MAY_APPLY = "depending on what you find out"
QUOTED = "quoted"


# The 2022 ETMI report's principles, as a practitioner reads them.
PRINCIPLE_LABELS: dict[Principle, str] = {
    Principle.best_interests: "The best interests and protection of the child",
    Principle.intent: "Intent: the purpose of the contact",
    Principle.boundaries: "Professional boundaries",
    Principle.confidentiality: "Confidentiality",
    Principle.privacy: "Privacy",
    Principle.consent: "Informed consent",
    Principle.integrity: "Integrity",
    Principle.security: "Security of information and of people",
    Principle.competence: "Competence (technical, regulatory, clinical)",
}


def principle_label(principle: Principle) -> str:
    return PRINCIPLE_LABELS[principle]


def principle_name(principle: Principle) -> str:
    """Lower-case words for running text: "best interests"."""
    return principle.value.replace("_", " ")


def origin_tag(pack: Pack, rule: Rule) -> str:
    """ "[agency-x] " when the pack is composed of several layers, else ""."""
    return f"[{rule.origin}] " if rule.origin and len(pack.layers) > 1 else ""


def rule_ref(pack: Pack, rule: Rule) -> str:
    """How the explanation names a rule: "[rule-id]", or "[agency-x] rule-id" when the
    pack is composed of several, so it says which pack each rule came from."""
    tag = origin_tag(pack, rule)
    return f"{tag}{rule.id}" if tag else f"[{rule.id}]"


def item_sources(pack: Pack, rule_ids: tuple[str, ...]) -> list[str]:
    """Where an obligation, caution or consideration comes from: each rule (with its
    pack when several are composed) and the sections it cites, e.g.
    "[etmi-2022] intent-first — The use of social media ..., §q3.intent (...)"."""
    out: list[str] = []
    for rid in rule_ids:
        rule = pack.rule(rid)
        if rule is None:
            continue
        by_source: dict[str, list[str]] = {}
        for cite in rule.cite:
            view = citation(pack, cite)
            section = f"§{view.section}" + (f" ({view.section_title})" if view.section_title
                                            else "")
            sections = by_source.setdefault(view.source_title, [])
            if section not in sections:
                sections.append(section)
        refs = "; ".join(f"{title}, {', '.join(sections)}" for title, sections in by_source.items())
        out.append(f"{origin_tag(pack, rule)}{rid}" + (f" — {refs}" if refs else ""))
    return out


def wording(verdict: Verdict) -> VerdictWording:
    return VERDICTS[verdict]


def verdict_line(verdict: Verdict, silent: bool) -> str:
    """The one line a worker can act on, e.g. "PROHIBITED — do not go ahead with this."."""
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


def _sentence(step: str) -> str:
    from smguide.report import step_phrase

    return step_phrase(step)


def headline(report: Report) -> str:
    """The verdict and the next concrete step, e.g. "NOT YET — first ask your supervisor to
    record the approval in the supervision notes."; "DEPENDS — …" while it is pending."""
    if report.pending:
        if report.depends:
            more = len(report.depends) - 1
            also = f" (and {more} more question{'s' if more > 1 else ''})" if more else ""
            return (f"{DEPENDS_LABEL} — do not go ahead until you know: "
                    f"{report.depends[0].text}{also}")
        return (f"{DEPENDS_LABEL} — do not go ahead until you find out what you answered "
                "“not sure” (below).")
    verdict, step = report.verdict, report.next_step
    label = wording(verdict).label
    if report.silent and verdict == Verdict.consult_supervisor and not report.decision.deciding:
        return f"{label} — {SILENT_ACTION}"
    if step is None:
        return verdict_line(verdict, report.silent)
    phrase = _sentence(step)
    if verdict == Verdict.not_yet:
        return f"{label} — first {phrase}."
    if verdict == Verdict.prohibited:
        return f"{label} — do not do this; {phrase}."
    if verdict == Verdict.permitted_with_conditions:
        return verdict_line(verdict, report.silent)
    return f"{label} — {phrase}."


def headline_style(report: Report) -> str:
    return DEPENDS_STYLE if report.pending else wording(report.verdict).style


def branch_text(branch: Branch, *, otherwise: bool = False) -> str:
    """ "if Yes: prohibited" / "if No: at worst not yet, depending on your other answers" /
    "otherwise: …" """
    outcome = verdict_name(branch.verdict) if branch.settled else (
        f"at worst {verdict_name(branch.verdict)}, depending on your other answers")
    return f"otherwise: {outcome}" if otherwise else f"if {' or '.join(branch.answers)}: {outcome}"


def branch_texts(branches: tuple[Branch, ...]) -> list[str]:
    """The outcome per answer; a branch of many answers (more than two, and the most)
    comes last as "otherwise", so a choice of eight channels stays short."""
    if not branches:
        return []
    widest = max(branches, key=lambda b: len(b.answers))
    if len(widest.answers) <= 2 or len(branches) < 2:
        return [branch_text(b) for b in branches]
    return [branch_text(b) for b in branches if b is not widest] + [
        branch_text(widest, otherwise=True)]
