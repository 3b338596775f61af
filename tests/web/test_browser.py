"""The web interview in a real browser: Debian's chromium driven by Playwright, against
``smguide serve`` on 127.0.0.1. Three situations walked end to end by clicking, on a
phone (360×740) and a desktop (1280×900), one in French, one without JavaScript; one
interview with the keyboard alone; an axe-core scan (WCAG 2.2 AA) of the question,
review and answer pages. Screenshots go to ``$SMGUIDE_SCREENSHOTS`` when set (to look
at), else to the test's temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smguide.pack.bundled import scenarios_dir
from tests.browser import chromium
from tests.web.conftest import start_server, stop_server
from tests.web.test_fidelity import _answers, _untimed

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, port = start_server(tmp_path_factory.mktemp("cache"))
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()  # skips, saying why, without a chromium
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SMGUIDE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _scenario(name: str) -> dict[str, str]:
    return _answers(next(scenarios_dir().glob(f"*/{name}.yaml")))


def _page(browser: Any, viewport: dict[str, int], *, lang: str = "en", js: bool = True,
          bypass_csp: bool = False) -> Any:
    context = browser.new_context(viewport=viewport, java_script_enabled=js,
                                  locale="fr-CA" if lang == "fr" else "en-CA",
                                  bypass_csp=bypass_csp, accept_downloads=True)
    return context.new_page()


def _press(page: Any, button: Any) -> None:
    """Click a button that posts its form, and wait for the page it brings: reading the
    page before it came read the old one (or none, mid-load), now and then."""
    with page.expect_navigation():
        button.click()


def _current_question(page: Any) -> str | None:
    at = page.locator('main form input[name="at"]').first
    if not at.count():
        return None
    value = str(at.get_attribute("value"))
    return value.partition(":")[2] if value.startswith(("ask:", "edit:")) else None


def _checklist(page: Any) -> list[str]:
    """The questions of a page of several (a checklist), else none."""
    at = page.locator('main form input[name="at"]').first
    value = str(at.get_attribute("value")) if at.count() else ""
    return value.removeprefix("list:").split(",") if value.startswith("list:") else []


def _walk(page: Any, answers: dict[str, str], shoot: Path | None = None,
          checklist_shot: Path | None = None, stop_at_checklist: bool = False) -> list[str]:
    """Answer by clicking until the review (or the first checklist): the scenario's
    answer, else the preselected one, else the first option."""
    asked: list[str] = []
    for step in range(60):
        listed = _checklist(page)
        if listed and stop_at_checklist:
            return asked
        if listed:
            asked += listed
            for item in listed:
                if answers.get(item):
                    page.locator(f'label[for="c-{item}-{answers[item]}"]').click()
            if checklist_shot is not None:
                page.screenshot(path=str(checklist_shot), full_page=True)
                checklist_shot = None
            _press(page, page.locator('button[value="next"]'))
            continue
        qid = _current_question(page)
        if qid is None:
            return asked
        asked.append(qid)
        wanted = answers.get(qid)
        if wanted is None and not page.locator('input[name="answer"]:checked').count():
            wanted = str(page.locator('input[name="answer"]').first.get_attribute("value"))
        if wanted is not None:
            page.locator(f'label[for="c-{wanted}"]').click()  # a person clicks the words
        if shoot is not None and step == 1:
            page.screenshot(path=str(shoot), full_page=True)
        _press(page, page.locator('button[value="next"]'))
    raise AssertionError("the interview did not end")


def _axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           WCAG)
    return [{"id": v["id"], "help": v["help"],
             "nodes": [n["html"] for n in v["nodes"]][:3]} for v in result["violations"]]


def _markdown_record(page: Any) -> str:
    """Download the page's Markdown record, as a person clicks it."""
    with page.expect_download() as download:
        page.locator('form.records button[value="md"]').click()
    return Path(download.value.path()).read_text(encoding="utf-8")


def _landed(page: Any, title: str, shot: Path | None = None) -> None:
    """The page titled ``title`` came, fits the window, and is photographed (``shot``)."""
    assert page.inner_text("h1") == title
    _fits(page)
    if shot is not None:
        page.screenshot(path=str(shot), full_page=True)


def _fits(page: Any) -> None:
    """Nothing wider than the window: no sideways scrolling on a phone."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])


def _name(viewport: dict[str, int]) -> str:
    return "phone" if viewport == PHONE else "desktop"


@VIEWPORTS
def test_foster_parent_without_javascript_back_edit_and_record(
        browser: Any, base_url: str, shots: Path, viewport: dict[str, int]) -> None:
    """Situation 1, script off: a foster parent texting a birth parent from her phone;
    goes back to change the channel and back again, then downloads the record."""
    answers = _scenario("foster-parent-texts-birth-father")
    page = _page(browser, viewport, js=False)
    shot = _name(viewport)
    page.goto(base_url + "/")
    page.screenshot(path=str(shots / f"{shot}-en-1-question.png"), full_page=True)
    _fits(page)
    assert "In what role are you acting?" in page.inner_text("h1")
    asked = _walk(page, answers, shots / f"{shot}-en-2-question-help.png",
                  shots / f"{shot}-en-2-checklist.png")
    assert asked[:3] == ["role", "activity", "channel"]  # the interview's order (issue 19)
    # Change an earlier answer, then change it back: later answers are kept.
    _press(page, page.locator('button[value="edit:channel"]'))
    assert page.locator("#c-text").is_checked()
    page.locator('label[for="c-instant_message"]').click()
    _press(page, page.locator('button[value="next"]'))
    _walk(page, answers)
    _press(page, page.locator('button[value="edit:channel"]'))
    page.locator('label[for="c-text"]').click()
    _press(page, page.locator('button[value="next"]'))
    _walk(page, answers)
    page.screenshot(path=str(shots / f"{shot}-en-3-review.png"), full_page=True)
    _fits(page)
    assert page.locator("table.review").is_visible()
    _press(page, page.get_by_role("button", name="Yes — show the recommendation"))
    _fits(page)
    headline = page.inner_text("h1.headline")
    assert headline.startswith(("DISCOURAGED", "PROHIBITED", "PERMITTED", "NOT YET",
                                "NEEDS", "CONSULT", "DEPENDS"))
    page.screenshot(path=str(shots / f"{shot}-en-4-answer.png"), full_page=False)
    page.locator("details.rationale summary").click()  # <details> opens without script
    assert page.locator("details.rationale").get_attribute("open") is not None
    posted = {str(i.get_attribute("name"))[2:]: str(i.get_attribute("value"))
              for i in page.locator('form.records input[type="hidden"]').all()
              if str(i.get_attribute("name")).startswith("a.")}
    with page.expect_download() as download:
        page.locator('form.records button[value="md"]').click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "smguide-decision.md"
    assert saved.startswith("# Decision record (smguide)")
    from smguide.pack.selection import load_and_warn as load
    from smguide.web import outputs

    expected = outputs.record(outputs.report_for(load(None), posted), "md")
    assert _untimed(saved) == _untimed(expected)
    page.context.close()


@VIEWPORTS
def test_awol_youth_in_french(browser: Any, base_url: str, shots: Path,
                              viewport: dict[str, int]) -> None:
    """Situation 2, in French (from the browser's language): a worker texting a youth
    whose AWOL status is not known; then the switch to English keeps the answer."""
    answers = _scenario("awol-status-unsure")
    page = _page(browser, viewport, lang="fr")
    shot = _name(viewport)
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.screenshot(path=str(shots / f"{shot}-fr-1-question.png"), full_page=True)
    asked = _walk(page, answers, checklist_shot=shots / f"{shot}-fr-2-checklist.png")
    assert {"supervisor_authorized", "consent", "identifying_info"} <= set(asked)
    assert "Revoyez vos réponses" in page.inner_text("h1")
    _fits(page)
    page.screenshot(path=str(shots / f"{shot}-fr-3-review.png"), full_page=True)
    _press(page, page.get_by_role("button", name="Oui — afficher la recommandation"))
    _fits(page)
    page.screenshot(path=str(shots / f"{shot}-fr-4-answer.png"), full_page=True)
    assert page.inner_text("h1.headline").startswith("À VÉRIFIER")
    assert page.locator("details.rationale summary").inner_text().startswith("Afficher")
    _press(page, page.get_by_role("button", name="English"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.inner_text("h1.headline").startswith("DEPENDS")
    page.context.close()


@VIEWPORTS
def test_adoptive_parent_friend_request_and_reflection(
        browser: Any, base_url: str, shots: Path, viewport: dict[str, int]) -> None:
    """Situation 3: an adoptive parent's friend request to the child; the guided
    reflection by clicking, a note the guard refuses then one it keeps, the record
    downloaded with the reflection, and back to the answer."""
    answers = _scenario("adoptive-parent-friends-child")
    page = _page(browser, viewport)
    shot = _name(viewport)
    page.goto(base_url + "/")
    _walk(page, answers)
    _press(page, page.get_by_role("button", name="Yes — show the recommendation"))
    _fits(page)
    page.screenshot(path=str(shots / f"{shot}-en-adoptive-answer.png"), full_page=True)
    page.locator("details.reflection summary").click()
    _press(page, page.get_by_role("button", name="Start the guided reflection"))
    assert "Reflecting on this decision" in page.inner_text("h1")
    _fits(page)
    page.screenshot(path=str(shots / f"{shot}-en-adoptive-reflect.png"), full_page=True)
    page.get_by_label("Engagement: keep in touch, support the relationship").check()
    for method in ("face_to_face", "phone", "agency_email"):
        page.locator(f'label[for="r-tried.{method}-partly"]').click()
    page.get_by_label("My supervisor", exact=True).check()
    page.get_by_label("Anything to add to the record about your reasoning?").fill(
        "Reach me at @someone")
    _press(page, page.get_by_role("button", name="Finish the reflection"))
    assert "a social media handle" in page.locator("#e-note").inner_text()
    page.screenshot(path=str(shots / f"{shot}-en-adoptive-reflect-note-refused.png"))
    page.get_by_label("Anything to add to the record about your reasoning?").fill(
        "Talked it through with my supervisor first.")
    _press(page, page.get_by_role("button", name="Finish the reflection"))
    _landed(page, "Your reflection", shots / f"{shot}-en-adoptive-reflected.png")
    saved = _markdown_record(page)
    assert "### Your reflection" in saved
    assert "Talked it through with my supervisor first." in saved
    # Then "act otherwise", from the reflection: one record holds both.
    _press(page, page.get_by_role("button", name="Record that I will act otherwise"))
    _landed(page, "Acting otherwise than the recommendation")
    page.get_by_label("Not make this contact, although it is allowed").check()
    page.get_by_label("The client's needs or circumstances call for it").check()
    page.screenshot(path=str(shots / f"{shot}-en-adoptive-otherwise.png"), full_page=True)
    _press(page, page.get_by_role("button", name="Record it"))
    _landed(page, "You will act otherwise than the recommendation",
            shots / f"{shot}-en-adoptive-otherwise-done.png")
    saved = _markdown_record(page)
    assert "### Your reflection" in saved
    assert "### You will act otherwise than the recommendation" in saved
    _press(page, page.get_by_role("button", name="← Back to the recommendation"))
    page.locator("h1.headline").wait_for(timeout=15_000)
    page.context.close()


def _focused(page: Any, what: str) -> str:
    return str(page.evaluate(f"document.activeElement.{what}") or "")


def _keyboard_walk(page: Any, answers: dict[str, str], shot: Path,
                   change: dict[str, str] | None = None) -> dict[str, str]:
    """Answer to the review with the keyboard alone: Tab to a question's answers (one
    stop per question, on its preselected answer), the arrows to the one wanted, Enter to
    go on. Return the answers picked on checklist pages (``change`` overrides some)."""
    on_lists: dict[str, str] = {}
    for _screen in range(40):
        listed = _checklist(page)
        qid = _current_question(page)
        if not listed and qid is None:
            return on_lists
        if listed:
            for _tab in range(40):  # Tab to the first question's answers
                page.keyboard.press("Tab")
                if _focused(page, "name") == f"answer.{listed[0]}":
                    break
            for item in listed:
                assert _focused(page, "name") == f"answer.{item}"
                assert _focused(page, "value") == "unsure"  # the stop is the preselected one
                wanted = (change or {}).get(item) or answers.get(item) or "unsure"
                on_lists[item] = wanted
                for _arrow in range(10):
                    if _focused(page, "value") == wanted:
                        break
                    page.keyboard.press("ArrowDown")
                assert _focused(page, "value") == wanted
                if item == listed[min(2, len(listed) - 1)]:
                    page.screenshot(path=str(shot))
                if item != listed[-1]:
                    page.keyboard.press("Tab")  # the next question's answers
            with page.expect_navigation():
                page.keyboard.press("Enter")  # submits with the form's first button: Next
            continue
        for _tab in range(40):  # Tab to the answers
            page.keyboard.press("Tab")
            if _focused(page, "name") == "answer":
                break
        if not page.locator('input[name="answer"]:checked').count():
            page.keyboard.press("Space")
        for _arrow in range(20):  # the arrows move through the answers
            if qid not in answers or _focused(page, "value") == answers[qid]:
                break
            page.keyboard.press("ArrowDown")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    raise AssertionError("the interview did not end")


def test_keyboard_alone(browser: Any, base_url: str, shots: Path) -> None:
    """One interview, from the first question to the rationale, by keyboard alone."""
    answers = _scenario("foster-parent-texts-birth-father")
    page = _page(browser, PHONE)
    page.goto(base_url + "/")
    _keyboard_walk(page, answers, shots / "phone-keyboard-checklist-foster.png")
    assert "Review your answers" in page.inner_text("h1")
    for _tab in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith("Yes — show"):
            break
    page.screenshot(path=str(shots / "phone-keyboard-review-focus.png"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1.headline").is_visible()
    for _tab in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    page.keyboard.press("Enter")
    assert page.locator("details.rationale").get_attribute("open") is not None
    page.context.close()


@VIEWPORTS
def test_keyboard_alone_through_a_checklist(browser: Any, base_url: str, shots: Path,
                                            viewport: dict[str, int]) -> None:
    """A worker texting a youth: the checklist page answered with Tab and the arrows,
    one answer changed by hand; the review holds the answers picked."""
    answers = _scenario("awol-status-unsure")
    page = _page(browser, viewport)
    page.goto(base_url + "/")
    picked = _keyboard_walk(page, answers, shots / f"{_name(viewport)}-keyboard-checklist.png",
                            change={"consent": "no"})
    assert "Review your answers" in page.inner_text("h1")
    assert len(picked) > 3 and picked["consent"] == "no"
    reviewed = {str(i.get_attribute("name"))[2:]: str(i.get_attribute("value"))
                for i in page.locator('main form input[type="hidden"]').all()
                if str(i.get_attribute("name")).startswith("a.")}
    assert {k: reviewed[k] for k in picked} == picked
    page.context.close()


@VIEWPORTS
def test_accessibility_wcag22_aa(browser: Any, base_url: str, viewport: dict[str, int]) -> None:
    # The scan is a script, injected: the page's own CSP forbids any, so it is set aside
    # for this context only.
    page = _page(browser, viewport, bypass_csp=True)
    page.goto(base_url + "/")
    found = {"question": _axe(page)}
    page.goto(base_url + "/")
    _press(page, page.locator('button[value="next"]'))  # nothing chosen: the error state
    found["question with error"] = _axe(page)
    page.goto(base_url + "/")
    page.locator('label[for="c-foster_parent"]').click()
    _press(page, page.locator('button[value="next"]'))
    _press(page, page.locator('button[value="back"]'))
    found["earlier answers"] = _axe(page)
    page.goto(base_url + "/")
    _walk(page, {**_scenario("awol-status-unsure"), "supervisor_authorized": ""},
          stop_at_checklist=True)
    found["checklist"] = _axe(page)
    _press(page, page.locator('button[value="next"]'))  # nothing chosen is "not sure"
    _walk(page, _scenario("awol-status-unsure"))
    found["review"] = _axe(page)
    _press(page, page.get_by_role("button", name="Yes — show the recommendation"))
    page.locator("details.rationale summary").click()
    page.locator("details.reflection summary").click()
    found["answer"] = _axe(page)
    _press(page, page.get_by_role("button", name="Start the guided reflection"))
    found["reflection"] = _axe(page)
    _press(page, page.get_by_role("button", name="Finish the reflection"))  # choices missing
    found["reflection with messages"] = _axe(page)
    page.get_by_label("A safety check on the child").check()
    for method in ("face_to_face", "phone", "agency_email"):
        page.locator(f'label[for="r-tried.{method}-yes"]').click()
    page.get_by_label("No one yet", exact=True).check()
    _press(page, page.get_by_role("button", name="Finish the reflection"))
    assert page.inner_text("h1") == "Your reflection"
    found["reflection done"] = _axe(page)
    _press(page, page.get_by_role("button", name="Record that I will act otherwise"))
    found["act otherwise"] = _axe(page)
    _press(page, page.get_by_role("button", name="Record it"))  # choices missing
    found["act otherwise with messages"] = _axe(page)
    page.get_by_label("Go ahead as I planned, despite the recommendation").check()
    page.get_by_label("It is urgent: the required steps cannot be taken in time").check()
    _press(page, page.get_by_role("button", name="Record it"))
    assert page.inner_text("h1") == "You will act otherwise than the recommendation"
    found["act otherwise done"] = _axe(page)
    assert found == {key: [] for key in found}
    page.context.close()


def test_the_scan_does_find_violations(browser: Any) -> None:
    """A check of the check: the same scan on a page with known faults reports them."""
    page = _page(browser, DESKTOP, bypass_csp=True)
    page.set_content('<html><body><img src="x.png"><input type="text">'
                     '<p style="color:#bbb;background:#fff">faint</p></body></html>')
    found = {v["id"] for v in _axe(page)}
    assert {"image-alt", "label", "color-contrast", "html-has-lang"} <= found
    page.context.close()
