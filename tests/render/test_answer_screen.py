"""The practitioner's answer: one screen, the full rationale a flag away, records for a case
file, short source labels (issue 9)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import smguide
from smguide.engine.core import decide
from smguide.pack.models import Pack, Verdict
from smguide.render import answer
from smguide.report.model import build
from smguide.training.files import load_checked
from tests.fixtures import run, sets

SCENARIOS = load_checked(None)
ETMI_TITLE = ("The use of social media and electronic communication in the delivery of youth "
              "protection services to young people in difficulty and their families – "
              "Executive summary of the abridged ETMI report")


def scenario(sid: str) -> tuple[dict[str, str], Pack]:
    sf, pack = next(x for x in SCENARIOS if x[0].id == sid)
    return dict(sf.scenario.answers), pack


def summary_text(pack: Pack, answers: dict[str, str]) -> str:
    buf = io.StringIO()
    answer.summary(build(pack, decide(pack, answers), answers), buf)
    return buf.getvalue()


@pytest.mark.parametrize(("sf", "pack"), SCENARIOS, ids=[sf.id for sf, _ in SCENARIOS])
def test_every_scenario_fits_one_screen(sf: object, pack: Pack,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    answers = dict(sf.scenario.answers)  # type: ignore[attr-defined]
    out = summary_text(pack, answers)
    lines = out.splitlines()
    assert len(lines) <= answer.SCREEN_LINES, out
    assert all(len(line) <= 100 and line == line.rstrip() for line in lines)
    # The provisions it rests on are named, with a quote marked as such.
    decision = decide(pack, answers)
    flat = " ".join(out.split())
    if decision.deciding:
        assert "based on" in flat.lower() and "— quoted" in flat
    assert answer.DETAILS_HINT in out


def test_the_headline_names_the_next_step() -> None:
    answers, pack = scenario("initial-contact-alternatives-first")
    first = summary_text(pack, answers).splitlines()[0]
    # An initial contact through social media: the other channels come first.
    assert first.startswith("NOT YET — first try a visit, a phone call and the Society's e-mail,")
    answers, pack = scenario("awol-personal-account")
    out = summary_text(pack, answers)
    assert out.startswith("PROHIBITED — do not do this; use the phone, a face-to-face meeting")
    # A prohibited contact gets no "before you go ahead" steps, nor standing reminders.
    assert "Before you go ahead" not in out and "Print the exchange" not in out
    assert "As always" not in out


def test_standing_reminders_fold_into_one_line() -> None:
    answers, pack = scenario("personal-phone-reminder")
    out = summary_text(pack, answers)
    flat = " ".join(out.split())
    assert "As always: keep a professional, respectful, accurate tone;" in flat
    # Their texts are not in the checklist; the situation's obligations are.
    assert "Write in a professional, respectful" not in out
    assert "☐ Record the date, the time, the method of contact" in flat
    details = run("decide", "--answers", _answers_file(answers), "--details").stdout
    assert "☐ Write in a professional, respectful, constructive and concise way." in details


def test_a_silent_verdict_shows_its_reason_and_cites_the_silence() -> None:
    answers, pack = scenario("partner-agency-worker-silent")
    out = summary_text(pack, answers)
    assert out.startswith("CONSULT YOUR SUPERVISOR — the policy does not cover this case")
    flat = " ".join(out.split())
    assert "It does not say what people in other roles may do." in flat
    assert "— CAS policy 2011 §application" in flat


def _answers_file(answers: dict[str, str]) -> Path:
    import tempfile

    import yaml

    folder = Path(tempfile.mkdtemp(prefix="smguide-answers-"))
    path = folder / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return path


def test_the_full_rationale_is_one_flag_away() -> None:
    answers, pack = scenario("awol-youth-direct-message")
    decision = decide(pack, answers)
    short = run("decide", "--answers", _answers_file(answers)).stdout
    full = run("decide", "--answers", _answers_file(answers), "--why").stdout
    assert full.startswith(short.splitlines()[0])
    flat = " ".join(full.split())
    for applied in decision.applied:  # every rule, with its pack and id
        assert f"[{applied.rule.origin}] {applied.rule.id}" in flat
    for heading in ("Why: every rule that applies", "Exceptions applied", "Cautions",
                    "Ethical considerations", "Your answers", "Sources"):
        assert heading in full.splitlines(), heading
    assert "Exceptions applied" not in short and "Your answers" not in short


def test_short_source_labels_and_the_full_title_once() -> None:
    answers, _pack = scenario("personal-phone-reminder")
    full = " ".join(run("decide", "--answers", _answers_file(answers), "--details")
                    .stdout.split())
    assert "CAS policy 2011 §policy.personal-mobile" in full
    assert "ETMI report 2022 §q2.risks" in full
    assert full.count(ETMI_TITLE) == 1
    assert f"ETMI report 2022: {ETMI_TITLE}" in full


def test_json_keeps_everything_and_says_what_it_depends_on() -> None:
    import json

    answers, _pack = scenario("authorization-documented-unsure")
    data = json.loads(run("decide", "--answers", _answers_file(answers), "-f", "json").stdout)
    # Recording the authorization is the supervisor's part of it (issue 10).
    assert data["verdict"] == "needs_authorization" and data["settled"] is False
    assert data["headline"].startswith("DEPENDS — do not go ahead until you know: Is the "
                                       "authorization recorded")
    assert [o["verdict"] for o in data["depends"][0]["outcomes"]] == [
        "permitted_with_conditions", "needs_authorization"]
    assert {s["short_title"] for s in data["sources"]} >= {"CAS policy 2011"}
    assert data["rules"] and data["considerations"] and data["answers"]


# --- records ---------------------------------------------------------------------------


def test_markdown_record_for_a_case_file(tmp_path: Path) -> None:
    answers, pack = scenario("personal-phone-reminder")
    target = tmp_path / "case-note.md"
    result = run("decide", "--answers", _answers_file(answers), "--record", target)
    assert result.exit_code == 0, result.stderr
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# Decision record (smguide)")
    assert re.search(r"- \*\*Recorded:\*\* \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", md)
    assert f"- **Tool:** smguide {smguide.__version__}" in md
    assert "- **Rule packs:** cas-2011 + etmi-2022 — " in md
    assert f"version {pack.manifest.version}" in md and pack.content_hash in md
    assert "- **Verdict:** DISCOURAGED — " in md
    assert "### Answers" in md and "- In what role are you acting? — Protection service " \
        "worker" in md
    assert "- [ ] Record the date, the time, the method of contact" in md
    assert "CAS policy 2011 §policy.personal-mobile" in md
    assert "> “Use of a personal mobile telephone to send text messages" in md
    assert md.count(ETMI_TITLE) == 1  # the full title once, in the sources


@pytest.mark.parametrize("name", ["record.txt", "record", "record.MDX"])
def test_record_with_an_unknown_extension_is_refused(tmp_path: Path, name: str) -> None:
    from tests.fixtures import AUTHORIZED_TEXT, MINI

    target = tmp_path / name
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--record", target)
    assert result.exit_code == 2
    assert "give the file one of the extensions .json, .md, .yaml, .yml" in result.stderr
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_the_record_extension_picks_the_format(tmp_path: Path) -> None:
    import json

    import yaml

    from tests.fixtures import AUTHORIZED_TEXT, MINI

    for name, check in (("r.json", json.loads), ("r.yaml", yaml.safe_load)):
        target = tmp_path / name
        assert run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "-r", target).exit_code == 0
        assert check(target.read_text(encoding="utf-8"))["verdict"] == "permitted_with_conditions"
    target = tmp_path / "r.MD"
    assert run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "-r", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Decision record (smguide)")


def test_report_is_the_one_model_every_output_reads() -> None:
    """The JSON, the record and the renderers agree because they read one report."""
    from smguide.render.json import decision_data
    from smguide.render.record import record_data

    answers, pack = scenario("kin-inquiry-too-much")
    report = build(pack, decide(pack, answers), answers)
    data = decision_data(report)
    record = record_data(report, recorded_at="2026-01-01T00:00:00Z")
    record.pop("recorded_at")
    assert record == data
    assert data["verdict"] == Verdict.prohibited.value and report.settled
    screen = summary_text(pack, answers)
    assert " ".join(screen.split("\n\n")[0].split()) == data["headline"]


def test_when_even_the_strictest_outcome_lets_you_go_ahead_it_is_the_answer() -> None:
    """Not settled, but the strictest outcome (discouraged) lets the worker go ahead: that
    verdict and its checklist are the answer, with what could make it less strict."""
    from tests.fixtures import MINI

    out = run("decide", "--pack", MINI, "-s", "channel=social", "-s", "account=professional",
              "-s", "authorized=yes").stdout
    flat = " ".join(out.split())
    assert out.startswith("DISCOURAGED — ") and "DEPENDS" not in out
    assert ("It may turn out less strict once you know: Is the youth AWOL (absent without "
            "leave)? — if Yes: permitted with conditions, if No: discouraged") in flat
    assert "If you go ahead ☐ Record the contact in the case file." in flat


def test_the_step_comes_from_instead_then_an_options_step(tmp_path: Path) -> None:
    """A rule's ``instead`` names what to do instead; an option's ``step`` names the step a
    why-not change asks for; without either, the deciding rule's first obligation."""
    import shutil

    import yaml

    from tests.fixtures import MINI

    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    rules_file = folder / "rules.yaml"
    rules = yaml.safe_load(rules_file.read_text(encoding="utf-8"))
    for rule in rules["rules"]:
        if rule["id"] == "personal-account-prohibited":
            rule["instead"] = "Use the phone or the agency's e-mail instead."
    rules_file.write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")
    questions_file = folder / "questions.yaml"
    questions = yaml.safe_load(questions_file.read_text(encoding="utf-8"))
    for question in questions["questions"]:
        if question["id"] == "authorized":
            question["type"] = "choice"
            question["options"] = [
                {"id": "yes", "text": "Yes",
                 "step": "Get your supervisor's authorization, noted in the case file."},
                {"id": "no", "text": "No"}]
    questions_file.write_text(yaml.safe_dump(questions, sort_keys=False), encoding="utf-8")

    def flat(*args: str | Path) -> str:
        return " ".join(run("decide", *args).stdout.split())

    prohibited = flat("--pack", folder, "-s", "role=children_worker", "-s", "channel=social",
                      "-s", "account=personal")
    assert prohibited.startswith("PROHIBITED — do not do this; use the phone or the agency's "
                                 "e-mail instead.")
    needs = flat("--pack", folder, "-s", "role=children_worker", "-s", "channel=text",
                 "-s", "authorized=no")
    assert needs.startswith("NEEDS AUTHORIZATION — get your supervisor's authorization, noted "
                            "in the case file.")
    plain = flat("--pack", MINI, "-s", "role=children_worker", "-s", "channel=text",
                 "-s", "authorized=no")
    assert plain.startswith("NEEDS AUTHORIZATION — get your supervisor's authorization and "
                            "note it in the case file.")


def test_the_certain_reason_comes_before_what_may_apply() -> None:
    """A personal account settles it (prohibited) before the content question is asked:
    the headline and the first provision are the personal-account rule, not a rule that
    only may apply (the content limits are still unknown)."""
    _, pack = scenario("personal-account-message-parent")
    answers = {"role": "protection_worker", "activity": "message",
               "counterpart": "child_youth", "channel": "social_network",
               "account": "personal"}
    report = build(pack, decide(pack, answers), answers)
    assert report.deciding[0].rule.id == "personal-account-prohibited"
    # Only the certain reason (issue 19): a rule that may apply only through a question
    # never asked (the content) is no reason, and brings no step.
    assert [p.rule.id for p in report.deciding] == ["personal-account-prohibited"]
    assert report.next_step == str(report.deciding[0].rule.instead)
    assert all(step.certain for step in report.steps)


def test_a_record_never_says_a_question_was_answered_when_it_was_not_asked() -> None:
    """The interview stops after a certain prohibition: the questions after it count as
    "not sure" for the decision, and the record says they were not asked."""
    _, pack = scenario("personal-account-message-parent")
    answers = {"role": "protection_worker", "activity": "message",
               "counterpart": "child_youth", "channel": "social_network",
               "account": "personal", "awol": "unsure"}
    rows = {r.question: r for r in build(pack, decide(pack, answers), answers).answers}
    assert rows["awol"].asked and rows["awol"].answer_text == "Not sure"
    assert not rows["purpose"].asked and rows["purpose"].answer == "unsure"
    assert rows["purpose"].answer_text == "Not asked (counts as not sure)"
    assert all(r.asked for q, r in rows.items() if q in answers)
