"""The interview's state as it travels in the page: posted form fields, checked.

Every answer so far is a hidden field ``a.QUESTION=OPTION`` of the page's form; the
server keeps nothing between two requests. What comes back is checked as an answers
file is (:func:`smguide.pack.answers.check_answer`): a field that names no question or
no option is a 400 that says which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

from smguide.i18n import DEFAULT, LANGUAGES, normalize
from smguide.pack.answers import check_answer
from smguide.pack.models import Pack

ANSWER_PREFIX = "a."
MAX_FIELDS = 500


class BadInput(Exception):
    """A request the server cannot use: ``field`` names what is wrong."""

    def __init__(self, field: str, message: str, status: int = 400) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Form:
    fields: dict[str, str]
    answers: dict[str, str]

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)


def parse_form(body: bytes, content_type: str, pack: Pack) -> Form:
    """The posted fields (``application/x-www-form-urlencoded``, UTF-8) and the answers
    among them, each checked against the pack."""
    if body and not content_type.startswith("application/x-www-form-urlencoded"):
        raise BadInput("content-type", "a form is posted as application/x-www-form-urlencoded",
                       415)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                          max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise BadInput("body", "the form is not UTF-8") from None
    except ValueError:
        raise BadInput("body", f"a form has at most {MAX_FIELDS} fields") from None
    fields: dict[str, str] = {}
    answers: dict[str, str] = {}
    seen: set[str] = set()
    for name, value in pairs:
        if name in seen:
            raise BadInput(name, "the field is sent twice")
        seen.add(name)
        if name.startswith(ANSWER_PREFIX):
            qid = name[len(ANSWER_PREFIX):]
            problem = check_answer(pack, qid, value)
            if problem is not None:
                raise BadInput(name, problem)
            answers[qid] = value
        else:
            fields[name] = value
    return Form(fields, answers)


def accepted_language(header: str) -> str:
    """The first language of ``Accept-Language`` that smguide speaks, by weight; else
    English."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        language = normalize(tag) if tag and tag != "*" else None
        if language is not None and weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else DEFAULT


def language(fields: Mapping[str, str], accept: str) -> str:
    """The page's language: the form's ``lang`` (the switch), else the browser's."""
    chosen = fields.get("lang", "")
    return chosen if chosen in LANGUAGES else accepted_language(accept)
