"""The API for case-management systems: the questions, and a decision for answers.

``POST /api/v1/decide`` takes ``{"answers": {question: option, ...}, "lang": "en"}`` and
returns what ``smguide decide --format json`` prints for those answers, plus a short
``card`` for a case-management screen. Answers are checked as an answers file's are;
every problem is a 4xx naming the field, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from smguide.pack.answers import check_answer
from smguide.pack.conditions import option_id
from smguide.pack.models import Pack
from smguide.report.model import Report
from smguide.web.forms import BadInput

CARD_SUMMARY = 140
PREFIX = "/api/v1"


def parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    if not content_type.startswith("application/json"):
        raise BadInput("content-type", "send the body as application/json", 415)
    try:
        data = json.loads(body.decode("utf-8")) if body else None
    except UnicodeDecodeError:
        raise BadInput("body", "the body is not UTF-8") from None
    except (ValueError, RecursionError) as exc:
        raise BadInput("body", f"the body is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadInput("body", 'expected a JSON object: {"answers": {"question": "option"}}')
    unknown = sorted(set(data) - {"answers", "lang"})
    if unknown:
        raise BadInput(unknown[0], "unknown field; the fields are: answers, lang", 422)
    return data


def answers_of(pack: Pack, data: Mapping[str, Any]) -> dict[str, str]:
    """The checked answers; unsure where left out, as with an answers file."""
    raw = data.get("answers", {})
    if not isinstance(raw, dict):
        raise BadInput("answers", "expected an object mapping question ids to option ids", 422)
    answers: dict[str, str] = {}
    for qid, value in raw.items():
        field = f"answers.{qid}"
        if not isinstance(value, (str, bool)):
            raise BadInput(field, f"expected an option id (a string), got {_kind(value)}", 422)
        answer = option_id(value)
        problem = check_answer(pack, qid, answer)
        if problem is not None:
            raise BadInput(field, problem, 422)
        answers[qid] = answer
    return answers


def lang_of(data: Mapping[str, Any], default: str) -> str:
    from smguide.i18n import LANGUAGES

    value = data.get("lang", default)
    if value not in LANGUAGES:
        raise BadInput("lang", f"expected one of: {', '.join(LANGUAGES)}", 422)
    return str(value)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def _short(value: str, limit: int) -> str:
    if len(value) <= limit:
        return value
    return value[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—- ") + "…"


def card(report: Report) -> dict[str, Any]:
    """A short card: the headline cut to 140 characters, an indicator, the sources'
    labels, and where to get the full report (the same body, posted)."""
    from smguide.report.wording import headline
    from smguide.web.answer_view import severity

    return {
        "summary": _short(headline(report), CARD_SUMMARY),
        "indicator": severity(report),
        "source_labels": [s.label for s in report.sources],
        "links": [
            {"rel": f"record-{fmt}", "href": f"{PREFIX}/record/{fmt}", "method": "POST",
             "body": "the same request body"}
            for fmt in ("md", "html", "json")
        ] + [{"rel": "interview", "href": "/", "method": "GET"}],
    }


def dumps(data: Any) -> bytes:
    # Compact: with an indent, the json module falls back to its pure-Python encoder,
    # a third of the API's time. The values are those of decide --format json.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
