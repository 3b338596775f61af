""""Record that I will act otherwise" on the web: the terminal's questions as one form,
the note's guard, the state only in the page, and the records exactly as ``decide
--reflection FILE --record`` writes them, alone or with a reflection."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_fidelity import _answers
from tests.web.test_pages import PHONE_TEXT
from tests.web.test_reflection import CHOSEN, FILLED, records_as_decide_writes
from tests.web.test_reflection import _form as _reflection_form
from tests.web.webutil import form_fields, hidden

DECIDED = {"o.action": "other_channel", "o.channel": "phone_call", "o.reason.urgent": "on",
           "o.reason.supervisor_direction": "on", "o.note": "Supervisor agreed by phone."}


def _form(client: Any, answers: dict[str, str], **carried: str) -> str:
    form = {f"a.{q}": a for q, a in answers.items()}
    page = client.post("/otherwise", data={**form, **carried, "go": "start"})
    assert page.status_code == 200
    return str(page.text)


def _done(client: Any, answers: dict[str, str], decided: dict[str, str]) -> str:
    page = _form(client, answers)
    done = client.post("/otherwise", data={**hidden(page, "/otherwise"), **decided,
                                           "go": "done"})
    assert done.status_code == 200
    return str(done.text)


def test_the_answer_page_offers_it(client: Any) -> None:
    form = {f"a.{q}": a for q, a in PHONE_TEXT.items()}
    page = client.post("/answer", data=form).text
    offer = page.split('<details class="otherwise">', 1)[1].split("</details>")[0]
    assert "Record that I will act otherwise" in offer and 'action="/otherwise"' in offer


def test_the_form_asks_what_the_terminal_asks(client: Any) -> None:
    page = _form(client, PHONE_TEXT)
    assert "<h1>Acting otherwise than the recommendation</h1>" in page
    assert "smguide recommended:" in page and "<script" not in page
    for action in ("proceed", "other_channel", "no_contact", "other"):
        assert f'name="o.action" id="o-action-{action}" value="{action}"' in page
    # Another way than the one asked about: texting is not offered again.
    assert 'value="phone_call"' in page and 'name="o.channel" id="o-channel-text"' not in page
    for reason in ("child_safety", "urgent", "other"):
        assert f'name="o.reason.{reason}"' in page
    assert "Do not enter names" in page and 'maxlength="500"' in page
    assert not CHOSEN.findall(page)  # nothing is chosen for the practitioner


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_while_it_depends_the_form_and_the_record_say_so(client: Any, lang: str) -> None:
    """Texting with five answers is "DEPENDS": the form and the result say so before the
    strictest possible outcome, in the page's language."""
    depends, until = {"en": ("DEPENDS — do not go ahead until you find out",
                             "Until you know, the strictest possible outcome stands:"),
                      "fr": ("À VÉRIFIER — n&#39;agissez pas avant d&#39;avoir vérifié",
                             "D&#39;ici à ce que vous le sachiez")}[lang]
    page = _form(client, PHONE_TEXT, lang=lang)
    done = client.post("/otherwise", data={**hidden(page, "/otherwise"), **DECIDED,
                                           "go": "done"}).text
    for shown in (page, done):
        line = shown.split(depends, 1)
        assert len(line) == 2 and until in line[1].split("</p>")[0]


def test_without_a_channel_question_there_is_no_other_way_to_offer(client: Any) -> None:
    from smguide.pack.bundled import scenarios_dir

    answers = _answers(next(scenarios_dir().glob("*/adoptive-parent-friends-child.yaml")))
    page = _form(client, answers)
    assert 'value="other_channel"' not in page and 'name="o.channel"' not in page
    refused = client.post("/otherwise", data={**hidden(page, "/otherwise"), **DECIDED,
                                              "go": "done"})
    assert refused.status_code == 400 and "<code>o.action</code>" in refused.text


def test_missing_choices_come_back_with_messages_and_what_was_chosen(client: Any) -> None:
    page = _form(client, PHONE_TEXT)
    again = client.post("/otherwise", data={**hidden(page, "/otherwise"),
                                            "o.action": "other_channel", "go": "done"}).text
    assert 'role="alert"' in again and "You will act otherwise" not in again
    for field in ("channel", "reason"):
        assert f'id="e-{field}"' in again and f'<a href="#e-{field}">' in again
    assert 'id="o-action-other_channel" value="other_channel" checked' in again


def test_a_way_chosen_with_another_action_is_not_kept(client: Any) -> None:
    done = _done(client, PHONE_TEXT, {**DECIDED, "o.action": "no_contact"})
    record = client.post("/record", data={**hidden(done, "/record"), "format": "json"}).json()
    assert record["act_otherwise"]["action"] == "no_contact"
    assert record["act_otherwise"]["channel"] is None


@pytest.mark.parametrize(("note", "what"), [
    ("Call her at 514 555 1234", "a phone, file or identity number"),
    ("write to jo@example.org", "an e-mail address"),
])
def test_the_note_keeps_the_identifying_information_guard(client: Any, note: str,
                                                          what: str) -> None:
    page = _form(client, PHONE_TEXT)
    refused = client.post("/otherwise", data={**hidden(page, "/otherwise"), **DECIDED,
                                              "o.note": note, "go": "done"})
    assert refused.status_code == 200 and 'id="e-note"' in refused.text
    assert what in refused.text


@pytest.mark.parametrize(("extra", "field"), [
    ({"o.action": "vanish"}, "o.action"),
    ({"o.channel": "pigeon"}, "o.channel"),
    ({"o.reason.urgent": "yes"}, "o.reason.urgent"),
    ({"o.reason.whim": "on"}, "o.reason.whim"),
    ({"o.mood": "x"}, "o.mood"),
])
def test_a_tampered_form_is_a_400_naming_the_field(client: Any, extra: dict[str, str],
                                                   field: str) -> None:
    page = _form(client, PHONE_TEXT)
    data = {**hidden(page, "/otherwise"), **DECIDED, **extra}
    for path, more in (("/otherwise", {"go": "done"}), ("/record", {"format": "md"})):
        response = client.post(path, data={**data, **more})
        assert response.status_code == 400, (path, response.text[:300])
        assert f"<code>{field}</code>" in response.text and "Traceback" not in response.text


SITUATIONS = ["foster-parent-texts-birth-father", "awol-status-unsure"]


@pytest.mark.parametrize("name", SITUATIONS)
def test_the_records_hold_it_as_decide_record_writes_it(client: Any, name: str,
                                                        tmp_path: Path) -> None:
    from smguide.pack.bundled import scenarios_dir

    answers = _answers(next(scenarios_dir().glob(f"*/{name}.yaml")))
    decided = {**DECIDED, "o.action": "proceed"}
    del decided["o.channel"]
    done = _done(client, answers, decided)
    assert "<h1>You will act otherwise than the recommendation</h1>" in done
    carried = hidden(done, "/record")
    act = {"action": "proceed", "reasons": ["urgent", "supervisor_direction"],
           "note": DECIDED["o.note"]}
    html = records_as_decide_writes(client, carried, answers, {"act_otherwise": act},
                                    DECIDED["o.note"], tmp_path)
    assert 'id="act-otherwise"' in html and DECIDED["o.note"] in html  # the printable page too


def test_a_reflection_and_acting_otherwise_go_into_one_record(client: Any) -> None:
    page, chosen = _reflection_form(client, PHONE_TEXT)
    reflected = client.post("/reflect", data={**hidden(page, "/reflect"), **chosen, **FILLED,
                                              "go": "done"}).text
    fields = form_fields(reflected, "/otherwise", "again")
    assert fields["r.note"] == FILLED["r.note"]
    form = client.post("/otherwise", data={**fields, "go": "start"}).text
    assert hidden(form, "/otherwise")["r.note"] == FILLED["r.note"]
    done = client.post("/otherwise", data={**hidden(form, "/otherwise"), **DECIDED,
                                           "go": "done"}).text
    assert "Reflect on this decision" not in done.split("<main", 1)[1]  # already done
    record = client.post("/record", data={**hidden(done, "/record"), "format": "json"}).json()
    assert record["reflection"]["note"] == FILLED["r.note"]
    assert record["act_otherwise"]["channel"] == "phone_call"


def test_acting_otherwise_then_reflecting_keeps_both(client: Any) -> None:
    done = _done(client, PHONE_TEXT, DECIDED)
    fields = form_fields(done, "/reflect", "again")
    page = client.post("/reflect", data={**fields, "go": "start"}).text
    chosen = dict(CHOSEN.findall(page))
    reflected = client.post("/reflect", data={**hidden(page, "/reflect"), **chosen, **FILLED,
                                              "go": "done"}).text
    assert 'action="/otherwise" class="again"' not in reflected  # already recorded
    record = client.post("/record", data={**hidden(reflected, "/record"),
                                          "format": "json"}).json()
    assert record["reflection"]["note"] == FILLED["r.note"]
    assert record["act_otherwise"]["note"] == DECIDED["o.note"]


def test_the_language_switch_keeps_what_was_decided(client: Any) -> None:
    done = _done(client, PHONE_TEXT, DECIDED)
    fields = form_fields(done, "/otherwise", "lang")
    french = client.post("/otherwise", data={**fields, "lang": "fr"}).text
    assert '<html lang="fr">' in french
    assert re.search(r"«\s?Supervisor agreed by phone\.\s?»", french)  # French quotes
    assert "<h1>Vous agirez autrement que la recommandation</h1>" in french


def test_a_note_with_markup_travels_escaped(client: Any) -> None:
    note = 'She said "fine" <b>& left</b>'
    done = _done(client, PHONE_TEXT, {**DECIDED, "o.note": note})
    assert "<b>&" not in done and "&lt;b&gt;&amp; left" in done
    assert hidden(done, "/record")["o.note"] == note
