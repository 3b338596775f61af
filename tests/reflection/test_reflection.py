"""The reflection model (pure), its answers file, and how decide shows and records it;
also the ethical considerations and rule origins in every output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from smguide import reflection as rf
from smguide.engine.core import decide
from smguide.errors import InputError
from smguide.pack.loader import load_pack, load_packs
from smguide.pack.models import Pack, Principle, Verdict
from tests.fixtures import AUTHORIZED_TEXT, MINI, run, sets

SILENT = {"role": "other", "channel": "email"}  # mini: no rule gives a verdict

REFLECTION: dict[str, Any] = {
    "rules": "silent",
    "principles": ["best_interests", "privacy"],
    "purpose": "appointment_logistics",
    "affected": ["child", "parents"],
    "options": {"considered": ["text", "email"], "chosen": "email"},
    "alternatives": {"face_to_face": True, "phone": "partly", "agency_email": False},
    "consulted": ["supervisor"],
}


@pytest.fixture(scope="module")
def mini() -> Pack:
    return load_pack(MINI)


def report_pack(tmp: Path) -> Path:
    """A report layer over the mini pack: a rule without a verdict that adds a consideration."""
    folder = tmp / "report-x"
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(
        {"id": "report-x", "title": "Report X", "version": "1", "extends": [str(MINI)]}),
        encoding="utf-8")
    (folder / "content.yaml").write_text(yaml.safe_dump({
        "sources": [{"id": "rep", "title": "The Report", "issuer": "a unit", "date": "2022",
                     "kind": "report",
                     "sections": [{"id": "q3", "title": "Question 3 — guidelines"}]}],
        "rules": [{"id": "consider-intent", "title": "Intent first",
                   "when": {"channel": "text"},
                   "considerations": ["Be clear about why you are texting."],
                   "principles": ["intent", "best_interests"],
                   "cite": [{"source": "rep", "section": "q3", "quote": "intent is central"}]}],
    }, sort_keys=False), encoding="utf-8")
    return folder


def write(tmp: Path, data: Any, name: str = "reflection.yaml") -> Path:
    path = tmp / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --- the steps --------------------------------------------------------------------------


def test_silence_and_the_rules_screen(mini: Pack) -> None:
    silent = decide(mini, SILENT)
    assert rf.from_silence(silent) and silent.verdict is Verdict.consult_supervisor
    screen = rf.rules_screen(silent)
    assert screen.suggested is rf.RulesAssessment.silent and not screen.verdicts
    assert [a.rule.id for a in screen.applied] == ["no-identifying-details"]  # no verdict
    ok = decide(mini, AUTHORIZED_TEXT)
    assert not rf.from_silence(ok)
    assert rf.rules_screen(ok).suggested is rf.RulesAssessment.settled
    social = decide(mini, {"role": "protection_worker", "channel": "social",
                           "account": "professional", "authorized": "yes", "awol": "yes"})
    screen = rf.rules_screen(social)
    assert screen.defeats and screen.conflict
    assert screen.suggested is rf.RulesAssessment.conflict


def test_principles_are_preselected_and_ranked_child_first(mini: Pack) -> None:
    decision = decide(mini, AUTHORIZED_TEXT)
    suggested = rf.suggested_principles(decision)
    assert suggested[0] is Principle.best_interests  # always, and first
    assert Principle.confidentiality in suggested  # from the applied rules
    assert suggested == rf.rank(set(suggested))
    assert rf.PRINCIPLE_RANK[0] is Principle.best_interests
    assert sorted(rf.PRINCIPLE_RANK) == sorted(Principle)


def test_options_are_the_channels_with_their_verdicts_and_risks(mini: Pack) -> None:
    answers = dict(AUTHORIZED_TEXT)
    views = {v.id: v for v in rf.options(mini, answers, decide(mini, answers))}
    assert list(views) == ["text", "email", "social", rf.WAIT, rf.NO_CONTACT]
    assert views["text"].current and views["text"].verdict is Verdict.permitted_with_conditions
    assert "Messages can be forwarded; write nothing you would not say in person." in (
        views["text"].risks)
    assert views["social"].verdict is Verdict.prohibited  # the account is unknown: strictest
    assert views[rf.WAIT].verdict is None and not views[rf.WAIT].risks


def test_options_without_a_channel_question_go_as_planned(tmp_path: Path) -> None:
    from tests.enginepacks import write_pack

    body = {"questions": [{"id": "role", "text": "Role?", "options": [
        {"id": "a", "text": "A"}, {"id": "b", "text": "B"}]}],
        "rules": [{"id": "r", "title": "R", "when": {"role": "a"}, "verdict": "permitted"}]}
    pack = load_pack(write_pack(tmp_path / "p", body))
    views = rf.options(pack, {"role": "b"}, decide(pack, {"role": "b"}))
    assert [v.id for v in views] == [rf.AS_PLANNED, rf.WAIT, rf.NO_CONTACT]
    assert views[0].silent and views[0].verdict is Verdict.consult_supervisor


@pytest.mark.parametrize(("note", "problem"), [
    ("x" * 501, "at most 500 characters"),
    ("write to jo.doe@example.org", "an e-mail address"),
    ("see www.example.org/profile", "a web address"),
    ("her handle is @someone", "a social media handle"),
    ("call 514 555 0199", "a phone, file or identity number"),
    ("file 2023-004512", "a phone, file or identity number"),
])
def test_notes_refuse_what_identifies(note: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        rf.check_note(note)


def test_notes_are_cleaned() -> None:
    assert rf.check_note("  two\n lines\t here ") == "two lines here"
    assert rf.check_note("   ") is None
    assert rf.check_note("Visit on the 3rd at 10:30, before school.") is not None
    assert rf.check_note("x" * 500) == "x" * 500


def test_build_and_outcome_is_never_a_permission(mini: Pack) -> None:
    decision = decide(mini, SILENT)
    given = rf.ReflectionAnswers.model_validate(REFLECTION)
    refl = rf.build(mini, decision, SILENT, given)
    assert refl.trigger is rf.Trigger.silent
    assert [v.id for v in refl.considered] == ["text", "email"]
    assert refl.chosen.id == "email" and refl.chosen.current
    assert refl.alternatives == ((rf.Method.face_to_face, rf.Tried.yes),
                                 (rf.Method.phone, rf.Tried.partly),
                                 (rf.Method.agency_email, rf.Tried.no))
    assert "consult your supervisor" in refl.outcome
    assert "not a permission" in refl.outcome
    data = rf.data(mini, refl)
    assert data["consult_supervisor"] is True and data["trigger"] == "silent"
    assert data["options"]["chosen"]["id"] == "email"
    assert [p["id"] for p in data["principles"]] == ["best_interests", "privacy"]
    assert "Dolgoff" in data["model"]


def test_choosing_a_prohibited_option_says_it_is_acting_otherwise(mini: Pack) -> None:
    answers = {"role": "protection_worker", "channel": "social", "account": "personal"}
    decision = decide(mini, answers)
    given = rf.ReflectionAnswers.model_validate({**REFLECTION, "rules": "settled",
                                                 "options": {"chosen": "social"}})
    refl = rf.build(mini, decision, answers, given, rf.Trigger.requested)
    assert "PROHIBITED" in refl.outcome and "acting otherwise" in refl.outcome


def test_unknown_option_is_a_problem(mini: Pack) -> None:
    given = rf.ReflectionAnswers.model_validate({**REFLECTION, "options": {"chosen": "fax"}})
    with pytest.raises(rf.ReflectionProblem, match="'fax' is not one of: text, email"):
        rf.build(mini, decide(mini, SILENT), SILENT, given)


@pytest.mark.parametrize(("change", "message"), [
    ({"principles": []}, "at least 1 item"),
    ({"principles": ["best_interests", "best_interests"]}, "listed twice"),
    ({"consulted": ["none_yet", "colleague"]}, "'none_yet' cannot go with anyone"),
    ({"alternatives": {"phone": "yes"}}, "missing: face_to_face, agency_email"),
    ({"purpose_note": "why"}, "purpose_note goes only with purpose: other"),
    ({"purpose": "gossip"}, "purpose"),
])
def test_answers_are_checked(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rf.ReflectionAnswers.model_validate({**REFLECTION, **change})


def test_act_otherwise_keeps_both(mini: Pack) -> None:
    decision = decide(mini, AUTHORIZED_TEXT)
    act = rf.build_otherwise(mini, decision, rf.ActOtherwiseAnswers.model_validate(
        {"action": "other_channel", "channel": "email", "reasons": ["client_needs"],
         "note": "Prefers e-mail."}))
    data = rf.otherwise_data(act)
    assert data["recommended_verdict"] == "permitted_with_conditions"
    assert data["recommended_summary"].startswith("PERMITTED WITH CONDITIONS")
    assert data["recommended_pending"] is False
    assert data["action"] == "other_channel" and data["channel_text"] == "Email"
    assert "consult your supervisor" in data["statement"]
    with pytest.raises(ValueError, match="needs the channel"):
        rf.ActOtherwiseAnswers.model_validate({"action": "other_channel", "reasons": ["urgent"]})
    with pytest.raises(ValueError, match="at least 1 item"):
        rf.ActOtherwiseAnswers.model_validate({"action": "proceed", "reasons": []})


def test_act_otherwise_while_it_depends_says_so(mini: Pack) -> None:
    """While the answer is "DEPENDS", the record does not say smguide recommended its
    strictest possible outcome alone: that was not the answer the worker was given."""
    decision = decide(mini, {**AUTHORIZED_TEXT, "authorized": "unsure"})
    act = rf.build_otherwise(mini, decision, rf.ActOtherwiseAnswers.model_validate(
        {"action": "no_contact", "reasons": ["urgent"]}))
    data = rf.otherwise_data(act)
    assert data["recommended_verdict"] == "needs_authorization"
    assert data["recommended_pending"] is True
    assert data["recommended_summary"] == (
        "DEPENDS — do not go ahead until you find out what you answered “not sure”. Until "
        "you know, the strictest possible outcome stands: NEEDS AUTHORIZATION — get your "
        "supervisor's authorization before you go ahead.")
    assert data["statement"].startswith("smguide recommended: " + data["recommended_summary"])
    assert rf.recommendation_of(decision) == data["recommended_summary"]


# --- the answers file ------------------------------------------------------------------


def test_file_errors_have_a_location(tmp_path: Path, mini: Pack) -> None:
    path = write(tmp_path, {"reflection": {**REFLECTION, "colour": "blue"}})
    with pytest.raises(InputError, match=r"reflection\.yaml:\d+:3: unknown key 'colour'"):
        rf.load_file(path)
    path.write_text("reflection:\n  rules: silent\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"reflection\.yaml:2:3: missing key 'principles'"):
        rf.load_file(path)
    path.write_text("{}\n", encoding="utf-8")
    with pytest.raises(InputError, match="'reflection:', 'act_otherwise:' or both"):
        rf.load_file(path)
    bad = {**REFLECTION, "options": {"chosen": "fax"}}
    source = rf.load_file(write(tmp_path, {"reflection": bad}))
    with pytest.raises(InputError, match=r"reflection\.yaml:\d+:\d+: option 'fax'"):
        rf.from_file(source, mini, decide(mini, SILENT), SILENT)


# --- decide with a reflection ----------------------------------------------------------


def test_reflect_without_a_terminal_needs_a_file() -> None:
    result = run("decide", "--pack", MINI, *sets(SILENT), "--reflect")
    assert result.exit_code == 2
    assert "--reflect walks you through the reflection in a terminal" in result.stderr
    assert "--reflection FILE" in result.stderr
    assert result.stdout == ""


def test_reflection_file_goes_into_the_record_and_outputs(tmp_path: Path) -> None:
    path = write(tmp_path, {"reflection": {**REFLECTION, "note": "Parent asked for e-mail."},
                            "act_otherwise": {"action": "no_contact",
                                              "reasons": ["child_safety"]}})
    record = tmp_path / "record.json"
    result = run("decide", "--pack", MINI, *sets(SILENT), "--reflect", "--reflection", path,
                 "--record", record)
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Your reflection" in flat and "Reflecting because the policy is silent" in flat
    assert "Chosen: Email." in flat and "“Parent asked for e-mail.”" in flat
    assert "consult your supervisor before you act" in flat
    assert "You will act otherwise than the recommendation" in flat
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["verdict"] == "consult_supervisor" and data["silent"] is True
    assert data["reflection"]["rules"]["assessment"] == "silent"
    assert data["reflection"]["note"] == "Parent asked for e-mail."
    assert data["reflection"]["note_warning"] == rf.NOTE_WARNING
    assert data["act_otherwise"]["action"] == "no_contact"
    assert data["act_otherwise"]["recommended_verdict"] == "consult_supervisor"
    assert str(tmp_path) not in record.read_text(encoding="utf-8")

    result = run("decide", "--pack", MINI, *sets(SILENT), "--reflection", path, "-f", "json")
    stdout = json.loads(result.stdout)
    assert stdout["reflection"]["options"]["chosen"]["id"] == "email"
    assert stdout["act_otherwise"]["reasons"] == [
        {"id": "child_safety", "text": rf.REASON_LABELS[rf.Reason.child_safety]}]

    result = run("decide", "--pack", MINI, *sets(SILENT), "--reflection", path, "-f", "markdown")
    assert "### Your reflection" in result.stdout and "#### Outcome" in result.stdout
    assert "### You will act otherwise than the recommendation" in result.stdout

    page = run("decide", "--pack", MINI, *sets(SILENT), "--reflection", path, "-f", "html")
    for shown in ("<h2>Your reflection</h2>", "Reflecting because the policy is silent",
                  "<dt>Chosen:</dt><dd>Email (consult supervisor)</dd>", "<h3>Outcome</h3>",
                  "“Parent asked for e-mail.”",
                  "<h2>You will act otherwise than the recommendation</h2>"):
        assert shown in page.stdout


def test_the_printable_record_says_the_reflection_in_french(tmp_path: Path) -> None:
    """The printable record's reflection and notes in the record's language, the notes
    between its quotation marks."""
    path = write(tmp_path, {"reflection": {**REFLECTION, "note": "Vu en supervision.",
                                           "options": {"considered": ["text", "agency_email"],
                                                       "chosen": "agency_email"}},
                            "act_otherwise": {"action": "no_contact", "reasons": ["urgent"],
                                              "note": "Appel plutôt."}})
    answers = {"role": "protection_worker", "activity": "message",
               "counterpart": "child_youth", "channel": "text", "phone": "agency_phone"}
    page = run("decide", *sets(answers), "--lang", "fr", "--reflection", path, "-f", "html")
    assert page.exit_code == 0, page.stderr
    for shown in ("<h2>Votre réflexion</h2>", "<h3>Résultat</h3>",
                  "«\u00a0Vu en supervision.\u00a0»", "«\u00a0Appel plutôt.\u00a0»"):
        assert shown in page.stdout, shown
    assert "“" not in page.stdout


def test_without_reflection_the_json_has_no_reflection_keys() -> None:
    data = json.loads(run("decide", "--pack", MINI, *sets(SILENT), "-f", "json").stdout)
    assert "reflection" not in data and "act_otherwise" not in data


def test_reflect_with_a_file_lacking_the_reflection(tmp_path: Path) -> None:
    path = write(tmp_path, {"act_otherwise": {"action": "proceed", "reasons": ["urgent"]}})
    result = run("decide", "--pack", MINI, *sets(SILENT), "--reflect", "--reflection", path)
    assert result.exit_code == 2 and "needs a 'reflection:' section" in result.stderr
    result = run("decide", "--pack", MINI, *sets(SILENT), "--reflection", path)
    assert result.exit_code == 0 and "You decided: Go ahead as I planned" in " ".join(
        result.stdout.split())


def test_bad_reflection_file_is_checked_before_anything(tmp_path: Path) -> None:
    path = write(tmp_path, {"reflection": {**REFLECTION, "note": "mail me at a@b.org"}})
    record = tmp_path / "record.json"
    result = run("decide", "--pack", MINI, *sets(SILENT), "--reflection", path, "-r", record)
    assert result.exit_code == 2
    assert "seems to contain an e-mail address" in result.stderr
    assert not record.exists()


# --- considerations and origins in every output -----------------------------------------


def test_considerations_and_origins_in_text_json_markdown(tmp_path: Path) -> None:
    folder = report_pack(tmp_path)
    pack = load_packs([folder])
    assert pack.layers == ["mini", "report-x"]
    text = run("decide", "--pack", folder, *sets(AUTHORIZED_TEXT), "--details").stdout
    flat = " ".join(text.split())
    heads = [line for line in text.splitlines() if not line.startswith(" ")]
    assert heads.index("Ethical considerations") < heads.index("Why: every rule that applies")
    assert heads.index("Obligations") < heads.index("Ethical considerations")
    assert ("• Be clear about why you are texting. Principles: intent, best interests "
            "[report-x] consider-intent — The Report §q3") in flat
    assert "[mini] authorized-contact" in flat  # the origin of each rule in "Why"

    data = json.loads(run("decide", "--pack", folder, *sets(AUTHORIZED_TEXT), "-f",
                          "json").stdout)
    consideration = data["considerations"][0]
    assert consideration["text"] == "Be clear about why you are texting."
    assert consideration["principles"] == ["intent", "best_interests"]
    assert consideration["rules"] == ["consider-intent"]
    assert consideration["citations"] == [{
        "rule": "consider-intent", "origin": "report-x", "source": "rep", "section": "q3",
        "reference": "The Report, §q3 (Question 3 — guidelines)",
        "quote": "intent is central"}]
    origins = {r["id"]: r["origin"] for r in data["rules"]}
    assert origins["consider-intent"] == "report-x" and origins["authorized-contact"] == "mini"

    md = run("decide", "--pack", folder, *sets(AUTHORIZED_TEXT), "-f", "markdown").stdout
    assert "### Ethical considerations" in md
    assert "- Be clear about why you are texting.\n  *Principles: intent, best interests*" in md
    assert "  - \\[report-x\\] consider-intent — The Report §q3" in md
    assert "(\\[mini\\] `authorized-contact`)" in md
    assert md.index("### Obligations") < md.index("### Ethical considerations") < (
        md.index("### Why"))


def test_rules_and_explain_say_where_each_rule_comes_from(tmp_path: Path) -> None:
    folder = report_pack(tmp_path)
    out = run("rules", "--pack", folder).stdout
    assert "report-x" in out and "mini" in out
    row = next(line for line in out.splitlines() if line.startswith("consider-intent"))
    assert "report-x" in row
    out = run("explain", "authorized-contact", "--pack", folder).stdout
    assert "From pack:" in out and "mini" in out
    data = json.loads(run("explain", "consider-intent", "--pack", folder, "-f", "json").stdout)
    assert data["rule"]["origin"] == "report-x"


def test_a_single_pack_keeps_plain_rule_ids() -> None:
    out = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--details").stdout
    assert "[authorized-contact]" in out and "[mini]" not in out
