"""Reflection where the policy is silent, or where the practitioner disagrees.

smguide follows the ethical decision-making model of Dolgoff, Harrington and
Loewenberg (*Ethical Decisions for Social Work Practice*, 9th ed., 2012): first the
Ethical Rules Screen (do the written rules settle it?), then the Ethical Principles
Screen (which principles are at stake, in what order), then the steps of their
general decision-making process. docs/ethics.md describes the model and maps each
step below to it:

1. ``rules``        the policy rules screen: which provisions apply, do they conflict?
2. ``principles``   the principles screen: the report's principles at stake, ranked,
                    the best interests and protection of the child first;
3. ``purpose``      the purpose and intent of the contact;
4. ``affected``     who is affected;
5. ``options``      the options and their risks (from the engine, per channel);
6. ``alternatives`` whether the preferred ways of reaching them were tried;
7. ``consulted``    the consultation: supervisor, colleague, legal or ethics advice.

The outcome is never a permission: it is the practitioner's reasoned choice, and
"consult your supervisor". A practitioner may also record that they will act
otherwise than the recommendation (:class:`ActOtherwise`), with their reasons.

This module is pure: it builds a :class:`Reflection` from the decision and the
answers to the steps; :mod:`smguide.reflect_prompt` collects the answers in a
terminal, and :func:`load_file` reads them from a YAML file (``--reflection FILE``).

Privacy: smguide stores no identifying client information. Every step is a choice
among fixed ids; the only free text (an optional note of at most
:data:`MAX_NOTE` characters) carries the warning :data:`NOTE_WARNING`, and
:func:`check_note` refuses what looks like an e-mail address, a handle, a web address
or a phone or file number (a safety net, not a guarantee: names cannot be detected).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator, model_validator

from smguide.conditions import option_id
from smguide.decision import AppliedRule, Decision, Defeat
from smguide.errors import InputError, Location
from smguide.models import Pack, Principle, Verdict, _Model

if TYPE_CHECKING:
    from smguide.yamlload import Document

MODEL = ("Dolgoff, Harrington & Loewenberg — Ethical Rules Screen and Ethical Principles "
         "Screen (Ethical Decisions for Social Work Practice, 9th ed., Brooks/Cole, 2012)")
MAX_NOTE = 500
NOTE_WARNING = "Do not enter names or identifying details (about the client or anyone else)."
CHANNEL_QUESTION = "channel"
MAX_FILE_BYTES = 64 * 1024


class Trigger(StrEnum):
    silent = "silent"  # no rule gives a verdict: the recommendation came from silence
    requested = "requested"  # the practitioner asked for it (--reflect or the menu)


class RulesAssessment(StrEnum):
    settled = "settled"
    conflict = "conflict"
    silent = "silent"
    not_fitting = "not_fitting"


class Purpose(StrEnum):
    appointment_logistics = "appointment_logistics"
    engagement = "engagement"
    safety_check = "safety_check"
    locate = "locate"
    information_gathering = "information_gathering"
    other = "other"


class Affected(StrEnum):
    child = "child"
    parents = "parents"
    foster_family = "foster_family"
    other_children = "other_children"
    practitioner = "practitioner"
    agency = "agency"


class Method(StrEnum):
    """The preferred ways of reaching someone, to try before any other."""

    face_to_face = "face_to_face"
    phone = "phone"
    agency_email = "agency_email"


class Tried(StrEnum):
    yes = "yes"
    partly = "partly"
    no = "no"


class Consulted(StrEnum):
    supervisor = "supervisor"
    colleague = "colleague"
    legal = "legal"
    ethics = "ethics"
    none_yet = "none_yet"


class Action(StrEnum):
    """What a practitioner who acts otherwise will do."""

    proceed = "proceed"
    other_channel = "other_channel"
    no_contact = "no_contact"
    other = "other"


class Reason(StrEnum):
    child_safety = "child_safety"
    urgent = "urgent"
    policy_not_fitting = "policy_not_fitting"
    supervisor_direction = "supervisor_direction"
    client_needs = "client_needs"
    other = "other"


ASSESSMENT_LABELS: dict[RulesAssessment, str] = {
    RulesAssessment.settled: "They settle it: provisions apply and do not conflict",
    RulesAssessment.conflict: "They conflict, or one sets another aside",
    RulesAssessment.silent: "No provision covers this case (the policy is silent)",
    RulesAssessment.not_fitting: "They apply, but do not fit this situation",
}
PURPOSE_LABELS: dict[Purpose, str] = {
    Purpose.appointment_logistics: "Appointment logistics (confirm, change or remind)",
    Purpose.engagement: "Engagement: keep in touch, support the relationship",
    Purpose.safety_check: "A safety check on the child",
    Purpose.locate: "Locate someone (for example a child who is AWOL)",
    Purpose.information_gathering: "Gather information",
    Purpose.other: "Something else",
}
AFFECTED_LABELS: dict[Affected, str] = {
    Affected.child: "The child or youth",
    Affected.parents: "The parents or family",
    Affected.foster_family: "The foster or kinship family",
    Affected.other_children: "Other children (siblings, others in the placement)",
    Affected.practitioner: "You, the practitioner",
    Affected.agency: "The agency",
}
METHOD_LABELS: dict[Method, str] = {
    Method.face_to_face: "Face-to-face contact",
    Method.phone: "A telephone call",
    Method.agency_email: "E-mail from the agency's address",
}
TRIED_LABELS: dict[Tried, str] = {
    Tried.yes: "Yes, tried (or not possible)",
    Tried.partly: "Partly",
    Tried.no: "No, not yet",
}
CONSULTED_LABELS: dict[Consulted, str] = {
    Consulted.supervisor: "My supervisor",
    Consulted.colleague: "A colleague",
    Consulted.legal: "Legal advice",
    Consulted.ethics: "An ethics committee or ethics consultant",
    Consulted.none_yet: "No one yet",
}
ACTION_LABELS: dict[Action, str] = {
    Action.proceed: "Go ahead as I planned, despite the recommendation",
    Action.other_channel: "Reach them another way than the one I asked about",
    Action.no_contact: "Not make this contact, although it is allowed",
    Action.other: "Something else",
}
REASON_LABELS: dict[Reason, str] = {
    Reason.child_safety: "The child's safety or best interests require it",
    Reason.urgent: "It is urgent: the required steps cannot be taken in time",
    Reason.policy_not_fitting: "The policy does not fit this situation",
    Reason.supervisor_direction: "My supervisor directed it",
    Reason.client_needs: "The client's needs or circumstances call for it",
    Reason.other: "Another reason",
}
TRIGGER_LABELS: dict[Trigger, str] = {
    Trigger.silent: "the policy is silent on this case",
    Trigger.requested: "the practitioner asked to reflect on the recommendation",
}

# The Ethical Principles Screen ranks protection of life first; the report's principles
# are ranked by the screen's principle each serves (docs/ethics.md has the mapping).
PRINCIPLE_RANK: tuple[Principle, ...] = (
    Principle.best_interests,  # protection of life; children are not equal to adults
    Principle.consent,  # autonomy and freedom
    Principle.security,  # least harm
    Principle.boundaries,  # least harm, quality of life
    Principle.privacy,  # privacy and confidentiality
    Principle.confidentiality,
    Principle.integrity,  # truthfulness and full disclosure
    Principle.intent,  # examined in step 3, the purpose
    Principle.competence,  # examined with the rules and the consultation
)

# Options every reflection offers besides the channels.
AS_PLANNED = "as_planned"
WAIT = "wait"
NO_CONTACT = "no_contact"
FIXED_OPTION_LABELS = {
    AS_PLANNED: "Go ahead as planned",
    WAIT: "Wait: make no contact until I have talked it through with my supervisor",
    NO_CONTACT: "Do not make this contact",
}


# --- notes -----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d\s().\-/]*\d")


def check_note(value: str | None) -> str | None:
    """A free-text note, cleaned (one line, trimmed); None when empty.

    Raises ValueError when it is too long or looks like it identifies someone.
    """
    if value is None:
        return None
    cleaned = " ".join(_CONTROL.sub(" ", value).split())
    if not cleaned:
        return None
    if len(cleaned) > MAX_NOTE:
        raise ValueError(f"a note is at most {MAX_NOTE} characters; this one has {len(cleaned)}")
    what = None
    if _EMAIL.search(cleaned):
        what = "an e-mail address"
    elif _URL.search(cleaned):
        what = "a web address"
    elif _HANDLE.search(cleaned):
        what = "a social media handle"
    elif any(sum(ch.isdigit() for ch in m.group()) >= 6 for m in _NUMBER.finditer(cleaned)):
        what = "a phone, file or identity number"
    if what:
        raise ValueError(f"the note seems to contain {what}; {NOTE_WARNING.lower()}")
    return cleaned


def _note(value: Any) -> Any:
    return check_note(value) if isinstance(value, str) else value


# --- the answers to the steps (what the prompt collects or a file gives) ----------------


def _ids(value: Any) -> Any:
    if isinstance(value, list):
        return [option_id(v) if isinstance(v, bool) else v for v in value]
    return option_id(value) if isinstance(value, bool) else value


def _no_duplicates(values: Sequence[Any], what: str) -> None:
    seen = [v for i, v in enumerate(values) if v in values[:i]]
    if seen:
        raise ValueError(f"{what} {str(seen[0])!r} is listed twice")


class OptionsAnswer(_Model):
    considered: list[str] = Field(default_factory=list)
    chosen: str

    @field_validator("considered", "chosen", mode="before")
    @classmethod
    def _option_ids(cls, value: Any) -> Any:
        return _ids(value)


class ReflectionAnswers(_Model):
    """The answers to the seven steps, as option ids (the ``reflection:`` of a file)."""

    rules: RulesAssessment
    principles: list[Principle] = Field(min_length=1)
    purpose: Purpose
    purpose_note: str | None = None
    affected: list[Affected] = Field(min_length=1)
    options: OptionsAnswer
    alternatives: dict[Method, Tried]
    consulted: list[Consulted] = Field(min_length=1)
    note: str | None = None

    @field_validator("purpose_note", "note", mode="before")
    @classmethod
    def _notes(cls, value: Any) -> Any:
        return _note(value)

    @field_validator("alternatives", mode="before")
    @classmethod
    def _tried_ids(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _ids(v) for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ReflectionAnswers:
        _no_duplicates(self.principles, "principle")
        _no_duplicates(self.affected, "who is affected:")
        _no_duplicates(self.consulted, "consulted:")
        if Consulted.none_yet in self.consulted and len(self.consulted) > 1:
            raise ValueError("'none_yet' cannot go with anyone consulted")
        missing = [m.value for m in Method if m not in self.alternatives]
        if missing:
            raise ValueError(f"alternatives: say for each of {', '.join(m.value for m in Method)} "
                             f"whether it was tried (yes, partly, no); missing: "
                             f"{', '.join(missing)}")
        if self.purpose_note and self.purpose != Purpose.other:
            raise ValueError("purpose_note goes only with purpose: other")
        return self


class ActOtherwiseAnswers(_Model):
    """What the practitioner will do instead, and why (the ``act_otherwise:`` of a file)."""

    action: Action
    channel: str | None = None
    reasons: list[Reason] = Field(min_length=1)
    note: str | None = None

    @field_validator("note", mode="before")
    @classmethod
    def _notes(cls, value: Any) -> Any:
        return _note(value)

    @field_validator("channel", mode="before")
    @classmethod
    def _channel_id(cls, value: Any) -> Any:
        return _ids(value)

    @model_validator(mode="after")
    def _consistent(self) -> ActOtherwiseAnswers:
        _no_duplicates(self.reasons, "reason")
        if self.action == Action.other_channel and not self.channel:
            raise ValueError("action 'other_channel' needs the channel you will use: channel: ID")
        if self.action != Action.other_channel and self.channel:
            raise ValueError("'channel' goes only with action: other_channel")
        return self


class ReflectionFile(_Model):
    """A ``--reflection FILE``: the reflection's answers, what the practitioner will do
    instead of the recommendation, or both."""

    reflection: ReflectionAnswers | None = None
    act_otherwise: ActOtherwiseAnswers | None = None

    @model_validator(mode="after")
    def _something(self) -> ReflectionFile:
        if self.reflection is None and self.act_otherwise is None:
            raise ValueError("a reflection file has 'reflection:', 'act_otherwise:' or both")
        return self


# --- what the steps show ---------------------------------------------------------------


def from_silence(decision: Decision) -> bool:
    """No rule decides: the verdict (consult your supervisor) came from the policy's silence."""
    return decision.silent and not decision.deciding


@dataclass(frozen=True)
class RulesScreen:
    """Step 1: the provisions that apply, and whether they conflict."""

    applied: tuple[AppliedRule, ...]
    defeats: tuple[Defeat, ...]
    verdicts: tuple[Verdict, ...]  # the different verdicts of the applied rules, strictest first
    silent: bool  # the recommendation came from silence

    @property
    def conflict(self) -> bool:
        return len(self.verdicts) > 1 or bool(self.defeats)

    @property
    def suggested(self) -> RulesAssessment:
        if self.silent:
            return RulesAssessment.silent
        if self.conflict:
            return RulesAssessment.conflict
        return RulesAssessment.settled


def rules_screen(decision: Decision) -> RulesScreen:
    verdicts = sorted({a.rule.verdict for a in decision.applied if a.rule.verdict is not None},
                      key=lambda v: v.rank)
    return RulesScreen(decision.applied, decision.defeated, tuple(verdicts),
                       from_silence(decision))


def suggested_principles(decision: Decision) -> list[Principle]:
    """Step 2's preselection: the principles of the applied rules and considerations, and
    always the best interests of the child, in the default rank."""
    found = {Principle.best_interests}
    for applied in decision.applied:
        found.update(applied.rule.principles)
    for item in decision.considerations:
        found.update(item.principles)
    return rank(found)


def rank(principles: Sequence[Principle] | set[Principle]) -> list[Principle]:
    """Principles in the default order of the principles screen."""
    return [p for p in PRINCIPLE_RANK if p in set(principles)]


@dataclass(frozen=True)
class OptionView:
    """Step 5: one way to go, with what the rules say about it."""

    id: str
    label: str
    kind: str  # "channel", or AS_PLANNED / WAIT / NO_CONTACT
    verdict: Verdict | None  # the recommendation for this option (None: not a contact)
    silent: bool
    risks: tuple[str, ...]  # the cautions and considerations that would apply
    current: bool  # the option the practitioner asked about


def channel_question_applies(pack: Pack, answers: Mapping[str, str]) -> bool:
    from smguide.engine import may_apply

    question = pack.question(CHANNEL_QUESTION)
    return question is not None and may_apply(pack, question, answers)


def options(pack: Pack, answers: Mapping[str, str], decision: Decision) -> list[OptionView]:
    """The options of step 5: each channel (when the pack asks for one) with the verdict
    and risks it would have, else "as planned"; then "wait" and "no contact"."""
    from smguide.engine import decide

    out: list[OptionView] = []
    question = pack.question(CHANNEL_QUESTION)
    if question is not None and channel_question_applies(pack, answers):
        current = answers.get(CHANNEL_QUESTION)
        for option in question.options:
            result = (decision if current == option.id
                      else decide(pack, {**answers, CHANNEL_QUESTION: option.id}, why_not=False))
            out.append(OptionView(option.id, str(option.text), "channel", result.verdict,
                                  from_silence(result), _risks(result), option.id == current))
    else:
        out.append(OptionView(AS_PLANNED, FIXED_OPTION_LABELS[AS_PLANNED], AS_PLANNED,
                              decision.verdict, from_silence(decision), _risks(decision), True))
    for fixed in (WAIT, NO_CONTACT):
        out.append(OptionView(fixed, FIXED_OPTION_LABELS[fixed], fixed, None, False, (), False))
    return out


def _risks(decision: Decision) -> tuple[str, ...]:
    texts = [str(i.text) for i in (*decision.cautions, *decision.considerations)]
    return tuple(dict.fromkeys(texts))


def channel_ids(pack: Pack) -> list[str]:
    question = pack.question(CHANNEL_QUESTION)
    return question.option_ids if question is not None else []


# --- the result ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reflection:
    trigger: Trigger
    recommended: Verdict
    rules: RulesScreen
    assessment: RulesAssessment
    principles: tuple[Principle, ...]  # ranked, most important first
    suggested_principles: tuple[Principle, ...]
    purpose: Purpose
    purpose_note: str | None
    affected: tuple[Affected, ...]
    considered: tuple[OptionView, ...]  # includes the chosen option
    chosen: OptionView
    alternatives: tuple[tuple[Method, Tried], ...]
    consulted: tuple[Consulted, ...]
    note: str | None

    @property
    def outcome(self) -> str:
        return outcome(self.chosen, self.consulted)


def outcome(chosen: OptionView, consulted: Sequence[Consulted]) -> str:
    """The practitioner's reasoned choice, and "consult your supervisor": never a permission."""
    parts = [f"Your reasoned choice: {chosen.label}."]
    if chosen.verdict is not None and chosen.verdict.rank <= Verdict.needs_authorization.rank:
        from smguide.render.common import wording

        parts.append(f"For this option the rules say {wording(chosen.verdict).label}: choosing "
                     "it means acting otherwise than the recommendation; record why.")
    parts.append("This is not a permission from smguide: consult your supervisor before you "
                 "act, and keep this reflection with the supervision notes.")
    if Consulted.supervisor in consulted:
        parts.append("You have talked with your supervisor; note their view there too.")
    return " ".join(parts)


class ReflectionProblem(ValueError):
    """An answer that does not fit the pack or the decision; ``path`` locates it."""

    def __init__(self, message: str, path: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.path = path


def build(pack: Pack, decision: Decision, answers: Mapping[str, str],
          given: ReflectionAnswers, trigger: Trigger | None = None) -> Reflection:
    """The reflection from the answers to its steps. Raises ReflectionProblem."""
    views = {v.id: v for v in options(pack, answers, decision)}
    chosen = views.get(given.options.chosen)
    if chosen is None:
        raise ReflectionProblem(
            f"option {given.options.chosen!r} is not one of: {', '.join(views)}",
            ("options", "chosen"))
    considered: list[OptionView] = []
    for i, oid in enumerate(given.options.considered):
        view = views.get(oid)
        if view is None:
            raise ReflectionProblem(f"option {oid!r} is not one of: {', '.join(views)}",
                                    ("options", "considered", i))
        if view not in considered:
            considered.append(view)
    if chosen not in considered:
        considered.append(chosen)
    screen = rules_screen(decision)
    return Reflection(
        trigger=trigger or (Trigger.silent if screen.silent else Trigger.requested),
        recommended=decision.verdict,
        rules=screen,
        assessment=given.rules,
        principles=tuple(given.principles),
        suggested_principles=tuple(suggested_principles(decision)),
        purpose=given.purpose,
        purpose_note=given.purpose_note,
        affected=tuple(given.affected),
        considered=tuple(considered),
        chosen=chosen,
        alternatives=tuple((m, given.alternatives[m]) for m in Method),
        consulted=tuple(given.consulted),
        note=given.note,
    )


@dataclass(frozen=True)
class ActOtherwise:
    """The practitioner will act otherwise than the recommendation: both are kept."""

    recommended: Verdict
    recommended_silent: bool
    action: Action
    channel: str | None
    channel_label: str | None
    reasons: tuple[Reason, ...]
    note: str | None

    @property
    def statement(self) -> str:
        from smguide.render.common import verdict_line

        what = ACTION_LABELS[self.action]
        if self.channel_label:
            what = f"{what}: {self.channel_label}"
        return (f"smguide recommended: {verdict_line(self.recommended, self.recommended_silent)} "
                f"You decided: {what}. You remain accountable for this choice: consult your "
                "supervisor before you act, and keep this record in the case file.")


def build_otherwise(pack: Pack, decision: Decision, given: ActOtherwiseAnswers) -> ActOtherwise:
    """The "act otherwise" record from its answers. Raises ReflectionProblem."""
    label = None
    if given.channel is not None:
        question = pack.question(CHANNEL_QUESTION)
        option = question.option(given.channel) if question is not None else None
        if option is None:
            raise ReflectionProblem(
                f"channel {given.channel!r} is not one of: {', '.join(channel_ids(pack))}",
                ("channel",))
        label = str(option.text)
    return ActOtherwise(decision.verdict, from_silence(decision), given.action, given.channel,
                        label, tuple(given.reasons), given.note)


# --- as data (the record and the JSON output) ------------------------------------------


def _rule_data(pack: Pack, applied: AppliedRule) -> dict[str, Any]:
    from smguide.render.common import citation, text

    rule = applied.rule
    return {
        "id": rule.id,
        "title": text(rule.title),
        "verdict": rule.verdict.value if rule.verdict else None,
        "certain": applied.certain,
        "origin": rule.origin or None,
        "citations": [
            {"source": c.source, "section": c.section, "reference": c.reference,
             "quote": c.quote}
            for c in (citation(pack, cite) for cite in rule.cite)
        ],
    }


def _option_data(view: OptionView) -> dict[str, Any]:
    return {"id": view.id, "text": view.label, "kind": view.kind,
            "verdict": view.verdict.value if view.verdict else None,
            "risks": list(view.risks), "current": view.current}


def data(pack: Pack, reflection: Reflection) -> dict[str, Any]:
    """The reflection as JSON-ready data (the ``reflection`` of smguide.decision/1)."""
    from smguide.render.common import principle_label

    screen = reflection.rules
    return {
        "model": MODEL,
        "trigger": reflection.trigger.value,
        "recommended_verdict": reflection.recommended.value,
        "rules": {
            "assessment": reflection.assessment.value,
            "assessment_text": ASSESSMENT_LABELS[reflection.assessment],
            "provisions": [_rule_data(pack, a) for a in screen.applied],
            "verdicts": [v.value for v in screen.verdicts],
            "defeats": [{"exception": d.exception.id, "defeated": d.defeated.id,
                         "certain": d.certain} for d in screen.defeats],
            "silent": screen.silent,
        },
        "principles": [{"id": p.value, "text": principle_label(p)}
                       for p in reflection.principles],
        "suggested_principles": [p.value for p in reflection.suggested_principles],
        "purpose": {"id": reflection.purpose.value, "text": PURPOSE_LABELS[reflection.purpose],
                    "note": reflection.purpose_note},
        "affected": [{"id": a.value, "text": AFFECTED_LABELS[a]} for a in reflection.affected],
        "options": {"considered": [_option_data(v) for v in reflection.considered],
                    "chosen": _option_data(reflection.chosen)},
        "alternatives": [{"method": m.value, "method_text": METHOD_LABELS[m],
                          "tried": t.value, "tried_text": TRIED_LABELS[t]}
                         for m, t in reflection.alternatives],
        "consulted": [{"id": c.value, "text": CONSULTED_LABELS[c]} for c in reflection.consulted],
        "note": reflection.note,
        "note_warning": NOTE_WARNING,
        "outcome": reflection.outcome,
        "consult_supervisor": True,
    }


def otherwise_data(act: ActOtherwise) -> dict[str, Any]:
    """The ``act_otherwise`` of smguide.decision/1: what smguide said and what they decided."""
    from smguide.render.common import verdict_line

    return {
        "recommended_verdict": act.recommended.value,
        "recommended_summary": verdict_line(act.recommended, act.recommended_silent),
        "action": act.action.value,
        "action_text": ACTION_LABELS[act.action],
        "channel": act.channel,
        "channel_text": act.channel_label,
        "reasons": [{"id": r.value, "text": REASON_LABELS[r]} for r in act.reasons],
        "note": act.note,
        "note_warning": NOTE_WARNING,
        "statement": act.statement,
        "consult_supervisor": True,
    }


# --- the answers in a file ---------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A loaded ``--reflection FILE``, with its document to locate later problems."""

    answers: ReflectionFile
    doc: Document

    def location(self, path: tuple[str | int, ...]) -> Location:
        return self.doc.location(path)


def load_file(path: Path) -> Source:
    """Read a ``--reflection FILE`` (YAML or JSON); errors point at file:line:col."""
    from smguide.loader import validate_document
    from smguide.yamlload import load_file as load_yaml

    if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"a reflection file is at most {MAX_FILE_BYTES // 1024} KiB",
                         Location(str(path)))
    doc = load_yaml(path)
    try:
        parsed = validate_document(doc, ReflectionFile)
    except InputError as exc:
        raise InputError(exc.message, exc.location) from None
    return Source(parsed, doc)


def from_file(source: Source, pack: Pack, decision: Decision, answers: Mapping[str, str],
              trigger: Trigger | None = None) -> tuple[Reflection | None, ActOtherwise | None]:
    """Build what a loaded file gives; answers that do not fit the pack (an unknown
    channel) are InputErrors at their line and column."""
    given = source.answers
    reflection = None
    otherwise = None
    if given.reflection is not None:
        try:
            reflection = build(pack, decision, answers, given.reflection, trigger)
        except ReflectionProblem as exc:
            raise InputError(str(exc), source.location(("reflection", *exc.path))) from None
    if given.act_otherwise is not None:
        try:
            otherwise = build_otherwise(pack, decision, given.act_otherwise)
        except ReflectionProblem as exc:
            raise InputError(str(exc), source.location(("act_otherwise", *exc.path))) from None
    return reflection, otherwise
