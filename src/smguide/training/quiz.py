"""``smguide replay ID --quiz``: the trainee answers, predicts, and is scored; and the
class results file that ``smguide scenarios --results`` summarises.

The trainee answers with the same menus as ``smguide decide`` (options and "Not
sure"), following the questions their own answers lead to. The score compares their
answers with the scenario's on the scenario's own path of questions, and their
predicted verdict with the scenario's.

Results are JSON Lines, one object per finished quiz (schema
``smguide.quiz-result/1``): the scenario id, the pack's identity, the time (UTC),
the answers compared, the prediction and the score, and an optional pseudonym; no
other personal data. A line is appended in one write, flushed and synced to disk,
with Ctrl-C held off while it is written; an interrupted quiz writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smguide.engine.core import asked_questions, next_question
from smguide.errors import InputError, Location, UsageError
from smguide.i18n import N_, _
from smguide.interview.prompt import (
    BACK,
    BACK_LABEL,
    SEP,
    UI,
    Entry,
    ask,
    change,
    pick_earlier,
)
from smguide.pack.models import Pack, Verdict
from smguide.report.wording import wording
from smguide.training.run import QuizScore, score
from smguide.training.scenario import Scenario

RESULTS_SCHEMA = "smguide.quiz-result/1"
PREDICT = N_("What will the recommendation be?")
SKIP = "<skip>"
SKIP_LABEL = N_("Skip this scenario (nothing is recorded)")
MAX_PSEUDONYM = 40


def check_pseudonym(value: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_PSEUDONYM or not value.isprintable():
        raise UsageError(f"--pseudonym: one line of at most {MAX_PSEUDONYM} printable "
                         "characters (a pseudonym, not a name)")
    return value


class Skipped(Exception):
    """The trainee chose to skip the scenario: nothing is scored or recorded."""


class _Skippable:
    """Every menu of the quiz also offers to skip the scenario (one wrong choice should
    never force a restart: going back fixes an answer, skipping moves on)."""

    def __init__(self, ui: UI) -> None:
        self.ui = ui

    def show(self, text: str) -> None:
        self.ui.show(text)

    def select(self, message: str, entries: Sequence[Entry], default: str | None = None) -> str:
        extra = [Entry(_(SKIP_LABEL), SKIP)] if entries and entries[-1] is SEP else \
            [SEP, Entry(_(SKIP_LABEL), SKIP)]
        chosen = self.ui.select(message, [*entries, *extra], default)
        if chosen == SKIP:
            raise Skipped
        return chosen


def interview(pack: Pack, ui: UI) -> tuple[dict[str, str], Verdict]:
    """The trainee's answers, in the order asked, and their predicted verdict. Any menu
    can go back to change an earlier answer (later answers that still apply are kept)
    or skip the scenario (raises Skipped)."""
    menus = _Skippable(ui)
    given: dict[str, str] = {}
    while True:
        question = next_question(pack, given)
        if question is None:
            entries = [Entry(wording(v).label, v.value, wording(v).action) for v in Verdict]
            entries += [SEP, Entry(_(BACK_LABEL), BACK)]
            menus.show("")
            predicted = menus.select(_(PREDICT), entries)
            if predicted != BACK:
                return given, Verdict(predicted)
        else:
            answer = ask(menus, pack, given, question, back=bool(asked_questions(pack, given)))
            if answer != BACK:
                given[question.id] = answer
                continue
        target = pick_earlier(menus, pack, given)
        if target is not None:
            change(menus, pack, given, target)


def quiz(pack: Pack, scenario: Scenario, ui: UI) -> QuizScore:
    given, predicted = interview(pack, ui)
    return score(pack, scenario, given, predicted)


# --- the results file ---------------------------------------------------------------------


def record(pack: Pack, scenario: Scenario, result: QuizScore,
           pseudonym: str | None = None) -> dict[str, Any]:
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    return {
        "schema": RESULTS_SCHEMA,
        "scenario": scenario.id,
        "pack": {"id": pack.id, "version": pack.manifest.version,
                 "content_hash": pack.content_hash},
        "finished_at": now.isoformat().replace("+00:00", "Z"),
        "pseudonym": pseudonym,
        "answers": [{"question": a.question.id, "expected": a.expected, "given": a.given,
                     "scored": a.scored, "matched": a.matched} for a in result.answers],
        "answers_matched": result.matched,
        "answers_total": result.total,
        "predicted_verdict": result.predicted.value,
        "verdict": result.verdict.value,
        "verdict_correct": result.prediction_right,
    }


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C until the block is done, then raise it (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def append_result(path: Path, data: dict[str, Any]) -> None:
    """Append one JSON line: one write, flushed and synced; Ctrl-C waits for it."""
    line = (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    try:
        with interrupts_held():
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line  # never glue onto a line cut short
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as exc:
        raise InputError(f"cannot write the results: {exc.strerror or exc}",
                         Location(str(path))) from None


_VERDICTS = {v.value for v in Verdict}


def read_results(path: Path) -> list[dict[str, Any]]:
    """The quiz results in a JSON Lines file; a malformed line is an error at its line."""
    from smguide.pack import jsonload as jsonsafe
    from smguide.pack.yamlload import read_text

    out = []
    for number, raw in enumerate(read_text(path).splitlines(), 1):
        if not raw.strip():
            continue
        where = Location(str(path), number, 1)
        try:
            item = jsonsafe.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"not a JSON line: {exc.msg}", Location(str(path), number,
                                                                     exc.colno)) from None
        except ValueError as exc:  # too deep, or a number too long (issue 8)
            raise InputError(f"not a quiz result: {exc}", where) from None
        problem = _result_problem(item)
        if problem:
            raise InputError(f"not a quiz result ({RESULTS_SCHEMA}): {problem}", where)
        out.append(item)
    return out


def _result_problem(item: Any) -> str | None:
    if not isinstance(item, dict):
        return "expected a JSON object"
    if item.get("schema") != RESULTS_SCHEMA:
        return f"'schema' is {item.get('schema')!r}"
    if not isinstance(item.get("scenario"), str):
        return "'scenario' must be a string"
    for key in ("predicted_verdict", "verdict"):
        if item.get(key) not in _VERDICTS:
            return f"{key!r} must be a verdict id"
    answers = item.get("answers")
    if not isinstance(answers, list) or not all(
            isinstance(a, dict) and isinstance(a.get("question"), str)
            and isinstance(a.get("scored"), bool) and isinstance(a.get("matched"), bool)
            for a in answers):
        return "'answers' must be a list of {question, scored, matched, ...}"
    return None


@dataclass
class ScenarioStats:
    id: str
    attempts: int = 0
    verdict_right: int = 0
    answers_matched: int = 0
    answers_total: int = 0
    expected: str = ""  # the scenario's verdict
    # the spread of the class's predictions: verdict id -> how many, strictest first
    predicted: dict[str, int] = field(default_factory=dict)

    @property
    def verdict_wrong(self) -> int:
        return self.attempts - self.verdict_right


@dataclass
class PersonStats:
    """One trainee's attempts, by pseudonym (None: results recorded without one)."""

    pseudonym: str | None
    attempts: int = 0
    verdict_right: int = 0
    answers_matched: int = 0
    answers_total: int = 0


@dataclass
class QuestionStats:
    id: str
    scored: int = 0
    missed: int = 0


@dataclass
class ClassSummary:
    attempts: int = 0
    verdict_right: int = 0
    scenarios: list[ScenarioStats] = field(default_factory=list)
    questions: list[QuestionStats] = field(default_factory=list)
    people: list[PersonStats] = field(default_factory=list)

    def most_missed_scenarios(self) -> list[ScenarioStats]:
        return sorted(self.scenarios, key=lambda s: (
            -s.verdict_wrong, -(s.answers_total - s.answers_matched), s.id))

    def most_missed_questions(self) -> list[QuestionStats]:
        return sorted(self.questions, key=lambda q: (-q.missed, -q.scored, q.id))


def summarise(results: Sequence[dict[str, Any]]) -> ClassSummary:
    scenarios: dict[str, ScenarioStats] = {}
    questions: dict[str, QuestionStats] = {}
    people: dict[str | None, PersonStats] = {}
    summary = ClassSummary()
    for item in results:
        stats = scenarios.setdefault(item["scenario"], ScenarioStats(item["scenario"]))
        who = item.get("pseudonym") if isinstance(item.get("pseudonym"), str) else None
        person = people.setdefault(who, PersonStats(who))
        right = item["predicted_verdict"] == item["verdict"]
        stats.attempts += 1
        stats.verdict_right += right
        stats.expected = item["verdict"]
        stats.predicted[item["predicted_verdict"]] = \
            stats.predicted.get(item["predicted_verdict"], 0) + 1
        person.attempts += 1
        person.verdict_right += right
        summary.attempts += 1
        summary.verdict_right += right
        for answer in item["answers"]:
            if not answer["scored"]:
                continue
            q = questions.setdefault(answer["question"], QuestionStats(answer["question"]))
            q.scored += 1
            q.missed += not answer["matched"]
            stats.answers_total += 1
            stats.answers_matched += answer["matched"]
            person.answers_total += 1
            person.answers_matched += answer["matched"]
    order = {v.value: v.rank for v in Verdict}
    for stats in scenarios.values():
        stats.predicted = dict(sorted(stats.predicted.items(), key=lambda kv: order[kv[0]]))
    summary.scenarios = sorted(scenarios.values(), key=lambda s: s.id)
    summary.questions = sorted(questions.values(), key=lambda q: q.id)
    # named trainees by pseudonym, then those who gave none
    summary.people = sorted(people.values(), key=lambda p: (p.pseudonym is None,
                                                            p.pseudonym or ""))
    return summary


def summary_data(summary: ClassSummary) -> dict[str, Any]:
    return {
        "schema": "smguide.quiz-summary/1",
        "attempts": summary.attempts,
        "verdict_right": summary.verdict_right,
        "scenarios": [{"id": s.id, "attempts": s.attempts, "verdict_right": s.verdict_right,
                       "answers_matched": s.answers_matched, "answers_total": s.answers_total,
                       "verdict": s.expected, "predicted": dict(s.predicted)}
                      for s in summary.most_missed_scenarios()],
        "people": [{"pseudonym": p.pseudonym, "attempts": p.attempts,
                    "verdict_right": p.verdict_right, "answers_matched": p.answers_matched,
                    "answers_total": p.answers_total} for p in summary.people],
        "questions": [{"id": q.id, "scored": q.scored, "missed": q.missed}
                      for q in summary.most_missed_questions()],
    }
