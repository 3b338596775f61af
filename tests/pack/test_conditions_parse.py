"""The condition parser after its speed-up (issue 11): the same conditions, paths and
errors as the straightforward parser below, shared paths and option sets, and tests
that find their location through the condition's origin only when asked."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smguide.errors import Location
from smguide.pack import conditions as c
from smguide.pack.yamlload import loads


def reference_parse(data: Any, path: c.Path = ()) -> c.Condition:
    """The parser as it was before it was made faster."""
    if isinstance(data, list):
        return c.All(tuple(reference_parse(item, (*path, i)) for i, item in enumerate(data)),
                     path)
    if not isinstance(data, dict):
        raise c.ConditionError(
            "a condition is a mapping such as {question: option}, or all/any/not", path)
    if not data:
        raise c.ConditionError("empty condition; write {all: []} for 'always'", path)
    parts: list[c.Condition] = []
    for key, value in data.items():
        sub = (*path, key)
        if key in ("all", "any"):
            if not isinstance(value, list):
                raise c.ConditionError(f"'{key}' takes a list of conditions", sub)
            items = tuple(reference_parse(item, (*sub, i)) for i, item in enumerate(value))
            parts.append(c.All(items, sub) if key == "all" else c.AnyOf(items, sub))
        elif key == "not":
            parts.append(c.Not(reference_parse(value, sub), sub))
        else:
            values = value if isinstance(value, list) else [value]
            if not values:
                raise c.ConditionError(f"no options listed for '{key}'", sub)
            try:
                opts = frozenset(c.option_id(v) for v in values)
            except ValueError as exc:
                raise c.ConditionError(str(exc), sub) from None
            parts.append(c.Test(str(key), opts, sub))
    return parts[0] if len(parts) == 1 else c.All(tuple(parts), path)


def outcome(parse: Any, data: Any) -> Any:
    try:
        return parse(data)
    except c.ConditionError as exc:
        return ("error", str(exc), exc.path)


def same(one: Any, two: Any) -> bool:
    """Equal, paths included, all the way down (a Test's equality ignores nothing else)."""
    if isinstance(one, c.Test) or isinstance(two, c.Test):
        return one == two
    if isinstance(one, (c.All, c.AnyOf)) and type(one) is type(two):
        return one.path == two.path and len(one.items) == len(two.items) and all(
            same(a, b) for a, b in zip(one.items, two.items, strict=True))
    if isinstance(one, c.Not) and isinstance(two, c.Not):
        return one.path == two.path and same(one.item, two.item)
    return bool(one == two)


options = st.one_of(st.sampled_from(["o1", "o2", "yes", "1"]), st.booleans(),
                    st.integers(0, 3), st.none(), st.floats(0, 1))
conditions = st.recursive(
    st.dictionaries(st.sampled_from(["q1", "q2", "q3", 1, True]),
                    st.one_of(options, st.lists(options, max_size=3)), max_size=3),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["all", "any", "not", "q4"]),
                        st.one_of(inner, st.lists(inner, max_size=3), options), max_size=3)),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(data=conditions)
def test_parse_gives_what_the_straightforward_parser_gives(data: Any) -> None:
    fast, reference = outcome(c.parse, data), outcome(reference_parse, data)
    assert same(fast, reference), (fast, reference)
    if not isinstance(fast, tuple):
        assert c.tests_of(fast) == list(fast.tests())
        assert [t.path for t in c.tests_of(fast)] == [t.path for t in fast.tests()]


def test_true_and_one_are_different_options_whatever_was_parsed_before() -> None:
    for _ in range(2):
        assert c.parse({"q": [True]}) == c.Test("q", frozenset({"yes"}), ("q",))
        assert c.parse({"q": [1]}) == c.Test("q", frozenset({"1"}), ("q",))
        assert c.parse({"q": ["1"]}) == c.Test("q", frozenset({"1"}), ("q",))


def test_paths_and_option_sets_are_stored_once() -> None:
    one = c.tests_of(c.parse({"all": [{"q1": ["o1", "o2"]}, {"q2": "o1"}]}))
    two = c.tests_of(c.parse({"all": [{"q1": ["o1", "o2"]}, {"q2": "o1"}]}))
    assert [t.path for t in one] == [("all", 0, "q1"), ("all", 1, "q2")]
    assert all(a.path is b.path and a.options is b.options for a, b in zip(one, two, strict=True))


def test_tests_are_located_through_their_condition_once_it_is_placed() -> None:
    doc = loads("rules:\n  - when:\n      any:\n        - q1: o1\n        - not: {q2: [o1, o2]}\n",
                "f.yaml")
    cond = c.parse(doc.data["rules"][0]["when"])
    assert [t.location for t in cond.tests()] == [None, None]
    origin = c.origin(cond)
    assert origin is not None
    origin.place(doc, ("rules", 0, "when"))
    assert [str(t.location) for t in cond.tests()] == ["f.yaml:4:15", "f.yaml:5:21"]
    # A copy keeps its location (the pack cache pickles tests with theirs).
    import pickle

    copy = pickle.loads(pickle.dumps(cond))
    assert [t.location for t in copy.tests()] == [Location("f.yaml", 4, 15),
                                                 Location("f.yaml", 5, 21)]
    assert c.origin(c.parse({"all": []})) is None


@pytest.mark.parametrize("data", [{"q": []}, {"q": [{"a": 1}]}, {"q": [[1]]}, {"all": "x"},
                                  {}, "text", {"not": {}}])
def test_errors_name_the_same_path(data: Any) -> None:
    assert outcome(c.parse, data) == outcome(reference_parse, data)
