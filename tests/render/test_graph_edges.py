"""Every edge the diagram draws is a way the interview can really go (issue 23).

Checked independently of the graph's own code: a plain depth-first walk over the
answers, question by question in asking order, asking a question exactly when its
``ask_if`` holds. For each edge and each answer written on it:

- a branch ``P --answers--> Q``: some interview asks P, gets that answer, and asks Q;
- a verdict ``P ==answers==> rule``: some interview gets that answer to P and the
  rule's ``when`` holds;
- a flow edge ``P --> Q``: some interview asks both.

And the edge says every answer after which it can be taken: an option of the parent
missing from a branch label cannot lead to the question.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from smguide.pack import conditions as cond
from smguide.pack.loader import load_packs
from smguide.pack.models import Pack, Question
from smguide.pack.selection import load_and_warn as load
from smguide.render.graph_model import Graph, activities, build
from smguide.report.wording import text
from tests.enginepacks import MINI, write_pack

Assign = dict[str, str | None]


def _ways(pack: Pack, questions: list[Question], goal: cond.Condition) -> Iterator[Assign]:
    """Assignments the interview can produce, over ``questions``, where ``goal`` may hold."""
    assign: Assign = {}

    def walk(i: int) -> Iterator[Assign]:
        if goal.eval3(assign) is False:
            return
        if i == len(questions):
            if goal.eval3(assign) is True:
                yield dict(assign)
            return
        q = questions[i]
        asked = q.ask_if is None or q.ask_if.eval3(assign)
        assert asked is not None, "ask_if reads only earlier questions"
        for value in (q.option_ids if asked else [None]):
            assign[q.id] = value
            yield from walk(i + 1)
        del assign[q.id]

    return walk(0)


def _relevant(pack: Pack, ids: set[str]) -> list[Question]:
    todo, seen = list(ids), set()
    while todo:
        qid = todo.pop()
        q = pack.question(qid)
        if q is None or qid in seen:
            continue
        seen.add(qid)
        todo += list(cond.refs(q.ask_if)) if q.ask_if is not None else []
    return [q for q in pack.questions if q.id in seen]


def _can(pack: Pack, goal: cond.Condition) -> bool:
    return next(_ways(pack, _relevant(pack, set(cond.refs(goal))), goal), None) is not None


def _asked(q: Question) -> cond.Condition:
    """Q is asked: it gets one of its options (a question not asked has none)."""
    return cond.AnyOf(tuple(cond.Test(q.id, frozenset([o])) for o in q.option_ids))


def _options_named(parent: Question, label: str) -> list[str]:
    """The options an edge label names, by their texts as drawn (or by their ids)."""
    parts = [p for p in label.split(" / ") if not p.startswith("+")]
    named = [o.id for o in parent.options
             if any(p == o.id or text(o.text).startswith(p.rstrip("…")) for p in parts)]
    assert named or not label, (parent.id, label)
    return named


def _bad_edges(pack: Pack, graph: Graph, fixed: dict[str, str]) -> list[str]:
    by_node = {("q_" + "".join(c if c.isalnum() else "_" for c in q.id)): q
               for q in pack.questions}
    rules = {("r_" + "".join(c if c.isalnum() else "_" for c in r.id)): r for r in pack.rules}
    base: list[cond.Condition] = [cond.Test(k, frozenset([v])) for k, v in fixed.items()]
    bad = []
    for e in graph.edges:
        if e.kind == "exception":
            continue
        parent = by_node[e.source]
        if e.kind == "flow":
            child = by_node[e.target]
            goal = cond.All((*base, _asked(parent), _asked(child)))
            if not _can(pack, goal):
                bad.append(f"{parent.id} --> {child.id}")
            continue
        named = _options_named(parent, e.label)
        more = e.label.endswith(" more")  # "+N more": the others are not named one by one
        target = (_asked(by_node[e.target]) if e.kind == "branch"
                  else rules[e.target].when)
        for option in parent.option_ids:
            goal = cond.All((*base, cond.Test(parent.id, frozenset([option])), target))
            if option in named and not _can(pack, goal):
                bad.append(f"{parent.id} --{option}--> {e.target}")
            elif option not in named and not more and e.kind == "verdict" and _can(pack, goal):
                bad.append(f"{parent.id} --{option}--> {e.target} (missing from the label)")
    return bad


def test_the_review_request_edge_is_the_way_the_interview_goes() -> None:
    """Issue 23: 'review_request -->|yes| activity' was drawn when activity was asked
    only if that answer was not yes. Since a supervisor's review walks through the
    worker's request (issue 19), activity is asked either way: an edge drawn between
    them names only answers after which activity comes, and every edge is a real way."""
    pack = load(None)
    graph = build(pack, focus="phone")
    labels = {(e.source, e.target): e.label for e in graph.edges}
    review = pack.question("review_request")
    assert review is not None
    label = labels.get(("q_review_request", "q_activity"))
    if label is not None:
        assert set(_options_named(review, label)) <= set(review.option_ids), label
    assert _bad_edges(pack, graph, {}) == []


@pytest.mark.parametrize("activity", [None, "message", "friend", "search", "post"])
def test_every_edge_of_the_bundled_diagrams_is_a_real_way(activity: str | None) -> None:
    pack = load(None)
    if activity is not None:
        assert activity in activities(pack)
    graph = build(pack, activity=activity)
    assert _bad_edges(pack, graph, {"activity": activity} if activity else {}) == []


def test_every_edge_of_a_small_pack_is_a_real_way(tmp_path: Path) -> None:
    pack = load_packs([write_pack(tmp_path / "mini", MINI)])
    graph = build(pack)
    assert graph.edges and _bad_edges(pack, graph, {}) == []
