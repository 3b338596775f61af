"""Property-based fuzzing (issue 8): whatever the input, the YAML loader, the condition
parser and the answers parser either succeed or raise smguide's own errors; nothing
else (RecursionError, KeyError, ValueError from Python's internals) escapes.

Bounded and derandomized so the file runs in seconds and the same way every time."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smguide.errors import SmguideError
from smguide.pack import yamlload
from smguide.pack.answers import parse_sets, read_answers
from smguide.pack.conditions import ConditionError, parse
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack
from smguide.pack.yamlload import loads
from tests.hostile import tiny_pack

FUZZ = settings(max_examples=600, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Pieces of YAML, so that the fuzzer reaches past the first syntax error.
TOKENS = ["\n", " ", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ",
          "*b", "!!bool ", "!!int ", "!!float ", "!!str ", "!!binary ", "!!python/name:x ",
          "<<: ", "'", '"', "#", "|", ">", "---", "...", "yes", "no", "maybe", "0x",
          "0o", "0b", "1_0", "9" * 120, "1:30", ".inf", ".nan", "~", "null", "2011-11-30",
          "role", "channel", "text", "phone", "all", "any", "not", "\x00", "\x07", "\t",
          "\ufffe", "\u2028", "é", "%YAML 1.1\n", "%TAG ! x\n", "\\", "\r\n"]
yaml_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["all", "any", "not", "role",
                                                          "channel", "text", "phone"]))
data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8),
                                  st.sampled_from(["all", "any", "not", "channel"]),
                                  st.integers(), st.booleans()), children, max_size=4)),
    max_leaves=30,
)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return load_pack(tiny_pack(Path(tmp_path_factory.mktemp("fuzz")) / "p"))


@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
@FUZZ
@given(text=yaml_text)
def test_yaml_loader_raises_only_its_own_errors(parser: str, text: str) -> None:
    original = yamlload._Parser
    if parser == "pure-python":
        yamlload._Parser = yamlload.PureParser  # type: ignore[misc]
    try:
        loads(text, "f.yaml")
    except SmguideError as exc:
        assert "\n" not in str(exc)
    finally:
        yamlload._Parser = original  # type: ignore[misc]


# A pack file from pieces of the format: the whole loading path (YAML, schema,
# conditions, composition, references) raises only smguide's errors.
PACK_TOKENS = ["rules:", "questions:", "sources:", "silences:", "\n  - id: r", "\n  - id: t",
               "\n    when:", "\n    ask_if:", "\n    verdict: prohibited",
               "\n    verdict: maybe", "\n    replaces:", "\n    exception_to:",
               "\n    cite:", "\n      - source: pol", "\n        section: s1",
               "\n    options:", "\n      - id: text", "\n    title: T", "\n    text: T",
               "\n    date:", "\n    sections:", " {channel: text}", " {not: {channel: x}}",
               " [a, b]", " [r]", " [text-prohibited]", " &x", " *x", " yes", " 1", " ~",
               " []", " {}", "\n", " !!int 3", " 2011-11-30", " {all: []}"]
pack_text = st.lists(st.sampled_from(PACK_TOKENS), max_size=40).map("".join)


@FUZZ
@given(text=pack_text)
def test_pack_loading_raises_only_its_own_errors(tmp_path_factory: pytest.TempPathFactory,
                                                 text: str) -> None:
    folder = tiny_pack(Path(tmp_path_factory.mktemp("pack")) / "p", **{"fuzz.yaml": text})
    try:
        load_pack(folder)
    except SmguideError as exc:
        assert "\n" not in str(exc)


@FUZZ
@given(value=data)
def test_condition_parser_raises_only_its_own_errors(value: Any) -> None:
    with contextlib.suppress(ConditionError):
        parse(value)


@FUZZ
@given(text=yaml_text)
def test_answers_file_raises_only_its_own_errors(pack: Pack, text: str) -> None:
    try:
        answers = read_answers(loads(text, "a.yaml"), (), pack)
    except SmguideError:
        return
    assert set(answers) <= {"channel"}


@FUZZ
@given(values=st.lists(st.one_of(st.text(max_size=20),
                                 st.sampled_from(["channel=text", "channel=phone",
                                                  "channel=", "=text", "channel==text",
                                                  " channel = phone ", "role=x"])),
                       max_size=4))
def test_set_options_raise_only_their_own_errors(pack: Pack, values: list[str]) -> None:
    try:
        answers = parse_sets(values, pack)
    except SmguideError:
        return
    assert set(answers) <= {"channel"}
