"""The API: questions, decide (the CLI's JSON plus a card), records, OpenAPI, and one
clear 4xx naming the field for every bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.web.test_pages import PHONE_TEXT


def test_questions_are_the_clis(client: Any) -> None:
    from tests.fixtures import run

    response = client.get("/api/v1/questions")
    assert response.status_code == 200
    assert response.json() == json.loads(run("questions", "--format", "json").stdout)


def test_decide_returns_the_decision_and_a_card(client: Any) -> None:
    response = client.post("/api/v1/decide", json={"answers": PHONE_TEXT})
    assert response.status_code == 200
    data = response.json()
    assert data["schema"] == "smguide.decision/1"
    card = data["card"]
    assert len(card["summary"]) <= 140 and card["summary"]
    assert card["indicator"] in ("info", "warning", "critical")
    assert card["source_labels"]
    assert {link["rel"] for link in card["links"]} >= {"record-md", "record-html", "record-json"}


def test_booleans_stand_for_yes_and_no_as_in_an_answers_file(client: Any) -> None:
    with_bool = client.post("/api/v1/decide", json={"answers": {**PHONE_TEXT, "awol": True}})
    with_word = client.post("/api/v1/decide", json={"answers": {**PHONE_TEXT, "awol": "yes"}})
    assert with_bool.status_code == 200 and with_bool.json() == with_word.json()


def test_french_by_field_and_by_header(client: Any) -> None:
    by_field = client.post("/api/v1/decide", json={"answers": PHONE_TEXT, "lang": "fr"}).json()
    by_header = client.post("/api/v1/decide", json={"answers": PHONE_TEXT},
                            headers={"accept-language": "fr-CA"}).json()
    assert by_field["language"] == "fr" and by_field == by_header


@pytest.mark.parametrize(("body", "status", "field", "words"), [
    ({"answers": {"chanel": "text"}}, 422, "answers.chanel", "did you mean 'channel'"),
    ({"answers": {"channel": "sms"}}, 422, "answers.channel", "has no answer 'sms'"),
    ({"answers": {"channel": 3}}, 422, "answers.channel", "a number"),
    ({"answers": {"channel": ["text"]}}, 422, "answers.channel", "an array"),
    ({"answers": {"channel": None}}, 422, "answers.channel", "null"),
    ({"answers": ["channel"]}, 422, "answers", "expected an object"),
    ({"answer": {}}, 422, "answer", "unknown field"),
    ({"answers": {}, "lang": "de"}, 422, "lang", "en, fr"),
    (["role"], 400, "body", "JSON object"),
])
def test_bad_answers_name_the_field(client: Any, body: Any, status: int, field: str,
                                    words: str) -> None:
    response = client.post("/api/v1/decide", json=body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["field"] == field and words in error["message"]


def test_not_json_not_utf8_wrong_type_and_too_big(client: Any) -> None:
    def post(content: bytes, ctype: str = "application/json") -> Any:
        return client.post("/api/v1/decide", content=content, headers={"content-type": ctype})

    assert post(b"{nope").status_code == 400
    assert post(b'{"answers": "\xff"}').status_code == 400
    assert post(b"answers=1", "application/x-www-form-urlencoded").status_code == 415
    big = post(b'{"answers": {"role": "' + b"x" * 70_000 + b'"}}')
    assert big.status_code == 413 and "Traceback" not in big.text
    deep = post(b"[" * 100_000)
    assert deep.status_code in (400, 413)


def test_records_by_api(client: Any) -> None:
    for fmt, media in (("md", "text/markdown"), ("html", "text/html"),
                       ("json", "application/json")):
        response = client.post(f"/api/v1/record/{fmt}", json={"answers": PHONE_TEXT})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
        assert "attachment" in response.headers["content-disposition"]
    assert client.post("/api/v1/record/pdf", json={}).status_code == 404


def test_unknown_endpoint_and_method(client: Any) -> None:
    missing = client.get("/api/v1/nothing")
    assert missing.status_code == 404 and missing.json()["error"]["field"] == "path"
    wrong = client.get("/api/v1/decide")
    assert wrong.status_code == 405 and wrong.json()["error"]["field"] == "method"


def test_openapi_document(client: Any, pack: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) == {"/api/v1/questions", "/api/v1/decide",
                                 "/api/v1/record/{format}"}
    answers = doc["components"]["schemas"]["DecideRequest"]["properties"]["answers"]
    assert set(answers["properties"]) == {q.id for q in pack.questions}
    assert "unsure" in answers["properties"]["channel"]["enum"]


def test_openapi_describes_real_responses(client: Any) -> None:
    from jsonschema import Draft202012Validator

    doc = client.get("/api/v1/openapi.json").json()
    schemas = doc["components"]["schemas"]
    resolver_doc = {"components": {"schemas": schemas}}

    def check(name: str, value: Any) -> None:
        schema = {**schemas[name], "components": resolver_doc["components"]}
        Draft202012Validator(schema).validate(value)

    check("DecideRequest", {"answers": PHONE_TEXT, "lang": "fr"})
    check("Decision", client.post("/api/v1/decide", json={"answers": PHONE_TEXT}).json())
    check("Error", client.post("/api/v1/decide", json={"answers": {"x": "y"}}).json())
