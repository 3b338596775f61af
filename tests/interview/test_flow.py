"""What the interview asks next (issue 19): what decides first, computed from the rules;
preconditions on one checklist; the order never changes the result."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import pytest

from smguide.engine.core import decide, matters, may_apply, next_question, stopped
from smguide.interview import checklist, flow
from smguide.interview.prompt import Entry, ask_checklist
from smguide.pack.models import UNSURE, Pack, Question
from smguide.report.model import build
from smguide.report.wording import headline
from smguide.training.files import load_checked

SCENARIOS = load_checked(None)
PACK = SCENARIOS[0][1]


def by_flow(pack: Pack, canned: Mapping[str, str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    while (screen := flow.next_screen(pack, answers)) is not None:
        for question in screen.questions:
            answers[question.id] = canned.get(question.id, UNSURE)
    return answers


def by_pack_order(pack: Pack, canned: Mapping[str, str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    while (question := next_question(pack, answers)) is not None:
        answers[question.id] = canned.get(question.id, UNSURE)
    return answers


def at_random(pack: Pack, canned: Mapping[str, str], seed: int) -> dict[str, str]:
    """Any question that may apply and still matters, picked at random."""
    rng = random.Random(seed)
    answers: dict[str, str] = {}
    while True:
        if stopped(pack, answers):
            return answers
        open_ = [q for q in pack.questions if q.id not in answers
                 and may_apply(pack, q, answers) and matters(pack, q, answers)]
        if not open_:
            return answers
        question = rng.choice(open_)
        answers[question.id] = canned.get(question.id, UNSURE)


@pytest.mark.parametrize(("sf", "pack"), SCENARIOS, ids=[sf.id for sf, _ in SCENARIOS])
def test_the_order_never_changes_the_verdict(sf: object, pack: Pack) -> None:
    canned = dict(sf.scenario.answers)  # type: ignore[attr-defined]
    verdicts = {decide(pack, by_flow(pack, canned)).verdict,
                decide(pack, by_pack_order(pack, canned)).verdict,
                *(decide(pack, at_random(pack, canned, seed)).verdict for seed in range(3))}
    assert len(verdicts) == 1, verdicts
    # The same answers, given in any order: the same recommendation, word for word.
    answers = by_flow(pack, canned)
    shuffled = list(answers.items())
    random.Random(7).shuffle(shuffled)
    assert headline(build(pack, decide(pack, dict(shuffled)), dict(shuffled))) == headline(
        build(pack, decide(pack, answers), answers))


def ids(screen: flow.Screen | None) -> list[str]:
    assert screen is not None
    return [q.id for q in screen.questions]


def test_a_possible_mandatory_report_is_asked_as_soon_as_it_applies() -> None:
    answers = {"role": "protection_worker", "activity": "search"}
    assert ids(flow.next_screen(PACK, answers)) == ["concern_found"]


def test_an_absolute_prohibition_comes_first() -> None:
    """A personal account can settle a prohibition: asked right after the channel, before
    who the other person is."""
    answers = {"role": "protection_worker", "activity": "message",
               "channel": "social_network"}
    assert ids(flow.next_screen(PACK, answers)) == ["account"]
    answers["account"] = "personal"
    assert ids(flow.next_screen(PACK, answers)) == ["counterpart"]  # a colleague, perhaps
    answers["counterpart"] = "family"
    assert flow.next_screen(PACK, answers) is None  # nothing more: it is prohibited


def test_preconditions_share_one_checklist_with_what_follows_from_them() -> None:
    answers = {"role": "children_worker", "activity": "message", "channel": "text",
               "content_limits": "none_of_these", "counterpart": "child_youth",
               "awol": "no", "purpose": "ongoing", "concern_found": "no"}
    screen = flow.next_screen(PACK, answers)
    assert screen is not None and screen.checklist
    # The authorization, and that it is recorded (asked only once it is given).
    assert {"phone", "supervisor_authorized", "authorization_documented", "consent",
            "response_patterns", "timing"} <= set(ids(screen))
    timing = PACK.question("timing")
    assert timing is not None
    assert flow.marks(timing) == ("business_hours", flow.not_done(timing))


class Marks:
    """A checklist UI that marks items as told."""

    def __init__(self, states: dict[str, str]) -> None:
        self.states = states
        self.items: list[checklist.Item] = []

    def show(self, text: str) -> None:
        pass

    def select(self, message: str, entries: Sequence[Entry], default: str | None = None) -> str:
        raise AssertionError("no menu expected")

    def checklist(self, message: str, items: Sequence[checklist.Item]) -> dict[str, str]:
        self.items = list(items)
        return {i.value: self.states.get(i.value, checklist.UNMARKED) for i in items}


def test_an_unmarked_item_is_not_a_yes() -> None:
    questions = tuple(q for q in PACK.questions
                      if q.id in ("supervisor_authorized", "consent", "primary", "timing"))
    ui = Marks({"supervisor_authorized": checklist.DONE, "primary": checklist.DONE,
                "timing": checklist.NOT_DONE})
    answers = ask_checklist(ui, flow.Screen(questions))
    timing = PACK.question("timing")
    assert isinstance(timing, Question)
    assert answers == {"supervisor_authorized": "yes", "consent": UNSURE, "primary": "no",
                       "timing": flow.not_done(timing)}
    # Each item reads as the step it stands for.
    assert [i.label for i in ui.items][:2] == [
        "Get your supervisor's authorization for this use",
        "Get the person's agreement, in person or by phone, to be contacted this way"]
    # Not done, where several answers mean it: a follow-up asks which, without the step.
    follow = flow.next_screen(PACK, {"role": "protection_worker", "activity": "message",
                                     "channel": "text", "timing": flow.not_done(timing)})
    assert isinstance(follow, flow.FollowUp) and ids(follow) == ["timing"]
    assert flow.follow_up_options(timing) == ["authorized_overtime", "after_hours"]


def test_the_progress_bound_never_promises_less_than_comes() -> None:
    for sf, pack in SCENARIOS:
        answers: dict[str, str] = {}
        promised = flow.screens_left(pack, answers)
        shown = 0
        while (screen := flow.next_screen(pack, answers)) is not None:
            shown += 1
            for question in screen.questions:
                answers[question.id] = sf.scenario.answers.get(question.id, UNSURE)
            left = flow.screens_left(pack, answers)
            assert shown + left <= promised, sf.id
            promised = shown + left


def test_a_reviewing_supervisor_never_remembers_the_workers_account() -> None:
    from smguide.interview import profile

    answers = {"role": "supervisor", "review_request": "yes", "account": "personal",
               "phone": "personal_phone"}
    assert profile.standing(PACK, answers) == {"role": "supervisor"}
    assert profile.standing(PACK, {"role": "protection_worker", "phone": "agency_phone"}) == {
        "role": "protection_worker", "phone": "agency_phone"}
