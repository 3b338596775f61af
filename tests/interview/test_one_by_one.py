"""The pure "what screen comes next" that the terminal and the web interview share."""

from __future__ import annotations

import pytest

from smguide.interview import flow as interview_flow
from smguide.interview import one_by_one as flow
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack
from tests.fixtures import MINI


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(MINI)


def test_next_screen_asks_the_interviews_next_question(pack: Pack) -> None:
    screen = flow.next_screen(pack, {})
    first = interview_flow.next_screen(pack, {})
    question = first.questions[0] if first is not None else None
    assert isinstance(screen, flow.Ask) and question is not None
    assert screen.question.id == question.id and not screen.back
    assert screen.progress.startswith("Question 1 ")


def test_then_the_review_of_the_answers_that_count(pack: Pack) -> None:
    answers = {"role": "protection_worker", "channel": "text", "authorized": "yes"}
    screen = flow.next_screen(pack, answers)
    assert isinstance(screen, flow.Review)
    assert [q.id for q, _text in screen.rows] == ["role", "channel", "authorized"]


def test_not_sure_is_preselected_the_first_time_then_the_answer(pack: Pack) -> None:
    for question in pack.questions:
        first = flow.default_answer(question, {})
        assert first == (UNSURE if question.unsure else None)
        again = flow.default_answer(question, {question.id: question.option_ids[0]})
        assert again == question.option_ids[0]


def test_choices_end_with_not_sure_where_offered(pack: Pack) -> None:
    for question in pack.questions:
        values = [c.value for c in flow.choices(question)]
        assert values[: len(question.option_ids)] == question.option_ids
        assert (values[-1] == UNSURE) == question.unsure
