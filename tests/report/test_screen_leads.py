"""The one screen leads with what is decided and what blocks, and cites only what concerns
this person (issue 19, items 2, 3 and 5)."""

from __future__ import annotations

import html
import io
import re

import pytest

from smguide.engine.core import decide, next_question
from smguide.pack.models import UNSURE, Pack, Verdict
from smguide.render import answer, markdown
from smguide.render.html import decision_page
from smguide.render.json import decision_data
from smguide.report.audience import audience
from smguide.report.model import Report, build
from smguide.report.wording import headline, verdict_line
from smguide.training.files import load_checked

SCENARIOS = load_checked(None)
PACK = SCENARIOS[0][1]


def interviewed(pack: Pack, canned: dict[str, str]) -> dict[str, str]:
    """The answers the interview collects: canned where given, else "not sure"."""
    answers: dict[str, str] = {}
    while (question := next_question(pack, answers)) is not None:
        answers[question.id] = canned.get(question.id, UNSURE)
    return answers


def report_of(answers: dict[str, str]) -> Report:
    return build(PACK, decide(PACK, answers), answers)


def screen(report: Report, monkeypatch: pytest.MonkeyPatch, columns: int = 100) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    buf = io.StringIO()
    answer.summary(report, buf)
    return buf.getvalue()


def flat(value: str) -> str:
    return " ".join(value.split())


PERSONAL_PHONE_UNSURE = {
    "role": "protection_worker", "activity": "message", "counterpart": "child_youth",
    "channel": "text", "phone": "personal_phone", "awol": "no", "purpose": "ongoing",
    "supervisor_authorized": "unsure", "service_plan": "yes", "consent": "yes",
    "response_patterns": "no", "timing": "business_hours", "primary": "no",
    "identifying_info": "no", "content_limits": "none_of_these", "concern_found": "no"}


def test_a_not_sure_authorization_and_a_personal_phone_are_on_the_one_screen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    answers = interviewed(PACK, PERSONAL_PHONE_UNSURE)
    out = screen(report_of(answers), monkeypatch)
    text = flat(out)
    assert text.startswith("NOT YET")
    assert "You answered “not sure”" in text
    assert "Ask your supervisor whether this use is authorized." in text
    assert "personal mobile phone is discouraged" in text
    # The authorization is a step before going ahead, never one for afterwards.
    first, _, later = out.partition("Then, when you go ahead")
    assert "Ask your supervisor to authorize this use before you go ahead" in flat(first)
    assert "authorize" not in later
    for columns in (60, 100, 160):
        assert len(screen(report_of(answers), monkeypatch, columns).splitlines()) <= 30 or \
            columns == 60


@pytest.mark.parametrize("found", ["yes", "unsure"])
def test_a_possible_mandatory_report_is_the_headline(found: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    canned = {"role": "protection_worker", "activity": "search",
              "search_purpose": "investigation", "concern_found": found,
              "account": "logged_out", "supervisor_authorized": "yes",
              "authorization_documented": "yes", "timing": "business_hours",
              "investigation_plan": "yes", "other_means_failed": "yes"}
    report = report_of(interviewed(PACK, canned))
    first = flat(screen(report, monkeypatch).split("\n\n")[0])
    assert first.startswith("FIRST — make a report" if found == "yes"
                            else "FIRST, IF IT APPLIES — make a report")
    assert "Then: " in first


def test_a_foster_parent_is_cited_only_what_they_were_asked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    answers = interviewed(PACK, {"role": "foster_parent", "activity": "post",
                                 "post_content": "identifying_client_info"})
    assert set(answers) == {"role", "activity", "post_content"}
    text = flat(screen(report_of(answers), monkeypatch))
    for absent in ("false name", "defamatory", "professional account", "Take the wording out"):
        assert absent not in text, absent
    assert "Never post anything that identifies a client" in text


def _variants() -> list[tuple[str, dict[str, str]]]:
    out = []
    for sf, _pack in SCENARIOS:
        answers = dict(sf.scenario.answers)
        out.append((sf.id, answers))
        half = dict(list(answers.items())[: len(answers) // 2])
        out.append((f"{sf.id}/half", half))
    return out


@pytest.mark.parametrize(("sid", "answers"), _variants(), ids=[v[0] for v in _variants()])
def test_one_headline_in_text_html_and_markdown(sid: str, answers: dict[str, str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    report = report_of(answers)
    expected = headline(report)
    assert flat(screen(report, monkeypatch, 160)).startswith(flat(expected))
    md = markdown.decision(report)
    assert flat(expected) in flat(md.replace("\\", ""))
    page = decision_page(decision_data(report))
    strong = re.search(r"<strong>(.*?)</strong>", page, re.S)
    assert strong is not None and flat(html.unescape(strong.group(1))) == flat(expected)


def test_a_supervisor_is_told_a_personal_account_request_cannot_be_authorized(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The review walks through the worker's request (issue 19 item 4): its channel and
    account are asked, and a use the policy prohibits cannot be authorized."""
    canned = {"role": "supervisor", "review_request": "yes", "activity": "message",
              "counterpart": "family", "channel": "social_network", "account": "personal",
              "concern_found": "no"}
    answers = interviewed(PACK, canned)
    assert {"activity", "channel", "account"} <= set(answers)
    assert "supervisor_authorized" not in answers  # the reviewer is the one who authorizes
    first = flat(screen(report_of(answers), monkeypatch).split("\n\n")[0])
    assert first.startswith("PROHIBITED — this cannot be authorized under the policy, whatever "
                            "the authorization says;")
    # An authorizable request: the conditions to authorize it under.
    canned.update({"channel": "text", "phone": "agency_phone", "purpose": "ongoing",
                   "service_plan": "yes", "consent": "yes", "response_patterns": "yes",
                   "timing": "business_hours", "primary": "no", "identifying_info": "no",
                   "content_limits": "none_of_these"})
    del canned["account"]
    out = flat(screen(report_of(interviewed(PACK, canned)), monkeypatch))
    assert out.startswith("PERMITTED WITH CONDITIONS — you may authorize it if the obligations "
                          "below are met.")
    assert "Discuss with the worker what appropriate use looks like in this case." in out


@pytest.mark.parametrize(("role", "label", "whom"), [
    ("foster_parent", "CONSULT YOUR RESOURCE WORKER", "your resource worker or the child's "
                                                      "worker"),
    ("volunteer", "CONSULT YOUR SUPERVISOR", "the Society staff member who supervises you"),
    ("supervisor", "CONSULT YOUR MANAGER", "your own manager"),
    ("protection_worker", "CONSULT YOUR SUPERVISOR", "your supervisor")])
def test_the_next_step_names_whom_this_person_turns_to(role: str, label: str,
                                                       whom: str) -> None:
    """Issue 19 item 3: a foster parent has a resource worker, not a supervisor; a volunteer
    the Society staff member who supervises them; a supervisor their own manager."""
    line = verdict_line(Verdict.consult_supervisor, False, audience({"role": role}))
    assert line.startswith(f"{label} — ") and whom in line
    silent = verdict_line(Verdict.consult_supervisor, True, audience({"role": role}))
    assert whom in silent and "does not cover" in silent


def test_a_foster_parent_is_sent_to_the_resource_worker_everywhere(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same words in the screen, the Markdown record and the JSON summary."""
    sf = next(sf for sf, _ in SCENARIOS if sf.id == "foster-parent-teacher-friend-request")
    report = report_of(dict(sf.scenario.answers))
    line = headline(report)
    assert line.startswith("CONSULT YOUR RESOURCE WORKER — ") and "supervisor" not in line
    assert flat(screen(report, monkeypatch, 160)).startswith(flat(line))
    assert flat(line) in flat(markdown.decision(report).replace("\\", ""))
    data = decision_data(report)
    assert data["summary"] == line and data["verdict_label"] == "CONSULT YOUR RESOURCE WORKER"
