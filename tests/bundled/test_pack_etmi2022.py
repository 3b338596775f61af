"""The bundled etmi-2022 pack: the 2022 Quebec ETMI report as ethical considerations on
top of cas-2011.

For each risk the report documents, the consideration (found by rule id in
``decision.considerations``) must appear in the situations it is about and not in
unrelated ones. The pack must never change a verdict, every rule must be a cited,
verdict-less rule with considerations and principles, every quote must be verbatim, and
every principle the report names must be served.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from smguide.engine.core import decide
from smguide.engine.decision import Decision
from smguide.pack.bundled import pack_path, scenarios_dir
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack, Principle, Rule
from smguide.training.scenario import Scenario

SOURCE_TEXT = Path("/work/shared/sources/000_adaad496606dfff7.txt")
ORIGIN = "etmi-2022"

WORKERS = ["protection_worker", "children_worker", "other_employee", "supervisor", "student",
           "volunteer", "contractor"]
CAREGIVERS = ["foster_parent", "adoptive_parent", "kinship_parent"]
CLIENTS = ["child_youth", "family", "collateral", "potential_kin"]

# A protection service worker's authorized, documented, consented text to a parent from a
# Society phone in business hours (the base policy's everything-in-place situation).
TEXT = {
    "role": "protection_worker", "activity": "message", "counterpart": "family",
    "channel": "text", "phone": "agency_phone", "account": "professional",
    "privacy_settings": "yes", "direct": "yes", "purpose": "ongoing", "awol": "no",
    "supervisor_authorized": "yes", "authorization_documented": "yes", "service_plan": "yes",
    "consent": "yes", "response_patterns": "yes", "timing": "business_hours", "primary": "no",
    "identifying_info": "no", "concern_found": "no",
}
# A documented investigation search from a professional account.
SEARCH = {
    "role": "protection_worker", "activity": "search", "search_purpose": "investigation",
    "account": "professional", "privacy_settings": "yes", "investigation_plan": "yes",
    "other_means_failed": "yes", "supervisor_authorized": "yes",
    "authorization_documented": "yes", "timing": "business_hours", "concern_found": "no",
}
# A worker who received a client's "friend" request.
FRIEND = {
    "role": "protection_worker", "activity": "friend", "counterpart": "family",
    "friend_direction": "received", "account": "professional", "privacy_settings": "yes",
    "concern_found": "no",
}
# An off-duty personal post.
POST = {
    "role": "protection_worker", "activity": "post", "post_content": "personal_only",
    "account": "personal", "concern_found": "no",
}
# A foster parent texting the child placed with them.
CAREGIVER = {
    "role": "foster_parent", "activity": "message", "counterpart": "child_youth",
    "in_care": "yes", "channel": "text", "direct": "yes", "primary": "no",
    "concern_found": "no",
}


def s(base: dict[str, str], **kw: str) -> dict[str, str]:
    return {**base, **kw}


@pytest.fixture(scope="module")
def combined() -> Pack:
    return load_pack(pack_path(ORIGIN))


@pytest.fixture(scope="module")
def cas() -> Pack:
    return load_pack(pack_path("cas-2011"))


def etmi_rules(pack: Pack) -> list[Rule]:
    return [r for r in pack.rules if r.origin == ORIGIN]


def run(pack: Pack, answers: dict[str, str]) -> Decision:
    return decide(pack, answers, why_not=False)


def considered(pack: Pack, answers: dict[str, str]) -> dict[str, bool]:
    """Rule id -> certain, for every rule that brings a consideration."""
    out: dict[str, bool] = {}
    for item in run(pack, answers).considerations:
        for rid in item.rules:
            out[rid] = out.get(rid, False) or item.certain
    return out


def check(pack: Pack, rule_id: str, present: list[dict[str, str]],
          absent: list[dict[str, str]]) -> None:
    for answers in present:
        got = considered(pack, answers)
        assert got.get(rule_id) is True, f"{rule_id} should apply to {answers}; got {sorted(got)}"
    for answers in absent:
        got = considered(pack, answers)
        assert rule_id not in got, f"{rule_id} should not apply to {answers}"


# --- The pack -----------------------------------------------------------------------


def test_pack_extends_cas_and_asks_nothing_new(combined: Pack, cas: Pack) -> None:
    assert combined.layers == ["cas-2011", "etmi-2022"]
    assert combined.id == ORIGIN
    assert [q.id for q in combined.questions] == [q.id for q in cas.questions]
    source = combined.source("etmi2022")
    assert source is not None and source.kind == "report"
    assert source.date == "2022-01"
    assert {r.id for r in cas.rules} <= {r.id for r in combined.rules}
    assert len(etmi_rules(combined)) >= 9


def test_every_rule_is_a_cited_consideration(combined: Pack) -> None:
    for rule in etmi_rules(combined):
        assert rule.verdict is None, rule.id
        assert not rule.exception_to and not rule.replaces, rule.id
        assert not rule.obligations and not rule.cautions, rule.id
        assert 1 <= len(rule.considerations) <= 2, rule.id
        assert rule.principles, rule.id
        assert rule.rationale is not None, rule.id
        assert any(c.source == "etmi2022" for c in rule.cite), rule.id
        assert all(c.quote for c in rule.cite), rule.id
        assert rule.id.startswith(("risk-", "principle-")), rule.id


def test_every_section_is_cited_and_summarized(combined: Pack) -> None:
    source = combined.source("etmi2022")
    assert source is not None
    cited = {c.section for r in etmi_rules(combined) for c in r.cite}
    for section in source.sections:
        assert section.summary is not None, section.id
        assert section.id in cited, f"section {section.id} is not cited"


def test_every_principle_is_served(combined: Pack) -> None:
    served = {p for r in etmi_rules(combined) for p in r.principles}
    assert served == set(Principle)


@pytest.mark.skipif(not SOURCE_TEXT.is_file(), reason="no shared source text")
def test_quotes_are_verbatim(combined: Pack) -> None:
    text = re.sub(r"\s+", " ", SOURCE_TEXT.read_text(encoding="utf-8"))
    for rule in etmi_rules(combined):
        for cite in rule.cite:
            assert cite.quote is not None
            quote = re.sub(r"\s+", " ", cite.quote).strip()
            assert quote in text, f"{rule.id}: not verbatim: {quote!r}"


# --- Never a different verdict --------------------------------------------------------


def _scenario_answers() -> list[dict[str, str]]:
    folder = scenarios_dir() / "cas-2011"
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.yaml")):
        scenario = Scenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        out.append(dict(scenario.answers))
    return out


def _situations() -> list[dict[str, str]]:
    """Hand-written situations across roles, activities and channels."""
    out = [TEXT, SEARCH, FRIEND, POST, CAREGIVER]
    channels = ["in_person", "phone_call", "agency_email", "personal_email", "text",
                "instant_message", "social_network", "other_online"]
    for role in [*WORKERS, *CAREGIVERS, "none_of_these"]:
        for counterpart in [*CLIENTS, "staff"]:
            for channel in channels:
                out.append(s(TEXT, role=role, counterpart=counterpart, channel=channel,
                             staff_topic="safety", in_care="yes"))
        out.append(s(SEARCH, role=role, search_purpose="general", account="personal"))
        out.append(s(FRIEND, role=role, counterpart="child_youth", in_care="yes"))
        out.append(s(POST, role=role, post_content="about_work"))
    out += [
        s(TEXT, phone="personal_phone", timing="after_hours", after_hours_approval="no"),
        s(TEXT, counterpart="child_youth", awol="yes", consent="no"),
        s(TEXT, purpose="initial_contact", alternatives_tried="no"),
        s(TEXT, channel="social_network", account="anonymous", identifying_info="yes"),
        s(TEXT, concern_found="yes", primary="yes"),
        s(SEARCH, search_purpose="kin_search", kin_case_plan="no"),
        s(FRIEND, role="adoptive_parent", counterpart="potential_kin"),
        {"role": "supervisor", "activity": "authorize", "service_plan": "no"},
        {"role": "protection_worker"},  # everything else unanswered
    ]
    return out


def _random_answers(pack: Pack, count: int, seed: int = 2022) -> list[dict[str, str]]:
    """Random answer sets over every question, with "not sure" and omissions."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        answers: dict[str, str] = {}
        for question in pack.questions:
            choice = rng.choice([*question.option_ids, UNSURE, None])
            if question.id in ("role", "activity"):
                choice = rng.choice(question.option_ids)
            if choice is not None:
                answers[question.id] = choice
        out.append(answers)
    return out


def test_adding_the_report_never_changes_a_verdict(combined: Pack, cas: Pack) -> None:
    answer_sets = [*_scenario_answers(), *_situations(), *_random_answers(cas, 150)]
    for answers in answer_sets:
        base = run(cas, answers)
        both = run(combined, answers)
        assert both.verdict == base.verdict, answers
        assert both.silent == base.silent, answers
        assert [i.text.get_text() for i in both.obligations] == \
            [i.text.get_text() for i in base.obligations], answers
        assert [i.text.get_text() for i in both.cautions] == \
            [i.text.get_text() for i in base.cautions], answers
        assert not base.considerations


def test_calls_and_meetings_bring_no_considerations(combined: Pack) -> None:
    for channel in ["in_person", "phone_call"]:
        for counterpart in CLIENTS:
            assert considered(combined, s(TEXT, channel=channel, counterpart=counterpart)) == {}


# --- The risks --------------------------------------------------------------------------


def test_risk_1_personal_devices_blur_boundaries(combined: Pack) -> None:
    check(combined, "risk-personal-devices",
          present=[
              s(TEXT, phone="personal_phone"),
              s(TEXT, phone="personal_phone", role="children_worker", counterpart="child_youth"),
              s(TEXT, channel="personal_email"),
              s(TEXT, channel="instant_message", account="personal"),
              s(SEARCH, account="personal"),
          ],
          absent=[
              s(TEXT),  # a Society phone
              s(TEXT, channel="phone_call"),
              s(TEXT, channel="agency_email"),
              s(TEXT, channel="instant_message", account="professional"),
              s(SEARCH),  # a professional account
              s(CAREGIVER, phone="personal_phone"),  # a caregiver's own phone is their phone
              s(TEXT, counterpart="staff", staff_topic="administrative", phone="personal_phone"),
          ])


def test_risk_2_expectation_of_answers_at_any_hour(combined: Pack) -> None:
    check(combined, "risk-availability-24-7",
          present=[
              s(TEXT, phone="personal_phone"),
              s(TEXT, timing="after_hours", after_hours_approval="yes",
                response_protocol="yes"),
              s(TEXT, response_patterns="no"),
              s(TEXT, channel="social_network", account="personal"),
          ],
          absent=[
              s(TEXT),  # Society phone, business hours, response times agreed
              s(TEXT, timing="authorized_overtime"),
              s(TEXT, channel="phone_call"),
              s(SEARCH, timing="after_hours", after_hours_approval="yes"),
              s(CAREGIVER, phone="personal_phone"),
          ])


def test_risk_3_misreading_without_non_verbal_cues(combined: Pack) -> None:
    check(combined, "risk-misreading",
          present=[
              s(TEXT, counterpart="child_youth"),
              s(TEXT, counterpart="child_youth", role="children_worker",
                channel="instant_message"),
              s(TEXT, counterpart="child_youth", channel="agency_email"),
              s(TEXT, counterpart="child_youth", awol="yes"),
          ],
          absent=[
              s(TEXT, counterpart="child_youth", channel="phone_call"),
              s(TEXT, counterpart="child_youth", channel="in_person"),
              s(TEXT),  # a parent
              s(SEARCH),
              s(FRIEND, counterpart="child_youth"),
          ])


def test_risk_4_breaches_of_confidentiality(combined: Pack) -> None:
    check(combined, "risk-confidentiality-breach",
          present=[
              s(TEXT),
              s(TEXT, channel="social_network"),
              s(TEXT, channel="personal_email", counterpart="collateral"),
              s(CAREGIVER),
              s(POST, post_content="identifying_client_info"),
          ],
          absent=[
              s(TEXT, channel="phone_call"),
              s(TEXT, channel="in_person"),
              s(TEXT, channel="agency_email"),
              s(TEXT, counterpart="staff", staff_topic="administrative"),
              s(SEARCH),
              s(POST),  # nothing about clients
          ])


def test_risk_5_validity_of_online_information(combined: Pack) -> None:
    check(combined, "risk-information-validity",
          present=[
              s(SEARCH),
              s(SEARCH, search_purpose="kin_search"),
              s(SEARCH, role="foster_parent"),
              s(FRIEND, friend_direction="received", concern_found="yes"),
              s(FRIEND, role="foster_parent", counterpart="child_youth", in_care="yes",
                friend_direction="received", concern_found="yes"),
          ],
          absent=[
              s(TEXT),
              s(FRIEND),
              s(POST),
              s(TEXT, channel="phone_call"),
          ])


def test_risk_5_online_evidence_in_court(combined: Pack) -> None:
    check(combined, "risk-online-evidence-court",
          present=[
              s(SEARCH),
              s(SEARCH, search_purpose="general"),
              s(FRIEND, friend_direction="received", concern_found="yes"),
          ],
          absent=[
              s(SEARCH, search_purpose="kin_search", kin_case_plan="yes",
                other_sources_exhausted="yes"),
              s(SEARCH, role="foster_parent"),  # a caregiver's search is not evidence gathering
              s(TEXT),
              s(FRIEND),
          ])


def test_risk_6_surveillance_both_ways(combined: Pack) -> None:
    check(combined, "risk-surveillance-both-ways",
          present=[
              s(FRIEND),
              s(FRIEND, counterpart="child_youth", friend_direction="sending"),
              s(POST),
              s(POST, post_content="about_work"),
          ],
          absent=[
              s(TEXT),
              s(SEARCH),
              s(FRIEND, counterpart="staff"),
              s(POST, post_content="society_business", account="professional"),
              s(FRIEND, role="foster_parent", counterpart="child_youth", in_care="yes"),
          ])


def test_risk_7_undesirable_contacts_for_children_in_care(combined: Pack) -> None:
    check(combined, "risk-undesirable-contacts",
          present=[
              s(FRIEND, role="foster_parent", counterpart="child_youth", in_care="yes"),
              s(FRIEND, role="kinship_parent", counterpart="child_youth", in_care="yes"),
              s(CAREGIVER, channel="social_network"),
              s(TEXT, counterpart="child_youth", channel="social_network"),
              s(TEXT, counterpart="child_youth", channel="other_online", awol="yes"),
          ],
          absent=[
              s(CAREGIVER),  # a plain text
              s(CAREGIVER, channel="phone_call"),
              s(FRIEND, role="foster_parent", counterpart="collateral"),
              s(TEXT, counterpart="child_youth"),  # a plain text
              s(TEXT, channel="social_network"),  # a parent
              s(SEARCH),
          ])


def test_risk_8_adoption_family_finding(combined: Pack) -> None:
    check(combined, "risk-adoption-family-finding",
          present=[
              s(FRIEND, role="adoptive_parent", counterpart="family"),
              s(FRIEND, role="adoptive_parent", counterpart="potential_kin"),
              s(TEXT, role="adoptive_parent", counterpart="family", channel="social_network"),
              s(SEARCH, role="adoptive_parent", search_purpose="kin_search"),
          ],
          absent=[
              s(FRIEND, role="foster_parent", counterpart="family"),
              s(FRIEND, role="kinship_parent", counterpart="family"),
              s(TEXT, role="adoptive_parent", counterpart="family", channel="phone_call"),
              s(FRIEND, role="adoptive_parent", counterpart="child_youth", in_care="yes"),
              s(SEARCH, search_purpose="kin_search"),  # a worker's kin search
              s(FRIEND),
          ])


def test_risk_9_technology_failure(combined: Pack) -> None:
    check(combined, "risk-technology-failure",
          present=[
              s(TEXT),
              s(TEXT, channel="instant_message"),
              s(CAREGIVER),
              s(TEXT, counterpart="staff", staff_topic="safety"),
          ],
          absent=[
              s(TEXT, channel="phone_call"),
              s(TEXT, channel="in_person"),
              s(TEXT, channel="agency_email"),
              s(TEXT, counterpart="staff", staff_topic="administrative"),
              s(SEARCH),
              s(POST),
          ])


# --- The principles ---------------------------------------------------------------------


def test_searching_brings_intent_privacy_and_validity(combined: Pack) -> None:
    got = considered(combined, s(SEARCH, search_purpose="general"))
    assert {"principle-intent-search", "principle-privacy-search",
            "risk-information-validity", "risk-online-evidence-court"} <= set(got)
    for rule_id in ["principle-intent-search", "principle-privacy-search"]:
        check(combined, rule_id, present=[s(SEARCH), s(SEARCH, role="adoptive_parent")],
              absent=[s(TEXT), s(FRIEND), s(POST)])


def test_hard_to_reach_best_interests(combined: Pack) -> None:
    check(combined, "principle-best-interests-hard-to-reach",
          present=[
              s(TEXT, counterpart="child_youth", awol="yes"),
              s(TEXT, purpose="initial_contact", alternatives_tried="yes"),
          ],
          absent=[
              s(TEXT),  # ongoing contact with a parent who can be reached otherwise
              s(TEXT, purpose="initial_contact", alternatives_tried="no"),
              s(TEXT, counterpart="child_youth", awol="yes", channel="phone_call"),
          ])


def test_friend_requests_boundaries(combined: Pack) -> None:
    check(combined, "principle-boundaries-friend",
          present=[s(FRIEND), s(FRIEND, counterpart="collateral", friend_direction="sending")],
          absent=[s(FRIEND, counterpart="staff"), s(TEXT),
                  s(FRIEND, role="foster_parent", counterpart="child_youth", in_care="yes")])


def test_consent_and_identity(combined: Pack) -> None:
    check(combined, "principle-consent-identity",
          present=[s(TEXT), s(TEXT, counterpart="potential_kin", channel="social_network")],
          absent=[s(TEXT, channel="phone_call"), s(TEXT, channel="agency_email"),
                  s(CAREGIVER), s(SEARCH)])


def test_false_identity_integrity(combined: Pack) -> None:
    check(combined, "principle-integrity-false-identity",
          present=[s(SEARCH, account="anonymous"), s(FRIEND, account="anonymous"),
                   s(TEXT, channel="social_network", account="anonymous")],
          absent=[s(SEARCH), s(SEARCH, account="logged_out"), s(TEXT)])


def test_posting_e_professionalism(combined: Pack) -> None:
    check(combined, "principle-e-professionalism",
          present=[s(POST), s(POST, post_content="society_business", account="professional")],
          absent=[s(TEXT), s(FRIEND), s(SEARCH), s(POST, role="foster_parent")])


def test_supervisor_weighs_competence(combined: Pack) -> None:
    check(combined, "principle-competence-authorize",
          present=[{"role": "supervisor", "review_request": "yes", "service_plan": "yes"}],
          absent=[{"role": "protection_worker", "review_request": "yes"}, s(TEXT),
                  s(TEXT, role="supervisor", review_request="no")])


def test_not_sure_makes_a_consideration_possible_not_certain(combined: Pack) -> None:
    answers = dict(TEXT)
    del answers["phone"]  # not answered: the personal phone may be in use
    items = [i for i in run(combined, answers).considerations
             if "risk-personal-devices" in i.rules]
    assert items and not any(i.certain for i in items)
