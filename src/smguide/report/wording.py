"""What every renderer shares: verdict wording, readable conditions, citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from smguide.i18n import N_, _, ngettext
from smguide.pack import conditions as cond
from smguide.pack.models import Citation, Pack, Principle, Rule, Verdict
from smguide.pack.translatable import Localized
from smguide.report.audience import WORKER

# Re-exported: the renderers take every piece of wording from here.
from smguide.report.phrasing import QUOTED as QUOTED
from smguide.report.phrasing import lower_first as lower_first
from smguide.report.phrasing import quote_label, quote_language

if TYPE_CHECKING:
    from smguide.report.model import Branch, Report


@dataclass(frozen=True)
class VerdictWording:
    label: str  # "PERMITTED WITH CONDITIONS"
    action: str  # one sentence a worker can act on
    style: str  # a rich style


VERDICTS: dict[Verdict, VerdictWording] = {
    Verdict.prohibited: VerdictWording(
        N_("PROHIBITED"), N_("do not go ahead with this."), "bold white on red"),
    Verdict.not_yet: VerdictWording(
        N_("NOT YET"), N_("a required step comes first; complete it before you go ahead."),
        "bold red"),
    Verdict.needs_authorization: VerdictWording(
        N_("NEEDS AUTHORIZATION"),
        N_("get your supervisor's authorization before you go ahead."), "bold yellow"),
    Verdict.consult_supervisor: VerdictWording(
        N_("CONSULT YOUR SUPERVISOR"),
        N_("talk it through with your supervisor before you go ahead."), "bold yellow"),
    Verdict.discouraged: VerdictWording(
        N_("DISCOURAGED"), N_("avoid this if you can; prefer another way to reach them."),
        "bold magenta"),
    Verdict.permitted_with_conditions: VerdictWording(
        N_("PERMITTED WITH CONDITIONS"),
        N_("you may go ahead if you meet the obligations below."), "bold green"),
    Verdict.permitted: VerdictWording(N_("PERMITTED"), N_("you may go ahead."), "bold green"),
}
# Whom a person turns to (smguide.report.audience), where it is not a supervisor.
AUDIENCE_LABELS: dict[tuple[str, Verdict], str] = {
    ("caregiver", Verdict.consult_supervisor): N_("CONSULT YOUR RESOURCE WORKER"),
    ("supervisor", Verdict.consult_supervisor): N_("CONSULT YOUR MANAGER"),
}
AUDIENCE_ACTIONS: dict[tuple[str, Verdict], str] = {
    ("caregiver", Verdict.consult_supervisor): N_(
        "talk it through with your resource worker or the child's worker before you go "
        "ahead."),
    ("caregiver", Verdict.needs_authorization): N_(
        "ask your resource worker whether the Society authorizes it before you go ahead."),
    ("volunteer", Verdict.consult_supervisor): N_(
        "talk it through with the Society staff member who supervises you before you go "
        "ahead."),
    ("volunteer", Verdict.needs_authorization): N_(
        "get the authorization of the Society staff member who supervises you before you "
        "go ahead."),
    ("supervisor", Verdict.consult_supervisor): N_(
        "talk it through with your own manager before you go ahead."),
    ("supervisor", Verdict.needs_authorization): N_(
        "get your own manager's authorization before you go ahead."),
}
SILENT_ACTIONS: dict[str, str] = {
    "caregiver": N_("the policy does not cover this case; talk it through with your resource "
                    "worker or the child's worker."),
    "volunteer": N_("the policy does not cover this case; talk it through with the Society "
                    "staff member who supervises you."),
    "supervisor": N_("the policy does not cover this case; talk it through with your own "
                     "manager."),
}
DEPENDS_LABEL = N_("DEPENDS")
DEPENDS_STYLE = "bold yellow"

SILENT_ACTION = N_("the policy does not cover this case; talk it through with your supervisor.")
UNTIL_KNOWN = N_("Until you know, the strictest possible outcome stands:")
MAY_APPLY = N_("depending on what you find out")


# The 2022 ETMI report's principles, as a practitioner reads them.
PRINCIPLE_LABELS: dict[Principle, str] = {
    Principle.best_interests: N_("The best interests and protection of the child"),
    Principle.intent: N_("Intent: the purpose of the contact"),
    Principle.boundaries: N_("Professional boundaries"),
    Principle.confidentiality: N_("Confidentiality"),
    Principle.privacy: N_("Privacy"),
    Principle.consent: N_("Informed consent"),
    Principle.integrity: N_("Integrity"),
    Principle.security: N_("Security of information and of people"),
    Principle.competence: N_("Competence (technical, regulatory, clinical)"),
}


def principle_label(principle: Principle) -> str:
    return _(PRINCIPLE_LABELS[principle])


def principle_name(principle: Principle) -> str:
    """Lower-case words for running text: "best interests"."""
    return _(PRINCIPLE_NAMES[principle])


PRINCIPLE_NAMES: dict[Principle, str] = {
    Principle.best_interests: N_("best interests"),
    Principle.intent: N_("intent"),
    Principle.boundaries: N_("boundaries"),
    Principle.confidentiality: N_("confidentiality"),
    Principle.privacy: N_("privacy"),
    Principle.consent: N_("consent"),
    Principle.integrity: N_("integrity"),
    Principle.security: N_("security"),
    Principle.competence: N_("competence"),
}


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


def wording(verdict: Verdict, who: str = WORKER) -> VerdictWording:
    """The verdict's wording in the current language, for ``who`` (:func:`audience`)."""
    w = VERDICTS[verdict]
    label = AUDIENCE_LABELS.get((who, verdict), w.label)
    action = AUDIENCE_ACTIONS.get((who, verdict), w.action)
    return VerdictWording(_(label), _(action), w.style)


def silent_action(who: str = WORKER) -> str:
    return _(SILENT_ACTIONS.get(who, SILENT_ACTION))


def verdict_line(verdict: Verdict, silent: bool, who: str = WORKER) -> str:
    """The one line a worker can act on, e.g. "PROHIBITED — do not go ahead with this."."""
    w = wording(verdict, who)
    only_silent = silent and verdict == Verdict.consult_supervisor
    return f"{w.label} — {silent_action(who) if only_silent else w.action}"


def report_line(report: Report) -> str:
    """:func:`verdict_line` for the person the report is for."""
    return verdict_line(report.verdict, report.silent, report.audience)


def verdict_name(verdict: Verdict) -> str:
    """Lower-case words for running text: "permitted with conditions"."""
    return _(VERDICT_NAMES[verdict])


# Marked for the catalog: the verdicts as running text ("at worst not yet").
VERDICT_NAMES: dict[Verdict, str] = {
    Verdict.prohibited: N_("prohibited"),
    Verdict.not_yet: N_("not yet"),
    Verdict.needs_authorization: N_("needs authorization"),
    Verdict.consult_supervisor: N_("consult supervisor"),
    Verdict.discouraged: N_("discouraged"),
    Verdict.permitted_with_conditions: N_("permitted with conditions"),
    Verdict.permitted: N_("permitted"),
}


def text(value: Localized | str | None) -> str:
    return "" if value is None else str(value)


def describe_condition(condition: cond.Condition, top: bool = True) -> str:
    """A readable form of a condition, with the ids an answers file uses."""
    if isinstance(condition, cond.Test):
        options = sorted(condition.options)
        if len(options) == 1:
            return f"{condition.question} = {options[0]}"
        return _("{question} is one of {options}").format(question=condition.question,
                                                           options=", ".join(options))
    if isinstance(condition, cond.Not):
        inner = condition.item
        if isinstance(inner, cond.Test):
            options = sorted(inner.options)
            if len(options) == 1:
                return f"{inner.question} ≠ {options[0]}"
            return _("{question} is not one of {options}").format(question=inner.question,
                                                               options=", ".join(options))
        return _("not ({condition})").format(condition=describe_condition(inner, top=False))
    if isinstance(condition, cond.All):
        if not condition.items:
            return _("always")
        joined = _(" and ").join(describe_condition(i, top=False) for i in condition.items)
        return joined if top or len(condition.items) == 1 else f"({joined})"
    if not condition.items:
        return _("never")
    joined = _(" or ").join(describe_condition(i, top=False) for i in condition.items)
    return joined if top or len(condition.items) == 1 else f"({joined})"


@dataclass(frozen=True)
class CitationView:
    source: str
    source_title: str
    section: str
    section_title: str
    quote: str | None
    quote_label: str = ""  # "quoted, original English text" (see quote_label)
    quote_language: str = "en"

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
        quote_label=quote_label(source),
        quote_language=quote_language(source),
    )


def answer_text(pack: Pack, qid: str, answer: str) -> str:
    question = pack.question(qid)
    return text(question.answer_text(answer)) if question else answer


def question_text(pack: Pack, qid: str) -> str:
    question = pack.question(qid)
    return text(question.text) if question else qid


def _sentence(step: str) -> str:
    from smguide.report.model import step_phrase

    return step_phrase(step)


URGENT_LABEL = N_("FIRST")
URGENT_MAYBE = N_("FIRST, IF IT APPLIES")


def headline(report: Report) -> str:
    """The verdict and the next concrete step, e.g. "NOT YET — first ask your supervisor to
    record the approval in the supervision notes."; "DEPENDS — …" while it is pending.
    What must come first whatever the verdict (a mandatory report) leads it."""
    main = _headline(report)
    if not report.urgent:
        return main
    first = report.urgent[0]
    label = _(URGENT_LABEL) if first.certain else _(URGENT_MAYBE)
    return _("{label} — {step}. Then: {headline}").format(
        label=label, step=_sentence(text(first.text)), headline=main)


def _headline(report: Report) -> str:
    if report.pending:
        if report.depends:
            more = len(report.depends) - 1
            also = ngettext(" (and {count} more question)", " (and {count} more questions)",
                            more).format(count=more) if more else ""
            return _("{label} — do not go ahead until you know: {question}{also}").format(
                label=_(DEPENDS_LABEL), question=report.depends[0].text, also=also)
        return _("{label} — do not go ahead until you find out what you answered "
                 "“not sure” (below).").format(label=_(DEPENDS_LABEL))
    verdict, step = report.verdict, report.next_step
    label = wording(verdict, report.audience).label
    if report.silent and verdict == Verdict.consult_supervisor and not report.decision.deciding:
        return f"{label} — {silent_action(report.audience)}"
    if step is None:
        if report.reviewing and verdict == Verdict.permitted_with_conditions:
            return _("{label} — you may authorize it if the obligations below are met.").format(
                label=label)
        return report_line(report)
    phrase = _sentence(step)
    if report.reviewing:
        return _review_headline(report, label, phrase)
    if verdict == Verdict.not_yet:
        return _("{label} — first {step}.").format(label=label, step=phrase)
    if verdict == Verdict.prohibited:
        return _("{label} — do not do this; {step}.").format(label=label, step=phrase)
    if verdict == Verdict.permitted_with_conditions:
        return report_line(report)
    return f"{label} — {phrase}."


def _review_headline(report: Report, label: str, phrase: str) -> str:
    """What a supervisor reviewing a worker's request is told: whether it can be
    authorized at all, and what comes first."""
    if report.verdict == Verdict.prohibited:
        return _("{label} — this cannot be authorized under the policy, whatever the "
                 "authorization says; {step}.").format(label=label, step=phrase)
    if report.verdict == Verdict.permitted_with_conditions:
        return _("{label} — you may authorize it if the obligations below are met.").format(
            label=label)
    return _("{label} — before you authorize it, first {step}.").format(label=label,
                                                                     step=phrase)


def headline_style(report: Report) -> str:
    return DEPENDS_STYLE if report.pending else wording(report.verdict).style


def headline_label(report: Report) -> str:
    """The badge that goes with the headline: "DEPENDS" while pending, else the verdict."""
    return _(DEPENDS_LABEL) if report.pending else wording(report.verdict, report.audience).label


def branch_text(branch: Branch, *, otherwise: bool = False) -> str:
    """ "if Yes: prohibited" / "if No: at worst not yet, depending on your other answers" /
    "otherwise: …" """
    outcome = verdict_name(branch.verdict) if branch.settled else _(
        "at worst {verdict}, depending on your other answers").format(
            verdict=verdict_name(branch.verdict))
    if otherwise:
        return _("otherwise: {outcome}").format(outcome=outcome)
    return _("if {answers}: {outcome}").format(answers=_(" or ").join(branch.answers),
                                               outcome=outcome)


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
