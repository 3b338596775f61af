"""The interactive interview, driven through a scripted UI (and once through questionary
with a pipe for input); tests/interview/test_cli_interactive.py drives it in a real terminal."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pytest

from smguide.engine.core import decide
from smguide.interview.prompt import (
    BACK,
    BACK_LABEL,
    CANCEL,
    CHANGE,
    CONFIRM,
    SEPARATOR,
    Entry,
    QuestionaryUI,
    interview,
    screen_progress,
)
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack, Verdict
from tests.fixtures import MINI

Pick = str | Callable[[Sequence[Entry]], str]


@dataclass
class Menu:
    message: str
    entries: list[Entry]
    default: str | None


@dataclass
class ScriptedUI:
    """Answers each menu from a script of (message start, value to pick)."""

    script: list[tuple[str, Pick]]
    shown: list[str] = field(default_factory=list)
    menus: list[Menu] = field(default_factory=list)

    def show(self, text: str) -> None:
        self.shown.append(text)

    def select(self, message: str, entries: Sequence[Entry], default: str | None = None) -> str:
        self.menus.append(Menu(message, list(entries), default))
        assert self.script, f"unexpected menu {message!r}"
        expected, pick = self.script.pop(0)
        assert message.startswith(expected), (message, expected)
        value = pick(entries) if callable(pick) else pick
        assert value in [e.value for e in entries if e.value != SEPARATOR], (value, entries)
        return value


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(MINI)


ROLE, CHANNEL, ACCOUNT = "What is your role?", "How do you want", "Which account"
AUTHORIZED, AWOL, REVIEW = "Has your supervisor", "Is the youth AWOL", "Are these answers right?"
WHICH = "Which answer do you want to change?"


def test_straight_through(pack: Pack) -> None:
    ui = ScriptedUI([(ROLE, "protection_worker"), (CHANNEL, "text"), (AUTHORIZED, "yes"),
                     (REVIEW, CONFIRM)])
    answers = interview(pack, ui)
    assert answers == {"role": "protection_worker", "channel": "text", "authorized": "yes"}
    assert not ui.script
    assert decide(pack, answers).verdict == Verdict.permitted_with_conditions
    # The review lists every answer.
    review = ui.shown[ui.shown.index("Review your answers") + 1:]
    assert [" ".join(line.split()) for line in review] == [
        "What is your role? Child protection worker",
        "How do you want to reach them? Text message (SMS)",
        "Has your supervisor authorized this contact? Yes",
    ]


def test_menus_offer_not_sure_and_back(pack: Pack) -> None:
    ui = ScriptedUI([(ROLE, "other"), (CHANNEL, "email"), (REVIEW, CONFIRM)])
    interview(pack, ui)
    role, channel = ui.menus[0], ui.menus[1]
    # role: unsure is false, and nothing to go back to yet.
    assert [e.value for e in role.entries] == ["protection_worker", "children_worker", "other"]
    assert [e.value for e in channel.entries] == ["text", "email", "social", UNSURE, SEPARATOR,
                                                 BACK]
    assert channel.entries[-1].label == BACK_LABEL
    assert channel.entries[3].label == "Not sure"
    assert channel.entries[1].description == "Email from the agency's system."
    assert "  Your role decides which parts of the policy apply to you." in ui.shown


def test_not_sure_hint_is_the_find_out_text(pack: Pack) -> None:
    ui = ScriptedUI([(ROLE, "protection_worker"), (CHANNEL, "text"), (AUTHORIZED, UNSURE),
                     (REVIEW, CONFIRM)])
    answers = interview(pack, ui)
    unsure = ui.menus[2].entries[2]
    assert unsure.value == UNSURE
    assert unsure.description == "Ask your supervisor whether this contact is authorized."
    assert answers["authorized"] == UNSURE
    assert decide(pack, answers).verdict == Verdict.needs_authorization


def test_back_changes_an_earlier_answer_and_keeps_later_ones(pack: Pack) -> None:
    ui = ScriptedUI([
        (ROLE, "protection_worker"), (CHANNEL, "text"),
        (AUTHORIZED, BACK), (WHICH, "channel"), (CHANNEL, "social"),
        (ACCOUNT, "professional"), (AUTHORIZED, "yes"), (AWOL, "yes"),
        (REVIEW, CONFIRM),
    ])
    answers = interview(pack, ui)
    assert answers == {"role": "protection_worker", "channel": "social",
                       "account": "professional", "authorized": "yes", "awol": "yes"}
    which = next(m for m in ui.menus if m.message == WHICH)
    assert [e.value for e in which.entries] == ["role", "channel", SEPARATOR, CANCEL]
    assert which.entries[1].label == "How do you want to reach them? — Text message (SMS)"
    assert which.default == "channel"  # the latest answer
    again = ui.menus[4]
    assert again.default == "text"  # the current answer is preselected
    assert BACK not in [e.value for e in again.entries]


def test_answers_that_no_longer_apply_are_kept_but_ignored(pack: Pack) -> None:
    ui = ScriptedUI([
        (ROLE, "protection_worker"), (CHANNEL, "social"), (ACCOUNT, "personal"),
        # A personal account is certainly prohibited: nothing more is asked.
        (REVIEW, CHANGE), (WHICH, "channel"), (CHANNEL, "email"),
        (AUTHORIZED, "yes"),  # asked now that the answer is no longer settled
        (REVIEW, CONFIRM),
    ])
    answers = interview(pack, ui)
    assert answers["account"] == "personal"  # kept, as the engine ignores it
    assert decide(pack, answers).verdict == Verdict.permitted_with_conditions
    last_review = ui.shown[len(ui.shown) - 1 - ui.shown[::-1].index("Review your answers"):]
    assert not any("Which account" in line for line in last_review)


def test_back_can_be_cancelled(pack: Pack) -> None:
    ui = ScriptedUI([(ROLE, "other"), (CHANNEL, BACK), (WHICH, CANCEL), (CHANNEL, "text"),
                     (REVIEW, CONFIRM)])
    assert interview(pack, ui) == {"role": "other", "channel": "text"}


def test_review_can_change_an_answer(pack: Pack) -> None:
    ui = ScriptedUI([(ROLE, "protection_worker"), (CHANNEL, "text"), (AUTHORIZED, "no"),
                     (REVIEW, CHANGE), (WHICH, "authorized"), (AUTHORIZED, "yes"),
                     (REVIEW, CONFIRM)])
    answers = interview(pack, ui)
    assert answers["authorized"] == "yes"
    review = next(m for m in ui.menus if m.message == REVIEW)
    assert [e.value for e in review.entries] == [CONFIRM, CHANGE]
    assert review.default == CONFIRM


def test_progress(pack: Pack) -> None:
    ui = ScriptedUI([(ROLE, "protection_worker"), (CHANNEL, "social"),
                     (ACCOUNT, "professional"), (AUTHORIZED, "yes"), (AWOL, "no"),
                     (REVIEW, CONFIRM)])
    interview(pack, ui)
    lines = [s for s in ui.shown if s.startswith("Screen ")]
    # The longest way through: role, channel, account, authorized, AWOL (issue 19: the
    # progress counts screens).
    assert lines == [
        "Screen 1 of at most 5",
        "Screen 2 of at most 5",
        "Screen 3 of at most 5",
        "Screen 4 of at most 5",
        "Screen 5 · the last",
    ]
    # For "other" staff the account may still be asked (social media), never AWOL.
    assert screen_progress(pack, {"role": "other"}, 1) == "Screen 2 of at most 4"
    assert screen_progress(pack, {"role": "other", "channel": "social"}, 2) == (
        "Screen 3 of at most 4")


def test_progress_never_goes_up_on_the_bundled_scenarios() -> None:
    """Answering screen after screen, "at most N" never grows, and the bound holds."""
    from smguide.interview import flow
    from smguide.training.files import load_checked

    for sf, bundled in load_checked(None):
        answers: dict[str, str] = {}
        bounds: list[int] = []
        shown = 0
        while (screen := flow.next_screen(bundled, answers)) is not None:
            bounds.append(shown + flow.screens_left(bundled, answers))
            shown += 1
            for question in screen.questions:
                answers[question.id] = sf.scenario.answers.get(question.id, UNSURE)
        assert bounds == sorted(bounds, reverse=True), (sf.id, bounds)
        assert shown <= bounds[0], sf.id  # the bound held


def test_ctrl_c_propagates(pack: Pack) -> None:
    def interrupt(entries: Sequence[Entry]) -> str:
        raise KeyboardInterrupt

    ui = ScriptedUI([(ROLE, "other"), (CHANNEL, interrupt)])
    with pytest.raises(KeyboardInterrupt):
        interview(pack, ui)


def test_questionary_ui_with_piped_keys() -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    entries = [Entry("Text", "text"), Entry("Email", "email"), Entry("", SEPARATOR),
               Entry(BACK_LABEL, BACK)]
    with create_pipe_input() as keys:
        keys.send_text("\x1b[B\x1b[B\r")  # down twice skips the separator
        ui = QuestionaryUI(input=keys, output=DummyOutput(), echo=io.StringIO())
        assert ui.select("Channel?", entries) == BACK
    with create_pipe_input() as keys:
        keys.send_text("\r")
        ui = QuestionaryUI(input=keys, output=DummyOutput())
        assert ui.select("Channel?", entries, default="email") == "email"
    with create_pipe_input() as keys:
        keys.send_text("\x03")
        ui = QuestionaryUI(input=keys, output=DummyOutput())
        with pytest.raises(KeyboardInterrupt):
            ui.select("Channel?", entries)
    echo = io.StringIO()
    QuestionaryUI(echo=echo).show("hello")
    assert echo.getvalue() == "hello\n"


def test_not_sure_is_preselected_on_first_asking(pack: Pack) -> None:
    """A hurried Enter must take the stricter path: "Not sure" is the default, unless the
    question has no "Not sure" (role) or was answered before (then its answer is kept)."""
    ui = ScriptedUI([(ROLE, "protection_worker"), (CHANNEL, "text"), (AUTHORIZED, BACK),
                     (WHICH, "channel"), (CHANNEL, "text"), (AUTHORIZED, "yes"),
                     (REVIEW, CONFIRM)])
    interview(pack, ui)
    defaults = [(m.message.split("?")[0], m.default) for m in ui.menus]
    assert defaults[:3] == [("What is your role", None), ("How do you want to reach them", UNSURE),
                            ("Has your supervisor authorized this contact", UNSURE)]
    assert ("How do you want to reach them", "text") in defaults[3:]


@pytest.mark.parametrize("columns", [60, 100, 160])
def test_review_and_questions_wrap_between_words(columns: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from smguide.interview.prompt import SELECT_INSTRUCTION, review_lines, wrap_message

    monkeypatch.setenv("COLUMNS", str(columns))
    width = min(columns, 100) - 1
    rows = [("Has your supervisor authorized this use of social media or texting?", "Yes"),
            ("In what role are you acting?", "Kinship care parent"),
            ("How do you want to reach them?", "Text message (SMS) from a mobile phone")]
    lines = review_lines(rows, width)
    assert all(len(line) <= width for line in lines)
    words = {w for q, a in rows for w in (q + " " + a).split()}
    assert {w for line in lines for w in line.split()} == words  # no word is broken
    assert any("Kinship care parent" in line for line in lines)
    message = wrap_message("Will the message include anything that identifies a client (a name, "
                           "a picture, other details) beyond simply writing to the person?")
    # "? " before it, the instruction after its last line: every line fits.
    shown = ("? " + message + " " + SELECT_INSTRUCTION).split("\n")
    assert all(len(line) <= width for line in shown), shown


def test_banner_promises_only_what_is_true(pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    from smguide.interview.prompt import banner

    monkeypatch.setenv("COLUMNS", "100")
    text = " ".join(" ".join(banner(pack)).split())
    assert "Where a question offers it, “Not sure” is preselected" in text
    no_unsure = pack.model_copy(update={"questions": [
        q.model_copy(update={"unsure": False}) for q in pack.questions]})
    assert "Not sure" not in " ".join(banner(no_unsure))


def test_menus_have_number_shortcuts() -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    entries = [Entry("Text", "text"), Entry("Email", "email"), Entry("Social", "social")]
    with create_pipe_input() as keys:
        keys.send_text("3\r")
        ui = QuestionaryUI(input=keys, output=DummyOutput())
        assert ui.select("How?", entries) == "social"
