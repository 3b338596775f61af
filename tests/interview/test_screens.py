"""Short facts and preconditions on one screen, the keys that answer it, and the length
goals of issue 19 (benchmarks/interview_length.py counts them; this test keeps them)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from smguide.interview import checklist, flow
from smguide.interview.prompt import QuestionaryUI, ask_checklist
from smguide.pack.models import Question
from smguide.pack.selection import load
from tests.fixtures import MINI
from tests.interview.test_flow import PACK, Marks, ids

ROOT = Path(__file__).resolve().parents[2]


def test_short_facts_share_the_checklist_screen_the_report_first() -> None:
    """A children's service worker texting a youth: four menus, then one screen."""
    answers = {"role": "children_worker", "activity": "message", "channel": "text",
               "counterpart": "child_youth"}
    screen = ids(flow.next_screen(PACK, answers))
    assert screen[:3] == ["concern_found", "awol", "purpose"]
    assert {"phone", "supervisor_authorized", "consent", "timing", "content_limits"} <= set(
        screen)


def test_a_fact_that_settles_a_prohibition_is_asked_alone() -> None:
    """In the mini pack the account is a two-answer fact, and a personal account is
    prohibited: it gets its own screen, so the interview stops there."""
    mini = load([MINI])
    answers = {"role": "protection_worker", "channel": "social"}
    assert ids(flow.next_screen(mini, answers)) == ["account"]
    answers["account"] = "personal"
    assert flow.next_screen(mini, answers) is None
    answers["account"] = "professional"
    assert ids(flow.next_screen(mini, answers)) == ["authorized", "awol"]


def test_a_fact_line_is_marked_with_its_answers() -> None:
    awol = PACK.question("awol")
    assert isinstance(awol, Question) and flow.is_fact(awol)
    assert flow.marks(awol) == ("yes", "no")
    ui = Marks({"awol": checklist.NOT_DONE})
    assert ask_checklist(ui, flow.Screen((awol,))) == {"awol": "no"}
    item = ui.items[0]
    assert item.answers == ("Yes", "No")
    assert item.row(checklist.UNMARKED) == ("[ ]", str(awol.text))
    assert item.row(checklist.NOT_DONE) == ("[•]", f"{awol.text} — No")
    assert (item.hint() or "").startswith("y: Yes · n: No")


def piped(keys: str, items: list[checklist.Item]) -> dict[str, str] | None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as given:
        given.send_text(keys)
        return QuestionaryUI(input=given, output=DummyOutput()).checklist("?", items)


ITEMS = [checklist.Item(v, v.upper()) for v in ("a", "b", "c", "d")]


def test_y_and_n_answer_the_pointed_line_and_move_on() -> None:
    states = piped("yn\x1b[By\r", ITEMS)  # y, n, ↓ (skipped: not sure), y, Enter
    assert states == {"a": checklist.DONE, "b": checklist.NOT_DONE, "c": checklist.UNMARKED,
                      "d": checklist.DONE}
    # A line's number cycles it; "?" leaves the pointed line unmarked and moves on.
    assert piped("33\r", ITEMS) == {"a": checklist.UNMARKED, "b": checklist.UNMARKED,
                                    "c": checklist.NOT_DONE, "d": checklist.UNMARKED}
    assert piped("y\x1b[A?\r", ITEMS)["a"] == checklist.UNMARKED  # type: ignore[index]
    # Nothing marks every line at once: Enter alone leaves all "not sure".
    assert set(piped("\r", ITEMS).values()) == {checklist.UNMARKED}  # type: ignore[union-attr]


def test_left_goes_back_to_an_earlier_answer() -> None:
    assert piped("y\x1b[D", ITEMS) is None


def test_a_menu_number_answers_at_once() -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from smguide.interview.prompt import Entry

    entries = [Entry("Text", "text"), Entry("Email", "email")]
    with create_pipe_input() as keys:
        keys.send_text("2")  # no Enter
        assert QuestionaryUI(input=keys, output=DummyOutput()).select("How?", entries) == "email"


def test_the_interview_length_goals_hold() -> None:
    path = ROOT / "benchmarks" / "interview_length.py"
    spec = importlib.util.spec_from_file_location("interview_length", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["interview_length"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    rows = module.walks()  # also: the same verdict as one question at a time
    got = module.summary([new for _, _, new in rows])
    assert got["median_screens"] <= 5 and got["median_keys"] <= 10, got
    assert got["max_screens"] <= 10, got
    assert got["go_ahead_median_screens"] <= 6 and got["go_ahead_median_keys"] <= 14, got


def test_what_brings_up_a_report_is_asked_even_once_the_verdict_is_settled() -> None:
    """A foster parent and a teacher's "friend" request: the verdict (consult) is settled
    by who it is, but a request received may carry something to report, so the direction
    is asked, then the report question: the answer can then lead with the report."""
    answers = {"role": "foster_parent", "activity": "friend", "counterpart": "collateral",
               "caregiver_account": "personal"}
    assert ids(flow.next_screen(PACK, answers)) == ["friend_direction"]
    answers["friend_direction"] = "received"
    assert ids(flow.next_screen(PACK, answers)) == ["concern_found"]
    answers["friend_direction"] = "sending"
    assert flow.next_screen(PACK, answers) is None


def test_questionarys_own_words_are_in_the_interface_language() -> None:
    """questionary writes "Description:" under the pointed entry and "done (2 selections)"
    after a checkbox, in English: the first is relabelled, the second replaced by the
    ticked entries (issue 24)."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from questionary.prompts.common import InquirerControl

    import smguide.i18n as i18n
    from smguide.interview.prompt import Entry

    QuestionaryUI(output=DummyOutput())
    control = InquirerControl([{"name": "Yes", "value": "yes", "description": "Why"}])
    i18n.set_language("fr")
    try:
        shown = "".join(str(t[1]) for t in control._get_choice_tokens())
    finally:
        i18n.set_language("en")
    assert "Précision\u00a0: Why" in shown and "Description" not in shown
    echoed: list[str] = []
    with create_pipe_input() as keys:
        keys.send_text(" \r")  # tick the first entry, confirm
        ui = QuestionaryUI(input=keys, output=DummyOutput())
        ui.show = echoed.append  # type: ignore[method-assign]
        assert ui.checkbox("Who?", [Entry("The child", "child"), Entry("A parent", "parent")]
                           ) == ["child"]
    assert echoed == ["? Who? The child"]
