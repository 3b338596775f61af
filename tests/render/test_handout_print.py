"""Issue 23: handouts that print short and parse as intended.

- The HTML handout of a replay prints to at most 3 pages, Letter and A4, in headless
  Chromium (the scenarios with the most to say here; benchmarks/handout_pages.py
  measures every bundled scenario), with the full rationale as an appendix that
  prints only when asked for.
- The Markdown handout parses under CommonMark (markdown-it-py) as written: one
  numbered list of the questions, however many, each with its answer nested in it.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from smguide.cli import main
from smguide.pack.bundled import scenarios_dir
from tests import browser

MAX_PAGES = 3


def _out(*args: str) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), pytest.raises(SystemExit) as done:
        main(list(args))
    assert done.value.code == 0, args
    return buffer.getvalue()


def _ids() -> list[str]:
    return sorted(p.stem for p in scenarios_dir().rglob("*.yaml"))


def _longest(count: int) -> list[str]:
    """The scenarios whose handouts have the most to print."""
    sizes = {sid: len(_out("replay", sid, "--format", "html")) for sid in _ids()}
    return sorted(sizes, key=lambda sid: -sizes[sid])[:count]


@pytest.fixture(scope="module")
def longest() -> list[str]:
    return _longest(3)


@pytest.mark.parametrize("size", ["letter", "A4"])
def test_the_printed_handout_fits_three_pages(longest: list[str], size: str,
                                              tmp_path: Path) -> None:
    for sid in longest:
        page = tmp_path / f"{sid}.html"
        page.write_text(_out("replay", sid, "--format", "html").replace(
            "</head>", f"<style>@page {{ size: {size}; }}</style></head>"), encoding="utf-8")
        pages = browser.pdf_pages(browser.pdf(page, tmp_path / f"{sid}.pdf"))
        assert 1 <= pages <= MAX_PAGES, (sid, size, pages)


def test_the_full_rationale_is_an_appendix_printed_on_request(tmp_path: Path) -> None:
    html = _out("replay", "personal-phone-reminder", "--format", "html")
    assert 'id="appendix"' in html and "quoted</blockquote>" in html.split('id="appendix"')[1]
    # the handout itself: one line each
    assert "quoted</blockquote>" not in html.split('id="appendix"')[0]
    short = tmp_path / "short.html"
    short.write_text(html, encoding="utf-8")
    full = tmp_path / "full.html"
    full.write_text(html.replace('id="with-appendix" class="no-print"',
                                 'id="with-appendix" class="no-print" checked'),
                    encoding="utf-8")
    short_pages = browser.pdf_pages(browser.pdf(short, tmp_path / "short.pdf"))
    full_pages = browser.pdf_pages(browser.pdf(full, tmp_path / "full.pdf"))
    assert short_pages <= MAX_PAGES < full_pages or short_pages < full_pages


def _questions_list(tokens: list) -> list:  # type: ignore[type-arg]
    """The tokens of the list after the "The questions, step by step" heading."""
    start = next(i for i, t in enumerate(tokens) if t.type == "inline"
                 and t.content == "The questions, step by step")
    return tokens[start + 2:]


@pytest.mark.parametrize("sid", _ids())
def test_the_markdown_handout_parses_as_written(sid: str) -> None:
    markdown = _out("replay", sid, "--format", "markdown")
    tokens = MarkdownIt("commonmark").parse(markdown)
    rest = _questions_list(tokens)
    assert rest[0].type == "ordered_list_open", sid
    assert rest[0].attrGet("start") in (None, 1)
    depth, items, answers = 0, 0, 0
    for t in rest:
        if t.type in ("ordered_list_open", "bullet_list_open"):
            depth += 1
        elif t.type in ("ordered_list_close", "bullet_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif t.type == "list_item_open" and depth == 1:
            items += 1
        elif t.type == "inline" and depth == 2 and t.content.startswith("Answer:"):
            answers += 1
    steps = markdown.split("## The questions, step by step")[1].split("\n## ")[0]
    numbered = sum(1 for line in steps.splitlines() if line[:1].isdigit())
    assert items == numbered == answers > 0, (sid, items, numbered, answers)
