"""The decision flow as a graph: questions, their ``ask_if`` branches, and where each
verdict is reached. Pure data; :mod:`smguide.render.graph` draws it as Mermaid or
Graphviz text, :mod:`smguide.render.html` as one offline page.

A question hangs from the last question (in asking order) its ``ask_if`` reads, the
edge saying which answers open it; questions asked of everyone follow each other. A verdict rule
hangs from the last question its ``when`` reads, in asking order: that is where its
verdict is reached. An exception is marked and points at the rules it sets aside.

The answers on an edge are those for which the interview really goes on there: the
engine's own test (:func:`smguide.engine.core.may_apply`, exact over the ``ask_if``
conditions) says for each answer of the parent whether the question can then be
asked, and the solver whether a rule can then apply; an answer that cannot lead there
is not drawn. Labels are what people read: the question's text, the options' texts,
the rule's title and the verdict in words.

The whole bundled policy (about 30 questions, 70 rules) is too much for one picture,
so a graph can be narrowed to one answer of the ``activity`` question (what the
practitioner wants to do) or to the neighbourhood of one question or rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from smguide.errors import UsageError
from smguide.i18n import _
from smguide.pack import conditions as cond
from smguide.pack.models import Pack, Question, Rule
from smguide.report.wording import text

ACTIVITY = "activity"
MAX_LABEL = 90  # a question's text, wrapped by the renderer
MAX_TITLE = 60  # a rule's title
MAX_EDGE = 40  # the answers on an edge
MAX_OPTIONS = 2  # options named on one edge before "+N more"


@dataclass(frozen=True)
class Node:
    id: str  # unique in the graph, safe for Mermaid and dot
    kind: str  # "question", "rule", or "stub" (a question drawn on another view)
    label: str
    verdict: str | None = None  # rules: the verdict's id
    exception: bool = False  # rules that set other rules aside
    verdict_words: str = ""  # rules: the verdict as people read it ("Not yet")


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
    fixed: dict[str, str] = {}
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
    questions = [q for q in pack.questions
                 if not fixed or _possible(pack, q.ask_if or cond.All(()), fixed)]
    rules = [r for r in pack.rules if r.verdict is not None
             and (not fixed or _possible(pack, r.when, fixed))]
    if focus is not None:
        questions, rules = _around(pack, focus, questions, rules)
        title += _(" — around {focus}").format(focus=focus)
    return _graph(pack, title, questions, rules, {ACTIVITY: activity} if activity else {})


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


def _answers_label(question: Question, options: list[str]) -> str:
    """The options' texts, as a trainee reads them: "Text / Social network / +2 more"."""
    texts = [short(text(o.text), MAX_EDGE) for o in question.options if o.id in options]
    if len(texts) > MAX_OPTIONS:
        texts = [*texts[: MAX_OPTIONS - 1], _("+{count} more").format(
            count=len(texts) - MAX_OPTIONS + 1)]
    return " / ".join(texts)


def opening_options(pack: Pack, parent: Question, question: Question,
                    fixed: dict[str, str]) -> list[str]:
    """The answers to ``parent`` after which ``question`` can be asked: some way through
    the interview asks ``parent``, gets that answer, and then asks ``question``."""
    return [o for o in parent.option_ids
            if _possible(pack, cond.All((cond.Test(parent.id, frozenset([o])),
                                         question.ask_if or cond.All(()))), fixed)]


def _skipping(pack: Pack, previous: Question | None, parent: Question, question: Question,
              fixed: dict[str, str]) -> list[str]:
    """The answers to ``previous`` after which ``parent`` is not asked and ``question``
    is: the way to ``question`` that does not go through ``parent``."""
    if previous is None or parent.ask_if is None:
        return []
    return [o for o in previous.option_ids
            if _possible(pack, cond.All((cond.Test(previous.id, frozenset([o])),
                                         cond.Not(parent.ask_if),
                                         question.ask_if or cond.All(()))), fixed)]


def deciding_options(pack: Pack, parent: Question, rule: Rule,
                     fixed: dict[str, str]) -> list[str]:
    """The answers to ``parent`` with which ``rule`` can then apply."""
    return [o for o in parent.option_ids
            if _possible(pack, cond.All((cond.Test(parent.id, frozenset([o])), rule.when)),
                         fixed)]


def _possible(pack: Pack, formula: cond.Condition, fixed: dict[str, str]) -> bool:
    """Some interview gives the ``fixed`` answers (each asked and so answered) and makes
    ``formula`` true: the engine's own search (:mod:`smguide.engine.solver`), exact
    over ``ask_if``."""
    from smguide.engine.solver import closure, find

    given = [cond.Test(qid, frozenset([answer])) for qid, answer in fixed.items()]
    goal = cond.All((*given, formula)) if given else formula
    questions = closure(pack, frozenset(cond.refs(goal)))
    return find(questions, goal, fixed) is not None


def verdict_words(verdict: str) -> str:
    from smguide.pack.models import Verdict
    from smguide.report.wording import verdict_name

    words = verdict_name(Verdict(verdict))
    return words[:1].upper() + words[1:]


def _graph(pack: Pack, title: str, questions: list[Question], rules: list[Rule],
           fixed: dict[str, str] | None = None) -> Graph:
    fixed = fixed or {}
    graph = Graph(title)
    shown = {q.id for q in questions}
    by_id = {q.id: q for q in questions}
    order = {q.id: i for i, q in enumerate(pack.questions)}
    previous: str | None = None
    for q in questions:
        qid = node_id("question", q.id)
        graph.nodes.append(Node(qid, "question", short(text(q.text))))
        # Hang it from the last question its ask_if reads: the one that opens it (the
        # earlier ones were answered already); one edge each keeps the picture legible.
        parents = sorted(_reads(q.ask_if) & shown, key=order.__getitem__)
        opening = opening_options(pack, by_id[parents[-1]], q, fixed) \
            if q.ask_if is not None and parents else []
        if opening:
            parent = by_id[parents[-1]]
            graph.edges.append(Edge(node_id("question", parent.id), qid,
                                    _answers_label(parent, opening), "branch"))
            skipping = _skipping(pack, by_id[previous] if previous else None, parent, q, fixed)
            if previous is not None and previous != parent.id and skipping:
                # the way past the parent when the parent is not asked (not a supervisor:
                # no review question, straight to the activity)
                graph.edges.append(Edge(node_id("question", previous), qid,
                                        _answers_label(by_id[previous], skipping), "branch"))
        elif previous is not None:
            graph.edges.append(Edge(node_id("question", previous), qid, "", "flow"))
        if q.ask_if is None:
            previous = q.id
    shown_rules = {r.id for r in rules}
    for r in rules:
        assert r.verdict is not None
        rid = node_id("rule", r.id)
        graph.nodes.append(Node(rid, "rule", short(text(r.title), MAX_TITLE), r.verdict.value,
                                bool(r.exception_to), verdict_words(r.verdict.value)))
        read = sorted(_reads(r.when) & shown, key=order.__getitem__)
        if read:
            deciding = deciding_options(pack, by_id[read[-1]], r, fixed)
            if deciding:
                graph.edges.append(Edge(node_id("question", read[-1]), rid,
                                        _answers_label(by_id[read[-1]], deciding), "verdict"))
        for target in r.exception_to:
            if target in shown_rules:
                graph.edges.append(Edge(rid, node_id("rule", target), _("sets aside"),
                                        "exception"))
    return graph


SLIDE_NODES = 10  # questions and verdicts on one projected view (1280×720, readable)


def slides(graph: Graph, limit: int = SLIDE_NODES) -> list[Graph]:
    """A graph too big for one screen, cut into views that fit one: the questions in
    asking order, a few at a time, each with the verdicts reached from it. Where the
    flow comes from or goes to another view, a grey stub names that question, so each
    view reads on its own. A graph that fits is returned as it is."""
    if len(graph.nodes) <= limit:
        return [graph]
    hanging: dict[str, list[Node]] = {}
    by_id = {n.id: n for n in graph.nodes}
    for e in graph.edges:
        if e.kind == "verdict":
            hanging.setdefault(e.source, []).append(by_id[e.target])
    chunks: list[list[Node]] = []
    for node in (n for n in graph.nodes if n.kind == "question"):
        group = [node, *hanging.get(node.id, [])]
        if chunks and len(chunks[-1]) + len(group) <= limit:
            chunks[-1] += group
        else:
            chunks.append(group)
    placed = {n.id for chunk in chunks for n in chunk}
    loose = [n for n in graph.nodes if n.id not in placed]  # a rule read by no question
    if loose:
        chunks[-1] += loose
    return [_slide(graph, chunk, i, len(chunks)) for i, chunk in enumerate(chunks, 1)]


def _slide(graph: Graph, chunk: list[Node], number: int, count: int) -> Graph:
    inside = {n.id for n in chunk}
    by_id = {n.id: n for n in graph.nodes}
    view = Graph(_("{title} ({number} of {count})").format(title=graph.title, number=number,
                                                           count=count), list(chunk))
    stubs: dict[str, str] = {}
    for e in graph.edges:
        if e.source in inside and e.target in inside:
            view.edges.append(e)
        elif e.kind == "exception":
            continue  # drawn on the view that holds both rules
        elif e.target in inside:
            stub = stubs.setdefault(e.source, f"from_{e.source}")
            view.edges.append(replace(e, source=stub))
        elif e.source in inside:
            stub = stubs.setdefault(e.target, f"to_{e.target}")
            view.edges.append(replace(e, target=stub))
    for original, stub in stubs.items():
        words = (_("from: {question}") if stub.startswith("from_")
                 else _("then: {question}")).format(question=by_id[original].label)
        view.nodes.append(Node(stub, "stub", short(words, MAX_TITLE)))
    return view
