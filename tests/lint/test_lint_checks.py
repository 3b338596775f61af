"""Every structural check: a failing fixture (golden output) and a passing one.

tests/fixtures/lint/<check-id>/fail/ is a pack whose ``expected.txt`` lists what
``smguide lint --select <check-id>`` reports on it, paths relative to
tests/fixtures/lint/; tests/fixtures/lint/<check-id>/pass/ is a pack on which no
structural check reports anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smguide.lint import docs
from smguide.lint.registry import discover
from tests.lintutil import FIXTURES, run_cli

STRUCTURAL = sorted(c.id for c in discover() if c.kind == "structural")


def _extra(check: str) -> list[str]:
    texts = FIXTURES / check / "texts"
    return ["--source-text", str(texts.relative_to(FIXTURES))] if texts.is_dir() else []


def _fail_folders(check: str) -> list[Path]:
    return sorted(p for p in (FIXTURES / check).glob("fail*") if p.is_dir())


@pytest.mark.parametrize("check", STRUCTURAL)
def test_failing_fixture(check: str, capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    folders = _fail_folders(check)
    assert folders, f"no failing fixture for {check}"
    for folder in folders:
        rel = str(folder.relative_to(FIXTURES))
        code, out, _ = run_cli(capsys, "lint", "--select", check, *_extra(check), rel)
        expected = (folder / "expected.txt").read_text(encoding="utf-8")
        assert out == expected, rel
        level = next(c.level for c in discover() if c.id == check)
        assert code == (1 if level == "error" else 0)
        code, _, _ = run_cli(capsys, "lint", "--strict", "--select", check, *_extra(check), rel)
        assert code == 1


@pytest.mark.parametrize("check", STRUCTURAL)
def test_passing_fixture(check: str, capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    folder = FIXTURES / check / "pass"
    assert folder.is_dir(), f"no passing fixture for {check}"
    code, out, _ = run_cli(capsys, "lint", "--strict", "--select", "structural",
                           *_extra(check), str(folder.relative_to(FIXTURES)))
    assert code == 0
    assert out.startswith("0 error(s), 0 warning(s) in 1 pack") and out.endswith(": clean\n")
    assert out.count("\n") == 1


@pytest.mark.parametrize("check", discover(), ids=lambda c: c.id)
def test_check_modules_follow_the_contract(check: object) -> None:
    from smguide.lint.registry import Check

    assert isinstance(check, Check)
    assert check.id == check.id.lower() and " " not in check.id
    assert check.doc.splitlines()[0].strip(), "a one-line summary first"
    assert "Passes::" in check.doc and "Fails::" in check.doc, check.id


def test_lint_checks_doc_is_current() -> None:
    path = Path(__file__).parents[2] / "docs" / "lint-checks.md"
    assert path.read_text(encoding="utf-8") == docs.render(), (
        "docs/lint-checks.md is stale: run python -m smguide.lint.docs")
