"""Positions stay exact (issue 11): the loader keeps only each node's offset and works
out line:col when asked; every key, value and item must stand where the parser saw it.

The reference below records every position the straightforward way (a path per node,
as the loader did before), from the same parser's events."""

from __future__ import annotations

import contextlib
import random
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml import events as ev

from smguide.errors import PackError
from smguide.pack import conditions, yamlload
from smguide.pack.loader import load_pack
from smguide.pack.yamlload import loads

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))

import gen_packs

Positions = dict[tuple[Any, ...], tuple[int, int]]


def reference_positions(text: str) -> Positions:
    """path -> (line, column) of every value, and (*path, "<key>") of every key."""
    parser = yamlload._Parser(text)
    positions: Positions = {}
    anchors: dict[str, Any] = {}
    # frames: [path, is_map, pending key (None: a key comes next), next index]
    stack: list[list[Any]] = []
    while (event := parser.get_event()) is not None:
        if not isinstance(event, (ev.ScalarEvent, ev.AliasEvent, ev.CollectionStartEvent,
                                  ev.CollectionEndEvent)):
            continue
        if isinstance(event, ev.CollectionEndEvent):
            stack.pop()
            continue
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, ev.ScalarEvent):
            value = yamlload._scalar(event)
            if event.anchor:
                anchors[event.anchor] = value
        elif isinstance(event, ev.AliasEvent):
            value = anchors.get(event.anchor)
        path: tuple[Any, ...] = ()
        if stack:
            frame = stack[-1]
            if frame[1] and frame[2] is None:  # a key
                key = value if isinstance(value, str) else yamlload._key_text(value)
                positions[(*frame[0], key, "<key>")] = mark
                frame[2] = key
                continue
            if frame[1]:
                path, frame[2] = (*frame[0], frame[2]), None
            else:
                path, frame[3] = (*frame[0], frame[3]), frame[3] + 1
        positions[path] = mark
        if isinstance(event, ev.CollectionStartEvent):
            stack.append([path, isinstance(event, ev.MappingStartEvent), None, 0])
            if event.anchor:
                anchors[event.anchor] = None  # a container is never a key here
    return positions


def assert_same_positions(text: str, order: str = "reading") -> int:
    doc = loads(text, "f.yaml", max_nodes=1 << 30)
    expected = list(reference_positions(text).items())
    if order == "reversed":
        expected.reverse()
    elif order == "shuffled":
        random.Random(0).shuffle(expected)
    for path, (line, column) in expected:
        is_key = bool(path) and path[-1] == "<key>"
        got = doc.key_location(path[:-1]) if is_key else doc.location(path)
        assert (got.line, got.column) == (line, column), (path, got)
    return len(expected)


@pytest.mark.usefixtures("yaml_parser")
def test_every_position_of_a_generated_pack_is_exact(tmp_path: Path) -> None:
    folder = gen_packs.write(tmp_path / "p", gen_packs.body("random", 250))
    checked = sum(assert_same_positions(path.read_text(encoding="utf-8"))
                  for path in sorted(folder.rglob("*.yaml")))
    assert checked > 30_000


@pytest.mark.parametrize("order", ["reversed", "shuffled"])
@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_positions_asked_in_any_order(order: str, line_break: str) -> None:
    body = gen_packs.body("random", 40)
    text = yaml.safe_dump(body, sort_keys=False, line_break=line_break)
    assert assert_same_positions(text, order) > 5_000


@pytest.mark.usefixtures("yaml_parser")
def test_positions_in_flow_style_aliases_and_odd_line_breaks() -> None:
    text = ("a: &x {k: [1, 2, {deep: yes}], 'q': \"v\\u2028w\"}\r\n"
            "b: *x\r\n"
            "c: [*x, &y 3, *y]\r\n"
            "d: 'line\u2028two'\r\n"
            "e: 'nel\x85here'\n"
            "f:\n  - g: |\n      block\n      text\n    h: >-\n      folded\n"
            "? i\n: j\n"
            "\u00e9\u20ac: \U0001f600x\n")
    assert assert_same_positions(text) > 20
    doc = loads(text, "f.yaml")
    # Inside an alias, a path stands where the alias is written.
    assert doc.location(("b", "k", 0)) == doc.location(("b",))
    assert (doc.location(("c", 0, "k")).line, doc.location(("c", 0, "k")).column) == (3, 5)


@pytest.mark.usefixtures("yaml_parser")
def test_a_missing_part_stands_at_its_nearest_ancestor() -> None:
    doc = loads("a:\n  - x: 1\n    y: [1, 2]\n", "f.yaml")
    assert str(doc.location(("a", 0, "y", 7))) == "f.yaml:3:8"
    assert str(doc.location(("a", 0, "z", "w"))) == "f.yaml:2:5"
    assert str(doc.location(("a", "0"))) == "f.yaml:2:3"  # a list is not a mapping
    assert str(doc.key_location(("a", 0, "z"))) == "f.yaml:2:5"
    assert str(doc.location(("nothing",))) == "f.yaml:1:1"
    for base, key in [(("a", 0), ("y", 1)), (("a", 0), ("z", 3)), (("a", 5), ("x",)),
                      (("a", 0, "x"), ("deeper",)), ((), ())]:
        assert doc.location_under(base, key) == doc.location((*base, *key)), (base, key)
    assert str(loads("", "e.yaml").location(("a",))) == "e.yaml:1:1"
    assert str(loads("\n\n  ~\n", "n.yaml").location(())) == "n.yaml:3:3"


@pytest.mark.usefixtures("yaml_parser")
def test_a_duplicate_key_says_where_the_first_one_is() -> None:
    text = "top:\n  big: [1, [2, 3], {x: y}]\n  other: &a {p: q}\n  again: *a\n  big: 2\n"
    with pytest.raises(yamlload.DuplicateKeyError) as caught:
        loads(text, "f.yaml")
    assert str(caught.value) == "f.yaml:5:3: duplicate key 'big' (first defined at line 2)"


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.text("ab \u00e9\u20ac\U0001f600:-#'\"\t\n", max_size=8))
keys = st.one_of(st.text("abcxyz\u00e9 ", min_size=1, max_size=6), st.integers(0, 99),
                 st.booleans())
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(keys, children, max_size=4)),
    max_leaves=25,
)


@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=documents, flow=st.sampled_from([None, True, False]),
       line_break=st.sampled_from(["\n", "\r\n", "\r"]), width=st.sampled_from([12, 80]))
def test_positions_match_the_parser_on_any_document(parser: str, data: Any, flow: bool | None,
                                                    line_break: str, width: int) -> None:
    original = yamlload._Parser
    if parser == "pure-python":
        yamlload._Parser = yamlload.PureParser  # type: ignore[misc]
    try:
        text = yaml.safe_dump(data, default_flow_style=flow, line_break=line_break,
                              width=width, allow_unicode=True)
        # True and "yes" are one key once loaded: such a document is refused
        with contextlib.suppress(yamlload.DuplicateKeyError):
            assert_same_positions(text)
    finally:
        yamlload._Parser = original  # type: ignore[misc]


def _pack_with(tmp_path: Path, marker: str) -> tuple[Path, str, int, int]:
    """A generated pack whose rule 250 tests, deep in an any/not, a question no one asks."""
    body = gen_packs.body("random", 300)
    rule = body["rules"][250]
    rule["when"] = {"all": [rule["when"], {"any": [{"not": {marker: "o1"}}, {"q1": "o0"}]}]}
    folder = gen_packs.write(tmp_path / "p", body)
    path = folder / "rules" / "part0000.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if f"{marker}:" in text)
    # The test's location is its value: after "marker: " on that line.
    column = lines[line].index(f"{marker}:") + len(marker) + 3
    return folder, str(path), line + 1, column


@pytest.mark.usefixtures("yaml_parser")
def test_an_error_deep_in_a_large_pack_has_its_exact_location(tmp_path: Path) -> None:
    folder, path, line, column = _pack_with(tmp_path, "q_nobody_asks")
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    assert caught.value.location is not None
    assert str(caught.value.location) == f"{path}:{line}:{column}"
    assert "unknown question 'q_nobody_asks'" in caught.value.message


def test_tests_of_a_loaded_pack_know_their_exact_location(tmp_path: Path) -> None:
    folder = gen_packs.write(tmp_path / "p", gen_packs.body("random", 300))
    pack = load_pack(folder)
    for rule in pack.rules[::37]:
        assert rule.location is not None
        text = Path(rule.location.path).read_text(encoding="utf-8").splitlines()
        assert text[rule.location.line - 1][rule.location.column - 1:].startswith("id: ")
        for test in rule.when.tests():
            where = test.location
            assert where is not None and where.path == rule.location.path
            before = text[where.line - 2] if text[where.line - 1].lstrip().startswith("- ") \
                else text[where.line - 1]
            assert f"{test.question}:" in before, (rule.id, test, where)


def test_a_test_is_immutable_and_equal_whatever_its_location() -> None:
    one = conditions.Test("q", frozenset({"a"}), ("q",), None)
    two = conditions.Test("q", frozenset({"a"}), ("q",), "elsewhere")
    assert one == two and hash(one) == hash(two) and len({one, two}) == 1
    assert one != conditions.Test("q", frozenset({"a"}), ("all", 0, "q"))
    with pytest.raises(AttributeError):
        one.question = "r"  # type: ignore[misc]
    assert two.location == "elsewhere"


def test_the_element_budget_counts_as_before() -> None:
    """Every node, every end of a container and every alias expanded count (issue 8):
    the numbers the loader gave before it kept positions compactly."""
    texts = ["a: 1\nb: [1, 2, {c: d}]\n", "x: &a [1, 2, [3]]\ny: *a\nz: [*a, *a]\n", "", "~",
             "- a\n- b\n"]
    assert [loads(text, "f.yaml").nodes for text in texts] == [13, 32, 0, 1, 4]
    with pytest.raises(yamlload.LimitError, match="too many elements"):
        loads("- a\n- b\n", "f.yaml", max_nodes=3)
    assert loads("- a\n- b\n", "f.yaml", max_nodes=4).nodes == 4
