"""Packs and results files that are wrong in ways the loader let through (issue 8: R14,
R15, R4 and R5 in quiz results, and a pydantic message that leaked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile import tiny_pack
from tests.lintutil import run_cli

Capsys = pytest.CaptureFixture[str]

REPLACER = """\
rules:
  - id: replacer
    title: Texting is fine after all
    when: {channel: text}
    verdict: permitted
    replaces: [TARGET]
    cite:
      - source: pol
        section: s1
"""


def _one_error(capsys: Capsys, *args: str) -> str:
    code, out, err = run_cli(capsys, *args)
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith("smguide: error: "), err
    return err


# R14: 'replaces' of a rule that does not exist, or of a sibling rule, is refused at the
# 'replaces' entry (the sibling case let 'text' stay prohibited and permitted at once;
# a typo kept the rule meant to go).
@pytest.mark.parametrize(("target", "message"), [
    ("nonexistent", "rule 'replacer' replaces 'nonexistent', which no base pack defines"),
    ("text-prohibited", "rule 'replacer' replaces 'text-prohibited', a rule of the same pack"),
])
def test_r14_replaces_refused_at_the_replaces_line(capsys: Capsys, tmp_path: Path,
                                                   target: str, message: str) -> None:
    pack = tiny_pack(tmp_path / "p", **{"more.yaml": REPLACER.replace("TARGET", target)})
    err = _one_error(capsys, "decide", "--pack", str(pack), "--set", "channel=text")
    assert f"more.yaml:6:16: {message}" in err
    code, out, _ = run_cli(capsys, "lint", str(pack))
    assert code == 1
    assert f"more.yaml:6:16: error [pack-compose] {message}" in out


def test_r14_replacing_a_base_rule_still_works(capsys: Capsys, tmp_path: Path) -> None:
    tiny_pack(tmp_path / "base")
    agency = tmp_path / "agency"
    agency.mkdir()
    (agency / "pack.yaml").write_text("id: agency\ntitle: A\nversion: 1.0.0\n"
                                      "extends: [../base]\n")
    (agency / "rules.yaml").write_text(REPLACER.replace("TARGET", "text-prohibited"))
    code, out, err = run_cli(capsys, "decide", "--pack", str(agency), "--set", "channel=text")
    assert code == 0, err
    assert out.startswith("PERMITTED")


# R15: a source date of the wrong type.
@pytest.mark.parametrize("value", ["[2011, 11]", "{year: 2011}", "yes", "1.5"])
def test_r15_source_date_of_the_wrong_type(capsys: Capsys, tmp_path: Path,
                                           value: str) -> None:
    sources = ("sources:\n  - id: other\n    title: O\n    issuer: I\n"
               f"    date: {value}\n")
    pack = tiny_pack(tmp_path / "p", **{"more.yaml": sources})
    err = _one_error(capsys, "rules", "--pack", str(pack))
    assert "more.yaml:5:11: sources.0.date: a date is written like 2011-11-30" in err


@pytest.mark.parametrize("value", ["2011-11-30", "2011", "'November 2011'"])
def test_r15_dates_and_years_are_fine(capsys: Capsys, tmp_path: Path, value: str) -> None:
    sources = ("sources:\n  - id: other\n    title: O\n    issuer: I\n"
               f"    date: {value}\n    sections: [{{id: a, title: A}}]\n")
    pack = tiny_pack(tmp_path / "p", **{"more.yaml": sources})
    code, _, err = run_cli(capsys, "rules", "--pack", str(pack))
    assert code == 0, err


# Messages that leaked internals: "Input should be a valid dictionary or instance of Rule".
def test_leak_rule_that_is_not_a_mapping(capsys: Capsys, tmp_path: Path) -> None:
    pack = tiny_pack(tmp_path / "p", **{"more.yaml": "rules:\n  - just-a-name\n"})
    err = _one_error(capsys, "rules", "--pack", str(pack))
    assert "more.yaml:2:5: rules.0: expected a mapping (a rule), found text" in err
    assert "Input should be" not in err


# R4 and R5 in 'scenarios --results' (JSON Lines).
@pytest.mark.parametrize(("line", "message"), [
    ("[" * 100_000 + "]" * 100_000, "nesting is deeper than 64 levels"),
    ('{"a": ' + "1" * 5000 + "}", "a number of more than 100 digits is not supported"),
    ('{"a": 1e' + "1" * 5000 + "}", "a number of more than 100 digits is not supported"),
])
def test_r4_r5_results_lines(capsys: Capsys, tmp_path: Path, line: str, message: str) -> None:
    results = tmp_path / "class.jsonl"
    results.write_text("\n" + line + "\n")
    err = _one_error(capsys, "scenarios", "--results", str(results))
    assert f"class.jsonl:2:1: not a quiz result: {message}" in err
    assert "set_int_max_str_digits" not in err


def test_results_strings_with_brackets_are_not_nesting(capsys: Capsys, tmp_path: Path) -> None:
    results = tmp_path / "class.jsonl"
    results.write_text('{"note": "' + "[" * 100 + '\\"{"}\n')
    err = _one_error(capsys, "scenarios", "--results", str(results))
    assert "'schema' is None" in err
