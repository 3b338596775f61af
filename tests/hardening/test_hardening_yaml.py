"""Hostile YAML gives one message at file:line:col, never a traceback (issue 8: R1-R4,
R11 and the messages that leaked Python's or PyYAML's internals).

Every test runs with libyaml's parser and with the pure-Python one (``yaml_parser``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from smguide.errors import InputError
from smguide.pack.yamlload import LimitError, loads
from tests.hostile import tiny_pack
from tests.lintutil import run_cli

pytestmark = pytest.mark.usefixtures("yaml_parser")
Capsys = pytest.CaptureFixture[str]


def error(text: str) -> str:
    with pytest.raises(InputError) as info:
        loads(text, "f.yaml")
    message = str(info.value)
    assert "\n" not in message
    return message


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("smguide: error: "), err
    assert "Traceback" not in err
    return err


# R1: the same refusal at 100 and 10,000 levels, for lists and mappings, whatever
# libyaml's own limit; in lint, decide --answers and scenarios.
DEEP = {
    "list-100": ("[" * 100 + "]" * 100, "1:65"),
    "list-10000": ("[" * 10_000 + "]" * 10_000, "1:65"),
    "map-100": ("{a: " * 100 + "1" + "}" * 100, "1:257"),
    "map-10000": ("{a: " * 10_000 + "1" + "}" * 10_000, "1:257"),
}


@pytest.mark.parametrize("name", list(DEEP))
def test_r1_deep_nesting_same_refusal_everywhere(capsys: Capsys, tmp_path: Path,
                                                  name: str) -> None:
    text, where = DEEP[name]
    expected = f"{where}: nesting is deeper than 64 levels"
    assert error(text) == f"f.yaml:{expected}"
    pack = tiny_pack(tmp_path / "p", **{"deep.yaml": text})
    code, out, err = run_cli(capsys, "lint", str(pack))
    assert (code, out) == (2, "")
    assert _one_line(err).endswith(f"deep.yaml:{expected}\n")
    answers = tmp_path / "answers.yaml"
    answers.write_text(text)
    code, _, err = run_cli(capsys, "decide", "--pack", str(tiny_pack(tmp_path / "ok")),
                           "--answers", str(answers))
    assert code == 2 and _one_line(err).endswith(f"answers.yaml:{expected}\n")
    code, _, err = run_cli(capsys, "scenarios", str(answers))
    assert code == 2 and _one_line(err).endswith(f"answers.yaml:{expected}\n")


# R2: recursive aliases; aliases that each add levels.
@pytest.mark.parametrize("text", [
    "role: &a [*a, *a]\n",
    "when: &w {all: [*w]}\n",
    "ask_if: &q {not: *q}\n",
])
def test_r2_recursive_alias_is_refused(text: str) -> None:
    assert "the alias" in error(text) and "inside its own anchor" in error(text)


def test_r2_alias_chains_cannot_pass_the_depth_limit() -> None:
    lines = ["a0: &a0 " + "[" * 60 + "1" + "]" * 60]
    lines += [f"a{i}: &a{i} [[[[*a{i - 1}]]]]" for i in range(1, 40)]
    with pytest.raises(LimitError) as info:
        loads("\n".join(lines) + "\n", "f.yaml")
    assert str(info.value) == ("f.yaml:2:13: nesting is deeper than 64 levels "
                               "(through the alias *a0)")


def test_r2_deep_condition_through_aliases_in_a_rule(capsys: Capsys, tmp_path: Path) -> None:
    rules = "rules:\n  - id: r\n    title: R\n    verdict: prohibited\n    when: &w {all: [*w]}\n"
    pack = tiny_pack(tmp_path / "p", **{"more.yaml": rules})
    code, _, err = run_cli(capsys, "rules", "--pack", str(pack))
    assert code == 2
    assert "more.yaml:5:21: the alias *w is inside its own anchor" in _one_line(err)


def test_r2_an_alias_of_a_finished_anchor_still_works() -> None:
    doc = loads("a: &x {k: [1, 2]}\nb: *x\nc: &s word\nd: *s\n")
    assert doc.data == {"a": {"k": [1, 2]}, "b": {"k": [1, 2]}, "c": "word", "d": "word"}


# R3: explicit tags with values that do not fit them.
@pytest.mark.parametrize(("text", "message"), [
    ("role: !!bool maybe\n", "f.yaml:1:7: 'maybe' is not a yes/no value"),
    ("role: !!int twelve\n", "f.yaml:1:7: 'twelve' is not a whole number"),
    ("role: !!float fast\n", "f.yaml:1:7: 'fast' is not a number"),
    ("role: !!int 1:30\n", "f.yaml:1:7: sexagesimal number '1:30' is not supported"),
])
def test_r3_explicit_tags_with_wrong_values(text: str, message: str) -> None:
    assert error(text).startswith(message)


# R4: integers of more than 4,300 digits (Python will not print them).
@pytest.mark.parametrize("text", [
    "role: 0x" + "f" * 5000 + "\n",
    "role: 0" + "7" * 5000 + "\n",
    "role: " + "9" * 5000 + "\n",
    "0x" + "f" * 5000 + ": text\n",
    "? 0" + "7" * 5000 + "\n: text\n",
    "role: " + "9" * 5000 + ".5\n",
])
def test_r4_huge_numbers(text: str) -> None:
    message = error(text)
    assert message.startswith("f.yaml:1:")
    assert "more than 100 digits" in message
    assert "set_int_max_str_digits" not in message


def test_r4_huge_number_in_an_answers_file(capsys: Capsys, tmp_path: Path) -> None:
    pack = tiny_pack(tmp_path / "p")
    answers = tmp_path / "a.yaml"
    answers.write_text("channel: 0x" + "f" * 5000 + "\n")
    code, _, err = run_cli(capsys, "decide", "--pack", str(pack), "--answers", str(answers))
    assert code == 2
    assert "a.yaml:1:10: a number of more than 100 digits" in _one_line(err)


# R11: control characters, at their line and column, in one line.
@pytest.mark.parametrize(("text", "where", "code"), [
    ("role: a\x00b\n", "1:8", "0000"),
    ("x: 1\nrole: bell\x07\n", "2:11", "0007"),
    ("x: 1\nrole: \ufffe\n", "2:7", "FFFE"),
    ("# a comment\x1b\n", "1:12", "001B"),
])
def test_r11_control_characters(text: str, where: str, code: str) -> None:
    assert error(text) == (f"f.yaml:{where}: the character U+{code} (a control character) "
                           "is not allowed; remove it")


def test_r11_control_character_in_lint_is_one_line(capsys: Capsys, tmp_path: Path) -> None:
    pack = tiny_pack(tmp_path / "p", **{"bad.yaml": "rules: []\n# \x00\n"})
    code, out, err = run_cli(capsys, "lint", str(pack))
    assert code in (1, 2)
    text = out + err
    assert "bad.yaml:2:3: error [yaml-syntax] the character U+0000" in text
    assert "position" not in text and ":0:0:" not in text


def test_tabs_and_newlines_are_fine() -> None:
    assert loads("a: 'x\ty'\r\nb: 2\n").data == {"a": "x\ty", "b": 2}


# Messages that leaked internals.
def test_leak_merge_key() -> None:
    message = error("base: &b {a: 1}\nother:\n  <<: *b\n")
    assert message == "f.yaml:3:3: merge keys ('<<') are not supported; write the keys out"


def test_leak_other_tags() -> None:
    assert error("a: !!binary aGk=\n") == ("f.yaml:1:4: the tag !!binary is not supported; "
                                       "write a plain value")


def test_leak_invalid_literal() -> None:
    message = error("a: !!int 0x1g\n")
    assert "invalid literal" not in message
    assert message == "f.yaml:1:4: '0x1g' is not a whole number"


def test_leak_alias_as_key_is_reported_at_the_alias() -> None:
    assert error("m: &m {k: v}\nx:\n  *m : 1\n") == (
        "f.yaml:3:3: complex mapping keys are not supported")
