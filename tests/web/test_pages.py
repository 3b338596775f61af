"""The web interview's pages: the same questions, progress, back and edit, review and
answer as the terminal's, in English and French, with the state only in the page."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pytest

from smguide.engine.core import asked_questions, next_question
from smguide.interview import checklist
from smguide.interview import flow as interview_flow
from smguide.interview import one_by_one as flow
from smguide.interview.prompt import CONFIRM, Entry, interview
from smguide.pack.models import UNSURE, Pack
from tests.web.webutil import (
    answers_in,
    checked,
    group_checked,
    group_ids,
    hidden,
    main_form,
    question_id,
    walk,
    walk_screens,
)

PHONE_TEXT = {"role": "protection_worker", "activity": "message", "counterpart": "child_youth",
              "channel": "text", "phone": "agency_phone"}


def test_start_page_is_the_first_question_small_and_self_contained(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert len(response.content) < 100_000
    assert "<h1>In what role are you acting?</h1>" in page
    assert "Question 1 of at most" in page
    assert "<script" not in page and "style=" not in page  # CSP: no inline script or style
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing from elsewhere
    assert 'href="/static/smguide.css"' in page
    assert client.get("/static/smguide.css").status_code == 200


def test_a_question_offers_not_sure_preselected_and_its_help(client: Any, pack: Pack) -> None:
    page, _asked = walk(client, {}, "en")  # to the review, answering the defaults
    page = client.get("/").text
    first = client.post("/interview", data={**hidden(page), "answer": "protection_worker",
                                            "go": "next"}).text
    question = pack.question(question_id(first) or "")
    assert question is not None
    if question.unsure:
        assert checked(first) == UNSURE
        assert 'value="unsure"' in first and "Not sure" in first
    assert f"<h1>{question.text}</h1>".replace("'", "&#39;") in first
    assert "Question 2 of at most" in first
    assert 'value="back"' in first  # there is an earlier answer to go back to
    assert answers_in(first) == {"role": "protection_worker"}


def test_no_answer_chosen_asks_again_with_a_message(client: Any) -> None:
    page = client.get("/").text
    again = client.post("/interview", data={**hidden(page), "go": "next"})
    assert again.status_code == 200
    assert 'role="alert"' in again.text and "Choose an answer" in again.text
    assert question_id(again.text) == "role"


class FollowUI:
    """The terminal interview, answering from a mapping (else the preselected answer,
    else the first option), recording the questions of each screen it shows. A checklist
    item whose answer is one of several "not done" answers takes a follow-up screen in
    the terminal, and none on the web (which offers each question's own answers): the
    follow-up is not recorded."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.screens: list[tuple[str, ...]] = []
        self.listed: set[str] = set()

    @property
    def asked(self) -> list[str]:
        return [qid for screen in self.screens for qid in screen]

    def show(self, text: str) -> None:
        pass

    def select(self, message: str, entries: Sequence[Entry], default: str | None = None) -> str:
        values = [e.value for e in entries]
        if CONFIRM in values:
            return CONFIRM
        qid = self.current_question(message, values)
        if qid not in self.listed:
            self.screens.append((qid,))
        return self.answers.get(qid) or default or values[0]

    def checklist(self, message: str, items: Sequence[checklist.Item]) -> dict[str, str]:
        assert self.pack is not None
        self.screens.append(tuple(item.value for item in items))
        self.listed.update(item.value for item in items)
        states = {}
        for item in items:
            question = self.pack.question(item.value)
            assert question is not None
            wanted = self.answers.get(item.value)
            done = interview_flow.marks(question)[0]
            states[item.value] = (checklist.UNMARKED if wanted in (None, UNSURE)
                                  else checklist.DONE if wanted == done else checklist.NOT_DONE)
        return states

    def current_question(self, message: str, values: list[str]) -> str:
        assert self.pack is not None
        return next(q.id for q in self.pack.questions
                    if str(q.text) == message and (set(q.option_ids) <= set(values)
                                                   or q.id in self.listed))

    pack: Pack | None = None


@pytest.mark.parametrize("answers", [PHONE_TEXT, {"role": "foster_parent"}, {}])
def test_the_web_asks_what_the_terminal_asks(client: Any, pack: Pack,
                                             answers: dict[str, str]) -> None:
    ui = FollowUI(answers)
    ui.pack = pack
    terminal = interview(pack, ui)
    review, screens = walk_screens(client, answers)
    assert screens == ui.screens
    assert answers_in(review) == terminal
    assert "Review your answers" in review
    assert next_question(pack, terminal) is None  # the same early stop


def _scenario_sample() -> list[dict[str, str]]:
    from smguide.pack.bundled import scenarios_dir
    from tests.web.test_fidelity import _answers

    return [_answers(p) for p in sorted(scenarios_dir().glob("*/*.yaml"))[::4]]


@pytest.mark.parametrize("answers", _scenario_sample())
def test_scenarios_take_the_same_way_on_the_web(client: Any, pack: Pack,
                                                answers: dict[str, str]) -> None:
    """The questions asked, in order, and the answers reviewed: the terminal's."""
    ui = FollowUI(answers)
    ui.pack = pack
    terminal = interview(pack, ui)
    review, screens = walk_screens(client, answers)
    assert screens == ui.screens and answers_in(review) == terminal


def test_progress_line_is_the_terminals(client: Any, pack: Pack) -> None:
    page = client.get("/").text
    page = client.post("/interview", data={**hidden(page), "answer": "protection_worker",
                                           "go": "next"}).text
    qid = question_id(page)
    question = pack.question(qid or "")
    assert question is not None
    line = flow.progress(pack, {"role": "protection_worker"}, question)
    assert f'<p class="progress">{line}</p>' in page


def test_back_and_edit_keep_later_answers(client: Any, pack: Pack) -> None:
    review, _asked = walk(client, PHONE_TEXT)
    before = answers_in(review)
    back = client.post("/interview", data={**hidden(review), "go": "back"}).text
    assert "Which answer do you want to change?" in back
    for q in asked_questions(pack, before):
        assert f'value="edit:{q.id}"' in back
    edit = client.post("/interview", data={**hidden(back), "go": "edit:role"}).text
    assert question_id(edit) == "role" and checked(edit) == "protection_worker"
    assert "Changing an earlier answer" in edit and "Question" not in main_form(edit)[:200]
    again = client.post("/interview", data={**hidden(edit), "answer": "protection_worker",
                                            "go": "next"}).text
    assert "Review your answers" in again and answers_in(again) == before
    cancel = client.post("/interview", data={**hidden(back), "go": "cancel"}).text
    assert answers_in(cancel) == before


def test_change_from_the_review_then_newly_relevant_questions(client: Any) -> None:
    review, _asked = walk(client, PHONE_TEXT)
    edit = client.post("/interview", data={**hidden(review), "go": "edit:channel"}).text
    nxt = client.post("/interview", data={**hidden(edit), "answer": "social_network",
                                          "go": "next"}).text
    # A social-media contact raises questions the text did not: the interview asks them.
    assert question_id(nxt) is not None
    assert answers_in(nxt)["phone"] == "agency_phone"  # a later answer is kept


def test_review_confirms_to_the_answer_page(client: Any) -> None:
    review, _asked = walk(client, PHONE_TEXT)
    answer = client.post("/answer", data=hidden(review, "/answer"))
    assert answer.status_code == 200
    page = answer.text
    assert '<h1 class="headline verdict' in page
    assert "<details class=\"rationale\">" in page and "Show the full rationale" in page
    assert "Reflect on this decision" in page
    for fmt in ("md", "html", "json"):
        assert f'name="format" value="{fmt}"' in page


def test_french_from_accept_language_and_the_switch(client: Any) -> None:
    page = client.get("/", headers={"accept-language": "fr-CA,fr;q=0.9,en;q=0.5"}).text
    assert (('<html lang="fr">' in page and "En quelle qualité" in page)
            or "Question 1 (au plus" in page)
    english = client.get("/", headers={"accept-language": "de, en;q=0.5"}).text
    assert '<html lang="en">' in english
    # The switch keeps the screen and the answers.
    review, _asked = walk(client, PHONE_TEXT)
    switch = main_form(review.replace('<main id="main">', "", 0), "/interview")
    assert switch
    switched = client.post("/interview", data={**hidden(review), "go": "stay",
                                               "lang": "fr"}).text
    assert ('<html lang="fr">' in switched and "Vérifiez vos réponses" in switched) or (
        '<html lang="fr">' in switched)
    assert answers_in(switched) == answers_in(review)
    assert 'value="en"' in switched and ">English<" in switched


def test_french_answer_page(client: Any) -> None:
    review, _asked = walk(client, PHONE_TEXT, "fr")
    page = client.post("/answer", data=hidden(review, "/answer")).text
    assert '<html lang="fr">' in page
    assert "Afficher" in page or "justification" in page


def test_reflection_page(client: Any) -> None:
    review, _asked = walk(client, PHONE_TEXT)
    answer = client.post("/answer", data=hidden(review, "/answer")).text
    reflect = client.post("/reflect", data=hidden(answer, "/reflect"))
    assert reflect.status_code == 200
    assert "<h1>Reflecting on this decision</h1>" in reflect.text
    assert "(what you asked about)" in reflect.text  # step 5 (tests/web/test_reflection.py)


@pytest.mark.parametrize("path", ["/interview", "/answer", "/reflect"])
def test_get_of_a_form_page_goes_to_the_start(client: Any, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


@pytest.mark.parametrize(("data", "field"), [
    ({"a.chanel": "text"}, "a.chanel"),
    ({"a.channel": "sms"}, "a.channel"),
    ({"a.role": "protection_worker", "go": "next", "at": "ask:role", "answer": "king"},
     "answer"),
    ({"go": "explode"}, "go"),
    ({"go": "edit:nothing"}, "at"),
])
def test_a_tampered_form_is_a_400_naming_the_field(client: Any, data: dict[str, str],
                                                    field: str) -> None:
    response = client.post("/interview", data=data)
    assert response.status_code == 400
    assert f"<code>{field}</code>" in response.text
    assert "Traceback" not in response.text


def test_a_field_twice_and_a_wrong_content_type(client: Any) -> None:
    twice = client.post("/interview", content=b"a.role=student&a.role=volunteer",
                        headers={"content-type": "application/x-www-form-urlencoded"})
    assert twice.status_code == 400 and "sent twice" in twice.text
    wrong = client.post("/answer", content=b"{}", headers={"content-type": "application/json"})
    assert wrong.status_code == 415
    bad_utf8 = client.post("/answer", content=b"a.role=\xff",
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert bad_utf8.status_code == 400


def test_record_needs_a_known_format(client: Any) -> None:
    response = client.post("/record", data={"format": "pdf"})
    assert response.status_code == 400 and "<code>format</code>" in response.text


def test_unknown_page_is_a_plain_404(client: Any) -> None:
    response = client.get("/nothing-here")
    assert response.status_code == 404 and "Traceback" not in response.text


def test_a_bug_is_one_plain_line_not_a_traceback(client: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from smguide.web import outputs

    def broken(*_args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(outputs, "report_for", broken)
    response = client.post("/answer", data={})
    assert response.status_code == 500
    assert response.text == "smguide: internal error\n"
    api = client.post("/api/v1/decide", json={})
    assert api.status_code == 500 and "Traceback" not in api.text and "a bug" not in api.text


# --- a checklist: several questions on one page -------------------------------------------

BEFORE_CHECKLIST = {**PHONE_TEXT, "concern_found": UNSURE, "content_limits": UNSURE,
                    "awol": UNSURE, "purpose": UNSURE}


def _checklist_page(client: Any) -> str:
    data = {f"a.{q}": a for q, a in BEFORE_CHECKLIST.items()}
    page = str(client.post("/interview", data={**data, "go": "stay", "at": "review"}).text)
    assert group_ids(page), "the bundled packs' checklist comes after these answers"
    return page


def test_a_checklist_is_one_page_one_fieldset_per_question(client: Any, pack: Pack) -> None:
    page = _checklist_page(client)
    ids = group_ids(page) or []
    screen = interview_flow.next_screen(pack, BEFORE_CHECKLIST)
    assert screen is not None and screen.checklist
    assert ids == [q.id for q in screen.questions]
    form = main_form(page)
    assert form.count("<fieldset") == len(ids) and "<h1>Before you go ahead</h1>" in form
    for qid in ids:
        question = pack.question(qid)
        assert question is not None
        legend = f"<legend><h2>{question.text}</h2></legend>".replace("'", "&#39;")
        assert legend in form
        step = interview_flow.item_text(question).replace("'", "&#39;")
        assert f'id="s-{qid}">To go ahead: {step}</p>' in form
        for option in [*question.option_ids, *([UNSURE] if question.unsure else [])]:
            assert f'name="answer.{qid}" id="c-{qid}-{option}" value="{option}"' in form
    # An item nobody touched is never a "yes": each starts at "Not sure".
    assert group_checked(page) == {q: UNSURE for q in ids}
    progress = flow.group_progress(pack, BEFORE_CHECKLIST, screen.questions)
    assert progress.startswith(f"Questions {len(BEFORE_CHECKLIST) + 1}–")
    assert f'<p class="progress">{progress}</p>' in form
    assert 'value="back"' in form
    assert "<script" not in page and "style=" not in page


def test_a_checklist_posted_as_is_answers_not_sure_and_moves_on(client: Any) -> None:
    page = _checklist_page(client)
    ids = group_ids(page) or []
    chosen = {f"answer.{q}": UNSURE for q in ids}
    chosen[f"answer.{ids[0]}"] = "yes"
    nxt = client.post("/interview", data={**hidden(page), **chosen, "go": "next"})
    assert nxt.status_code == 200
    got = answers_in(nxt.text)
    assert got[ids[0]] == "yes" and all(got[q] == UNSURE for q in ids[1:])
    assert group_ids(nxt.text) != ids


def test_a_checklist_item_is_changed_on_its_own_keeping_the_others(client: Any) -> None:
    page = _checklist_page(client)
    ids = group_ids(page) or []
    chosen = {f"answer.{q}": UNSURE for q in ids}
    review, _asked = walk(client, {**BEFORE_CHECKLIST})
    nxt = client.post("/interview", data={**hidden(page), **chosen, "go": "next"}).text
    edit = client.post("/interview", data={**hidden(nxt), "go": f"edit:{ids[1]}"}).text
    assert question_id(edit) == ids[1] and checked(edit) == UNSURE
    after = client.post("/interview", data={**hidden(edit), "answer": "yes", "go": "next"}).text
    assert answers_in(after)[ids[1]] == "yes" and answers_in(after)[ids[0]] == UNSURE
    back = client.post("/interview", data={**hidden(page), **chosen, "go": "back"}).text
    assert "Which answer do you want to change?" in back
    assert answers_in(back) == BEFORE_CHECKLIST  # the page's own choices are not taken
    assert "Review your answers" in review


def test_the_language_switch_keeps_the_checklist(client: Any) -> None:
    page = _checklist_page(client)
    french = client.post("/interview", data={**hidden(page), "go": "stay", "lang": "fr"}).text
    assert '<html lang="fr">' in french and group_ids(french) == group_ids(page)
    assert "<h1>Avant d&#39;agir</h1>" in french
    assert "Questions 10 à " in french


@pytest.mark.parametrize(("extra", "field"), [
    ({"answer.supervisor_authorized": "maybe"}, "answer.supervisor_authorized"),
    ({"answer.channel": "text"}, "answer.channel"),
    ({"answer.nothing": "yes"}, "answer.nothing"),
    ({"at": "list:supervisor_authorized,nothing"}, "at"),
])
def test_a_tampered_checklist_is_a_400_naming_the_field(client: Any, extra: dict[str, str],
                                                        field: str) -> None:
    page = _checklist_page(client)
    response = client.post("/interview", data={**hidden(page), "go": "next", **extra})
    assert response.status_code == 400
    assert f"<code>{field}</code>" in response.text and "Traceback" not in response.text


def test_a_checklist_question_without_not_sure_must_be_answered(pack: Pack) -> None:
    """A question that offers no "Not sure" has nothing preselected; left unanswered, the
    page comes again, naming it, with the other answers as they were chosen."""
    import dataclasses

    from smguide.web import pages
    from smguide.web.forms import Form

    screen = interview_flow.next_screen(pack, BEFORE_CHECKLIST)
    assert screen is not None
    strict = dataclasses.replace(screen.questions[0], unsure=False)
    questions = (strict, *screen.questions[1:])
    group = flow.group_screen(pack, BEFORE_CHECKLIST, questions)
    assert group.items[0].default is None and group.items[1].default == UNSURE
    ids = [q.id for q in questions]
    fields = {"at": "list:" + ",".join(ids), "go": "next",
              **{f"answer.{q.id}": q.option_ids[-1] for q in questions[1:]}}
    original = pages._question

    def lookup(pack: Pack, qid: str) -> Any:
        return strict if qid == strict.id else original(pack, qid)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "_question", lookup)
        page = pages.interview(pack, Form(fields, dict(BEFORE_CHECKLIST)), "en")
    assert 'role="alert"' in page and str(strict.text).replace("'", "&#39;") in page
    assert group_ids(page) == ids
    assert group_checked(page) == {q.id: q.option_ids[-1] for q in questions[1:]}
