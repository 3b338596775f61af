"""Answers given without the interactive prompt: an answers file and ``--set``.

An answers file is a YAML (or JSON) mapping of question id to option id::

    role: protection_worker
    channel: text
    authorized: yes        # unquoted yes/no are fine
    awol: unsure           # "Not sure"

Every key must be a question of the pack and every value one of its options (or
``unsure`` where the question offers "Not sure"); anything else is an error at the
file's line and column, listing what is valid. Questions left out count as "not
sure".
"""

from __future__ import annotations

import json
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smguide.errors import InputError, Location, SmguideError, UsageError
from smguide.i18n import _, did_you_mean
from smguide.pack.conditions import option_id
from smguide.pack.models import UNSURE, Pack, Question
from smguide.system.files import probe, read_bytes

if TYPE_CHECKING:
    from smguide.pack.yamlload import Document, PathKey

MAX_ANSWERS_BYTES = 1024 * 1024


def valid_answers(question: Question) -> list[str]:
    """The answer ids a question accepts, "unsure" last when it is offered."""
    return [*question.option_ids, *([UNSURE] if question.unsure else [])]


def _unknown_question(pack: Pack, qid: str) -> str:
    ids = [q.id for q in pack.questions]
    return _("unknown question {question!r}; {hint}the questions are: {questions} "
             "(see 'smguide questions')").format(question=qid, hint=did_you_mean(qid, ids),
                                                 questions=", ".join(ids))


def _unknown_option(question: Question, answer: str) -> str:
    valid = valid_answers(question)
    extra = ""
    if answer == UNSURE and not question.unsure:
        extra = _("this question has no 'Not sure' answer; ")
    return _("question {question!r} has no answer {answer!r}; {hint}choose one of: "
             "{choices}").format(question=question.id, answer=answer,
                                 hint=extra + did_you_mean(answer, valid),
                                 choices=", ".join(valid))


def check_answer(pack: Pack, qid: str, answer: str) -> str | None:
    """The problem with one answer, or None when it is valid."""
    question = pack.question(qid)
    if question is None:
        return _unknown_question(pack, qid)
    if answer not in valid_answers(question):
        return _unknown_option(question, answer)
    return None


def _kind(value: Any) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, float):
        return _("a number")
    return _("a {type}").format(type=type(value).__name__)


def load_answers_file(path: Path, pack: Pack) -> dict[str, str]:
    """Read and validate an answers file; every problem is an InputError at file:line:col."""
    info = probe(path)
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_ANSWERS_BYTES:
        raise InputError("an answers file is at most 1 MiB", Location(str(path)))
    if info is not None and stat.S_ISREG(info.st_mode) and path.suffix.lower() == ".json":
        plain = _plain_json(path, pack)
        if plain is not None:
            return plain
    from smguide.pack.yamlload import load_file

    doc = load_file(path, pipe_ok=True)  # named by the user: /dev/stdin and <(...) work
    if doc.data is None:
        raise InputError(
            "the answers file is empty; write one 'question: option' line per answer "
            "(see 'smguide questions')",
            doc.location(()),
        )
    return read_answers(doc, (), pack)


def _duplicate_keys_refused(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("duplicate key")
    return data


def _plain_json(path: Path, pack: Pack) -> dict[str, str] | None:
    """The answers of a JSON file that is plainly right, read without PyYAML (about a
    tenth of ``decide``'s time; scripts write JSON). None for anything else, which the
    YAML reader then reads again and locates (JSON is YAML)."""
    try:
        data = json.loads(read_bytes(path, MAX_ANSWERS_BYTES).decode("utf-8"),
                          object_pairs_hook=_duplicate_keys_refused)
    except (SmguideError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    answers: dict[str, str] = {}
    for qid, value in data.items():
        if not isinstance(value, (str, bool)):
            return None
        answer = option_id(value)
        if check_answer(pack, qid, answer) is not None:
            return None
        answers[qid] = answer
    return answers


def read_answers(doc: Document, base: PathKey, pack: Pack) -> dict[str, str]:
    """Validate the mapping of question id to option id at ``base`` in ``doc``.

    The answers file is such a mapping at the top (``base`` is ``()``); a scenario has
    one under ``answers``. Every problem is an InputError at the answer's line and column.
    """
    data: Any = doc.data
    for part in base:
        data = data.get(part) if isinstance(data, dict) else None
    if not isinstance(data, dict):
        raise InputError(
            _("expected a mapping of question id to option id (question: option), "
              "found {kind}").format(kind=_kind(data)),
            doc.location(base),
        )
    answers: dict[str, str] = {}
    for qid, value in data.items():
        where = (*base, qid)
        question = pack.question(qid)
        if question is None:
            raise InputError(_unknown_question(pack, qid), doc.key_location(where))
        if isinstance(value, bool) or (isinstance(value, (str, int)) and value != ""):
            answer = option_id(value)
        else:
            raise InputError(
                _("the answer to {question!r} must be one option id, not {kind}; "
                  "choose one of: {choices}").format(
                    question=qid, kind=_kind(value), choices=", ".join(valid_answers(question))),
                doc.location(where),
            )
        if answer not in valid_answers(question):
            raise InputError(_unknown_option(question, answer), doc.location(where))
        answers[qid] = answer
    return answers


def parse_sets(values: Iterable[str], pack: Pack) -> dict[str, str]:
    """Parse repeated ``--set question=option`` values."""
    answers: dict[str, str] = {}
    for raw in values:
        qid, sep, answer = raw.partition("=")
        qid, answer = qid.strip(), answer.strip()
        if not sep or not qid or not answer:
            raise UsageError(_("--set {raw!r}: expected question=option, e.g. --set "
                               "channel=text").format(raw=raw))
        if qid in answers:
            raise UsageError(_("--set {raw!r}: question {question!r} is set twice").format(
                raw=raw, question=qid))
        problem = check_answer(pack, qid, answer)
        if problem:
            raise UsageError(_("--set {raw!r}: {problem}").format(raw=raw, problem=problem))
        answers[qid] = answer
    return answers
