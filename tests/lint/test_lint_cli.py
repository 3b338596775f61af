"""``smguide lint`` as a command: exit codes, formats, select/ignore, disable comments."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from smguide.lint.registry import discover
from smguide.pack.bundled import rules_dir
from tests.lintutil import FIXTURES, run_cli

Capsys = pytest.CaptureFixture[str]
CLEAN = FIXTURES / "schema" / "pass"
BROKEN = FIXTURES / "unknown-reference" / "fail"  # 4 errors and a warning
SHARED_SOURCES = Path("/work/shared/sources")
# Fixtures are written for the structural checks; the semantic ones judge them elsewhere.
STRICT = ("--strict", "--select", "structural")


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)


def test_exit_codes(capsys: Capsys, tmp_path: Path) -> None:
    assert run_cli(capsys, "lint", "--select", "structural", str(CLEAN))[0] == 0
    assert run_cli(capsys, "lint", str(BROKEN))[0] == 1
    code, out, err = run_cli(capsys, "lint", str(tmp_path / "nope"))
    assert code == 2 and out == "" and "no such file or folder" in err
    code, _, err = run_cli(capsys, "lint", str(tmp_path))  # a folder without packs
    assert code == 2 and "no rule pack" in err
    code, _, err = run_cli(capsys, "lint", "--select", "no-such-check", str(CLEAN))
    assert code == 2 and "unknown check 'no-such-check'" in err
    code, _, err = run_cli(capsys, "lint", "--source-text", str(tmp_path / "x"), str(CLEAN))
    assert code == 2 and "--source-text" in err


def test_warnings_fail_only_with_strict(capsys: Capsys) -> None:
    folder = FIXTURES / "unused-question" / "fail"
    assert run_cli(capsys, "lint", "--select", "structural", str(folder))[0] == 0
    assert run_cli(capsys, "lint", "--select", "structural", "--strict", str(folder))[0] == 1


def test_text_format(capsys: Capsys) -> None:
    _, out, _ = run_cli(capsys, "lint", "--select", "structural", "unknown-reference/fail")
    lines = out.splitlines()
    assert lines[-1] == "4 error(s), 1 warning(s) in 1 pack"
    assert re.fullmatch(r"unknown-reference/fail/\S+\.yaml:\d+:\d+: (error|warning) "
                        r"\[[a-z-]+\] .+", lines[0])


def test_json_format(capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "lint", "--format", "json", "unknown-reference/fail")
    data = json.loads(out)
    assert code == 1
    assert data["summary"] == {"errors": 4, "warnings": 1, "scenarios": 0}
    first = data["findings"][0]
    assert set(first) == {"check", "level", "message", "path", "line", "column", "witness"}
    assert first["path"].startswith("unknown-reference/fail/") and first["line"] > 0


def test_sarif_format(capsys: Capsys) -> None:
    _, out, _ = run_cli(capsys, "lint", "--format", "sarif", "unknown-reference/fail")
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {c.id for c in discover()}
    assert len(run["results"]) == 5
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning")
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].startswith("unknown-reference/fail/")
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1


def test_github_format(capsys: Capsys) -> None:
    _, out, _ = run_cli(capsys, "lint", "--format", "github", "unknown-reference/fail")
    lines = out.splitlines()
    assert len(lines) == 5
    pattern = r"::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::[^\n]+"
    assert all(re.fullmatch(pattern, line) for line in lines), lines
    assert "::error file=unknown-reference/fail/rules.yaml,line=4,col=21," \
           "title=unknown-reference::rule 'phone-ok'" in out


def test_github_escapes_newlines_and_percent() -> None:
    from smguide.errors import Location
    from smguide.lint.api import Finding
    from smguide.lint.output import github
    from smguide.lint.runner import Report

    report = Report(checks=[], findings=[
        Finding("schema", "error", "50% done\nsecond line", Location("a,b:c.yaml", 1, 2))])
    assert github(report) == \
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=schema::50%25 done%0Asecond line\n"


def test_select_and_ignore(capsys: Capsys) -> None:
    def checks(*args: str) -> set[str]:
        _, out, _ = run_cli(capsys, "lint", "--format", "json", *args, "unknown-reference/fail")
        return {f["check"] for f in json.loads(out)["findings"]}

    assert checks() == {"unknown-reference", "unused-option"}
    assert checks("--select", "unused-option") == {"unused-option"}
    assert checks("--ignore", "unused-option") == {"unknown-reference"}
    assert checks("--select", "unused-option,unknown-reference",
                  "--ignore", "unknown-reference") == {"unused-option"}
    assert checks("--select", "schema", "--select", "unused-option") == {"unused-option"}
    assert checks("--select", "semantic") == set()  # the pack does not load


def test_disable_comment(capsys: Capsys, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    shutil.copytree(FIXTURES / "unused-option" / "fail", folder)
    (folder / "expected.txt").unlink()
    questions = folder / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    assert run_cli(capsys, "lint", *STRICT, str(folder))[0] == 1

    # On the node's line...
    questions.write_text(text.replace("      - id: fax\n",
                                      "      - id: fax  # smguide-lint: disable=unused-option\n"))
    assert run_cli(capsys, "lint", *STRICT, str(folder))[0] == 0
    # ...or on a comment line just before it; other ids do not count.
    directive = "      # smguide-lint: disable=unused-question, unused-option\n"
    questions.write_text(text.replace("      - id: fax\n", directive + "      - id: fax\n"))
    assert run_cli(capsys, "lint", *STRICT, str(folder))[0] == 0
    questions.write_text(text.replace("      - id: fax\n",
                                      "      # smguide-lint: disable=unused-question\n"
                                      "      - id: fax\n"))
    assert run_cli(capsys, "lint", *STRICT, str(folder))[0] == 1
    # A trailing directive on the line before applies to that line only.
    questions.write_text(text.replace(
        "      - id: fax\n        text: Fax\n",
        "      - id: fax\n        text: Fax  # smguide-lint: disable=all\n"))
    assert run_cli(capsys, "lint", *STRICT, str(folder))[0] == 1


def test_files_stand_for_their_pack(capsys: Capsys) -> None:
    """pre-commit passes changed files: each maps to its pack, others are skipped."""
    code, out, err = run_cli(capsys, "lint", "unknown-reference/fail/rules.yaml",
                             "unknown-reference/fail/questions.yaml", "../../lintutil.py")
    assert code == 1
    assert out.splitlines()[-1].endswith("in 1 pack")
    assert "lintutil.py is not in a rule pack and not a scenario; skipped" in err
    code, out, _ = run_cli(capsys, "lint", "../../lintutil.py")
    assert code == 0 and "in 0 packs" in out


def test_folder_of_packs(capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "lint", "--select", "pack-compose", "pack-compose")
    assert code == 1
    assert out.splitlines()[-1] == "2 error(s), 0 warning(s) in 4 packs"


def test_keeps_going_after_errors(capsys: Capsys) -> None:
    """A broken file does not hide the problems of the other files."""
    _, out, _ = run_cli(capsys, "lint", "--format", "json", "yaml-syntax/fail")
    paths = {f["path"] for f in json.loads(out)["findings"]}
    assert paths == {"yaml-syntax/fail/rules.yaml", "yaml-syntax/fail/more.yaml"}


def test_bundled_packs_lint_clean(capsys: Capsys, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if not any(rules_dir().glob("*/pack.yaml")):
        pytest.skip("no bundled pack yet")
    monkeypatch.chdir(tmp_path)  # no pack here or below: the bundled ones
    code, out, _ = run_cli(capsys, "lint")  # every check, structural and semantic
    assert code == 0, out


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="no shared source texts")
def test_bundled_quotes_are_verbatim(capsys: Capsys, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if not any(rules_dir().glob("*/pack.yaml")):
        pytest.skip("no bundled pack yet")
    monkeypatch.chdir(tmp_path)  # no pack here or below: the bundled ones
    code, out, _ = run_cli(capsys, "lint", "--select", "source-quote",
                           "--source-text", str(SHARED_SOURCES))
    assert code == 0, out
