"""Safe on an agency's network: headers, Host check, size limit, no cookie, a log with
no answers, no answers left in memory after a request, nothing from elsewhere."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from smguide.web.security import CSP, allowed_hosts, host_name
from tests.web.test_pages import PHONE_TEXT
from tests.web.webutil import hidden, walk

PAGES = [("get", "/", None), ("post", "/interview", {}), ("post", "/answer", {}),
         ("post", "/reflect", {}), ("post", "/record", {"format": "md"}),
         ("get", "/api/v1/questions", None), ("get", "/api/v1/openapi.json", None),
         ("get", "/static/smguide.css", None), ("get", "/nothing", None),
         ("post", "/interview", {"a.x": "y"})]


@pytest.mark.parametrize(("method", "path", "data"), PAGES)
def test_security_headers_on_every_response(client: Any, method: str, path: str,
                                            data: dict[str, str] | None) -> None:
    response = getattr(client, method)(path, data=data) if data is not None else getattr(
        client, method)(path)
    headers = response.headers
    assert headers["content-security-policy"] == CSP
    assert "frame-ancestors 'none'" in CSP and "script-src" not in CSP  # no script at all
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert "set-cookie" not in headers
    if path != "/static/smguide.css":
        assert headers["cache-control"] == "no-store"


def test_host_header_is_checked(client: Any) -> None:
    assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:9999"}).status_code == 200
    rebound = client.get("/", headers={"host": "attacker.example:8000"})
    assert rebound.status_code == 400 and "Host" in rebound.text
    assert client.post("/api/v1/decide", json={}, headers={"host": "evil"}).status_code == 400


def test_allowed_hosts() -> None:
    local = allowed_hosts("127.0.0.1")
    assert local == {"127.0.0.1", "localhost", "::1"}
    agency = allowed_hosts("10.0.0.5", ["smguide.agency.example"])
    assert agency == {"10.0.0.5", "smguide.agency.example"}
    assert allowed_hosts("0.0.0.0", ["*"]) == frozenset({"*"})
    assert allowed_hosts("::1") == local


@pytest.mark.parametrize(("header", "name"), [
    ("127.0.0.1:8000", "127.0.0.1"), ("LocalHost", "localhost"), ("[::1]:8000", "::1"),
    ("[::1]", "::1"), ("example.org:443", "example.org"), ("", "")])
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


def test_request_size_limit(client: Any) -> None:
    big = client.post("/interview", content=b"a.role=" + b"x" * 70_000,
                      headers={"content-type": "application/x-www-form-urlencoded"})
    assert big.status_code == 413

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(100):
            yield b"x" * 1000

    streamed = client.post("/interview", content=chunks(),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert streamed.status_code == 413


def test_state_is_in_posted_fields_never_in_the_url(client: Any) -> None:
    review, _asked = walk(client, PHONE_TEXT)
    for action in re.findall(r'<form method="(\w+)" action="([^"]+)"', review):
        assert action[0] == "post" and "?" not in action[1]
    assert "a.channel" in str(hidden(review))
    assert not re.search(r'href="[^"]*(channel|role)=', review)


def test_the_access_log_has_no_answers(client: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="smguide.web.access"):
        client.get("/?lang=fr&secret=1")
        client.post("/answer", data={f"a.{k}": v for k, v in PHONE_TEXT.items()})
        client.post("/api/v1/decide", json={"answers": PHONE_TEXT})
    lines = [r.getMessage() for r in caplog.records if r.name == "smguide.web.access"]
    assert len(lines) == 3
    assert lines[0].startswith("GET / 200 ")
    text = "\n".join(lines)
    assert "secret" not in text and "lang" not in text
    for value in PHONE_TEXT.values():
        assert value not in text


@pytest.mark.parametrize(("path", "body"), [
    ("/answer", "form"), ("/interview", "form"), ("/api/v1/decide", "json"),
    ("/reflect", "form"), ("/record", "form")])
def test_no_answer_outlives_its_request(client: Any, pack: Any, path: str, body: str) -> None:
    """The engine's memos of past answers are dropped once a page is sent."""
    from smguide.engine.compiled import _compiled
    from tests.engine.test_forget import UNSURE_AWOL, memos

    answers = {f"a.{k}": v for k, v in UNSURE_AWOL.items()}
    sent = client.post(path, json={"answers": UNSURE_AWOL}) if body == "json" else \
        client.post(path, data={**answers, "format": "md"})
    assert sent.status_code == 200
    kept = memos(_compiled(pack))
    assert not any(kept.values()), {k: v for k, v in kept.items() if v}


def test_nothing_from_elsewhere_in_any_page(client: Any) -> None:
    review, _asked = walk(client, PHONE_TEXT)
    answer = client.post("/answer", data=hidden(review, "/answer")).text
    for page in (review, answer):
        assert "<script" not in page and " style=" not in page and "<style" not in page
        assert not re.search(r'(src|href|action)="(https?:)?//', page)
