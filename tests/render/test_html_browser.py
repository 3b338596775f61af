"""Every HTML output opened in a real browser (headless Chromium): the diagram of the
bundled policy renders (SVG nodes, no console message), the handout and the
case-file report load cleanly, screenshots are not blank, and the report prints with
a page break between its sections."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from smguide.cli import main
from tests import browser

ANSWERS = ("--set", "role=protection_worker", "--set", "activity=message",
           "--set", "counterpart=family", "--set", "channel=text",
           "--set", "phone=personal_phone")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The HTML outputs, each written once by the CLI."""
    folder = tmp_path_factory.mktemp("html")
    out: dict[str, Path] = {}

    for name, args in {
        "graph": ["graph", "--format", "html"],
        "focus": ["graph", "--format", "html", "--focus", "personal-mobile-discouraged"],
        "message": ["graph", "--format", "html", "--activity", "message"],
        "friend": ["graph", "--format", "html", "--activity", "friend"],
        "handout": ["replay", "personal-phone-reminder", "--format", "html"],
        "decision": ["decide", *ANSWERS, "--format", "html"],
    }.items():
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), pytest.raises(SystemExit) as done:
            main(args)
        assert done.value.code == 0, name
        out[name] = folder / f"{name}.html"
        out[name].write_text(buffer.getvalue(), encoding="utf-8")
    return out


@pytest.mark.parametrize("name", ["graph", "focus"])
def test_the_diagram_renders_in_a_browser(pages: dict[str, Path], name: str) -> None:
    page = browser.load(pages[name])
    assert 'data-rendered="yes"' in page.dom, page.console
    assert page.console == []
    svgs = page.dom.count("<svg")
    nodes = len(re.findall(r'<g[^>]*class="node[ "]', page.dom))
    assert svgs >= (5 if name == "graph" else 1)  # one diagram per activity
    assert nodes >= (100 if name == "graph" else 3), nodes
    for verdict in ("prohibited", "discouraged"):
        assert verdict in page.dom


@pytest.mark.parametrize("name", ["graph", "handout", "decision"])
def test_screenshots_are_not_blank(pages: dict[str, Path], name: str,
                                   tmp_path: Path) -> None:
    png = browser.screenshot(pages[name], tmp_path / f"{name}.png")
    share, colours = browser.ink(png)
    assert share > 0.02 and colours > 8, (share, colours)


def test_the_handout_and_report_load_cleanly(pages: dict[str, Path]) -> None:
    handout = browser.load(pages["handout"])
    assert handout.console == []
    assert "An appointment reminder from a personal phone" in handout.dom
    assert "Why it matters" in handout.dom and "DISCOURAGED" in handout.dom
    report = browser.load(pages["decision"])
    assert report.console == []
    assert "PROHIBITED" in report.dom and "quoted</blockquote>" in report.dom


def test_the_report_prints_with_page_breaks(pages: dict[str, Path], tmp_path: Path) -> None:
    sections = pages["decision"].read_text(encoding="utf-8").count('<section class="page"')
    assert sections >= 4
    pdf = browser.pdf(pages["decision"], tmp_path / "report.pdf")
    assert browser.pdf_pages(pdf) >= sections


def test_a_blank_screenshot_is_seen_as_blank(tmp_path: Path) -> None:
    """The non-blank check is worth something: a white page fails it."""
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>")
    share, colours = browser.ink(browser.screenshot(blank, tmp_path / "blank.png", (400, 300)))
    assert share == 0.0 and colours == 1


PROJECTOR = (1280, 720)


@pytest.mark.parametrize("name", ["message", "friend"])
def test_each_view_fits_a_projector(pages: dict[str, Path], name: str, tmp_path: Path) -> None:
    """Issue 23: the default view of an activity fits 1280×720 without scrolling, with
    the texts people read (no ids), the verdicts in words, and a legend."""
    page = browser.load(pages[name], PROJECTOR)
    assert 'data-rendered="yes"' in page.dom and page.console == [], page.console
    assert 'data-fits="yes"' in page.dom
    first = page.dom.split('<section class="slide page" id="d2"')[0]
    assert "What do you want to do?" in first and "In what role are you acting?" in first
    assert "review_request" not in re.sub(r'(id|class|data-[a-z-]+)="[^"]*"', "", first)
    assert "permitted with conditions" in first  # the legend, in words
    png = browser.screenshot(pages[name], tmp_path / f"{name}.png", PROJECTOR)
    share, colours = browser.ink(png)
    assert share > 0.02 and colours > 8, (share, colours)
