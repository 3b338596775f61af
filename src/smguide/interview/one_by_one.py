"""The interview as the web's plain forms ask it: the screens of
:func:`smguide.interview.flow.next_screen` in turn, one question per page, or several on
one page where the screen holds several (a checklist: :class:`Group`), with the progress
line, the choices and the answer to preselect; then the review once nothing more can
change the decision. Going back to change an answer keeps the later answers.

A page answers every question of its screen with one of the question's own answers, so
a checklist item never needs a follow-up screen: "not done" is whichever answer applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from smguide.engine.core import asked_questions
from smguide.engine.depends import could_ask
from smguide.i18n import _
from smguide.interview import flow
from smguide.pack.models import UNSURE, UNSURE_TEXT, Pack, Question


@dataclass(frozen=True)
class Choice:
    """One answer a question offers ("Not sure" included, last)."""

    value: str
    label: str
    help: str | None = None


@dataclass(frozen=True)
class Ask:
    """Ask ``question``: its progress line, the answer to preselect, and whether there
    are earlier answers to go back to."""

    question: Question
    progress: str
    default: str | None
    back: bool


@dataclass(frozen=True)
class Review:
    """Every answer that counts, to confirm or change."""

    rows: tuple[tuple[Question, str], ...]  # question, its answer's text


@dataclass(frozen=True)
class Item:
    """One question of a :class:`Group`: ``step`` is a precondition's step (what its
    "done" answer stands for, :func:`smguide.interview.flow.item_text`), else None."""

    question: Question
    step: str | None
    choices: tuple[Choice, ...]
    default: str | None


@dataclass(frozen=True)
class Group:
    """Several questions on one page, each answered on its own; ``checklist``: every one
    is a precondition (a step to take before going ahead)."""

    items: tuple[Item, ...]
    progress: str
    back: bool

    @property
    def checklist(self) -> bool:
        return all(item.step is not None for item in self.items)


Screen = Ask | Group | Review


def progress(pack: Pack, answers: Mapping[str, str], current: Question) -> str:
    """ "Question 5 of at most 12": the questions asked, and at most how many the longest
    way through can still take (:func:`smguide.engine.depends.could_ask`). Answering a question
    never makes the bound grow; going back to change an answer may."""
    number = len([q for q in asked_questions(pack, answers) if q.id != current.id]) + 1
    left = [q for q in could_ask(pack, answers) if q.id != current.id]
    if not left:
        return _("Question {number} · the last").format(number=number)
    return _("Question {number} of at most {total}").format(number=number,
                                                         total=number + len(left))


def group_progress(pack: Pack, answers: Mapping[str, str],
                   current: tuple[Question, ...]) -> str:
    """ "Questions 5–8 of at most 12": :func:`progress` for several questions at once."""
    ids = {q.id for q in current}
    first = len([q for q in asked_questions(pack, answers) if q.id not in ids]) + 1
    last = first + len(current) - 1
    left = [q for q in could_ask(pack, answers) if q.id not in ids]
    if not left:
        return _("Questions {first}–{last} · the last").format(first=first, last=last)
    return _("Questions {first}–{last} of at most {total}").format(
        first=first, last=last, total=last + len(left))


def default_answer(question: Question, answers: Mapping[str, str]) -> str | None:
    """The answer to preselect: the previous one; asked for the first time, "Not sure"
    where the question offers it, so that a hurried confirm never picks a more
    permissive answer."""
    default = answers.get(question.id)
    if default is None and question.unsure:
        default = UNSURE
    return default


def choices(question: Question) -> list[Choice]:
    """The question's options, then "Not sure" (with what to find out) where offered."""
    out = [Choice(o.id, str(o.text), str(o.help) if o.help else None) for o in question.options]
    if question.unsure:
        out.append(Choice(UNSURE, str(UNSURE_TEXT),
                          str(question.find_out) if question.find_out else None))
    return out


def review_rows(pack: Pack, answers: Mapping[str, str]) -> tuple[tuple[Question, str], ...]:
    return tuple((q, str(q.answer_text(answers[q.id]))) for q in asked_questions(pack, answers))


def ask_screen(pack: Pack, answers: Mapping[str, str], question: Question) -> Ask:
    return Ask(question, progress(pack, answers, question), default_answer(question, answers),
               back=bool(asked_questions(pack, answers)))


def group_screen(pack: Pack, answers: Mapping[str, str],
                 questions: tuple[Question, ...]) -> Group:
    items = tuple(Item(q, flow.item_text(q) if flow.is_precondition(q) else None,
                       tuple(choices(q)), default_answer(q, answers)) for q in questions)
    return Group(items, group_progress(pack, answers, questions),
                 back=bool(asked_questions(pack, answers)))


def next_screen(pack: Pack, answers: Mapping[str, str]) -> Screen:
    """The next screen in the interview's order (:mod:`smguide.interview.flow`: what
    decides first; a checklist's items together on one page), or the review when nothing
    more can change the decision."""
    screen = flow.next_screen(pack, answers)
    if screen is None:
        return Review(review_rows(pack, answers))
    if len(screen.questions) > 1:
        return group_screen(pack, answers, screen.questions)
    return ask_screen(pack, answers, screen.questions[0])
