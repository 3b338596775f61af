"""``smguide decide`` without a terminal: answers files, --set, formats, records, errors."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from tests.fixtures import ANSWERS, AUTHORIZED_TEXT, MINI, run, sets

SOCIAL_UNSURE = {"role": "protection_worker", "channel": "social", "account": "professional",
                 "authorized": "unsure", "awol": "yes"}


def one_error_line(result_stderr: str) -> str:
    lines = result_stderr.strip().splitlines()
    assert len(lines) == 1, result_stderr
    assert lines[0].startswith("smguide: error: ")
    assert "Traceback" not in result_stderr
    return lines[0]


# --- text output -----------------------------------------------------------------------


def test_text_verdict_obligations_and_citations() -> None:
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--details")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0] == (
        "PERMITTED WITH CONDITIONS — you may go ahead if you meet the obligations below.")
    assert "☐ Record the contact in the case file." in out
    assert "☐ Do not put the client's full name or address in the message." in out
    assert "⚠ Messages can be forwarded" in out
    assert "Authorized electronic contact is permitted with conditions" in out
    assert "Mini Electronic Contact Policy, §procedures.records (Procedures — records)" in out
    assert "“All electronic contact is recorded in the case file.” — quoted" in out
    assert "What to find out" not in out and "not sure" not in out.lower()
    assert "Rule pack: Mini policy (test fixture) (mini 1.2.0, sha256:" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_text_not_sure_exceptions_why_not_and_find_out() -> None:
    result = run("decide", "--pack", MINI, *sets(SOCIAL_UNSURE), "--why")
    assert result.exit_code == 0
    out = result.stdout
    flat = " ".join(out.split())
    assert out.startswith("DEPENDS — do not go ahead until you know: Has your supervisor "
                          "authorized")
    assert "• if Yes: permitted with conditions • if No: needs authorization" in flat
    assert ("Until you know, the strictest possible outcome stands: NEEDS AUTHORIZATION — "
            "get your supervisor's authorization") in flat
    assert ("☐ Get your supervisor's authorization and note it in the case file. "
            "(depending on what you find out)") in flat
    assert "☐ Tell your supervisor the same day." in flat  # certain: no mark
    assert "• Reaching a youth who is AWOL set aside Social media is a last resort" in flat
    assert ("Would be permitted with conditions if: Has your supervisor authorized this "
            "contact? = Yes") in flat
    assert "What to find out • Ask your supervisor whether this contact is authorized." in flat
    assert "(may apply, depending on what you find out)" in flat


def test_text_policy_silent() -> None:
    result = run("decide", "--pack", MINI, "--set", "role=other", "--set", "channel=email",
                 "--details")
    assert result.exit_code == 0
    assert result.stdout.startswith("CONSULT YOUR SUPERVISOR — the policy does not cover this")
    flat = " ".join(result.stdout.split())
    assert "The policy is silent No rule of Mini policy (test fixture) gives a verdict for " \
           "this case." in flat
    assert "never treats silence as permission" in flat


def test_text_prohibited() -> None:
    result = run("decide", "--pack", MINI, "-s", "role=children_worker", "-s", "channel=social",
                 "-s", "account=personal", "-s", "authorized=yes", "-s", "awol=no")
    assert result.exit_code == 0
    # The headline names what to do instead (the deciding rule's obligation).
    assert result.stdout.startswith(
        "PROHIBITED — do not do this; use the agency's professional account instead.")


def test_text_lines_have_no_trailing_spaces() -> None:
    result = run("decide", "--pack", MINI, *sets(SOCIAL_UNSURE), env={"COLUMNS": "60"})
    lines = result.stdout.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert max(len(line) for line in lines) <= 60


def test_pack_text_is_not_rich_markup(tmp_path: Path) -> None:
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    rules = pack / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "[Record the contact in the case file.]", "['Record it [bold]now[/bold] :smile:']"),
        encoding="utf-8")
    result = run("decide", "--pack", pack, *sets(AUTHORIZED_TEXT))
    assert "☐ Record it [bold]now[/bold] :smile:" in result.stdout


# --- answers files and --set --------------------------------------------------------------


def test_answers_yaml_file_with_unquoted_yes() -> None:
    result = run("decide", "--pack", MINI, "--answers", ANSWERS / "authorized-text.yaml")
    assert result.exit_code == 0
    assert result.stdout.startswith("PERMITTED WITH CONDITIONS")


def test_answers_json_file() -> None:
    result = run("decide", "--pack", MINI, "--answers", ANSWERS / "social.json")
    assert result.exit_code == 0
    assert result.stdout.startswith("DISCOURAGED — avoid this if you can")


def test_set_overrides_answers_file() -> None:
    result = run("decide", "--pack", MINI, "--answers", ANSWERS / "authorized-text.yaml",
                 "--set", "authorized=no", "--format", "json")
    data = json.loads(result.stdout)
    assert data["verdict"] == "needs_authorization"
    assert {"question": "authorized", "question_text":
            "Has your supervisor authorized this contact?", "answer": "no",
            "answer_text": "No", "asked": True} in data["answers"]


def test_unanswered_questions_count_as_not_sure() -> None:
    result = run("decide", "--pack", MINI, "--set", "role=protection_worker", "-f", "json")
    data = json.loads(result.stdout)
    assert data["verdict"] == "prohibited"  # the personal account is still possible
    assert data["certain"] is False
    assert {f["question"] for f in data["find_out"]} >= {"channel", "authorized"}


BAD_FILES = [
    ("malformed.yaml", "role: protection_worker\nchannel: [text\n", r":3:1: YAML syntax error"),
    ("duplicate.yaml", "role: other\nchannel: text\nrole: other\n",
     r":3:1: duplicate key 'role' \(first defined at line 1\)"),
    ("unknown-question.yaml", "role: other\nchanel: text\n",
     r":2:1: unknown question 'chanel'; did you mean 'channel'\? the questions are: role, "
     r"channel, account, authorized, awol"),
    ("unknown-option.yaml", "role: other\nchannel: sms\n",
     r":2:10: question 'channel' has no answer 'sms'; choose one of: text, email, social, "
     r"unsure"),
    ("list-value.yaml", "channel: [text, email]\n",
     r":1:10: the answer to 'channel' must be one option id, not a list; choose one of"),
    ("mapping-value.yaml", "channel:\n  id: text\n", r":2:3: the answer to 'channel' must be"),
    ("null-value.yaml", "channel:\n", r":1:9: the answer to 'channel' must be one option id, "
     r"not nothing"),
    ("top-list.yaml", "- role: other\n", r":1:1: expected a mapping of question id to option "
     r"id \(question: option\), found a list"),
    ("empty.yaml", "", r":1:1: the answers file is empty"),
    ("no-unsure.yaml", "role: unsure\n",
     r":1:7: question 'role' has no answer 'unsure'; this question has no 'Not sure' answer"),
    ("bad.json", '{"role": "other",\n "channel": "text"', r":3:1: YAML syntax error"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES,
                         ids=[b[0] for b in BAD_FILES])
def test_bad_answers_files(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("decide", "--pack", MINI, "--answers", path)
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert re.search(re.escape(str(path)) + message, line), line
    assert result.stdout == ""


def test_answers_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"role: other\nchannel: t\xe9xt\n")
    result = run("decide", "--pack", MINI, "--answers", path)
    assert result.exit_code == 2
    assert one_error_line(result.stderr).endswith(f"{path}:2:11: not UTF-8 text (byte 0xe9); "
                                                  "save the file as UTF-8")


def test_answers_file_missing(tmp_path: Path) -> None:
    result = run("decide", "--pack", MINI, "--answers", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    missing = tmp_path / "nope.yaml"
    assert one_error_line(result.stderr) == f"smguide: error: {missing}: no such file"


@pytest.mark.parametrize(("value", "message"), [
    ("channel", "--set 'channel': expected question=option, e.g. --set channel=text"),
    ("=text", "expected question=option"),
    ("chanel=text", "unknown question 'chanel'; did you mean 'channel'?"),
    ("channel=sms", "question 'channel' has no answer 'sms'; choose one of: text, email, "
     "social, unsure"),
])
def test_bad_set(value: str, message: str) -> None:
    result = run("decide", "--pack", MINI, "--set", value)
    assert result.exit_code == 2
    assert message in one_error_line(result.stderr)


def test_set_twice_is_an_error() -> None:
    result = run("decide", "--pack", MINI, "--set", "channel=text", "--set", "channel=email")
    assert result.exit_code == 2
    assert "question 'channel' is set twice" in one_error_line(result.stderr)


def test_no_terminal_without_answers_explains_how() -> None:
    result = run("decide", "--pack", MINI)
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert "smguide questions" in line and "--answers" in line and "--set" in line


def test_unknown_format_is_a_usage_error() -> None:
    result = run("decide", "--pack", MINI, "--set", "role=other", "--format", "pdf")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_missing_pack(tmp_path: Path) -> None:
    result = run("decide", "--pack", tmp_path / "nopack", "--set", "role=other")
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == (
        f"smguide: error: {tmp_path / 'nopack'}: no such rule pack folder")


def test_broken_pack_gives_its_location() -> None:
    from tests.fixtures import BROKEN

    result = run("decide", "--pack", BROKEN, "--set", "channel=text")
    assert result.exit_code == 2
    assert re.search(r"content\.yaml:12:\d+: rule 'r1': question 'channel' has no option 'fax'",
                     one_error_line(result.stderr))


# --- json and markdown --------------------------------------------------------------------


def test_json_schema() -> None:
    result = run("decide", "--pack", MINI, *sets(SOCIAL_UNSURE), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "smguide.decision/1"
    assert "recorded_at" not in data
    assert list(data) == ["schema", "tool", "pack", "verdict", "verdict_label", "summary",
                          "certain", "silent", "silences", "answers", "rules", "defeats",
                          "obligations", "cautions", "considerations", "find_out", "why_not",
                          # added by the one-screen answer, after the original fields
                          "headline", "next_step", "settled", "depends", "checklist",
                          "sources", "language", "headline_label", "urgent",
                          "unsure_answers", "in_the_way"]
    assert data["tool"]["name"] == "smguide"
    assert data["pack"]["id"] == "mini" and data["pack"]["version"] == "1.2.0"
    assert data["pack"]["content_hash"].startswith("sha256:")
    assert data["verdict"] == "needs_authorization" and data["certain"] is False
    rule = next(r for r in data["rules"] if r["id"] == "needs-authorization")
    assert rule["deciding"] is True and rule["certain"] is False
    assert rule["citations"] == [{
        "source": "minipol", "source_title": "Mini Electronic Contact Policy",
        "source_label": "Mini Electronic Contact Policy",  # no short title declared
        "section": "supervision.authorization",
        "section_title": "Procedures / Supervision — prior authorization",
        "quote": "Use of electronic communication requires prior authorization by the "
                 "supervisor.", "quote_label": "quoted", "quote_language": "en"}]
    assert data["defeats"] == [{
        "exception": "awol-exception", "exception_title": "Reaching a youth who is AWOL",
        "defeated": "social-discouraged", "defeated_title": "Social media is a last resort",
        "certain": True}]
    assert data["find_out"] == [{"question": "authorized",
                                 "text": "Ask your supervisor whether this contact is authorized."}]
    assert data["why_not"][0]["verdict"] == "permitted_with_conditions"
    assert data["why_not"][0]["changes"][0]["question"] == "authorized"
    obligation = next(o for o in data["obligations"] if o["rules"] == ["needs-authorization"])
    assert obligation["certain"] is False
    # Not settled: the verdict stays the strictest outcome; what it depends on is added.
    assert data["settled"] is False
    assert data["headline"].startswith("DEPENDS — do not go ahead until you know")
    assert data["depends"] == [{
        "question": "authorized", "question_text": "Has your supervisor authorized this contact?",
        "find_out": "Ask your supervisor whether this contact is authorized.",
        "outcomes": [
            {"options": ["yes"], "answers": ["Yes"], "verdict": "permitted_with_conditions",
             "settled": True, "text": "if Yes: permitted with conditions"},
            {"options": ["no"], "answers": ["No"], "verdict": "needs_authorization",
             "settled": True, "text": "if No: needs authorization"}]}]


def test_markdown() -> None:
    result = run("decide", "--pack", MINI, *sets(SOCIAL_UNSURE), "--format", "markdown")
    assert result.exit_code == 0
    md = result.stdout
    assert md.startswith("**DEPENDS — do not go ahead until you know: Has your supervisor")
    assert "- **Has your supervisor authorized this contact?** if Yes: permitted with " \
        "conditions; if No: needs authorization" in md
    assert "### Obligations" in md
    assert ("- [ ] Get your supervisor's authorization and note it in the case file. "
            "*(depending on what you find out)*") in md
    assert "- [ ] Tell your supervisor the same day." in md
    assert ("     > “Use of electronic communication requires prior authorization by the "
            "supervisor.” — quoted") in md
    assert "### Exceptions applied" in md and "### What to find out" in md
    assert "- Has your supervisor authorized this contact? — Not sure" in md


# --- decision records -----------------------------------------------------------------------


def test_record_json(tmp_path: Path) -> None:
    target = tmp_path / "case-42.json"
    result = run("decide", "--pack", MINI, "--answers", ANSWERS / "authorized-text.yaml",
                 "--record", target)
    assert result.exit_code == 0
    assert result.stdout.startswith("PERMITTED WITH CONDITIONS")
    assert f"decision record written to {target}" in result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == "smguide.decision/1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["recorded_at"])
    assert data["tool"]["version"] == __import__("smguide").__version__
    assert data["pack"]["content_hash"].startswith("sha256:")
    assert data["verdict"] == "permitted_with_conditions"
    assert data["answers"][0] == {"question": "role", "question_text": "What is your role?",
                                  "answer": "protection_worker",
                                  "answer_text": "Child protection worker",
                                  "asked": True}
    assert [o["text"] for o in data["obligations"]] == [
        "Record the contact in the case file.",
        "Do not put the client's full name or address in the message."]
    assert data["rules"][0]["citations"][0]["quote"] == (
        "All electronic contact is recorded in the case file.")
    # Nothing about where things are: no paths (a path can hold a name).
    text = target.read_text(encoding="utf-8")
    assert str(tmp_path) not in text and str(MINI) not in text and "answers" + os.sep not in text
    assert [p.name for p in tmp_path.iterdir()] == ["case-42.json"]


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_record_yaml(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"record{suffix}"
    result = run("decide", "--pack", MINI, *sets(SOCIAL_UNSURE), "-r", target, "-f", "json")
    assert result.exit_code == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["verdict"] == "needs_authorization"
    stdout = json.loads(result.stdout)
    stdout.pop("schema")
    for key, value in stdout.items():
        assert data[key] == value


def test_record_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "record.json"
    target.write_text("earlier record\n", encoding="utf-8")
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--record", target)
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == (
        f"smguide: error: {target}: already exists; choose another name or add --force to "
        "replace it")
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == "earlier record\n"

    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--record", target, "--force")
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == "permitted_with_conditions"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.json"]


def test_record_into_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "record.json"
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--record", target)
    assert result.exit_code == 2
    assert "the folder to write into does not exist" in one_error_line(result.stderr)


def test_record_failure_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("smguide.system.files.os.fsync", full_disk)
    target = tmp_path / "record.json"
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--record", target)
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == (
        f"smguide: error: {target}: cannot write: No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_record_interrupted_leaves_nothing(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def ctrl_c(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("smguide.system.files.os.link", ctrl_c)
    monkeypatch.setattr("smguide.system.files.os.replace", ctrl_c)
    target = tmp_path / "record.json"
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--record", target)
    assert result.exit_code == 130
    assert result.stderr.strip() == "smguide: interrupted; nothing was written"
    assert list(tmp_path.iterdir()) == []
    # With --force, an interrupted write keeps the earlier record whole.
    target.write_text("earlier\n", encoding="utf-8")
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--record", target, "--force")
    assert result.exit_code == 130
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]
    assert target.read_text(encoding="utf-8") == "earlier\n"


def test_interrupt_after_the_record_is_written_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def ctrl_c(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("smguide.render.answer.summary", ctrl_c)
    target = tmp_path / "record.json"
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT), "--record", target)
    assert result.exit_code == 130
    assert result.stderr == (
        f"smguide: interrupted; the decision record was written to {target}\n")
    assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == (
        "permitted_with_conditions")
    # Without a record, nothing was written.
    result = run("decide", "--pack", MINI, *sets(AUTHORIZED_TEXT))
    assert result.exit_code == 130
    assert result.stderr == "\nsmguide: interrupted; nothing was written\n"


def test_every_set_example_in_the_help_is_accepted() -> None:
    """`decide --help` showed `--set authorized=yes`, which the bundled pack refuses."""
    from smguide.pack.selection import load as load_packs

    out = run("decide", "--help").stdout
    examples = re.findall(r"--set ([a-z_]+)=([a-z_]+)", out)
    assert examples
    pack = load_packs(None)
    for question, option in examples:
        found = pack.question(question)
        assert found is not None and found.option(option) is not None, (question, option)
