"""The reflection's prompts: driven through a scripted UI, and through the real terminal
(pexpect, like tests/interview/test_cli_interactive.py) for a silent case and "act otherwise"."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from smguide import reflection as rf
from smguide.engine.core import decide
from smguide.interview import reflect_prompt as rp
from smguide.interview.prompt import SEPARATOR, Entry
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack, Principle
from tests.fixtures import AUTHORIZED_TEXT, MINI
from tests.ptyutil import DOWN, ENTER, SPACE, UP, Child, pexpect, screen, spawn
from tests.ptyutil import answer as menu

SILENT = {"role": "other", "channel": "email"}
Answer = str | list[str] | Callable[[Sequence[Entry]], Any]


@dataclass
class ScriptedUI:
    """Answers each prompt from a script of (kind, message start, answer)."""

    script: list[tuple[str, str, Answer]]
    shown: list[str] = field(default_factory=list)
    checked: dict[str, list[str]] = field(default_factory=dict)
    defaults: dict[str, str | None] = field(default_factory=dict)

    def _next(self, kind: str, message: str) -> Answer:
        assert self.script, f"unexpected {kind} {message!r}"
        want_kind, start, answer = self.script.pop(0)
        assert (kind, message.startswith(start)) == (want_kind, True), (kind, message, start)
        return answer

    def show(self, text: str) -> None:
        self.shown.append(text)

    def select(self, message: str, entries: Sequence[Entry], default: str | None = None) -> str:
        self.defaults[message] = default
        answer = self._next("select", message)
        value = default if answer == "<default>" else answer
        assert isinstance(value, str)
        assert value in [e.value for e in entries if e.value != SEPARATOR], (value, entries)
        return value

    def checkbox(self, message: str, entries: Sequence[Entry], checked: Sequence[str] = (),
                 validate: Callable[[list[str]], str | None] | None = None) -> list[str]:
        self.checked[message] = list(checked)
        answer = self._next("checkbox", message)
        values = list(checked) if answer == "<default>" else answer
        assert isinstance(values, list)
        if validate is not None:
            assert validate(values) is None, validate(values)
        return values

    def text(self, message: str, validate: Callable[[str], str | None] | None = None) -> str:
        answer = self._next("text", message)
        assert isinstance(answer, str)
        if validate is not None:
            problem = validate(answer)
            assert problem is None, problem
        return answer


@pytest.fixture(scope="module")
def mini() -> Pack:
    return load_pack(MINI)


WALK: list[tuple[str, str, Answer]] = [
    ("select", "What do the provisions tell you?", "<default>"),
    ("checkbox", "Which principles are at stake?", ["best_interests", "privacy", "consent"]),
    ("select", "Is this the order of importance?", rp.REORDER),
    ("select", "Which matters most?", "best_interests"),
    ("select", "Which comes next?", "privacy"),
    ("select", "What is the purpose of the contact?", "other"),
    ("text", "The purpose, in a few words", "to confirm a school meeting"),
    ("checkbox", "Who is affected?", ["child", "other_children"]),
    ("checkbox", "Which options have you considered?", ["text", "email"]),
    ("select", "Which do you choose?", "text"),
    ("select", "Face-to-face contact: tried?", "yes"),
    ("select", "A telephone call: tried?", "no"),
    ("select", "E-mail from the agency's address: tried?", "partly"),
    ("checkbox", "Whom have you consulted?", ["colleague", "legal"]),
    ("select", "Anything to add", rp.NO_NOTE),
]


def test_walk_collects_every_step(mini: Pack) -> None:
    decision = decide(mini, SILENT)
    ui = ScriptedUI(list(WALK))
    answers = rp.walk(ui, mini, decision, SILENT)
    assert not ui.script
    assert ui.defaults["What do the provisions tell you?"] == "silent"
    assert ui.checked["Which principles are at stake?"][0] == "best_interests"
    assert ui.checked["Which options have you considered?"] == ["email"]  # the current one
    assert answers.rules is rf.RulesAssessment.silent
    assert answers.principles == [Principle.best_interests, Principle.privacy,
                                  Principle.consent]
    assert answers.purpose_note == "to confirm a school meeting"
    assert answers.options.chosen == "text"
    assert answers.alternatives[rf.Method.agency_email] is rf.Tried.partly
    shown = "\n".join(ui.shown)
    assert "Step 1 of 7 · The policy rules screen" in shown
    assert "Step 7 of 7 · Consultation" in shown
    assert rf.NOTE_WARNING in shown  # before the free text
    assert "No provision of Mini policy (test fixture) gives a verdict for this case" in shown
    assert "Keep identifying details out of messages — adds obligations" in shown
    refl = rf.build(mini, decision, SILENT, answers)
    assert refl.trigger is rf.Trigger.silent


def test_rules_step_lists_provisions_conflicts_and_defeats(mini: Pack) -> None:
    answers = {"role": "protection_worker", "channel": "social", "account": "professional",
               "authorized": "yes", "awol": "yes"}
    ui = ScriptedUI([("select", "What do the provisions tell you?", "<default>")])
    assert rp.rules_step(ui, mini, decide(mini, answers)) is rf.RulesAssessment.conflict
    shown = "\n".join(ui.shown)
    assert "Authorized electronic contact is permitted with conditions" in shown
    assert "Mini Electronic Contact Policy, §procedures.records" in shown
    assert "Reaching a youth who is AWOL set aside Social media is a last resort" in shown


def test_silent_case_reflects_at_once_then_the_menu(mini: Pack) -> None:
    decision = decide(mini, SILENT)
    got: list[object] = []
    ui = ScriptedUI([*WALK, ("select", "What next?", rp.DONE)])
    refl, other = rp.after_decision(ui, mini, decision, SILENT, reflect=False,
                                    on_reflection=got.append, on_otherwise=got.append)
    assert refl is not None and other is None and got == [refl]
    assert refl.trigger is rf.Trigger.silent


def test_menu_reflect_and_act_otherwise(mini: Pack) -> None:
    decision = decide(mini, AUTHORIZED_TEXT)
    script: list[tuple[str, str, Answer]] = [
        ("select", "What next?", rp.OTHERWISE),
        ("select", "What will you do?", "other_channel"),
        ("select", "Which way will you use?", "email"),
        ("checkbox", "Why?", ["other"]),
        ("text", "In a few words", "prefers it"),
        ("select", "What next?", rp.REFLECT),
        ("select", "What do the provisions tell you?", "not_fitting"),
        ("checkbox", "Which principles are at stake?", ["consent"]),
        ("select", "What is the purpose of the contact?", "engagement"),
        ("checkbox", "Who is affected?", "<default>"),
        ("checkbox", "Which options have you considered?", "<default>"),
        ("select", "Which do you choose?", "email"),
        ("select", "Face-to-face contact: tried?", "yes"),
        ("select", "A telephone call: tried?", "yes"),
        ("select", "E-mail from the agency's address: tried?", "yes"),
        ("checkbox", "Whom have you consulted?", ["none_yet"]),
        ("select", "Anything to add", rp.ADD_NOTE),
        ("text", "Your note", "Talked it over with the youth."),
    ]
    ui = ScriptedUI(script)  # after both, only "Done" is left: no menu
    refl, other = rp.after_decision(ui, mini, decision, AUTHORIZED_TEXT, reflect=False,
                                    on_reflection=lambda r: None, on_otherwise=lambda a: None)
    assert not ui.script
    assert other is not None and other.action is rf.Action.other_channel
    assert other.channel == "email" and other.note == "prefers it"
    assert refl is not None and refl.trigger is rf.Trigger.requested
    assert refl.principles == (Principle.consent,) and refl.note == (
        "Talked it over with the youth.")


def test_free_text_with_an_address_is_refused(mini: Pack) -> None:
    ui = ScriptedUI([("text", "Your note", "mail a@b.org")])
    with pytest.raises(AssertionError, match="seems to contain an e-mail address"):
        rp.ask_note(ui, "Your note:")


def test_questionary_checkbox_and_text_with_piped_keys() -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from smguide.interview.prompt import QuestionaryUI

    entries = [Entry("Child", "child"), Entry("Parents", "parents"), Entry("Agency", "agency")]
    with create_pipe_input() as keys:
        keys.send_text("\x1b[B \r")  # tick the second; the first was ticked already
        ui = QuestionaryUI(input=keys, output=DummyOutput())
        assert ui.checkbox("Who?", entries, checked=["child"]) == ["child", "parents"]
    with create_pipe_input() as keys:
        keys.send_text(" \r")  # untick the only ticked one: refused, then tick it again
        keys.send_text(" \r")
        ui = QuestionaryUI(input=keys, output=DummyOutput())
        got = ui.checkbox("Who?", entries, checked=["child"],
                          validate=lambda v: None if v else "Tick at least one")
        assert got == ["child"]
    with create_pipe_input() as keys:
        keys.send_text("a@b.org\r")  # refused by the check ...
        keys.send_text("\x7f" * 7 + "fine\r")  # ... then corrected
        ui = QuestionaryUI(input=keys, output=DummyOutput())
        assert ui.text("Note:", validate=rp._note_problem) == "fine"


# --- in a real terminal --------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")

CAS = Path(__file__).resolve().parents[2] / "rules" / "cas-2011"


def ticks(child: Child, question: str, keys: str) -> None:
    child.expect_exact(question)
    child.expect_exact("(↑/↓, Space to tick or untick, Enter when done)")
    child.send(keys)


@posix_only
def test_silent_case_walks_the_reflection_into_the_record(tmp_path: Path) -> None:
    from smguide.pack.selection import load

    pack = load(environ={})  # the default packs
    silent = {"role": "none_of_these"}
    # The channels (the question may still apply), then "wait" and "no contact".
    wait = [v.id for v in rf.options(pack, silent, decide(pack, silent))].index(rf.WAIT)
    record = tmp_path / "record.json"
    child = spawn("decide", "--record", record)
    try:
        # "None of these" is the last of the eleven roles.
        menu(child, "In what role are you acting?", DOWN * 10 + ENTER)
        menu(child, "Are these answers right?", ENTER)
        child.expect_exact("CONSULT YOUR SUPERVISOR — the policy does not cover this case")
        child.expect_exact(rp.SILENT_INTRO)
        child.expect_exact("Step 1 of 7 · The policy rules screen")
        menu(child, "What do the provisions tell you?", ENTER)  # preselected: silent
        # Best interests is ticked; tick privacy (the fifth), keep the order.
        ticks(child, "Which principles are at stake?", DOWN * 4 + SPACE + ENTER)
        menu(child, "Is this the order of importance?", ENTER)
        menu(child, "What is the purpose of the contact?", ENTER)  # appointment logistics
        ticks(child, "Who is affected?", ENTER)  # the child, preselected
        ticks(child, "Which options have you considered?", ENTER)
        menu(child, "Which do you choose?", DOWN * wait + ENTER)  # wait and consult
        menu(child, "Face-to-face contact: tried?", ENTER)
        menu(child, "A telephone call: tried?", DOWN + ENTER)
        menu(child, "E-mail from the agency's address: tried?", DOWN * 2 + ENTER)
        ticks(child, "Whom have you consulted?", SPACE + ENTER)  # my supervisor
        menu(child, "Anything to add to the record about your reasoning?", DOWN + ENTER)
        child.expect_exact("Do not enter names or identifying details")
        child.expect_exact("Your note:")
        child.send("Discussed the options in supervision." + ENTER)
        child.expect_exact("Your reflection")
        child.expect_exact("Outcome")
        menu(child, "What next?", ENTER)  # Done
        child.expect_exact("decision record written to")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, screen(child)[-2000:]
    assert "Traceback" not in screen(child)
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["verdict"] == "consult_supervisor" and data["silent"] is True
    refl = data["reflection"]
    assert refl["trigger"] == "silent"
    assert refl["rules"]["assessment"] == "silent"
    assert [p["id"] for p in refl["principles"]] == ["best_interests", "privacy"]
    assert refl["purpose"]["id"] == "appointment_logistics"
    assert [a["id"] for a in refl["affected"]] == ["child"]
    assert refl["options"]["chosen"]["id"] == rf.WAIT
    assert [(a["method"], a["tried"]) for a in refl["alternatives"]] == [
        ("face_to_face", "yes"), ("phone", "partly"), ("agency_email", "no")]
    assert [c["id"] for c in refl["consulted"]] == ["supervisor"]
    assert refl["note"] == "Discussed the options in supervision."
    assert "consult your supervisor" in refl["outcome"]
    assert "act_otherwise" not in data


@posix_only
def test_act_otherwise_is_recorded_with_the_recommendation(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    child = spawn("decide", "--pack", MINI, "--record", record)
    try:
        menu(child, "What is your role?", ENTER)  # protection worker (no "Not sure")
        # Each question starts on "Not sure", after its options.
        menu(child, "How do you want to reach them?", UP * 3 + ENTER)  # text
        menu(child, "Has your supervisor authorized this contact?", UP * 2 + ENTER)  # yes
        menu(child, "Are these answers right?", ENTER)
        child.expect_exact("PERMITTED WITH CONDITIONS")
        menu(child, "What next?", UP + ENTER)  # Record that I will act otherwise
        menu(child, "What will you do?", DOWN * 2 + ENTER)  # not make this contact
        ticks(child, "Why?", SPACE + ENTER)  # the child's safety
        menu(child, "Anything to add about your reasons?", ENTER)  # nothing
        child.expect_exact("You will act otherwise than the recommendation")
        menu(child, "What next?", ENTER)  # Done
        child.expect_exact("decision record written to")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, screen(child)[-2000:]
    import yaml

    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert data["verdict"] == "permitted_with_conditions"  # what smguide said
    other = data["act_otherwise"]  # and what they decided
    assert other["recommended_verdict"] == "permitted_with_conditions"
    assert other["action"] == "no_contact"
    assert [r["id"] for r in other["reasons"]] == ["child_safety"]
    assert other["note"] is None
    assert "consult your supervisor" in other["statement"]
    assert "reflection" not in data


@posix_only
def test_ctrl_c_during_the_reflection_writes_nothing(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    child = spawn("decide", "--pack", MINI, "--record", record, "--reflect")
    try:
        menu(child, "What is your role?", ENTER)  # protection worker (no "Not sure")
        menu(child, "How do you want to reach them?", UP * 3 + ENTER)  # text, not "Not sure"
        menu(child, "Has your supervisor authorized this contact?", UP * 2 + ENTER)  # yes
        menu(child, "Are these answers right?", ENTER)
        menu(child, "What do the provisions tell you?", "\x03")
        child.expect_exact("smguide: interrupted; nothing was written")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []
