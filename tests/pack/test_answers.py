"""Answers files and --set values: parsing and validation with positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from smguide.errors import InputError, UsageError
from smguide.pack.answers import check_answer, load_answers_file, parse_sets, valid_answers
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack
from tests.fixtures import ANSWERS, MINI


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(MINI)


def load(tmp_path: Path, pack: Pack, text: str, name: str = "a.yaml") -> dict[str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_answers_file(path, pack)


def error(tmp_path: Path, pack: Pack, text: str) -> str:
    with pytest.raises(InputError) as info:
        load(tmp_path, pack, text)
    return str(info.value).replace(str(tmp_path / "a.yaml"), "a.yaml")


def test_yaml_and_json(pack: Pack) -> None:
    assert load_answers_file(ANSWERS / "authorized-text.yaml", pack) == {
        "role": "protection_worker", "channel": "text", "authorized": "yes"}
    assert load_answers_file(ANSWERS / "social.json", pack)["awol"] == "no"


def test_booleans_and_unsure(tmp_path: Path, pack: Pack) -> None:
    assert load(tmp_path, pack, "authorized: No\nawol: true\nchannel: unsure\n") == {
        "authorized": "no", "awol": "yes", "channel": "unsure"}
    assert load(tmp_path, pack, "authorized: 'no'\n") == {"authorized": "no"}
    assert load(tmp_path, pack, "{}\n") == {}


def test_errors_have_positions(tmp_path: Path, pack: Pack) -> None:
    assert error(tmp_path, pack, "role: other\n  channel: text\n").startswith(
        "a.yaml:2:")
    assert error(tmp_path, pack, "role: other\nawol: maybe\n") == (
        "a.yaml:2:7: question 'awol' has no answer 'maybe'; choose one of: yes, no, unsure")
    assert error(tmp_path, pack, "role: 3\n") == (
        "a.yaml:1:7: question 'role' has no answer '3'; choose one of: protection_worker, "
        "children_worker, other")
    assert error(tmp_path, pack, "channel: 1.5\n") == (
        "a.yaml:1:10: the answer to 'channel' must be one option id, not a number; choose one "
        "of: text, email, social, unsure")
    assert error(tmp_path, pack, "channel: ''\n").startswith(
        "a.yaml:1:10: the answer to 'channel' must be one option id, not a str")
    assert error(tmp_path, pack, "yes: no\n").startswith("a.yaml:1:1: unknown question 'yes'")
    assert error(tmp_path, pack, "text\n") == (
        "a.yaml:1:1: expected a mapping of question id to option id (question: option), "
        "found a str")


def test_close_matches_are_suggested(tmp_path: Path, pack: Pack) -> None:
    assert "did you mean 'authorized'?" in error(tmp_path, pack, "authorised: yes\n")
    assert "did you mean 'protection_worker'?" in error(tmp_path, pack,
                                                         "role: protection-worker\n")


def test_oversized_file(tmp_path: Path, pack: Pack) -> None:
    with pytest.raises(InputError, match="at most 1 MiB"):
        load(tmp_path, pack, "# " + "x" * (1024 * 1024 + 10) + "\n")


def test_sets(pack: Pack) -> None:
    assert parse_sets(["role=other", " channel = email "], pack) == {
        "role": "other", "channel": "email"}
    assert parse_sets([], pack) == {}
    with pytest.raises(UsageError, match="expected question=option"):
        parse_sets(["role"], pack)
    with pytest.raises(UsageError, match="expected question=option"):
        parse_sets(["role="], pack)
    with pytest.raises(UsageError, match="set twice"):
        parse_sets(["role=other", "role=other"], pack)
    with pytest.raises(UsageError, match="has no answer 'unsure'"):
        parse_sets(["role=unsure"], pack)


def test_valid_answers_and_check(pack: Pack) -> None:
    role, awol = pack.question("role"), pack.question("awol")
    assert role is not None and awol is not None
    assert valid_answers(role) == ["protection_worker", "children_worker", "other"]
    assert valid_answers(awol) == ["yes", "no", "unsure"]
    assert check_answer(pack, "awol", "yes") is None
    assert "unknown question 'nope'" in (check_answer(pack, "nope", "yes") or "")
