"""``smguide scenarios``, ``test``, ``diff`` and ``replay --auto`` without a terminal."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from smguide.pack.bundled import pack_path, scenarios_dir
from tests.fixtures import FIXTURES, MINI, run

SCENARIOS = FIXTURES / "scenarios"
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed in \d+\.\d\ds$", re.MULTILINE)


def smguide(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, as CI runs it."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("SMGUIDE_PACKS", None)
    return subprocess.run([sys.executable, "-m", "smguide", *[str(a) for a in args]],
                          capture_output=True, text=True, env=env, timeout=timeout, check=False)


def one_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("smguide: error: ") and "Traceback" not in stderr
    return lines[0][len("smguide: error: "):]


def revised_mini(tmp_path: Path) -> Path:
    """The mini pack with the personal-account rule made laxer and one obligation reworded."""
    folder = tmp_path / "mini-revised"
    shutil.copytree(MINI, folder)
    rules = folder / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace("verdict: prohibited", "verdict: discouraged")
    text = text.replace("Record the contact in the case file.", "Record the contact today.")
    rules.write_text(text, encoding="utf-8")
    return folder


# --- help -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["scenarios", "replay", "test", "diff"])
def test_help_has_examples_and_exit_codes(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"  smguide {command}" in result.stdout
    assert "Exit codes:" in result.stdout


def test_schema_of_a_scenario() -> None:
    result = run("schema", "--kind", "scenario")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"id", "answers", "expect", "narrative"} <= set(schema["properties"])


# --- smguide scenarios ----------------------------------------------------------------------


def test_list_text_and_filters() -> None:
    result = run("scenarios", SCENARIOS)
    assert result.exit_code == 0
    out = result.stdout
    for sid in ("authorized-text", "awol-social", "personal-account", "unauthorized-text"):
        assert sid in out
    assert "4 scenarios." in out
    assert "role: children_worker · tags: social-media, boundaries" in out
    texting = run("scenarios", SCENARIOS, "--tag", "texting").stdout
    assert "authorized-text" in texting and "unauthorized-text" in texting
    assert "awol-social" not in texting and "2 scenarios." in texting
    both = run("scenarios", SCENARIOS, "--tag", "texting", "--tag", "basics").stdout
    assert "authorized-text" in both and "unauthorized-text" not in both
    role = run("scenarios", SCENARIOS, "--role", "children_worker").stdout
    assert "personal-account" in role and "1 scenario." in role
    none = run("scenarios", SCENARIOS, "--verdict", "permitted").stdout
    assert "No scenario matches." in none


def test_list_wide_is_a_table() -> None:
    result = run("scenarios", SCENARIOS, env={"COLUMNS": "160"})
    header = result.stdout.splitlines()[0].split()
    assert header == ["id", "title", "role", "verdict", "tags"]


def test_list_json() -> None:
    result = run("scenarios", SCENARIOS, "--verdict", "prohibited", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "smguide.scenarios/1"
    assert data["scenarios"] == [{
        "id": "personal-account", "title": "A message from a personal social media account",
        "role": "children_worker", "verdict": "prohibited",
        "tags": ["social-media", "boundaries"],
        "path": str(SCENARIOS / "mini" / "personal-account.yaml")}]


def test_list_unknown_verdict() -> None:
    result = run("scenarios", SCENARIOS, "--verdict", "prohibted")
    assert result.exit_code == 2
    assert one_error(result.stderr).startswith(
        "--verdict 'prohibted': did you mean 'prohibited'? choose one of: prohibited, not_yet")


def test_bundled_scenarios_list() -> None:
    result = smguide("scenarios", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["scenarios"]) >= 1
    assert all(s["path"].startswith(str(scenarios_dir())) for s in data["scenarios"])


# --- smguide test ---------------------------------------------------------------------------


def test_test_passes() -> None:
    result = run("test", SCENARIOS)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "...."
    assert SUMMARY.fullmatch(lines[-1]) and lines[-1].startswith("4 passed, 0 failed in ")


def test_test_fails_when_a_rule_changes(tmp_path: Path) -> None:
    result = run("test", SCENARIOS, "--pack", revised_mini(tmp_path))
    assert result.exit_code == 1
    out = result.stdout
    assert out.splitlines()[0] == "..F."
    assert "FAILED personal-account — A message from a personal social media account" in out
    assert "  - verdict: expected prohibited, got discouraged" in out
    assert out.splitlines()[-1].startswith("3 passed, 1 failed in ")


def test_test_json_and_junit(tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    result = run("test", SCENARIOS, "--pack", revised_mini(tmp_path), "--format", "json",
                 "--junit", report)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "smguide.test/1"
    assert (data["passed"], data["failed"]) == (3, 1)
    failed = [s for s in data["scenarios"] if not s["passed"]]
    assert [(s["id"], s["expected_verdict"], s["verdict"]) for s in failed] == [
        ("personal-account", "prohibited", "discouraged")]
    assert failed[0]["failures"] == [{
        "kind": "verdict", "expected": "prohibited", "got": "discouraged",
        "message": "verdict: expected prohibited, got discouraged"}]
    root = ET.fromstring(report.read_bytes())
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("4", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"authorized-text", "awol-social", "personal-account",
                          "unauthorized-text"}
    failure = cases["personal-account"].find("failure")
    assert failure is not None
    assert failure.get("message") == "verdict: expected prohibited, got discouraged"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_test_junit_into_a_missing_folder(tmp_path: Path) -> None:
    result = run("test", SCENARIOS, "--junit", tmp_path / "no" / "r.xml")
    assert result.exit_code == 2
    assert one_error(result.stderr).endswith("r.xml: the folder to write into does not exist")


def test_test_coverage() -> None:
    result = run("test", SCENARIOS / "mini" / "unauthorized-text.yaml", "--coverage",
                 env={"COLUMNS": "100"})
    assert result.exit_code == 0
    out = result.stdout
    assert "Coverage of mini 1.2.0: 2 of 6 rules and 2 of 4 source sections exercised" in out
    assert "Rules no scenario exercises:" in out
    assert "  personal-account-prohibited  Personal accounts are never used with clients" in out
    assert "  minipol/procedures.awol     Procedures — youth who are AWOL" in out
    data = json.loads(run("test", SCENARIOS, "--coverage", "-f", "json").stdout)
    assert data["coverage"][0]["rules"] == {"total": 6, "exercised": 6, "unexercised": []}


def test_test_bad_scenario_is_an_error_with_its_position(tmp_path: Path) -> None:
    text = (SCENARIOS / "mini" / "unauthorized-text.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("channel: text", "channel: sms").replace(
        "../../packs/mini", str(MINI)), encoding="utf-8")
    result = run("test", bad)
    assert result.exit_code == 2
    assert one_error(result.stderr) == (
        f"{bad}:10:12: question 'channel' has no answer 'sms'; choose one of: text, email, "
        "social, unsure")
    bad.write_text(text.replace("  channel: text", "  medium: text"), encoding="utf-8")
    result = run("test", bad, "--pack", MINI)
    assert result.exit_code == 2
    assert one_error(result.stderr).startswith(f"{bad}:10:3: unknown question 'medium'; ")


def test_test_without_scenarios(tmp_path: Path) -> None:
    result = run("test", tmp_path)
    assert result.exit_code == 2
    assert one_error(result.stderr) == f"no scenario files (*.yaml) found in {tmp_path}"


def test_bundled_scenarios_pass() -> None:
    """CI: every bundled scenario gives what it expects with the default packs."""
    assert any(scenarios_dir().rglob("*.yaml")), "no bundled scenarios"
    result = smguide("test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert SUMMARY.search(result.stdout)
    assert ", 0 failed in " in result.stdout


def test_bundled_scenario_fails_when_the_policy_changes(tmp_path: Path) -> None:
    """Make the rule that decides one bundled scenario prohibit instead: that scenario fails."""
    from smguide.engine.core import assess
    from smguide.training.files import load_checked

    source = pack_path("cas-2011")
    copy = tmp_path / "cas-2011"
    shutil.copytree(source, copy)
    target = None
    for sf, pack in load_checked(None, [source]):
        deciding = [a.rule for a in assess(pack, sf.scenario.answers).applied
                    if a.certain and a.rule.verdict == sf.scenario.expect.verdict]
        if sf.scenario.expect.verdict.value != "prohibited" and deciding:
            target = (sf, deciding[0])
            break
    assert target is not None
    sf, rule = target
    assert rule.location is not None
    rule_file = copy / Path(rule.location.path).relative_to(source.resolve())
    lines = rule_file.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i in range(rule.location.line, len(lines))
              if lines[i].strip().startswith("verdict:"))
    lines[at] = re.sub(r"verdict: \w+", "verdict: prohibited", lines[at])
    rule_file.write_text("".join(lines), encoding="utf-8")

    result = smguide("test", "--pack", copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"FAILED {sf.id} — " in result.stdout
    assert f"verdict: expected {sf.scenario.expect.verdict.value}, got prohibited" in result.stdout
    assert re.search(r"^\d+ passed, [1-9]\d* failed in \d+\.\d\ds$", result.stdout, re.M)


# --- smguide diff ---------------------------------------------------------------------------


def test_diff_no_change() -> None:
    result = run("diff", MINI, MINI, "--scenarios", SCENARIOS)
    assert result.exit_code == 0
    assert "No scenario changed (4 compared)." in result.stdout


def test_diff_shows_before_and_after(tmp_path: Path) -> None:
    result = run("diff", MINI, revised_mini(tmp_path), "--scenarios", SCENARIOS)
    assert result.exit_code == 1
    out = result.stdout
    assert "personal-account — A message from a personal social media account" in out
    assert "  verdict: prohibited → discouraged" in out
    assert "  verdict: permitted with conditions (unchanged)" in out
    assert "    - Record the contact in the case file." in out
    assert "    + Record the contact today." in out
    assert "unauthorized-text" not in out
    assert out.rstrip().endswith("3 of 4 scenarios changed.")


def test_diff_json(tmp_path: Path) -> None:
    result = run("diff", MINI, revised_mini(tmp_path), "--scenarios", SCENARIOS, "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "smguide.diff/1" and data["scenarios"] == 4
    changed = {c["id"]: c for c in data["changed"]}
    assert set(changed) == {"authorized-text", "awol-social", "personal-account"}
    entry = changed["personal-account"]
    assert entry["verdict_changed"] is True
    assert (entry["before"]["verdict"], entry["after"]["verdict"]) == ("prohibited", "discouraged")
    assert entry["obligations"] == {"removed": ["Record the contact in the case file."],
                                    "added": ["Record the contact today."]}


def test_diff_when_the_new_pack_drops_an_option(tmp_path: Path) -> None:
    folder = tmp_path / "mini-no-social"
    shutil.copytree(MINI, folder)
    questions = folder / "questions.yaml"
    questions.write_text(questions.read_text(encoding="utf-8").replace(
        "      - id: social\n        text: Social media message\n", ""), encoding="utf-8")
    rules = folder / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "channel: social", "channel: email").replace(
        "channel: [text, email, social]", "channel: [text, email]"), encoding="utf-8")
    qtext = questions.read_text(encoding="utf-8").replace("{channel: social}", "{channel: email}")
    questions.write_text(qtext, encoding="utf-8")
    result = run("diff", MINI, folder, "--scenarios", SCENARIOS / "mini" / "awol-social.yaml")
    assert result.exit_code == 1, result.stderr
    out = " ".join(result.stdout.split())
    assert "the answers do not fit the new pack: " in out
    assert "awol-social.yaml:11:12: question 'channel' has no answer 'social'" in out


def test_diff_missing_pack(tmp_path: Path) -> None:
    result = run("diff", MINI, tmp_path / "nope", "--scenarios", SCENARIOS)
    assert result.exit_code == 2
    assert one_error(result.stderr).endswith("nope: no such rule pack folder")


# --- smguide replay --auto ------------------------------------------------------------------


def test_replay_auto() -> None:
    result = run("replay", "awol-social", "--scenarios", SCENARIOS, "--auto")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    order = [
        "Scenario: Reaching a youth who is AWOL",
        "A youth has left their placement",
        "Question 1 of 5",
        "What is your role?",
        "Answer: Child protection worker",
        "Why it matters: Your role decides which parts of the policy apply to you.",
        "Question 5 of 5",
        "Answer: Yes",
        "Why it matters: The youth has left the placement without leave",
        "The recommendation",
        "PERMITTED WITH CONDITIONS — you may go ahead if you meet the obligations below.",
        "Reaching a youth who is AWOL set aside Social media is a last resort",
        "Teaching points",
        "• The AWOL exception sets aside the usual preference against social media.",
        "For discussion",
        "1. When does the exception stop applying?",
    ]
    at = 0
    for text in order:  # each after the one before
        found = out.find(text, at)
        assert found >= 0, text
        at = found + len(text)
    assert "Press Enter" not in out


def test_replay_a_scenario_file_and_a_bundled_one() -> None:
    result = run("replay", SCENARIOS / "mini" / "personal-account.yaml", "--auto")
    assert result.exit_code == 0
    assert "PROHIBITED — do not do this; use the agency's professional account instead." in (
        result.stdout)
    bundled = json.loads(smguide("scenarios", "--format", "json").stdout)["scenarios"][0]
    result2 = smguide("replay", bundled["id"], "--auto")
    assert result2.returncode == 0, result2.stderr
    assert "The recommendation" in result2.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["awol-social"], "smguide replay waits for a key between steps, and this is not a "
     "terminal; add --auto to run straight through"),
    (["awol-social", "--quiz"], "smguide replay --quiz asks its questions in a terminal, and "
     "this is not one"),
    (["awol-social", "--quiz", "--auto"], "--quiz and --auto do not go together: a quiz waits "
     "for the trainee"),
    (["awol-social", "--auto", "--results", "r.jsonl"], "--results records quiz answers; add "
     "--quiz"),
    (["awol-social", "--auto", "--pseudonym", "fox"], "--pseudonym goes with --results FILE"),
    (["awol-socail", "--auto"], "no scenario 'awol-socail'; did you mean 'awol-social'? "
     "'smguide scenarios' lists them"),
])
def test_replay_usage_errors(args: list[str], message: str) -> None:
    result = run("replay", *args, "--scenarios", SCENARIOS)
    assert result.exit_code == 2
    assert one_error(result.stderr) == message


# --- smguide scenarios --results ------------------------------------------------------------


def result_line(scenario: str, predicted: str, verdict: str,
                answers: list[tuple[str, bool]]) -> str:
    return json.dumps({
        "schema": "smguide.quiz-result/1", "scenario": scenario,
        "pack": {"id": "mini", "version": "1.2.0", "content_hash": "sha256:x"},
        "finished_at": "2024-05-01T10:00:00Z", "pseudonym": None,
        "answers": [{"question": q, "expected": "a", "given": "a" if ok else "b",
                     "scored": True, "matched": ok} for q, ok in answers],
        "answers_matched": sum(ok for _, ok in answers), "answers_total": len(answers),
        "predicted_verdict": predicted, "verdict": verdict,
        "verdict_correct": predicted == verdict,
    })


def test_class_summary(tmp_path: Path) -> None:
    results = tmp_path / "class.jsonl"
    results.write_text("\n".join([
        result_line("awol-social", "prohibited", "permitted_with_conditions",
                    [("role", True), ("channel", True), ("awol", False)]),
        result_line("awol-social", "permitted_with_conditions", "permitted_with_conditions",
                    [("role", True), ("channel", True), ("awol", False)]),
        result_line("personal-account", "prohibited", "prohibited",
                    [("role", True), ("account", False)]),
        "",
    ]), encoding="utf-8")
    result = run("scenarios", SCENARIOS, "--results", results)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert ("Quiz results: 3 attempts of 2 scenarios; verdict predictions right 2/3 (67%)"
            in out)
    assert ("• awol-social: 2 attempts · verdict right 1/2 (50%) · answers matched 4/6 (67%)"
            in " ".join(out.split()))
    assert "Scenarios most often predicted wrong" in out
    assert "• awol-social — Reaching a youth who is AWOL: wrong 1 of 2" in out
    assert "Questions most often answered differently" in out
    missed = out[out.index("Questions most often"):]
    assert missed.index("[awol]: missed 2 of 2") < missed.index("[account]: missed 1 of 1")
    assert "Is the youth AWOL (absent without leave)? [awol]" in missed

    data = json.loads(run("scenarios", SCENARIOS, "--results", results, "-f", "json").stdout)
    assert data["schema"] == "smguide.quiz-summary/1"
    assert (data["attempts"], data["verdict_right"]) == (3, 2)
    assert data["questions"][0] == {"id": "awol", "scored": 2, "missed": 2}
    only = run("scenarios", SCENARIOS, "--results", results, "--role", "children_worker")
    assert "Quiz results: 1 attempt of 1 scenario;" in only.stdout


def test_class_summary_bad_line(tmp_path: Path) -> None:
    results = tmp_path / "class.jsonl"
    good = result_line("awol-social", "prohibited", "prohibited", [])
    results.write_text(good + "\n{not json\n", encoding="utf-8")
    result = run("scenarios", SCENARIOS, "--results", results)
    assert result.exit_code == 2
    assert one_error(result.stderr).startswith(f"{results}:2:2: not a JSON line: ")
    results.write_text(good + '\n{"schema": "other"}\n', encoding="utf-8")
    result = run("scenarios", SCENARIOS, "--results", results)
    assert one_error(result.stderr) == (
        f"{results}:2:1: not a quiz result (smguide.quiz-result/1): 'schema' is 'other'")
