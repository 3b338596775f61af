"""``smguide --help/--version``, ``questions``, ``rules``, ``explain``, and main()."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import smguide
from tests.fixtures import MINI, run

COMMANDS = ["decide", "questions", "rules", "explain"]


def python(*args: str, env: dict[str, str] | None = None,
           timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})}, timeout=timeout,
                          check=False)


# --- help and version ---------------------------------------------------------------------


def test_help_lists_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    out = result.stdout
    for command in COMMANDS:
        assert f"  {command} " in out
    assert "Exit codes:" in out
    for code in ("0 ", "1 ", "2 ", "130 "):
        assert f"  {code}" in out
    assert "--install-completion" in out and "--show-completion" in out
    assert "--version" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Usage: smguide {command}" in result.stdout
    assert "Examples:" in result.stdout
    assert f"  smguide {command}" in result.stdout
    assert "Exit codes:" in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"smguide {smguide.__version__}\n"


def test_no_arguments_shows_help() -> None:
    result = run()
    assert result.exit_code == 2
    assert "Usage: smguide" in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = run("decied")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- questions --------------------------------------------------------------------------------


def test_questions_text() -> None:
    result = run("questions", "--pack", MINI)
    assert result.exit_code == 0
    out = result.stdout
    assert "account  (choice)" in out
    assert "    professional  The agency's professional account" in out
    assert "  asked only if: channel = social" in out
    assert "  asked only if: role is one of children_worker, protection_worker" in out
    assert "authorized  (yesno)" in out
    # "Not sure" is listed only where it is offered.
    role_block = out.split("role  (choice)")[1].split("channel  (choice)")[0]
    assert "unsure" not in role_block
    assert "Example answers file" in out
    assert "role: protection_worker  # protection_worker | children_worker | other" in out
    assert "authorized: yes  # yes | no | unsure" in out


def test_questions_footer_is_a_valid_answers_file(tmp_path: Path) -> None:
    out = run("questions", "--pack", MINI).stdout
    example = out.split("Example answers file (for smguide decide --answers FILE)\n")[1]
    path = tmp_path / "answers.yaml"
    path.write_text(example, encoding="utf-8")
    assert isinstance(yaml.safe_load(example), dict)
    result = run("decide", "--pack", MINI, "--answers", path)
    assert result.exit_code == 0, result.stderr


def test_questions_json() -> None:
    result = run("questions", "--pack", MINI, "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema"] == "smguide.questions/1"
    assert data["pack"]["id"] == "mini"
    account = next(q for q in data["questions"] if q["id"] == "account")
    assert account == {
        "id": "account", "text": "Which account would you use?", "help": None,
        "type": "choice",
        "options": [{"id": "professional", "text": "The agency's professional account",
                     "help": None},
                    {"id": "personal", "text": "Your personal account", "help": None}],
        "unsure": True, "ask_if": "channel = social", "ask_if_data": {"channel": "social"},
        "find_out": "Check which account the message would be sent from.", "actionable": True,
    }


def test_questions_rejects_markdown() -> None:
    result = run("questions", "--pack", MINI, "--format", "markdown")
    assert result.exit_code == 2


# --- rules and explain ------------------------------------------------------------------------


def test_rules_text_narrow() -> None:
    result = run("rules", "--pack", MINI, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    out = result.stdout
    assert "personal-account-prohibited  prohibited\n" in out
    assert "  Personal accounts are never used with clients\n" in out
    assert "  cites minipol §policy.boundaries\n" in out
    assert "no-identifying-details  — (obligations only)" in out


def test_rules_text_wide_is_a_table() -> None:
    result = run("rules", "--pack", MINI, env={"COLUMNS": "140"})
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if line.startswith("id "))
    assert header.split() == ["id", "verdict", "title", "cites"]
    row = next(line for line in result.stdout.splitlines()
               if line.startswith("awol-exception"))
    assert "permitted with conditions" in row and "minipol §procedures.awol" in row


def test_rules_json() -> None:
    data = json.loads(run("rules", "--pack", MINI, "-f", "json").stdout)
    assert data["schema"] == "smguide.rules/1"
    assert [r["id"] for r in data["rules"]] == [
        "personal-account-prohibited", "needs-authorization", "authorized-contact",
        "social-discouraged", "awol-exception", "no-identifying-details"]
    social = data["rules"][3]
    assert social["exceptions"] == ["awol-exception"]
    assert social["when"] == "channel = social"


def test_explain_text() -> None:
    result = run("explain", "social-discouraged", "--pack", MINI)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Social media is a last resort\nsocial-discouraged\n")
    assert " Verdict:     DISCOURAGED" in out
    assert " When:        channel = social" in out
    assert " Exceptions:  awol-exception (Reaching a youth who is AWOL)" in out
    assert "Rationale\n Social media is public by design" in out


def test_explain_exception_with_quote() -> None:
    result = run("explain", "awol-exception", "--pack", MINI)
    out = result.stdout
    assert " Exception to:  social-discouraged (Social media is a last resort)" in out
    assert " When:          awol = yes and account = professional" in out
    assert "Obligations\n ☐ Tell your supervisor the same day." in out
    flat = " ".join(out.split())
    assert ("Mini Electronic Contact Policy, §procedures.awol (Procedures — youth who are "
            "AWOL) “Where a youth is AWOL, the worker may use the Society's social media "
            "account to make contact.” — quoted “The supervisor is told the same day.” — "
            "quoted") in flat
    assert out.count("§procedures.awol") == 1  # quotes from one section share its reference


def test_markdown_groups_quotes_by_section() -> None:
    result = run("decide", "--pack", MINI, "-s", "role=protection_worker", "-s",
                 "channel=social", "-s", "account=professional", "-s", "authorized=yes",
                 "-s", "awol=yes", "-f", "markdown")
    assert result.exit_code == 0
    assert ("   - Mini Electronic Contact Policy, §procedures.awol (Procedures — youth who are "
            "AWOL)\n"
            "     > “Where a youth is AWOL, the worker may use the Society's social media "
            "account to make contact.” — quoted\n"
            "     >\n"
            "     > “The supervisor is told the same day.” — quoted\n") in result.stdout


def test_explain_json() -> None:
    data = json.loads(run("explain", "personal-account-prohibited", "-p", MINI,
                          "-f", "json").stdout)
    assert data["schema"] == "smguide.rule/1"
    rule = data["rule"]
    assert rule["verdict"] == "prohibited"
    assert rule["principles"] == ["boundaries", "privacy"]
    assert rule["cautions"] == [
        "Anything sent from a personal account reveals your personal profile."]


def test_explain_unknown_rule_suggests() -> None:
    result = run("explain", "personal-acount", "--pack", MINI)
    assert result.exit_code == 2
    assert result.stderr == (
        "smguide: error: no rule 'personal-acount' in pack 'mini'; did you mean "
        "'personal-account-prohibited'? 'smguide rules' lists them\n")
    assert result.stdout == ""


def test_explain_unknown_rule_without_close_match() -> None:
    result = run("explain", "zzz", "--pack", MINI)
    assert result.exit_code == 2
    assert "did you mean" not in result.stderr


def test_default_pack_is_the_bundled_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("smguide.pack.bundled.default_pack_paths", lambda: [MINI])
    result = run("rules")
    assert result.exit_code == 0
    assert "Rules of Mini policy (test fixture)" in result.stdout


def test_packs_can_be_given_twice(tmp_path: Path) -> None:
    """--pack is repeatable: packs given together are composed."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "pack.yaml").write_text("id: extra\ntitle: Extra\nversion: '1'\n",
                                     encoding="utf-8")
    (extra / "rules.yaml").write_text(
        "rules:\n  - id: extra-rule\n    title: Extra rule\n    when: {channel: email}\n"
        "    obligations: [Use the agency's email system.]\n", encoding="utf-8")
    result = run("decide", "--pack", MINI, "--pack", extra, "-s", "role=protection_worker",
                 "-s", "channel=email", "-s", "authorized=yes", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["pack"]["id"] == "mini+extra"
    assert "Use the agency's email system." in [o["text"] for o in data["obligations"]]


# --- the console script -----------------------------------------------------------------------


def test_python_dash_m_and_errors_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "answers.yaml"
    bad.write_text("channel: sms\n", encoding="utf-8")
    proc = python("-m", "smguide", "decide", "--pack", str(MINI), "--answers", str(bad))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (f"smguide: error: {bad}:1:10: question 'channel' has no answer "
                           "'sms'; choose one of: text, email, social, unsure\n")
    proc = python("-m", "smguide", "--version")
    assert proc.returncode == 0 and proc.stdout == f"smguide {smguide.__version__}\n"


def test_no_terminal_in_a_real_process() -> None:
    proc = python("-m", "smguide", "decide", "--pack", str(MINI))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "smguide questions" in proc.stderr and "--answers" in proc.stderr


def test_main_reports_errors_raised_outside_commands(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from smguide import cli
    from smguide.errors import InputError, Location

    def boom(**kwargs: object) -> None:
        raise InputError("broken", Location("f.yaml", 3, 4))

    monkeypatch.setattr(cli, "app", boom)
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 2
    assert capsys.readouterr().err == "smguide: error: f.yaml:3:4: broken\n"

    def interrupt(**kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupt)
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 130
    assert "smguide: interrupted; nothing was written" in capsys.readouterr().err


def test_multi_line_messages_are_printed_on_one_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    from smguide.cli import report
    from smguide.errors import UsageError

    assert report(UsageError("first\n  second")) == 2
    assert capsys.readouterr().err == "smguide: error: first second\n"


LAZY_CHECK = """
import sys
from smguide import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("pydantic", "rich", "questionary", "prompt_toolkit", "yaml", "smguide.engine.core",
         "smguide.pack.models", "smguide.render", "smguide.interview.prompt")
print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"]])
def test_help_and_version_stay_light(args: list[str]) -> None:
    proc = python("-c", LAZY_CHECK, *args)
    assert proc.stderr.strip().splitlines()[-1] == "[]"


def test_importing_the_cli_is_light() -> None:
    proc = python("-X", "importtime", "-c", "import smguide.cli")
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines()}
    for heavy in ("pydantic", "rich", "questionary", "yaml", "smguide.engine.core",
                  "smguide.pack.models"):
        assert heavy not in modules
