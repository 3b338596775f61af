"""The HTML pages of the web interview, from the interview's and the report's public
functions: the same screens, in the same order, as ``smguide decide`` in a terminal.

Every page is one form; the answers so far travel in it as hidden fields
(:mod:`smguide.web.forms`). What each button does (``go``):

- ``next``: answer the question on screen (``at`` = ``ask:ID`` or ``edit:ID``, the answer
  in ``answer``) or every question of a page of several (``at`` = ``list:ID,ID…``, each
  answer in ``answer.ID``), then the next screen
  (:func:`smguide.interview.one_by_one.next_screen`);
- ``back``: the list of earlier answers, to pick one to change (``edit:ID``), or
  ``cancel`` to carry on;
- ``review``: the review of all answers; its confirm button posts to ``/answer``;
- ``stay``: the same screen again (the language switch).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smguide.i18n import N_, NAMES, _
from smguide.interview import one_by_one as flow
from smguide.pack.models import Pack, Question
from smguide.render.html import render
from smguide.report.model import Report
from smguide.report.wording import headline
from smguide.web.forms import BadInput, Form

GROUP_ANSWER = "answer."  # + question id: an answer on a page of several questions
LIST = "list:"
CHECKLIST_TITLE = N_("Before you go ahead")
GROUP_TITLE = N_("A few more questions")
GROUP_INSTRUCTION = N_("Each answer starts at “Not sure”: change the ones you know. "
                       "An answer left at “Not sure” is never read as a “yes”.")
OTHER_LANGUAGE = {"en": "fr", "fr": "en"}
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}  # each in its own language


def _page(template: str, *, lang: str, answers: Mapping[str, str], action: str, at: str,
          carry: Mapping[str, str] | None = None, **data: Any) -> str:
    """A page; ``carry``: fields other than the answers that the language switch keeps."""
    other = OTHER_LANGUAGE[lang]
    return render(f"web/{template}", lang=lang, answers=answers, action=action, at=at,
                  carry=carry or {},
                  other_lang=other, other_lang_name=LANGUAGE_NAMES[other],
                  language_name=_(NAMES[other]), **data)


def start(pack: Pack, lang: str) -> str:
    """The first page: what the interview promises, and the first question."""
    screen = flow.next_screen(pack, {})
    return _screen(pack, screen, {}, lang, intro=True)


def _screen(pack: Pack, screen: flow.Screen, answers: Mapping[str, str], lang: str, *,
            intro: bool = False, error: str | None = None) -> str:
    if isinstance(screen, flow.Review):
        return _page("review.html.j2", lang=lang, answers=answers, action="/interview",
                     at="review", rows=screen.rows)
    if isinstance(screen, flow.Group):
        return _group(screen, answers, lang, error=error,
                      intro=str(pack.manifest.title) if intro else None)
    return _ask(screen, answers, lang, at=f"ask:{screen.question.id}", error=error,
                intro=str(pack.manifest.title) if intro else None)


def _ask(screen: flow.Ask, answers: Mapping[str, str], lang: str, *, at: str,
         intro: str | None = None, error: str | None = None, editing: bool = False) -> str:
    """A question; ``intro``: the packs' title, for the paragraph on the first page."""
    question = screen.question
    return _page("question.html.j2", lang=lang, answers=answers, action="/interview", at=at,
                 question=question, text=str(question.text),
                 help=str(question.help) if question.help else None,
                 choices=flow.choices(question), default=screen.default,
                 progress=None if editing else screen.progress,
                 back=screen.back and not editing, editing=editing, intro=intro,
                 error=error)


def _group(screen: flow.Group, answers: Mapping[str, str], lang: str, *,
           chosen: Mapping[str, str] | None = None, error: str | None = None,
           intro: str | None = None) -> str:
    """Several questions on one page, one fieldset each; ``chosen``: the answers posted
    with a page shown again (an answer was missing)."""
    picked = chosen or {}
    items = []
    for item in screen.items:
        qid, help_text = item.question.id, item.question.help
        described = [f"s-{qid}"] * (item.step is not None) + [f"h-{qid}"] * bool(help_text)
        items.append({"id": qid, "text": str(item.question.text), "step": item.step,
                      "help": str(help_text) if help_text else None,
                      "described": " ".join(described), "choices": item.choices,
                      "default": picked.get(qid, item.default)})
    at = LIST + ",".join(item.question.id for item in screen.items)
    return _page("group.html.j2", lang=lang, answers=answers, action="/interview", at=at,
                 title=_(CHECKLIST_TITLE if screen.checklist else GROUP_TITLE),
                 instruction=_(GROUP_INSTRUCTION), items=items, progress=screen.progress,
                 back=screen.back, error=error, intro=intro)


def _answer_group(pack: Pack, form: Form, answers: dict[str, str], lang: str,
                  at: str) -> str | None:
    """Take a page of several questions' answers into ``answers``; a page to show again
    when one is missing (a question without "Not sure", left unanswered), else None."""
    questions = tuple(_question(pack, qid) for qid in at.removeprefix(LIST).split(","))
    ids = {q.id for q in questions}
    for name in form.fields:
        if name.startswith(GROUP_ANSWER) and name.removeprefix(GROUP_ANSWER) not in ids:
            raise BadInput(name, "no such question on this page")
    chosen: dict[str, str] = {}
    for question in questions:
        value = form.get(GROUP_ANSWER + question.id)
        if value and value not in {c.value for c in flow.choices(question)}:
            raise BadInput(GROUP_ANSWER + question.id,
                           f"question {question.id!r} has no answer {value!r}")
        if value:
            chosen[question.id] = value
    missing = [q for q in questions if q.id not in chosen]
    if missing:
        error = _("Choose an answer to: {questions}").format(
            questions="; ".join(str(q.text) for q in missing))
        return _group(flow.group_screen(pack, answers, questions), answers, lang,
                      chosen=chosen, error=error)
    answers.update(chosen)
    return None


def _question(pack: Pack, qid: str) -> Question:
    question = pack.question(qid)
    if question is None:
        raise BadInput("at", f"unknown question {qid!r}")
    return question


def interview(pack: Pack, form: Form, lang: str) -> str:
    """The next screen for a posted interview form."""
    answers = dict(form.answers)
    go, at = form.get("go", "next"), form.get("at")
    if go == "back":
        return _page("pick.html.j2", lang=lang, answers=answers, action="/interview", at="pick",
                     rows=flow.review_rows(pack, answers))
    if go.startswith("edit:"):
        return _edit(pack, answers, lang, _question(pack, go.removeprefix("edit:")))
    if go == "stay" and at.startswith("edit:"):
        return _edit(pack, answers, lang, _question(pack, at.removeprefix("edit:")))
    if go == "stay" and at == "pick":
        return interview(pack, Form({**form.fields, "go": "back"}, answers), lang)
    if go == "next" and (at.startswith("ask:") or at.startswith("edit:")):
        question = _question(pack, at.partition(":")[2])
        chosen = form.get("answer")
        if not chosen:
            error = _("Choose an answer (or “Not sure”), then press Next.")
            if at.startswith("edit:"):
                return _edit(pack, answers, lang, question, error=error)
            return _screen(pack, flow.ask_screen(pack, answers, question), answers, lang,
                           error=error)
        if chosen not in {c.value for c in flow.choices(question)}:
            raise BadInput("answer", f"question {question.id!r} has no answer {chosen!r}")
        answers[question.id] = chosen
    elif go == "next" and at.startswith(LIST):
        again = _answer_group(pack, form, answers, lang, at)
        if again is not None:
            return again
    elif go not in ("next", "stay", "cancel", "review"):
        raise BadInput("go", f"unknown action {go!r}")
    return _screen(pack, flow.next_screen(pack, answers), answers, lang)


def _edit(pack: Pack, answers: Mapping[str, str], lang: str, question: Question, *,
          error: str | None = None) -> str:
    """An earlier question again, its answer preselected; later answers are kept."""
    return _ask(flow.ask_screen(pack, answers, question), answers, lang,
                at=f"edit:{question.id}", editing=True, error=error)


def answer(report: Report, answers: Mapping[str, str], lang: str) -> str:
    """The one-screen answer, the full rationale behind a ``<details>``, the reflection
    and the record downloads."""
    from smguide.web.answer_view import answer_view

    return _page("answer.html.j2", lang=lang, answers=answers, action="/answer", at="answer",
                 **answer_view(report, answers))


def reflect(pack: Pack, report: Report, form: Form, lang: str) -> str:
    """The guided reflection: the seven steps as one form (``go`` = ``start``, or
    ``done`` to finish it), then the reflection as the record keeps it, with the record
    downloads carrying it (:mod:`smguide.web.reflection`). An "act otherwise" record
    made before travels along (``keep``)."""
    from smguide import reflection as rf
    from smguide.reflection.summary import summary
    from smguide.web import otherwise as wo
    from smguide.web import reflection as wr
    from smguide.web.reflection_view import form_view

    decision = report.decision
    answers = form.answers
    posted, keep = wr.fields_of(form.fields), wo.fields_of(form.fields)
    go = form.get("go", "start")
    views = rf.options(pack, answers, decision)
    ids = tuple(v.id for v in views)
    problems: dict[str, str] = {}
    if go == "done" or (go == "stay" and form.get("at") == "reflected"):
        given = wr.read(posted, ids)
        if not isinstance(given, wr.Problems):
            reflection = wr.build(pack, decision, answers, given)
            return _page("reflected.html.j2", lang=lang, answers=answers, action="/reflect",
                         at="reflected", carry={**posted, **keep}, acted=bool(keep),
                         reflection=summary(reflection))
        problems = given.by_field
    elif go not in ("start", "stay", "change"):
        raise BadInput("go", f"unknown action {go!r}")
    elif not posted:
        current = next((v.id for v in views if v.current), None)
        posted = wr.defaults(decision, ids, current)
    return _page("reflect.html.j2", lang=lang, answers=answers, action="/reflect",
                 at="reflect", carry={**posted, **keep}, keep=keep, headline=headline(report),
                 verdict_class="depends" if report.pending else report.verdict.value,
                 **form_view(pack, decision, answers, posted, problems))


def otherwise(pack: Pack, report: Report, form: Form, lang: str) -> str:
    """"Record that I will act otherwise": its questions as one form (``go`` = ``start``
    or ``change``, then ``done``), then what the record will say, with the record
    downloads carrying it (:mod:`smguide.web.otherwise`). A reflection made before
    travels along (``keep``), and the other way round."""
    from smguide.web import otherwise as wo
    from smguide.web import reflection as wr

    decision, answers = report.decision, form.answers
    posted, keep = wo.fields_of(form.fields), wr.fields_of(form.fields)
    go = form.get("go", "start")
    problems: dict[str, str] = {}
    if go == "done" or (go == "stay" and form.get("at") == "otherwise-done"):
        given = wo.read(pack, answers, posted)
        if not isinstance(given, wr.Problems):
            act = wo.build(pack, decision, given)
            return _page("otherwise_done.html.j2", lang=lang, answers=answers,
                         action="/otherwise", at="otherwise-done", carry={**keep, **posted},
                         reflected=bool(keep), **wo.summary_view(act))
        problems = given.by_field
    elif go not in ("start", "stay", "change"):
        raise BadInput("go", f"unknown action {go!r}")
    return _page("otherwise.html.j2", lang=lang, answers=answers, action="/otherwise",
                 at="otherwise", carry={**keep, **posted}, keep=keep, headline=headline(report),
                 verdict_class="depends" if report.pending else report.verdict.value,
                 **wo.form_view(pack, decision, answers, posted, problems))


def error(lang: str, problem: BadInput) -> str:
    return render("web/error.html.j2", lang=lang, answers={}, action="/", at="error", carry={},
                  other_lang=OTHER_LANGUAGE[lang],
                  other_lang_name=LANGUAGE_NAMES[OTHER_LANGUAGE[lang]], field=problem.field,
                  message=problem.message)
