"""The reflection in a terminal: it only collects answers; :mod:`smguide.reflection`
builds the result.

After an interactive ``smguide decide`` shows its recommendation, a menu offers
"Reflect on this decision", "Record that I will act otherwise" and "Done". When the
policy is silent (or with ``--reflect``) the reflection starts at once. The seven
steps are choices and tick boxes; the only free text is an optional short note,
always announced with the warning not to enter names or identifying details.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from smguide import reflection as rf
from smguide.engine.decision import Decision
from smguide.i18n import N_, _, labelled
from smguide.interview.prompt import UI, Entry
from smguide.pack.models import Pack, Principle
from smguide.report.wording import (
    item_sources,
    principle_label,
    text,
    verdict_name,
    wording,
)

REFLECT = "reflect"
OTHERWISE = "otherwise"
DONE = "done"
REFLECT_LABEL = N_("Reflect on this decision (ethical decision-making model)")
OTHERWISE_LABEL = N_("Record that I will act otherwise")
DONE_LABEL = N_("Done")
DETAILS = "details"
DETAILS_LABEL = N_("Show the full rationale (all rules, quotes, cautions, considerations)")
KEEP = "keep"
REORDER = "reorder"
NO_NOTE = "no-note"
ADD_NOTE = "add-note"
STEPS = 7
SILENT_INTRO = N_("smguide walks you through an ethical decision-making model.")


class ReflectUI(UI, Protocol):
    def checkbox(self, message: str, entries: Sequence[Entry], checked: Sequence[str] = (),
                 validate: Callable[[list[str]], str | None] | None = None) -> list[str]:
        """Tick entries; return the ticked values in menu order."""

    def text(self, message: str, validate: Callable[[str], str | None] | None = None) -> str:
        """One short line of free text."""


def _width() -> int:
    return max(40, min(shutil.get_terminal_size().columns, 100) - 1)


def _para(ui: UI, value: str, indent: int = 2, first: str | None = None) -> None:
    lead = " " * indent
    ui.show(textwrap.fill(value, width=_width(), initial_indent=lead if first is None else first,
                          subsequent_indent=lead, break_long_words=False,
                          break_on_hyphens=False))


def _step(ui: UI, number: int, title: str, intro: str) -> None:
    ui.show("")
    ui.show(_("Step {number} of {steps} · {title}").format(number=number, steps=STEPS,
                                                                 title=title))
    _para(ui, intro)


def _at_least_one(values: list[str]) -> str | None:
    return None if values else _("Tick at least one (Space), then press Enter.")


def _note_problem(value: str) -> str | None:
    try:
        rf.check_note(value)
    except ValueError as exc:
        return str(exc)
    return None


def ask_note(ui: ReflectUI, message: str) -> str | None:
    """A short optional note, with the warning; checked by :func:`reflection.check_note`."""
    _para(ui, _(rf.NOTE_WARNING) + " " + _("At most {count} characters; it goes into the "
                                           "decision record as you type it.").format(
                                               count=rf.MAX_NOTE))
    return rf.check_note(ui.text(message, validate=_note_problem))


def offer_note(ui: ReflectUI, message: str) -> str | None:
    choice = ui.select(message, [
        Entry(_("Nothing to add"), NO_NOTE),
        Entry(_("Add a short note (no names or identifying details)"), ADD_NOTE),
    ], default=NO_NOTE)
    return ask_note(ui, _("Your note:")) if choice == ADD_NOTE else None


# --- the seven steps ---------------------------------------------------------------------


def rules_step(ui: ReflectUI, pack: Pack, decision: Decision) -> rf.RulesAssessment:
    screen = rf.rules_screen(decision)
    _step(ui, 1, _("The policy rules screen"),
          _("Which provisions of the policy apply to this contact, and do they conflict? "
            "When they settle it, follow them; when they are silent or conflict, the "
            "principles decide."))
    if not screen.verdicts:
        _para(ui, _("No provision of {pack} gives a verdict for this case: the policy is "
                    "silent.").format(pack=text(pack.manifest.title))
              + (" " + _("These only add obligations or cautions:") if screen.applied else ""))
    for applied in screen.applied:
        rule = applied.rule
        effect = verdict_name(rule.verdict) if rule.verdict else _("adds obligations")
        may = "" if applied.certain else " " + _("(may apply)")
        _para(ui, f"{text(rule.title)} — {effect}{may}", indent=4, first="  • ")
        for source in item_sources(pack, (rule.id,)):
            _para(ui, source, indent=6)
    if len(screen.verdicts) > 1:
        _para(ui, _("Provisions with different verdicts apply: {verdicts} (smguide gives the "
                    "strictest).").format(verdicts=", ".join(verdict_name(v)
                                                              for v in screen.verdicts)))
    for defeat in screen.defeats:
        _para(ui, _("{exception} set aside {rule}").format(
            exception=text(defeat.exception.title), rule=text(defeat.defeated.title)) + ".")
    entries = [Entry(_(label), value.value) for value, label in rf.ASSESSMENT_LABELS.items()]
    return rf.RulesAssessment(ui.select(_("What do the provisions tell you?"), entries,
                                        default=screen.suggested.value))


def principles_step(ui: ReflectUI, decision: Decision) -> list[Principle]:
    suggested = rf.suggested_principles(decision)
    _step(ui, 2, _("The principles screen"),
          _("Which of the report's ethical principles are at stake? Those the applicable "
            "rules and considerations name are ticked. Then put them in order: the best "
            "interests and protection of the child come first unless you have a reason."))
    entries = [Entry(principle_label(p), p.value) for p in rf.PRINCIPLE_RANK]
    ticked = ui.checkbox(_("Which principles are at stake?"), entries,
                         checked=[p.value for p in suggested], validate=_at_least_one)
    chosen = rf.rank([Principle(v) for v in ticked])
    if len(chosen) < 2:
        return chosen
    _para(ui, _("In order of importance: ") + "; ".join(
        f"{i}. {principle_label(p)}" for i, p in enumerate(chosen, 1)))
    keep = ui.select(_("Is this the order of importance?"), [
        Entry(_("Yes, keep this order"), KEEP),
        Entry(_("Change the order…"), REORDER),
    ], default=KEEP)
    if keep == KEEP:
        return chosen
    ordered: list[Principle] = []
    left = list(chosen)
    while len(left) > 1:
        which = _("Which matters most?") if not ordered else _("Which comes next?")
        pick = ui.select(which, [Entry(principle_label(p), p.value) for p in left],
                         default=left[0].value)
        ordered.append(Principle(pick))
        left.remove(Principle(pick))
    ordered += left
    _para(ui, _("Your order: ") + "; ".join(
        f"{i}. {principle_label(p)}" for i, p in enumerate(ordered, 1)))
    return ordered


def purpose_step(ui: ReflectUI) -> tuple[rf.Purpose, str | None]:
    _step(ui, 3, _("Purpose and intent"),
          _("Intent is central to the ethical use of social media and electronic "
            "communication: what is this contact for?"))
    entries = [Entry(_(label), value.value) for value, label in rf.PURPOSE_LABELS.items()]
    purpose = rf.Purpose(ui.select(_("What is the purpose of the contact?"), entries))
    note = None
    if purpose == rf.Purpose.other:
        note = ask_note(ui, _("The purpose, in a few words (optional):"))
    return purpose, note


def affected_step(ui: ReflectUI) -> list[rf.Affected]:
    _step(ui, 4, _("Who is affected"),
          _("Who is affected by this contact, or by not making it?"))
    entries = [Entry(_(label), value.value) for value, label in rf.AFFECTED_LABELS.items()]
    ticked = ui.checkbox(_("Who is affected?"), entries, checked=[rf.Affected.child.value],
                         validate=_at_least_one)
    return [rf.Affected(v) for v in ticked]


def _option_summary(view: rf.OptionView) -> str:
    if view.verdict is None:
        return view.label
    label = wording(view.verdict).label
    silent = " " + _("(the policy is silent)") if view.silent else ""
    current = " — " + _("the one you asked about") if view.current else ""
    return labelled(view.label, f"{label}{silent}{current}")


def options_step(ui: ReflectUI, pack: Pack, decision: Decision,
                 answers: Mapping[str, str]) -> rf.OptionsAnswer:
    views = rf.options(pack, answers, decision)
    _step(ui, 5, _("The options and their risks"),
          _("What the rules say about each way to go, and the risks they name. "
            "Prefer the option that causes the least harm."))
    for view in views:
        if view.verdict is None:
            continue
        _para(ui, _option_summary(view), indent=4, first="  • ")
        for risk in view.risks:
            _para(ui, risk, indent=8, first="      ⚠ ")
    entries = [Entry(v.label, v.id, _option_summary(v)) for v in views]
    considered = ui.checkbox(_("Which options have you considered?"), entries,
                             checked=[v.id for v in views if v.current])
    default = next((v.id for v in views if v.current), None)
    chosen = ui.select(_("Which do you choose?"), entries, default=default)
    return rf.OptionsAnswer(considered=considered, chosen=chosen)


def alternatives_step(ui: ReflectUI) -> dict[rf.Method, rf.Tried]:
    _step(ui, 6, _("Alternatives"),
          _("Have the preferred ways of reaching them been tried, or are they unavailable?"))
    entries = [Entry(_(label), value.value) for value, label in rf.TRIED_LABELS.items()]
    out: dict[rf.Method, rf.Tried] = {}
    for method, label in rf.METHOD_LABELS.items():
        out[method] = rf.Tried(ui.select(_("{method}: tried?").format(method=_(label)),
                                         entries))
    return out


def _consultation_problem(values: list[str]) -> str | None:
    if not values:
        return _("Tick at least one (Space), then press Enter; “No one yet” if so.")
    if rf.Consulted.none_yet.value in values and len(values) > 1:
        return _("“No one yet” cannot go with anyone else.")
    return None


def consultation_step(ui: ReflectUI) -> list[rf.Consulted]:
    _step(ui, 7, _("Consultation"),
          _("Whom have you talked this through with? Supervisors, colleagues, legal and "
            "ethics advisors help with the dilemmas guidelines alone do not settle."))
    entries = [Entry(_(label), value.value) for value, label in rf.CONSULTED_LABELS.items()]
    ticked = ui.checkbox(_("Whom have you consulted?"), entries, validate=_consultation_problem)
    return [rf.Consulted(v) for v in ticked]


def walk(ui: ReflectUI, pack: Pack, decision: Decision,
         answers: Mapping[str, str]) -> rf.ReflectionAnswers:
    """Collect the answers to the seven steps."""
    ui.show("")
    ui.show(_("Reflecting on this decision"))
    _para(ui, _("smguide follows the ethical decision-making model of Dolgoff, Harrington and "
                "Loewenberg: first the policy's rules, then the ethical principles, then the "
                "decision itself (docs/ethics.md). Ctrl-C stops without saving anything."))
    assessment = rules_step(ui, pack, decision)
    principles = principles_step(ui, decision)
    purpose, purpose_note = purpose_step(ui)
    affected = affected_step(ui)
    chosen = options_step(ui, pack, decision, answers)
    alternatives = alternatives_step(ui)
    consulted = consultation_step(ui)
    ui.show("")
    note = offer_note(ui, _("Anything to add to the record about your reasoning?"))
    return rf.ReflectionAnswers(
        rules=assessment, principles=principles, purpose=purpose, purpose_note=purpose_note,
        affected=affected, options=chosen, alternatives=alternatives, consulted=consulted,
        note=note)


def act_otherwise(ui: ReflectUI, pack: Pack, decision: Decision,
                  answers: Mapping[str, str]) -> rf.ActOtherwiseAnswers:
    """Collect what the practitioner will do instead of the recommendation, and why."""
    ui.show("")
    ui.show(_("Acting otherwise than the recommendation"))
    _para(ui, _("smguide recommended: {verdict} The record will keep both what smguide said "
                "and what you decided.").format(
                    verdict=rf.recommendation_of(decision)))
    actions = [Entry(_(label), value.value) for value, label in rf.ACTION_LABELS.items()]
    channels = rf.channel_ids(pack) if rf.channel_question_applies(pack, answers) else []
    if not channels:
        actions = [e for e in actions if e.value != rf.Action.other_channel.value]
    action = rf.Action(ui.select(_("What will you do?"), actions))
    channel = None
    if action == rf.Action.other_channel:
        question = pack.question(rf.CHANNEL_QUESTION)
        assert question is not None
        current = answers.get(rf.CHANNEL_QUESTION)
        channel = ui.select(_("Which way will you use?"), [
            Entry(str(o.text), o.id) for o in question.options if o.id != current])
    reasons = ui.checkbox(_("Why?"), [Entry(_(label), value.value)
                                   for value, label in rf.REASON_LABELS.items()],
                          validate=_at_least_one)
    if action == rf.Action.other or rf.Reason.other.value in reasons:
        note = ask_note(ui, _("In a few words (optional):"))
    else:
        note = offer_note(ui, _("Anything to add about your reasons?"))
    return rf.ActOtherwiseAnswers(action=action, channel=channel,
                                  reasons=[rf.Reason(r) for r in reasons], note=note)


def after_decision(
    ui: ReflectUI,
    pack: Pack,
    decision: Decision,
    answers: Mapping[str, str],
    *,
    reflect: bool,
    on_reflection: Callable[[rf.Reflection], None],
    on_otherwise: Callable[[rf.ActOtherwise], None],
    headline: str | None = None,
    on_details: Callable[[], None] | None = None,
) -> tuple[rf.Reflection | None, rf.ActOtherwise | None]:
    """What follows the recommendation: the reflection (at once when the policy is silent
    or ``reflect`` is set) and a menu until "Done". The menu offers the full rationale when
    ``on_details`` is given, and repeats the ``headline`` above it so the verdict is on
    screen when the interview ends."""
    reflection: rf.Reflection | None = None
    otherwise: rf.ActOtherwise | None = None
    silent = rf.from_silence(decision)
    if reflect or silent:
        if silent:
            ui.show("")
            ui.show(_("The policy does not cover this case, so there is no rule to follow:"))
            ui.show(_(SILENT_INTRO))
        reflection = rf.build(pack, decision, answers, walk(ui, pack, decision, answers),
                              rf.Trigger.silent if silent else rf.Trigger.requested)
        on_reflection(reflection)
    while True:
        entries = []
        if on_details is not None:
            entries.append(Entry(_(DETAILS_LABEL), DETAILS))
        if reflection is None:
            entries.append(Entry(_(REFLECT_LABEL), REFLECT))
        if otherwise is None:
            entries.append(Entry(_(OTHERWISE_LABEL), OTHERWISE))
        entries.append(Entry(_(DONE_LABEL), DONE))
        if len(entries) == 1:
            return reflection, otherwise
        ui.show("")
        if headline is not None:
            _para(ui, headline, indent=0)
        choice = ui.select(_("What next?"), entries, default=DONE)
        if choice == DONE:
            return reflection, otherwise
        if choice == DETAILS and on_details is not None:
            on_details()
        elif choice == REFLECT:
            reflection = rf.build(pack, decision, answers, walk(ui, pack, decision, answers),
                                  rf.Trigger.requested)
            on_reflection(reflection)
        else:
            otherwise = rf.build_otherwise(pack, decision,
                                           act_otherwise(ui, pack, decision, answers))
            on_otherwise(otherwise)
