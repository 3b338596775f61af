"""The decision flow as a graph: questions, their ``ask_if`` branches, and where each
verdict is reached. Pure data; :mod:`smguide.render.graph` draws it as Mermaid or
Graphviz text, :mod:`smguide.render.html` as one offline page.

A question hangs from the last question (in asking order) its ``ask_if`` reads, the
edge saying which answers open it; questions asked of everyone follow each other. A verdict rule
hangs from the last question its ``when`` reads, in asking order: that is where its
verdict is reached. An exception is marked and points at the rules it sets aside.

The whole bundled policy (about 30 questions, 70 rules) is too much for one picture,
so a graph can be narrowed to one answer of the ``activity`` question (what the
practitioner wants to do) or to the neighbourhood of one question or rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from smguide.errors import UsageError
from smguide.i18n import _
from smguide.pack import conditions as cond
from smguide.pack.models import Pack, Question, Rule
from smguide.report.wording import text

ACTIVITY = "activity"
MAX_LABEL = 48


@dataclass(frozen=True)
class Node:
    id: str  # unique in the graph, safe for Mermaid and dot
    kind: str  # "question" or "rule"
    label: str
    verdict: str | None = None  # rules: the verdict's id
    exception: bool = False  # rules that set other rules aside


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    kind: str = "flow"  # "flow" (question order), "branch" (ask_if), "verdict", "exception"


@dataclass
class Graph:
    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def verdicts(self) -> list[str]:
        return sorted({n.verdict for n in self.nodes if n.verdict})


def node_id(kind: str, raw: str) -> str:
    return ("q_" if kind == "question" else "r_") + "".join(
        c if c.isalnum() else "_" for c in raw)


def short(value: str, limit: int = MAX_LABEL) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def activities(pack: Pack) -> list[str]:
    question = pack.question(ACTIVITY)
    return question.option_ids if question is not None else []


def build(pack: Pack, *, activity: str | None = None, focus: str | None = None) -> Graph:
    """The graph of ``pack``, for one activity and/or around one question or rule."""
    fixed: dict[str, str | None] = {}
    title = text(pack.manifest.title)
    if activity is not None:
        options = activities(pack)
        if activity not in options:
            from smguide.i18n import did_you_mean

            valid = ", ".join(options) if options else "none (the pack asks no 'activity')"
            raise UsageError(f"unknown activity {activity!r}; "
                             f"{did_you_mean(activity, options)}choose one of: {valid}")
        fixed[ACTIVITY] = activity
        title += _(" — activity: {activity}").format(activity=activity)
    questions, assign = _in_scope(pack, fixed)
    rules = [r for r in pack.rules if r.verdict is not None
             and r.when.eval3(assign) is not False]
    if focus is not None:
        questions, rules = _around(pack, focus, questions, rules)
        title += _(" — around {focus}").format(focus=focus)
    return _graph(pack, title, questions, rules)


def _in_scope(pack: Pack, fixed: dict[str, str | None],
              ) -> tuple[list[Question], dict[str, str | None]]:
    """The questions that can be asked given ``fixed``, and ``fixed`` with the others
    as not asked (so a rule that needs one of them is out of scope too)."""
    assign = dict(fixed)
    out = []
    for q in pack.questions:
        if q.ask_if is not None and q.ask_if.eval3(assign) is False:
            assign[q.id] = None
            continue
        out.append(q)
    return out, assign


def _reads(condition: cond.Condition | None) -> set[str]:
    return set(cond.refs(condition)) if condition is not None else set()


def _around(pack: Pack, focus: str, questions: list[Question],
            rules: list[Rule]) -> tuple[list[Question], list[Rule]]:
    by_id = {q.id: q for q in questions}
    keep_q: set[str] = set()
    keep_r: set[str] = set()
    if focus in by_id:
        keep_q.add(focus)
        keep_q |= {q.id for q in questions if focus in _reads(q.ask_if)}  # it opens them
        keep_r |= {r.id for r in rules if focus in _reads(r.when)}
    elif pack.rule(focus) is not None:
        rule = pack.rule(focus)
        assert rule is not None
        keep_r.add(focus)
        keep_r |= set(rule.exception_to)
        keep_r |= {r.id for r in rules if focus in r.exception_to}
    else:
        from smguide.i18n import did_you_mean

        ids = [q.id for q in pack.questions] + [r.id for r in pack.rules]
        raise UsageError(f"--focus: no question or rule {focus!r}; "
                         f"{did_you_mean(focus, ids)}see 'smguide questions' and 'smguide rules'")
    kept_rules = [r for r in rules if r.id in keep_r]
    for r in kept_rules:
        keep_q |= _reads(r.when) & set(by_id)
    # the questions that lead to those: what their ask_if reads, transitively
    stack = list(keep_q)
    while stack:
        q = by_id.get(stack.pop())
        for parent in _reads(q.ask_if if q else None) & set(by_id):
            if parent not in keep_q:
                keep_q.add(parent)
                stack.append(parent)
    return [q for q in questions if q.id in keep_q], kept_rules


def _options_on(condition: cond.Condition, qid: str) -> list[str]:
    found: set[str] = set()
    for test in condition.tests():
        if test.question == qid:
            found |= test.options
    return sorted(found)


def _graph(pack: Pack, title: str, questions: list[Question], rules: list[Rule]) -> Graph:
    graph = Graph(title)
    shown = {q.id for q in questions}
    order = {q.id: i for i, q in enumerate(pack.questions)}
    previous: str | None = None
    for q in questions:
        qid = node_id("question", q.id)
        graph.nodes.append(Node(qid, "question", f"{q.id}: {short(text(q.text))}"))
        # Hang it from the last question its ask_if reads: the one that opens it (the
        # earlier ones were answered already); one edge each keeps the picture legible.
        parents = sorted(_reads(q.ask_if) & shown, key=order.__getitem__)
        if q.ask_if is not None and parents:
            label = " / ".join(_options_on(q.ask_if, parents[-1]))
            graph.edges.append(Edge(node_id("question", parents[-1]), qid, short(label, 40),
                                    "branch"))
        elif previous is not None:
            graph.edges.append(Edge(node_id("question", previous), qid, "", "flow"))
        if q.ask_if is None:
            previous = q.id
    shown_rules = {r.id for r in rules}
    for r in rules:
        assert r.verdict is not None
        rid = node_id("rule", r.id)
        graph.nodes.append(Node(rid, "rule", r.id, r.verdict.value, bool(r.exception_to)))
        read = sorted(_reads(r.when) & shown, key=order.__getitem__)
        if read:
            label = " / ".join(_options_on(r.when, read[-1]))
            graph.edges.append(Edge(node_id("question", read[-1]), rid, short(label, 40),
                                    "verdict"))
        for target in r.exception_to:
            if target in shown_rules:
                graph.edges.append(Edge(rid, node_id("rule", target), "sets aside",
                                        "exception"))
    return graph
