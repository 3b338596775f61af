"""The canned training scenarios of the cas-2011 pack (scenarios/cas-2011/*.yaml).

Each scenario is loaded as the Scenario model and replayed through the engine: its
answers must name real questions and options, be complete (smguide would ask nothing
more) and give the expected verdict, rules, cited sections and defeats. Across the set,
the scenarios must cover every verdict, every exception, every role, the policy's
specific situations, "not sure" answers and hard cases. `smguide test` will make the same
checks through the CLI; this test keeps the content honest meanwhile.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from smguide.engine.core import decide, may_apply, next_question
from smguide.engine.decision import Decision
from smguide.pack.bundled import pack_path, scenarios_dir
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack, Verdict
from smguide.pack.yamlload import load_file
from smguide.training.run import failures
from smguide.training.scenario import Scenario

SCENARIO_DIR = scenarios_dir() / "cas-2011"
FILES = sorted(SCENARIO_DIR.glob("*.yaml"))
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(pack_path("cas-2011"))


def load(path: Path) -> Scenario:
    return Scenario.model_validate(load_file(path).data)


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    return {path.stem: load(path) for path in FILES}


def _has_unsure(path: Path) -> bool:
    try:
        return UNSURE in load(path).answers.values()
    except Exception:  # a broken file fails test_scenario_format instead
        return False


UNSURE_FILES = [p for p in FILES if _has_unsure(p)]


def run(pack: Pack, answers: dict[str, str]) -> Decision:
    return decide(pack, answers, why_not=False)


def words(text: object) -> int:
    return len(str(text).split())


# --- each scenario ----------------------------------------------------------------------

@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario_format(path: Path) -> None:
    s = load(path)
    assert s.id == path.stem, "the file name must be the scenario id + .yaml"
    assert KEBAB.match(s.id), f"id {s.id!r} is not kebab-case"
    assert s.tags and all(KEBAB.match(t) for t in s.tags), s.tags
    assert len(set(s.tags)) == len(s.tags), "duplicate tag"
    assert str(s.title).strip()
    assert 60 <= words(s.narrative) <= 150, f"narrative has {words(s.narrative)} words"
    # No contact details in a narrative: no e-mail addresses, no phone numbers.
    assert "@" not in str(s.narrative)
    assert not re.search(r"\d{3}[-. )]\s*\d{3}[-. ]\d{4}", str(s.narrative))
    assert 2 <= len(s.teaching_points) <= 4
    assert 2 <= len(s.discussion) <= 3
    assert 1 <= len(s.notes) <= 6
    assert not s.packs or s.packs == ["cas-2011"]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario_answers(path: Path, pack: Pack) -> None:
    s = load(path)
    assert s.role == s.answers.get("role"), "role must equal answers.role"
    for qid, answer in s.answers.items():
        question = pack.question(qid)
        assert question is not None, f"no question {qid!r} in the pack"
        if answer == UNSURE:
            assert question.unsure, f"{qid!r} cannot be answered 'not sure'"
        else:
            assert question.option(answer) is not None, f"{qid!r} has no option {answer!r}"
        assert may_apply(pack, question, s.answers), f"{qid!r} is answered but never asked"
    # Complete: smguide has nothing left to ask.
    left = next_question(pack, s.answers)
    assert left is None, f"question {left.id!r} is not answered" if left else ""
    # Notes explain answers the scenario gives (3 of them, unless fewer are asked).
    assert set(s.notes) <= set(s.answers), f"notes for unanswered {set(s.notes) - set(s.answers)}"
    assert len(s.notes) >= min(3, len(s.answers))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario_decision(path: Path, pack: Pack) -> None:
    s = load(path)
    d = run(pack, s.answers)
    assert d.verdict == s.expect.verdict
    applied = {a.rule.id for a in d.applied}
    assert set(s.expect.rules) <= applied, f"rules not applied: {set(s.expect.rules) - applied}"
    cited = {f"{c.source}/{c.section}" for a in d.applied for c in a.rule.cite}
    missing = set(s.expect.sections) - cited
    assert not missing, f"sections not cited: {missing}"
    defeats = {f"{x.exception.id}>{x.defeated.id}" for x in d.defeated}
    assert set(s.expect.defeats) <= defeats, f"defeats not shown: {set(s.expect.defeats) - defeats}"
    # the sections the answer rests on and the obligations it names (issue 22)
    unmet = [f.message for f in failures(s, d) if f.kind in ("cite", "obligation")]
    assert not unmet, unmet
    # The expectation names the deciding rule(s), unless the policy is silent.
    deciding = {a.rule.id for a in d.deciding}
    if d.silent:
        assert not s.expect.rules
    else:
        assert deciding & set(s.expect.rules), f"name a deciding rule: {sorted(deciding)}"
    unsure = [q for q, a in s.answers.items() if a == UNSURE]
    if not unsure:
        assert d.certain, f"a definite scenario should leave nothing to find out: {d.find_out}"


@pytest.mark.parametrize("path", UNSURE_FILES, ids=[p.stem for p in UNSURE_FILES])
def test_unsure_takes_the_stricter_verdict(path: Path, pack: Pack) -> None:
    """A "not sure" answer gives the strictest verdict any real answer would give, and
    tells the practitioner what to find out."""
    s = load(path)
    unsure = [q for q, a in s.answers.items() if a == UNSURE]
    assert unsure
    assert "not-sure" in s.tags
    d = run(pack, s.answers)
    assert {f.question.id for f in d.find_out} >= set(unsure)
    for qid in unsure:
        question = pack.question(qid)
        assert question is not None
        verdicts = [run(pack, {**s.answers, qid: o}).verdict for o in question.option_ids]
        assert s.expect.verdict == Verdict.strictest(verdicts)
        assert len(set(verdicts)) > 1, f"'not sure' about {qid!r} should change the verdict"


# --- the set as a whole -----------------------------------------------------------------

def test_enough_unique_scenarios(scenarios: dict[str, Scenario]) -> None:
    assert len(scenarios) >= 32
    ids = [s.id for s in scenarios.values()]
    assert len(ids) == len(set(ids))
    assert all(stem == s.id for stem, s in scenarios.items())


def test_every_verdict_is_covered(scenarios: dict[str, Scenario], pack: Pack) -> None:
    assert {s.expect.verdict for s in scenarios.values()} == set(Verdict)
    silent = [s.id for s in scenarios.values() if run(pack, s.answers).silent]
    assert silent, "no scenario where the policy is silent"
    assert any("silent" in scenarios[i].tags for i in silent)


def test_every_exception_is_shown_defeating(scenarios: dict[str, Scenario],
                                            pack: Pack) -> None:
    exceptions = {r.id for r in pack.rules if r.exception_to}
    assert exceptions
    shown = {d.split(">")[0] for s in scenarios.values() for d in s.expect.defeats}
    assert exceptions <= shown, f"exceptions without a scenario: {exceptions - shown}"


def test_every_role_is_covered(scenarios: dict[str, Scenario], pack: Pack) -> None:
    role = pack.question("role")
    assert role is not None
    roles = {s.role for s in scenarios.values()}
    missing = set(role.option_ids) - {"none_of_these"} - roles
    assert not missing, f"roles without a scenario: {missing}"


def test_every_specific_situation_is_cited(scenarios: dict[str, Scenario],
                                           pack: Pack) -> None:
    situations = {f"{src.id}/{sec.id}" for src in pack.sources for sec in src.sections
                  if sec.id.startswith("situations.")}
    assert situations
    cited = {sec for s in scenarios.values() for sec in s.expect.sections}
    assert situations <= cited, f"situations without a scenario: {situations - cited}"


def test_not_sure_and_hard_cases(scenarios: dict[str, Scenario]) -> None:
    unsure = [s for s in scenarios.values() if UNSURE in s.answers.values()]
    assert len(unsure) >= 3
    tagged = {s.id for s in scenarios.values() if "not-sure" in s.tags}
    assert tagged == {s.id for s in unsure}, "tag not-sure exactly the scenarios using it"
    hard = [s for s in scenarios.values() if "hard-case" in s.tags]
    assert len(hard) >= 3


Check = Callable[[dict[str, str]], bool]

# The situations the policy names, and the contrasts trainers rely on.
SITUATIONS: dict[str, Check] = {
    "protection worker, first contact without alternatives": lambda a: (
        a.get("role") == "protection_worker" and a.get("purpose") == "initial_contact"
        and a.get("alternatives_tried") == "yes"),
    "protection worker, friend request": lambda a: (
        a.get("role") == "protection_worker" and a.get("activity") == "friend"),
    "children service worker with a youth": lambda a: (
        a.get("role") == "children_worker" and a.get("counterpart") == "child_youth"),
    "AWOL youth": lambda a: a.get("awol") == "yes",
    "AWOL youth through a personal account": lambda a: (
        a.get("awol") == "yes" and a.get("account") == "personal"),
    "caregiver friends a child in care": lambda a: (
        a.get("role") in ("foster_parent", "adoptive_parent") and a.get("activity") == "friend"
        and a.get("in_care") == "yes"),
    "foster parent and a natural parent": lambda a: (
        a.get("role") == "foster_parent" and a.get("activity") == "friend"
        and a.get("counterpart") == "family"),
    "kinship parent friends family": lambda a: (
        a.get("role") == "kinship_parent" and a.get("activity") == "friend"
        and a.get("counterpart") == "family"),
    "investigation with a documented plan after other means failed": lambda a: (
        a.get("search_purpose") == "investigation" and a.get("investigation_plan") == "yes"
        and a.get("other_means_failed") == "yes"),
    "kin search": lambda a: a.get("search_purpose") == "kin_search",
    "kin inquiry limited to identity and a call": lambda a: (
        a.get("kin_scope") == "identity_and_phone_only"),
    "kin inquiry going further": lambda a: a.get("kin_scope") == "more",
    "general search of a client": lambda a: a.get("search_purpose") == "general",
    "supervisor texts a worker on safety or administration": lambda a: (
        a.get("role") == "supervisor" and a.get("staff_topic") in ("safety", "administrative")),
    "supervisor texts a worker on another topic": lambda a: (
        a.get("role") == "supervisor" and a.get("staff_topic") == "other"),
    "supervisor authorizing": lambda a: (
        a.get("role") == "supervisor" and a.get("review_request") == "yes"),
    "text from a personal phone": lambda a: a.get("phone") == "personal_phone",
    "message from a personal social networking account": lambda a: (
        a.get("channel") == "social_network" and a.get("account") == "personal"),
    "after hours": lambda a: a.get("timing") == "after_hours",
    # issue 22: the situations workers actually bring
    "something already come across, reported and recorded": lambda a: (
        a.get("activity") == "found" and a.get("found_use") == "record"
        and a.get("concern_found") == "yes"),
    "something found online, wanted as evidence": lambda a: a.get("found_use") == "evidence",
    "caregiver messages the child living with them": lambda a: (
        a.get("role") in ("foster_parent", "adoptive_parent", "kinship_parent")
        and a.get("in_care") == "yes" and a.get("primary_home") == "no"),
    "a social network's private messages": lambda a: (
        a.get("channel") == "instant_message" and a.get("account") == "professional"),
    "a greeting by first name": lambda a: (
        a.get("identifying_info") == "yes" and a.get("phone") == "agency_phone"),
    "off-duty derogatory post": lambda a: (
        a.get("post_content") == "about_work" and a.get("content_limits") == "to_avoid"),
    "urgent message after hours": lambda a: (
        a.get("timing") == "after_hours" and a.get("concern_found") == "yes"),
    "disclosure in a message exchange": lambda a: (
        a.get("activity") == "message" and a.get("concern_found") == "yes"),
    "colleague messages from a personal account": lambda a: (
        a.get("counterpart") == "staff" and a.get("account") == "personal"),
    "friend request received on a personal account": lambda a: (
        a.get("friend_direction") == "received" and a.get("account") == "personal"),
    "kinship parent messages family": lambda a: (
        a.get("role") == "kinship_parent" and a.get("activity") == "message"
        and a.get("family_relation") == "other_family"),
}


@pytest.mark.parametrize("name", list(SITUATIONS))
def test_situation_is_covered(name: str, scenarios: dict[str, Scenario]) -> None:
    check = SITUATIONS[name]
    assert any(check(s.answers) for s in scenarios.values()), f"no scenario for: {name}"
