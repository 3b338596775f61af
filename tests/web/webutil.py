"""Reading the web pages in tests: the hidden state, the question on screen, a walk."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def main_form(page: str, action: str = "/interview") -> str:
    """The first form of the page's main part posting to ``action``."""
    main = page.split('<main id="main">', 1)[1]
    return main.split(f'<form method="post" action="{action}"', 1)[1].split("</form>", 1)[0]


def hidden(page: str, action: str = "/interview") -> dict[str, str]:
    return {html.unescape(n): html.unescape(v) for n, v in HIDDEN.findall(main_form(page, action))}


def form_fields(page: str, action: str, kind: str) -> dict[str, str]:
    """The named values of the page's form ``<form … action=ACTION class=KIND>``
    (the language switch is class ``lang``; the buttons to go elsewhere, ``again``)."""
    opening = f'<form method="post" action="{action}" class="{kind}">'
    form = page.split(opening, 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))


def answers_in(page: str, action: str = "/interview") -> dict[str, str]:
    return {k[2:]: v for k, v in hidden(page, action).items() if k.startswith("a.")}


def question_id(page: str) -> str | None:
    found = re.search(r'name="at" value="(?:ask|edit):([^"]+)"', main_form(page))
    return found.group(1) if found else None


def group_ids(page: str) -> list[str] | None:
    """The questions of a page of several (a checklist), else None."""
    found = re.search(r'name="at" value="list:([^"]+)"', main_form(page))
    return found.group(1).split(",") if found else None


def group_checked(page: str) -> dict[str, str]:
    """Each question's preselected answer on a page of several."""
    return dict(re.findall(r'name="answer\.([^"]+)" id="c-[^"]+" value="([^"]+)" checked',
                           page))


def _first(page: str, qid: str) -> str:
    found = re.search(rf'name="answer\.{re.escape(qid)}" id="c-[^"]+" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def checked(page: str) -> str | None:
    found = re.search(r'name="answer" id="c-[^"]+" value="([^"]+)" checked', page)
    return found.group(1) if found else None


def walk(client: Any, answers: Mapping[str, str], lang: str = "en") -> tuple[str, list[str]]:
    """Answer the interview from ``answers`` (else the preselected answer, else the first
    option) until the review; return the review page and the questions asked."""
    page, screens = walk_screens(client, answers, lang)
    return page, [qid for screen in screens for qid in screen]


def walk_screens(client: Any, answers: Mapping[str, str],
                 lang: str = "en") -> tuple[str, list[tuple[str, ...]]]:
    """:func:`walk`, returning the questions of each page (several on a checklist)."""
    page = client.get(f"/?lang={lang}").text
    asked: list[tuple[str, ...]] = []
    for _step in range(100):
        group = group_ids(page)
        if group is not None:
            asked.append(tuple(group))
            preset = group_checked(page)
            chosen = {f"answer.{q}": answers.get(q) or preset.get(q) or _first(page, q)
                      for q in group}
            response = client.post("/interview", data={**hidden(page), **chosen, "go": "next"})
            assert response.status_code == 200, response.text
            page = response.text
            continue
        qid = question_id(page)
        if qid is None:
            return page, asked
        asked.append((qid,))
        first = re.search(r'name="answer" id="c-[^"]+" value="([^"]+)"', page)
        assert first is not None
        choice = answers.get(qid) or checked(page) or first.group(1)
        response = client.post("/interview", data={**hidden(page), "answer": choice,
                                                    "go": "next"})
        assert response.status_code == 200, response.text
        page = response.text
    raise AssertionError("the interview did not end")
