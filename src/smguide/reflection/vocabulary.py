"""The fixed vocabulary of the reflection: its steps' choices, their labels, the
principles' order and the options every reflection offers."""

from __future__ import annotations

from enum import StrEnum

from smguide.i18n import N_
from smguide.pack.models import Principle

MODEL = N_("Dolgoff, Harrington & Loewenberg — Ethical Rules Screen and Ethical Principles "
         "Screen (Ethical Decisions for Social Work Practice, 9th ed., Brooks/Cole, 2012)")
MAX_NOTE = 500
NOTE_WARNING = N_("Do not enter names or identifying details (about the client or anyone "
                  "else).")
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
    RulesAssessment.settled: N_("They settle it: provisions apply and do not conflict"),
    RulesAssessment.conflict: N_("They conflict, or one sets another aside"),
    RulesAssessment.silent: N_("No provision covers this case (the policy is silent)"),
    RulesAssessment.not_fitting: N_("They apply, but do not fit this situation"),
}
PURPOSE_LABELS: dict[Purpose, str] = {
    Purpose.appointment_logistics: N_("Appointment logistics (confirm, change or remind)"),
    Purpose.engagement: N_("Engagement: keep in touch, support the relationship"),
    Purpose.safety_check: N_("A safety check on the child"),
    Purpose.locate: N_("Locate someone (for example a child who is AWOL)"),
    Purpose.information_gathering: N_("Gather information"),
    Purpose.other: N_("Something else"),
}
AFFECTED_LABELS: dict[Affected, str] = {
    Affected.child: N_("The child or youth"),
    Affected.parents: N_("The parents or family"),
    Affected.foster_family: N_("The foster or kinship family"),
    Affected.other_children: N_("Other children (siblings, others in the placement)"),
    Affected.practitioner: N_("You, the practitioner"),
    Affected.agency: N_("The agency"),
}
METHOD_LABELS: dict[Method, str] = {
    Method.face_to_face: N_("Face-to-face contact"),
    Method.phone: N_("A telephone call"),
    Method.agency_email: N_("E-mail from the agency's address"),
}
TRIED_LABELS: dict[Tried, str] = {
    Tried.yes: N_("Yes, tried (or not possible)"),
    Tried.partly: N_("Partly"),
    Tried.no: N_("No, not yet"),
}
CONSULTED_LABELS: dict[Consulted, str] = {
    Consulted.supervisor: N_("My supervisor"),
    Consulted.colleague: N_("A colleague"),
    Consulted.legal: N_("Legal advice"),
    Consulted.ethics: N_("An ethics committee or ethics consultant"),
    Consulted.none_yet: N_("No one yet"),
}
ACTION_LABELS: dict[Action, str] = {
    Action.proceed: N_("Go ahead as I planned, despite the recommendation"),
    Action.other_channel: N_("Reach them another way than the one I asked about"),
    Action.no_contact: N_("Not make this contact, although it is allowed"),
    Action.other: N_("Something else"),
}
REASON_LABELS: dict[Reason, str] = {
    Reason.child_safety: N_("The child's safety or best interests require it"),
    Reason.urgent: N_("It is urgent: the required steps cannot be taken in time"),
    Reason.policy_not_fitting: N_("The policy does not fit this situation"),
    Reason.supervisor_direction: N_("My supervisor directed it"),
    Reason.client_needs: N_("The client's needs or circumstances call for it"),
    Reason.other: N_("Another reason"),
}
TRIGGER_LABELS: dict[Trigger, str] = {
    Trigger.silent: N_("the policy is silent on this case"),
    Trigger.requested: N_("the practitioner asked to reflect on the recommendation"),
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
    AS_PLANNED: N_("Go ahead as planned"),
    WAIT: N_("Wait: make no contact until I have talked it through with my supervisor"),
    NO_CONTACT: N_("Do not make this contact"),
}
