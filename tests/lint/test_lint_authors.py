"""The author's linter: positions at the cause, "did you mean", shadowed and conflict
messages that name the right rules, settings files, --statistics/--quiet/--output-file,
the pack you are in, and the pre-commit hooks. Each with a failing and a passing case."""

from __future__ import annotations

import shutil
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
        {"id": "text-at-night", "title": "n", "when": {"channel": "text", "night": "yes"},
         "verdict": "discouraged"},
        {"id": "phone-ok", "title": "p", "when": {"channel": ["phone", "social"]},
         "verdict": "permitted"},
    ],
}


def test_shadowed_names_the_rule_that_covers_it_everywhere(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path / "p", SHADOW)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(capsys, "lint", "--select", "shadowed", "p")
    assert "'no-texting' (prohibited) covers it everywhere" in out, out


def test_shadowed_says_when_no_one_rule_covers_it(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    body = yaml.safe_load(yaml.safe_dump(SHADOW))
    body["rules"][0]["when"] = {"channel": "text", "night": "yes"}
    body["rules"].append({"id": "no-day-texts", "title": "d",
                          "when": {"channel": "text", "night": "no"}, "verdict": "not_yet"})
    body["rules"][1]["when"] = {"channel": "text"}
    write_pack(tmp_path / "p", body)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(capsys, "lint", "--select", "shadowed", "p")
    assert "[shadowed]" in out and "no one rule covers it everywhere; here" in out, out


def test_conflicts_are_one_finding_per_pair_of_rules(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    body = yaml.safe_load(yaml.safe_dump(SHADOW))
    # 'any' makes two separate regions where both rules take effect
    body["rules"][1]["when"] = {"any": [{"channel": "text", "night": "yes"},
                                        {"channel": "phone"}]}
    write_pack(tmp_path / "p", body)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(capsys, "lint", "--select", "conflict", "p")
    conflicts = [line for line in out.splitlines() if "[conflict]" in line]
    pairs = [line.split("] rules ")[1].split(" both ")[0] for line in conflicts]
    assert len(pairs) == len(set(pairs)), out
    assert all(len(line) < 300 for line in conflicts), out
    # with the count of regions and one witness (issue 23)
    assert "'text-at-night' (discouraged) and 'no-texting' (prohibited) both take effect in " \
           "1 region;" in out, out
    assert all("(e.g. --set " in line for line in conflicts), out


def test_unknown_section_stands_at_its_key_with_the_valid_ids(
        capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    _, out, _ = run_cli(capsys, "lint", "--select", "unknown-section", "unknown-section/fail")
    line = out.splitlines()[0]
    path, row = line.split(":")[0], int(line.split(":")[1])
    assert Path(path).read_text().splitlines()[row - 1].strip() == "section: s3"
    assert line.endswith("its sections are: s1, s2")


def test_unknown_question_stands_at_its_key_with_did_you_mean(
        capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    _, out, _ = run_cli(capsys, "lint", "--select", "unknown-reference", "unknown-reference/fail")
    line = next(x for x in out.splitlines() if "'acount'" in x)
    row, col = int(line.split(":")[1]), int(line.split(":")[2])
    text = Path("unknown-reference/fail/rules.yaml").read_text().splitlines()[row - 1]
    assert text[col - 1:].startswith("acount"), text
    assert "did you mean 'account'?" in line


def test_a_gap_opened_by_replaces_stands_at_the_replaces_line(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "init", "agency", "--id", "gap-agency")[0] == 0
    rules = tmp_path / "agency" / "rules" / "agency.yaml"
    rules.write_text(rules.read_text() + """
  - id: only-in-person
    title: Only in-person meetings are preferred here
    replaces: [preferred-methods]
    when: {activity: message, channel: in_person}
    verdict: permitted
    cite: [{source: gap-agency-policy, section: devices.personal-phones}]
""")
    code, out, _ = run_cli(capsys, "lint", "agency")
    gap = next(line for line in out.splitlines() if "[gap]" in line)
    row = int(gap.split(":")[1])
    assert gap.startswith("agency/rules/agency.yaml:")  # relative, not absolute
    assert "[with the packs it extends; at cas-2011/questions.yaml:" in gap
    assert str(ROOT) not in gap and str(tmp_path) not in gap
    assert rules.read_text().splitlines()[row - 1].strip() == "replaces: [preferred-methods]"
    assert code == 1


def test_a_replaces_typo_stands_at_the_item_with_did_you_mean(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "init", "agency", "--id", "typo-agency")[0] == 0
    rules = tmp_path / "agency" / "rules" / "agency.yaml"
    good = rules.read_text() + """
  - id: only-in-person
    title: Only in person
    replaces: [shift-to-preferred, preferred-methods]
    when: {activity: message, channel: in_person}
    verdict: permitted
    cite: [{source: typo-agency-policy, section: devices.personal-phones}]
"""
    rules.write_text(good.replace("preferred-methods]", "preferred-method]"))
    code, out, _ = run_cli(capsys, "lint", "--select", "pack-compose", "agency")
    line = out.splitlines()[0]
    row, col = int(line.split(":")[1]), int(line.split(":")[2])
    assert rules.read_text().splitlines()[row - 1][col - 1:].startswith("preferred-method]")
    assert "did you mean 'preferred-methods'?" in line and code == 1
    rules.write_text(good)
    assert run_cli(capsys, "lint", "--select", "pack-compose", "agency")[0] == 0


def _agency(tmp_path: Path, capsys: Capsys) -> Path:
    folder = tmp_path / "agency"
    assert run_cli(capsys, "init", str(folder), "--id", "here")[0] == 0
    fill_placeholders(folder)
    return folder


def test_lint_and_test_use_the_pack_you_are_in(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _agency(tmp_path, capsys)
    monkeypatch.chdir(folder / "rules")
    code, out, _ = run_cli(capsys, "lint")
    assert (code, out) == (0, "0 error(s), 0 warning(s) in 1 pack and 1 scenario: clean\n")
    code, out, _ = run_cli(capsys, "test")
    assert code == 0 and out.splitlines()[-1].startswith("1 passed, 0 failed"), out
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "test", "agency")  # the pack's scenarios, not pack.yaml
    assert code == 0 and out.splitlines()[-1].startswith("1 passed, 0 failed"), out
    shutil.rmtree(folder / "scenarios")
    code, _, err = run_cli(capsys, "test", "agency")
    assert code == 2 and "agency: this rule pack has no scenarios/ folder" in err
    monkeypatch.chdir(folder)  # inside a pack without scenarios: said, not the bundled ones
    code, out, err = run_cli(capsys, "test")
    assert code == 2 and "this rule pack has no scenarios/ folder" in err, out + err


def test_a_pack_scenario_with_a_typo_fails_lint(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _agency(tmp_path, capsys)
    scenario = next((folder / "scenarios").glob("*.yaml"))
    scenario.write_text(scenario.read_text().replace("channel: text", "channel: sms"))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "lint", str(scenario.relative_to(tmp_path)))
    assert code == 1
    assert "error [scenario] question 'channel' has no answer 'sms'" in out


def _bad_pack(tmp_path: Path) -> Path:
    """A pack with one unknown-reference error and one unused-option warning."""
    return write_pack(tmp_path / "p", {
        "questions": [{"id": "channel", "text": "c", "options": [
            {"id": o, "text": o} for o in ("text", "phone", "fax")]}],
        "rules": [{"id": "t", "title": "t", "when": {"channel": ["text", "phone", "fax"]},
                   "verdict": "prohibited"},
                  {"id": "u", "title": "u", "when": {"chanel": "text"},
                   "verdict": "prohibited"}]})


def test_settings_in_pyproject(tmp_path: Path, capsys: Capsys,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    _bad_pack(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "lint", "p")
    assert code == 1 and "[unknown-reference]" in out
    (tmp_path / "pyproject.toml").write_text(
        '[tool.smguide.lint]\nignore = ["missing-citation"]\n'
        '[tool.smguide.lint.per-file-ignores]\n"p/content.yaml" = ["unknown-reference"]\n')
    code, out, _ = run_cli(capsys, "lint", "p")
    assert "[unknown-reference]" not in out and code == 0, out
    code, out, _ = run_cli(capsys, "lint", "--select", "unknown-reference", "p")
    assert code == 0, out  # the per-file ignore holds for a --select too


def test_settings_in_smguide_yaml_select_and_strict(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path / "p", SHADOW)
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "lint", "--select", "conflict", "p")[0] == 0  # a warning
    (tmp_path / ".smguide.yaml").write_text("lint:\n  select: [conflict]\n  strict: true\n")
    code, out, _ = run_cli(capsys, "lint", "p")
    assert code == 1 and out.count("[conflict]") == 1, out


def test_bad_settings_are_one_message_with_a_position(
        tmp_path: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path / "p", SHADOW)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".smguide.yaml").write_text("lint:\n  strict: true\n  slect: [gap]\n")
    code, _, err = run_cli(capsys, "lint", "p")
    assert code == 2 and err.startswith("smguide: error: .smguide.yaml:3:3: unknown key 'slect'")
    (tmp_path / ".smguide.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text("[tool.smguide.lint]\nstrict = 'maybe'\n")
    code, _, err = run_cli(capsys, "lint", "p")
    assert code == 2 and "pyproject.toml: [tool.smguide.lint] strict" in err
    assert err.count("\n") == 1


def test_statistics_quiet_and_output_file(tmp_path: Path, capsys: Capsys,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _bad_pack(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "lint", "--statistics", "p")
    assert code == 1
    assert out.splitlines()[0].split() == ["1", "unknown-reference", "(error)"], out
    assert out.splitlines()[-1].startswith("1 error(s)")
    code, out, _ = run_cli(capsys, "lint", "--quiet", "p")
    assert code == 1 and "error(s)" not in out and "[unknown-reference]" in out
    code, out, _ = run_cli(capsys, "lint", "-o", "report.txt", "p")
    assert code == 1 and out == ""
    assert "[unknown-reference]" in (tmp_path / "report.txt").read_text()
    code, _, err = run_cli(capsys, "lint", "-o", "nowhere/report.txt", "p")
    assert code == 2 and "does not exist" in err


def test_pre_commit_hooks_lint_and_test() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["smguide-lint"]["entry"] == "smguide lint"
    assert hooks["smguide-test"]["entry"] == "smguide test"
    assert hooks["smguide-test"]["pass_filenames"] is False
