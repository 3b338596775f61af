"""The guided reflection on the web: the seven steps as one form, the note's guard, the
state only in the page, and the reflection in the downloaded records exactly as
``decide --reflection FILE --record`` writes it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from smguide import reflection as rf
from tests.fixtures import run
from tests.web.test_fidelity import _answers, _untimed
from tests.web.test_pages import PHONE_TEXT
from tests.web.webutil import form_fields, hidden, walk

CHOSEN = re.compile(r'<input type="(?:radio|checkbox)" name="(r\.[^"]+)" id="[^"]+" '
                    r'value="([^"]+)" checked')


def _form(client: Any, answers: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The reflection's form for these answers, and what it starts with."""
    form = {f"a.{q}": a for q, a in answers.items()}
    page = client.post("/reflect", data={**form, "go": "start"})
    assert page.status_code == 200
    return page.text, dict(CHOSEN.findall(page.text))


FILLED = {"r.purpose": "engagement", "r.tried.face_to_face": "yes", "r.tried.phone": "partly",
          "r.tried.agency_email": "no", "r.consulted.supervisor": "on",
          "r.note": "Talked it through at supervision; texts suit the youth better."}


def test_the_form_has_the_seven_steps_with_the_terminals_defaults(client: Any) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    for number in range(1, 8):
        assert f"Step {number} of 7 · " in page
    assert "<script" not in page and "style=" not in page
    # As the terminal's steps start: the suggested assessment and principles, the child
    # affected, the option asked about; no alternative or consultation is assumed.
    assert chosen["r.affected.child"] == "on" and chosen["r.chosen"] == "text"
    assert chosen["r.considered.text"] == "on" and "r.rules" in chosen
    assert chosen["r.principle.best_interests"] == "on"
    assert not any(k.startswith(("r.tried.", "r.consulted.", "r.purpose")) for k in chosen)
    assert page.count(str(rf.MAX_NOTE)) >= 2 and "Do not enter names" in page
    assert 'maxlength="500"' in page and 'autocomplete="off"' in page


def test_missing_choices_come_back_with_messages_and_what_was_chosen(client: Any) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    again = client.post("/reflect", data={**hidden(page, "/reflect"), **chosen,
                                          "r.purpose": "locate", "go": "done"})
    assert again.status_code == 200 and 'role="alert"' in again.text
    for field in ("tried.face_to_face", "consulted"):
        assert f'id="e-{field}"' in again.text
        assert f'<a href="#e-{field}">' in again.text  # linked from the alert at the top
    assert 'name="r.purpose" id="r-purpose-locate" value="locate" checked' in again.text
    assert "Your reflection" not in again.text


@pytest.mark.parametrize(("note", "what"), [
    ("Call her at 514 555 1234", "a phone, file or identity number"),
    ("write to jo@example.org", "an e-mail address"),
    ("x" * (rf.MAX_NOTE + 1), "at most 500 characters"),
])
def test_the_note_keeps_the_terminals_identifying_information_guard(
        client: Any, note: str, what: str) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    refused = client.post("/reflect", data={**hidden(page, "/reflect"), **chosen, **FILLED,
                                            "r.note": note, "go": "done"})
    assert refused.status_code == 200 and 'id="e-note"' in refused.text
    assert what in refused.text
    with pytest.raises(ValueError, match=re.escape(what)):
        rf.check_note(note)


def test_a_purpose_note_goes_only_with_something_else(client: Any) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    data = {**hidden(page, "/reflect"), **chosen, **FILLED, "r.purpose_note": "to reassure"}
    assert 'id="e-purpose_note"' in client.post("/reflect", data={**data, "go": "done"}).text
    done = client.post("/reflect", data={**data, "r.purpose": "other", "go": "done"}).text
    assert "Your reflection" in done and "“to reassure”" in done


@pytest.mark.parametrize(("extra", "field"), [
    ({"r.secret": "x"}, "r.secret"),
    ({"r.rules": "whatever"}, "r.rules"),
    ({"r.chosen": "pigeon"}, "r.chosen"),
    ({"r.order.privacy": "99", "r.principle.privacy": "on"}, "r.order.privacy"),
    ({"r.affected.child": "yes"}, "r.affected.child"),
    ({"r.considered.pigeon": "on"}, "r.considered.pigeon"),
])
def test_a_tampered_reflection_is_a_400_naming_the_field(client: Any, extra: dict[str, str],
                                                         field: str) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    data = {**hidden(page, "/reflect"), **chosen, **FILLED, **extra}
    for path, more in (("/reflect", {"go": "done"}), ("/record", {"format": "md"})):
        response = client.post(path, data={**data, **more})
        assert response.status_code == 400, (path, response.text[:300])
        assert f"<code>{field}</code>" in response.text and "Traceback" not in response.text


def test_the_order_of_the_principles_is_the_one_given(client: Any) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    data = {k: v for k, v in {**hidden(page, "/reflect"), **chosen, **FILLED}.items()
            if not k.startswith("r.principle.")}
    data.update({"r.principle.privacy": "on", "r.principle.best_interests": "on",
                 "r.order.privacy": "1", "r.order.best_interests": "2", "go": "done"})
    done = client.post("/reflect", data=data).text
    assert re.search(r"Principles, in order:</dt><dd>Privacy; The best interests", done)


def test_the_language_switch_keeps_the_reflection(client: Any) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    done = client.post("/reflect", data={**hidden(page, "/reflect"), **chosen, **FILLED,
                                         "go": "done"}).text
    fields = form_fields(done, "/reflect", "lang")
    french = client.post("/reflect", data={**fields, "lang": "fr"}).text
    assert '<html lang="fr">' in french and "Votre réflexion" in french
    assert "Talked it through at supervision" in french


SITUATIONS = ["foster-parent-texts-birth-father", "awol-status-unsure",
              "adoptive-parent-friends-child"]


@pytest.mark.parametrize("name", SITUATIONS)
def test_the_records_hold_the_reflection_as_decide_record_writes_it(
        client: Any, name: str, tmp_path: Path) -> None:
    from smguide.pack.bundled import scenarios_dir

    answers = _answers(next(scenarios_dir().glob(f"*/{name}.yaml")))
    page, chosen = _form(client, answers)
    posted = {**hidden(page, "/reflect"), **chosen, **FILLED, "go": "done"}
    done = client.post("/reflect", data=posted)
    assert done.status_code == 200 and "Your reflection" in done.text
    carried = hidden(done.text, "/record")
    assert carried["r.note"] == FILLED["r.note"]
    # The same reflection as a --reflection file.
    reflection: dict[str, Any] = {
        "rules": carried["r.rules"],
        "principles": [p.value for p in rf.PRINCIPLE_RANK
                       if carried.get(f"r.principle.{p.value}") == "on"],
        "purpose": carried["r.purpose"],
        "affected": [a.value for a in rf.Affected if carried.get(f"r.affected.{a.value}")],
        "options": {"considered": [k.removeprefix("r.considered.") for k in carried
                                   if k.startswith("r.considered.")],
                    "chosen": carried["r.chosen"]},
        "alternatives": {m.value: carried[f"r.tried.{m.value}"] for m in rf.Method},
        "consulted": [c.value for c in rf.Consulted if carried.get(f"r.consulted.{c.value}")],
        "note": carried["r.note"],
    }
    records_as_decide_writes(client, carried, answers, {"reflection": reflection},
                             "Talked it through at supervision", tmp_path)


def records_as_decide_writes(client: Any, carried: dict[str, str], answers: dict[str, str],
                             given: dict[str, Any], note: str, tmp_path: Path) -> str:
    """The web's three records for ``carried`` equal ``decide --reflection FILE`` with
    ``given`` as the file (Markdown and JSON records apart from the time, the printable
    page byte for byte; each holding ``note``). Returns the printable page."""
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(given), "utf-8")
    (tmp_path / "a.json").write_text(json.dumps(answers), encoding="utf-8")
    for ext, fmt in ((".md", "md"), (".json", "json")):
        result = run("decide", "--answers", tmp_path / "a.json", "--reflection",
                     tmp_path / "r.yaml", "--format", "json", "--record", tmp_path / f"rec{ext}")
        assert result.exit_code == 0, result.output
        web = client.post("/record", data={**carried, "format": fmt})
        assert web.status_code == 200
        expected = (tmp_path / f"rec{ext}").read_text(encoding="utf-8")
        assert note in expected
        assert _untimed(web.text) == _untimed(expected)
    html = run("decide", "--answers", tmp_path / "a.json", "--reflection", tmp_path / "r.yaml",
               "--format", "html").stdout
    assert client.post("/record", data={**carried, "format": "html"}).text == html
    assert note in html
    return str(html)


def test_without_a_reflection_the_records_are_as_before(client: Any) -> None:
    review, _asked = walk(client, PHONE_TEXT)
    plain = client.post("/record", data={**hidden(review, "/answer"), "format": "md"}).text
    assert "Your reflection" not in plain


def test_change_my_reflection_brings_the_form_back_as_it_was(client: Any) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    done = client.post("/reflect", data={**hidden(page, "/reflect"), **chosen, **FILLED,
                                         "go": "done"}).text
    fields = form_fields(done, "/reflect", "again")
    again = client.post("/reflect", data={**fields, "go": "change"}).text
    assert "<h1>Reflecting on this decision</h1>" in again
    assert FILLED["r.note"] in again
    assert 'id="r-tried.phone-partly" value="partly" checked' in again
    assert 'id="r-consulted-supervisor" value="on" checked' in again


def test_a_note_with_markup_travels_escaped_and_comes_back_as_typed(client: Any) -> None:
    page, chosen = _form(client, PHONE_TEXT)
    note = 'She said "fine" <b>& left</b>'
    done = client.post("/reflect", data={**hidden(page, "/reflect"), **chosen, **FILLED,
                                         "r.note": note, "go": "done"}).text
    assert "<b>&" not in done and "&lt;b&gt;&amp; left" in done
    carried = hidden(done, "/record")
    assert carried["r.note"] == note
    record = client.post("/record", data={**carried, "format": "json"}).json()
    assert record["reflection"]["note"] == note
