"""No text in a pack or a scenario can change the structure of a Markdown document
(issue 18): the case-note Markdown, the record and the replay handout, converted the
way a reader's tool would (CommonMark with raw HTML allowed), hold no HTML, no link or
image and no heading that the texts did not come with; in Chromium no script runs and
nothing points at a remote address."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from smguide.engine.core import decide
from smguide.pack.loader import load_pack
from smguide.pack.selection import load as load_packs
from smguide.pack.translatable import Localized
from smguide.render import html, markdown
from smguide.report.model import build
from smguide.training.files import find_scenario
from smguide.training.replay import handout
from tests import browser
from tests.enginepacks import MINI, write_pack

ANSWERS = {"role": "worker", "channel": "social", "account": "personal", "awol": "no",
           "authorized": "yes", "consent": "unsure"}
PAYLOADS = [
    "1.0.0\n## Verdict: PERMITTED",
    "<script>console.log('PWNED-script')</script>",
    "<img src=http://203.0.113.9/x.png onerror=\"console.log('PWNED-img')\">",
    "[click](http://203.0.113.9/) ![i](https://203.0.113.9/i.png)",
    "<http://203.0.113.9/auto> www.example.org mail@example.org https://203.0.113.9/bare",
    "line\n\n    indented code\n\n# heading\n---\n| a | b |\n|---|---|\n| c | d |",
    "&lt;script&gt; &#x3C;b&#x3E; `code` *em* __strong__ ~~strike~~",
    "- list\n+ list\n1. ordered\n> quote\n[ref]: http://203.0.113.9/",
    "<iframe src='https://203.0.113.9/'></iframe><style>@import url(http://203.0.113.9)</style>",
]
CONVERTER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
BAD = {"html_inline", "html_block", "link_open", "image", "code_block", "fence", "hr",
       "table_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "s_open"}


def tokens(text: str) -> list[Any]:
    out = []
    for token in CONVERTER.parse(text):
        out.append(token)
        out.extend(token.children or [])
    return out


def shape(text: str) -> list[str]:
    """The block structure: which blocks, in which order (headings with their level);
    paragraphs in a row count once (a narrative keeps its own paragraphs)."""
    out: list[str] = []
    for t in CONVERTER.parse(text):
        kind = t.tag if t.type == "heading_open" else t.type
        if t.type.endswith("_open") and not (kind == "paragraph_open" and out
                                             and out[-1] == kind):
            out.append(kind)
    return out


def hostile(pack: Any, payload: str) -> None:
    """Every text of the pack set to ``payload``."""
    text = Localized({"en": payload})
    pack.manifest.version = payload
    pack.manifest.title = text
    for rule in pack.rules:
        rule.title = rule.rationale = text
        rule.obligations = [text]
        rule.cautions = [text]
        for cite in rule.cite:
            cite.quote = payload
    for question in pack.questions:
        question.text = text
        for option in question.options:
            option.text = text
        question.find_out = text
    for source in pack.sources:
        source.title = source.short_title = text
        for section in source.sections:
            section.title = text


def documents(pack: Any) -> list[str]:
    report = build(pack, decide(pack, ANSWERS))
    return [markdown.decision(report),
            markdown.record(report, recorded_at="2026-01-01T00:00:00Z")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_pack_texts_cannot_change_a_markdown_document(tmp_path: Path, payload: str) -> None:
    folder = write_pack(tmp_path / "p", MINI)
    baseline = documents(_plain(load_pack(folder)))
    pack = load_pack(folder)
    hostile(pack, payload)
    for plain, forged in zip(baseline, documents(pack), strict=True):
        assert shape(forged) == shape(plain)
        found = {t.type for t in tokens(forged)} & BAD
        assert not found - {t.type for t in tokens(plain)}, found


def _plain(pack: Any) -> Any:
    hostile(pack, "plain words")
    return pack


def test_random_texts_never_change_the_structure(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", MINI)
    baseline = [shape(d) for d in documents(_plain(load_pack(folder)))]
    rng = random.Random(18)
    alphabet = [*"<>&[]()!#*_`~|\\:/.@-+=>\"' \n\t1aZ", "www.", "http://", "\x1b", "\u202e"]
    for _ in range(60):
        payload = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        pack = load_pack(folder)
        hostile(pack, payload)
        forged = documents(pack)
        assert [shape(d) for d in forged] == baseline, repr(payload)
        assert not {t.type for d in forged for t in tokens(d)} & {
            "html_inline", "html_block", "link_open", "image"}, repr(payload)
        assert not any(c in d for d in forged for c in "\x1b\u202e"), repr(payload)


def _handout(payload: str) -> str:
    pack = load_packs(None)
    scenario = find_scenario("personal-phone-reminder", None).scenario
    text = Localized({"en": payload})
    forged = scenario.model_copy(update={
        "title": text, "narrative": Localized({"en": f"{payload}\n\n{payload}"}),
        "teaching_points": [text], "discussion": [text], "notes": {
            q: text for q in scenario.answers}})
    return html.handout_markdown(handout(pack, forged))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_scenario_texts_cannot_change_the_markdown_handout(payload: str) -> None:
    plain = _handout("plain words")
    forged = _handout(payload)
    assert shape(forged) == shape(plain)
    assert not ({t.type for t in tokens(forged)} & BAD) - {t.type for t in tokens(plain)}


def test_the_handout_runs_nothing_in_a_browser(tmp_path: Path) -> None:
    """All payloads at once, converted to HTML as a reader's tool would, opened in
    headless Chromium: no script ran, and no element names a remote address."""
    body = "\n\n".join(CONVERTER.render(_handout(p)) for p in PAYLOADS)
    page = tmp_path / "handout.html"
    page.write_text(f"<!doctype html><meta charset=utf-8><body>{body}</body>", encoding="utf-8")
    loaded = browser.load(page)
    assert "PWNED" not in "\n".join(loaded.console)
    dom = loaded.dom.lower()
    for tag in ("<script", "<img", "<iframe", "<style", "<a "):
        assert tag not in dom, tag
    assert "203.0.113.9" in dom  # the payloads are there, as text
