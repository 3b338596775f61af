from __future__ import annotations

from pathlib import Path

import pytest

from smguide.errors import InputError, PackError
from smguide.pack.loader import load_pack
from smguide.pack.yamlload import load_file, loads
from tests.enginepacks import MINI, write_pack

# With libyaml and with the pure-Python parser (tests/conftest.py, issue 8).
pytestmark = pytest.mark.usefixtures("yaml_parser")


def error(text: str) -> str:
    with pytest.raises(InputError) as info:
        loads(text, "f.yaml")
    return str(info.value)


def test_positions_of_values_and_keys() -> None:
    doc = loads("a:\n  - x: 1\n    y: [2, 3]\n", "f.yaml")
    assert doc.data == {"a": [{"x": 1, "y": [2, 3]}]}
    assert str(doc.location(("a", 0, "y", 1))) == "f.yaml:3:12"
    assert str(doc.key_location(("a", 0, "y"))) == "f.yaml:3:5"
    assert str(doc.location(("a", 0, "missing"))) == "f.yaml:2:5"


def test_duplicate_keys_are_errors() -> None:
    assert error("a: 1\nb: 2\na: 3\n") == "f.yaml:3:1: duplicate key 'a' (first defined at line 1)"


def test_syntax_errors_have_positions() -> None:
    assert error("a: [1, 2\nb: 3\n").startswith("f.yaml:2:")
    assert "YAML syntax error" in error("a: b: c\n")


def test_yes_no_and_dates() -> None:
    assert loads("a: yes\nb: No\nc: 2011-11-30\nd: '1'\n").data == {
        "a": True, "b": False, "c": "2011-11-30", "d": "1"}


def test_alias_bomb_is_refused() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        refs = ",".join([f"*{prev}"] * 9)
        lines.append(f"{cur}: &{cur} [{refs}]")
    assert "alias bomb" in error("\n".join(lines) + "\n")


def test_deep_nesting_is_refused() -> None:
    assert "nesting is deeper" in error("[" * 10_000 + "]" * 10_000)


def test_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError, match=r"bad.yaml:2:7: not UTF-8"):
        load_file(path)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        load_file(path)


def test_several_documents_are_refused() -> None:
    assert "more than one YAML document" in error("a: 1\n---\nb: 2\n")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("verdict: prohibited", "verdict: forbidden"), r"content.yaml:\d+:\d+: rules.\d+.verdict"),
        (("verdict: prohibited", "verdict: prohibited\n  colour: red"), r"unknown key 'colour'"),
        (("account: personal", "acount: personal"), r"unknown question 'acount'"),
        (("account: personal", "account: private"), r"has no option 'private'"),
        (("title: Tone", "title: [Tone]"), r"rules.\d+.title: .*expected a text"),
    ],
)
def test_pack_errors_point_at_the_node(tmp_path: Path, edit: tuple[str, str],
                                       message: str) -> None:
    folder = write_pack(tmp_path / "p", MINI)
    content = folder / "content.yaml"
    text = content.read_text()
    assert edit[0] in text
    content.write_text(text.replace(edit[0], edit[1], 1))
    with pytest.raises(PackError, match=message):
        load_pack(folder)


def test_exception_to_unknown_rule_and_cycles(tmp_path: Path) -> None:
    body = {"questions": MINI["questions"], "rules": [
        {"id": "a", "title": "A", "when": {"role": "worker"}, "verdict": "permitted",
         "exception_to": ["b"]},
        {"id": "b", "title": "B", "when": {"role": "worker"}, "verdict": "prohibited",
         "exception_to": ["a"]},
    ]}
    with pytest.raises(PackError, match="exceptions form a cycle"):
        load_pack(write_pack(tmp_path / "cyc", body))


def test_ask_if_must_read_earlier_questions(tmp_path: Path) -> None:
    questions = [dict(q) for q in MINI["questions"]]  # type: ignore[attr-defined]
    questions[0]["ask_if"] = {"channel": "phone"}
    with pytest.raises(PackError, match="may only read questions asked before it"):
        load_pack(write_pack(tmp_path / "order", {"questions": questions,
                                                  "rules": MINI["rules"]}))


def test_not_a_pack(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"pack\.yaml is missing"):
        load_pack(tmp_path)
    with pytest.raises(InputError, match="no such rule pack"):
        load_pack(tmp_path / "nope")
