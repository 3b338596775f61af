"""The decision-flow graph as text: Mermaid (GitHub, GitLab and VS Code render it in
Markdown) and Graphviz dot (``dot -Tsvg``). Layout is theirs, not ours.

Every text from a pack (its title, questions, options, rule titles) is outside text:
it is written on one line, inside a quoted label, with every character that could end
the label or start Mermaid syntax written as an entity (``#quot;``, ``#37;``...), so a
pack can neither change the diagram's structure nor inject a directive
(``%%{init: {'themeCSS': ...}}%%`` once made a browser fetch remote URLs). Mermaid
finds directives anywhere in the text, so ``%`` never appears in a label or comment.
"""

from __future__ import annotations

import unicodedata

from smguide.render.graph_model import Edge, Graph, Node

# Fill colours by verdict, strictest (red) to laxest (green); text stays dark.
COLOURS = {
    "prohibited": "#f4a6a6",
    "not_yet": "#f7c59f",
    "needs_authorization": "#f9dc8c",
    "consult_supervisor": "#d9d2e9",
    "discouraged": "#fde9b4",
    "permitted_with_conditions": "#cfe8b8",
    "permitted": "#a8dba8",
}
QUESTION_FILL = "#e8f0fb"


def one_line(value: str) -> str:
    """Outside text on one line: line breaks, tabs and other control characters become
    spaces (a newline would end a label, a comment or a statement)."""
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                      for c in value)
    return " ".join(cleaned.split())


# Mermaid entity codes (#NN;) for what could close a label, start a directive (%%),
# a markdown string (`) or an entity of its own (#).
_MERMAID = {"#": "#35;", '"': "#quot;", "%": "#37;", "`": "#96;", "|": "#124;",
            "&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _mermaid_text(value: str) -> str:
    """A label's text: one line, quotes, brackets, ``%`` and the like as entities."""
    return "".join(_MERMAID.get(c, c) for c in one_line(value))


def _mermaid_node(node: Node) -> str:
    if node.kind == "question":
        return f'  {node.id}["{_mermaid_text(node.label)}"]'
    if node.kind == "stub":
        return f'  {node.id}(["{_mermaid_text(node.label)}"]):::stub'
    mark = "⚑ exception<br/>" if node.exception else ""
    words = _mermaid_text(node.verdict_words or node.verdict or "")
    label = f"{mark}{_mermaid_text(node.label)}<br/><b>{words}</b>"
    shape = ('{{"', '"}}') if node.exception else ('("', '")')
    return f"  {node.id}{shape[0]}{label}{shape[1]}:::{node.verdict}"


def _mermaid_edge(edge: Edge) -> str:
    arrow = {"flow": "-->", "branch": "-->", "verdict": "==>", "exception": "-.->"}[edge.kind]
    words = _mermaid_text(edge.label)
    label = f'|"{words}"|' if words else ""
    return f"  {edge.source} {arrow}{label} {edge.target}"


def mermaid(graph: Graph) -> str:
    lines = [f"%% {_mermaid_text(graph.title)}", "flowchart TD"]
    lines += [_mermaid_node(n) for n in graph.nodes]
    lines += [_mermaid_edge(e) for e in graph.edges]
    lines.append(f"  classDef default fill:{QUESTION_FILL},stroke:#5b7db1,color:#111")
    if any(n.kind == "stub" for n in graph.nodes):
        lines.append("  classDef stub fill:#f2f2f2,stroke:#999,stroke-dasharray:4 3,color:#444")
    lines += [f"  classDef {v} fill:{COLOURS[v]},stroke:#555,color:#111"
              for v in graph.verdicts() if v in COLOURS]
    return "\n".join(lines) + "\n"


def _dot_text(value: str) -> str:
    """A quoted dot string: one line, backslashes and quotes escaped."""
    return one_line(value).replace("\\", "\\\\").replace('"', '\\"')


def dot(graph: Graph) -> str:
    lines = [f'digraph "{_dot_text(graph.title)}" {{',
             "  rankdir=TB;",
             f'  label="{_dot_text(graph.title)}"; labelloc=t;',
             f'  node [shape=box, style="rounded,filled", fillcolor="{QUESTION_FILL}", '
             'fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for n in graph.nodes:
        if n.kind == "question":
            lines.append(f'  {n.id} [label="{_dot_text(n.label)}"];')
        elif n.kind == "stub":
            lines.append(f'  {n.id} [label="{_dot_text(n.label)}", style="rounded,dashed"];')
        else:
            mark = "⚑ exception\\n" if n.exception else ""
            shape = "hexagon" if n.exception else "box"
            fill = COLOURS.get(n.verdict or "", "#ffffff")
            words = _dot_text(n.verdict_words or n.verdict or "")
            lines.append(f'  {n.id} [label="{mark}{_dot_text(n.label)}\\n{words}", '
                         f'shape={shape}, fillcolor="{fill}"];')
    for e in graph.edges:
        attrs = [f'label="{_dot_text(e.label)}"'] if one_line(e.label) else []
        if e.kind == "exception":
            attrs.append("style=dashed")
        elif e.kind == "verdict":
            attrs.append("penwidth=2")
        extra = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {e.source} -> {e.target}{extra};")
    lines.append("}")
    return "\n".join(lines) + "\n"
