"""The decision-flow graph as text: Mermaid (GitHub, GitLab and VS Code render it in
Markdown) and Graphviz dot (``dot -Tsvg``). Layout is theirs, not ours."""

from __future__ import annotations

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


def _mermaid_text(value: str) -> str:
    """Mermaid's quoted labels take HTML entities; quotes and brackets would end them."""
    return (value.replace("&", "&amp;").replace('"', "#quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _mermaid_node(node: Node) -> str:
    if node.kind == "question":
        return f'  {node.id}["{_mermaid_text(node.label)}"]'
    mark = "⚑ exception<br/>" if node.exception else ""
    label = f"{mark}{_mermaid_text(node.label)}<br/><b>{node.verdict}</b>"
    shape = ('{{"', '"}}') if node.exception else ('("', '")')
    return f"  {node.id}{shape[0]}{label}{shape[1]}:::{node.verdict}"


def _mermaid_edge(edge: Edge) -> str:
    arrow = {"flow": "-->", "branch": "-->", "verdict": "==>", "exception": "-.->"}[edge.kind]
    label = f'|"{_mermaid_text(edge.label)}"|' if edge.label else ""
    return f"  {edge.source} {arrow}{label} {edge.target}"


def mermaid(graph: Graph) -> str:
    lines = [f"%% {graph.title}", "flowchart TD"]
    lines += [_mermaid_node(n) for n in graph.nodes]
    lines += [_mermaid_edge(e) for e in graph.edges]
    lines.append(f"  classDef default fill:{QUESTION_FILL},stroke:#5b7db1,color:#111")
    lines += [f"  classDef {v} fill:{COLOURS[v]},stroke:#555,color:#111"
              for v in graph.verdicts() if v in COLOURS]
    return "\n".join(lines) + "\n"


def _dot_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


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
        else:
            mark = "⚑ exception\\n" if n.exception else ""
            shape = "hexagon" if n.exception else "box"
            fill = COLOURS.get(n.verdict or "", "#ffffff")
            lines.append(f'  {n.id} [label="{mark}{_dot_text(n.label)}\\n{n.verdict}", '
                         f'shape={shape}, fillcolor="{fill}"];')
    for e in graph.edges:
        attrs = [f'label="{_dot_text(e.label)}"'] if e.label else []
        if e.kind == "exception":
            attrs.append("style=dashed")
        elif e.kind == "verdict":
            attrs.append("penwidth=2")
        extra = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {e.source} -> {e.target}{extra};")
    lines.append("}")
    return "\n".join(lines) + "\n"
