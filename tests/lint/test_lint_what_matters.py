"""Issue 23: a linter that says what matters. Each point fails on the main of before
and passes now: skipped semantic checks are said; a rule that never decides is an
error unless marked, without its conflicts around it; lint, test and diff work on
the packs of the repository they run in, with paths relative to it and the same
"did you mean"; the documentation ships with smguide."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.enginepacks import write_pack
from tests.lintutil import FIXTURES, fill_placeholders, run_cli

Capsys = pytest.CaptureFixture[str]
ROOT = Path(__file__).parents[2]

SHADOW = {
    "questions": [
        {"id": "channel", "text": "c", "options": [{"id": o, "text": o}
                                                   for o in ("text", "phone", "social")]},
        {"id": "night", "text": "n", "type": "yesno"},
    ],
    "rules": [
        {"id": "no-texting", "title": "t", "when": {"channel": "text"}, "verdict": "prohibited"},
        {"id": "text-not-yet", "title": "y", "when": {"channel": ["text", "social"]},
         "verdict": "not_yet"},
        {"id": "texts-ok-at-night", "title": "n", "when": {"channel": "text", "night": "yes"},
         "verdict": "permitted"},
        {"id": "phone-ok", "title": "p", "when": {"channel": ["phone", "social"]},
         "verdict": "permitted"},
    ],
}


def test_lint_says_when_the_semantic_checks_did_not_run(
        capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out, _ = run_cli(capsys, "lint", "unknown-reference/fail")
    assert code == 1
    note = out.splitlines()[-2]
    assert note.startswith("note: the semantic checks (conflict, dead, gap, "), out
    assert "shadowed" in note
    assert "did not run on unknown-reference/fail: the pack does not load" in note
    _, out, _ = run_cli(capsys, "lint", "--format", "json", "unknown-reference/fail")
    skipped = json.loads(out)["skipped"]
    assert [s["pack"] for s in skipped] == ["unknown-reference/fail"]
    assert "shadowed" in skipped[0]["checks"]
    # nothing is said when the pack loads, or when no semantic check was asked for
    _, out, _ = run_cli(capsys, "lint", "unknown-reference/pass")
    assert "note:" not in out
    _, out, _ = run_cli(capsys, "lint", "--select", "structural", "unknown-reference/fail")
    assert "note:" not in out


def test_a_rule_that_never_decides_is_an_error_without_its_conflicts(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path / "p", SHADOW)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "lint", "p")
    assert code == 1, out
    shadowed = [line for line in out.splitlines() if "[shadowed]" in line]
    assert len(shadowed) == 1 and " error [shadowed] " in shadowed[0], out
    assert "'texts-ok-at-night' (permitted) never decides" in shadowed[0]
    # its conflicts with each stricter rule would only repeat it
    assert "'texts-ok-at-night'" not in "".join(line for line in out.splitlines()
                                                if "[conflict]" in line), out


def test_a_rule_marked_as_never_deciding_on_purpose_passes(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path / "p", SHADOW)
    content = tmp_path / "p" / "content.yaml"
    text = content.read_text(encoding="utf-8")
    marked = text.replace("- id: texts-ok-at-night", "- id: texts-ok-at-night  "
                          "# smguide-lint: disable=shadowed")
    assert marked != text
    content.write_text(marked, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "lint", "--select", "shadowed", "p")
    assert code == 0 and "[shadowed]" not in out, out


def _repository(tmp_path: Path, capsys: Capsys) -> Path:
    """An agency's repository: 'smguide init north-cas' at its root."""
    repo = tmp_path / "repo"
    repo.mkdir()
    assert run_cli(capsys, "init", str(repo / "north-cas"))[0] == 0
    fill_placeholders(repo / "north-cas")
    (repo / ".venv" / "lib").mkdir(parents=True)  # never looked into
    (repo / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    return repo


def test_lint_and_test_at_the_root_of_an_agency_repository(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repository(tmp_path, capsys)
    monkeypatch.chdir(repo)
    code, out, _ = run_cli(capsys, "lint")
    assert (code, out) == (0, "0 error(s), 0 warning(s) in 1 pack and 1 scenario: clean\n")
    code, out, _ = run_cli(capsys, "test")
    assert code == 0 and out.splitlines()[-1].startswith("1 passed, 0 failed"), out
    # the agency pack breaks: both say so, with paths relative to the repository
    rules = repo / "north-cas" / "rules" / "agency.yaml"
    rules.write_text(rules.read_text().replace("channel: text", "chanel: text"))
    code, out, _ = run_cli(capsys, "lint")
    assert code == 1
    assert out.startswith("north-cas/rules/agency.yaml:"), out
    assert "did you mean 'channel'?" in out
    code, out, err = run_cli(capsys, "test")
    assert code == 2 and err.startswith("smguide: error: north-cas/rules/agency.yaml:"), err


def test_a_failing_agency_scenario_is_shown_relative(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repository(tmp_path, capsys)
    scenario = repo / "north-cas" / "scenarios" / "personal-phone-reminder.yaml"
    scenario.write_text(scenario.read_text().replace("verdict: prohibited",
                                                     "verdict: discouraged"))
    monkeypatch.chdir(repo)
    code, out, _ = run_cli(capsys, "test")
    assert code == 1
    assert "  north-cas/scenarios/personal-phone-reminder.yaml" in out.splitlines(), out


def test_test_and_diff_say_did_you_mean_as_lint_does(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repository(tmp_path, capsys)
    scenario = repo / "north-cas" / "scenarios" / "personal-phone-reminder.yaml"
    scenario.write_text(scenario.read_text().replace("verdict: prohibited",
                                                     "verdict: prohibitted"))
    monkeypatch.chdir(repo)
    _, lint_out, _ = run_cli(capsys, "lint")
    assert "did you mean 'prohibited'?" in lint_out
    for args in (("test",), ("diff", "cas-2011", "north-cas")):
        code, _, err = run_cli(capsys, *args)
        assert code == 2
        assert err.startswith("smguide: error: north-cas/scenarios/personal-phone-reminder.yaml:")
        assert "did you mean 'prohibited'?" in err, (args, err)
    code, _, err = run_cli(capsys, "diff", "cas-2011", "north-cs")
    assert code == 2 and "did you mean 'north-cas'?" in err, err


def test_diff_uses_the_scenarios_of_the_pack_and_shows_no_install_path(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repository(tmp_path, capsys)
    monkeypatch.chdir(repo)
    code, out, _ = run_cli(capsys, "diff", "cas-2011", "north-cas")
    assert code == 1
    assert "(1 scenario)" in out.splitlines()[0], out
    assert "old: cas-2011 " in out and " bundled:rules/cas-2011" in out
    assert str(tmp_path) not in out and "site-packages" not in out
    assert "  north-cas/scenarios/personal-phone-reminder.yaml" in out.splitlines()


def test_the_docs_ship_with_smguide(capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "docs")
    assert code == 0
    for topic in ("rule-format", "agency-packs", "lint-checks", "editor-setup", "trainers"):
        assert f"\n{topic} " in "\n" + out, out
    code, out, _ = run_cli(capsys, "docs", "rule-format")
    assert code == 0 and out.startswith("# ")
    code, _, err = run_cli(capsys, "docs", "rule-formt")
    assert code == 2 and "did you mean 'rule-format'?" in err
    # the wheel carries every page, and each link between pages names a page that exists
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    assert build["targets"]["wheel"]["force-include"]["docs"] == "smguide/_bundled/docs"
    names = {p.stem for p in (ROOT / "docs").glob("*.md")}
    import re

    for page in (ROOT / "docs").glob("*.md"):
        for target in re.findall(r"\]\(([a-z0-9-]+)\.md", page.read_text(encoding="utf-8")):
            assert target in names, (page.name, target)


def test_the_init_readme_and_help_point_at_what_is_installed(
        tmp_path: Path, capsys: Capsys) -> None:
    assert run_cli(capsys, "init", str(tmp_path / "a"))[0] == 0
    readme = (tmp_path / "a" / "README.md").read_text(encoding="utf-8")
    assert "docs/rule-format.md" not in readme and "src/smguide" not in readme
    assert "smguide docs rule-format" in readme and "smguide docs editor-setup" in readme
    _, out, _ = run_cli(capsys, "init", "--help")
    assert "smguide docs rule-format" in " ".join(out.split())


def test_packaging_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert project["license-files"] == ["LICENSE"]
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]
    assert {"Homepage", "Source", "Issues"} <= set(project["urls"])


def test_the_hooks_run_where_the_repository_is() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    test_hook = next(h for h in hooks if h["id"] == "smguide-test")
    assert test_hook["pass_filenames"] is False  # 'smguide test' where you are: the repo
