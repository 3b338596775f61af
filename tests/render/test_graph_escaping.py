"""Issue 18: outside text never changes the diagram. A newline in a pack title once
injected Mermaid directives into the "offline" page (``%%{init: {'themeCSS': ...}}%%``
made Chromium fetch remote URLs, and CSS relabelled nodes). Mermaid and dot labels
are escaped, no directive can be injected, and the graph page carries a
Content-Security-Policy that forbids anything remote."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from smguide.render import graph as draw
from smguide.render import html
from smguide.render.graph_model import Edge, Graph, Node

ATTACKS = [
    "Title\n%%{init: {'themeCSS': '@import url(https://evil.example/x.css)'}}%%",
    "x\"] --> q_b\n  click q_a href \"https://evil.example\"",
    "%%{init: {\"securityLevel\": \"loose\"}}%%",
    "a`**md**`b | c ]) }} {{ #quot; &amp; <img src=https://evil.example/p.png>",
    "line\r\nbreak\u2028sep\u0085nel\x00nul\x1b[31m",
    "back\\slash\\\" quote\" } ; digraph x { a -> b }",
]


def _graph(texts: list[str]) -> Graph:
    t = (texts * 6)[:6]
    return Graph(t[0], [
        Node("q_a", "question", t[1]),
        Node("q_b", "question", t[2]),
        Node("r_c", "rule", t[3], "prohibited", True, t[4]),
        Node("from_q_z", "stub", t[5]),
    ], [
        Edge("q_a", "q_b", t[4], "branch"),
        Edge("q_b", "r_c", t[5], "verdict"),
        Edge("from_q_z", "q_a", t[0], "branch"),
        Edge("r_c", "q_a", t[1], "exception"),
    ])


def _mermaid_shape(source: str) -> list[str]:
    """The structure: every line with its quoted labels emptied."""
    return [re.sub(r'"[^"\n]*"', '""', line) for line in source.splitlines()[1:]]


def _dot_shape(source: str) -> list[str]:
    return [re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', line) for line in source.splitlines()]


def _same_structure(texts: list[str]) -> None:
    graph = _graph(texts)
    # the same graph with harmless words ("" where the text has nothing to show)
    plain = _graph(["plain" if draw.one_line(t) else "" for t in texts])
    mermaid = draw.mermaid(graph)
    assert _mermaid_shape(mermaid) == _mermaid_shape(draw.mermaid(plain)), mermaid
    assert mermaid.count("\n") == draw.mermaid(plain).count("\n")
    assert "%%{" not in mermaid and "%" not in mermaid.split("\n", 1)[1], mermaid
    assert mermaid.startswith("%% ") and "%" not in mermaid.splitlines()[0][3:]
    dot = draw.dot(graph)
    assert _dot_shape(dot) == _dot_shape(draw.dot(plain)), dot


def test_known_attacks_change_nothing_but_the_words() -> None:
    for attack in ATTACKS:
        _same_structure([attack])
    _same_structure(ATTACKS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=6))
def test_random_texts_never_change_the_structure(texts: list[str]) -> None:
    _same_structure(texts)


def test_the_graph_page_forbids_anything_remote() -> None:
    page = html.graph_page(ATTACKS[0], [("Heading", draw.mermaid(_graph(ATTACKS)))],
                           {"prohibited": "#f4a6a6"})
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp is not None
    content = unescape(csp.group(1))
    policy = dict(part.strip().split(" ", 1) for part in content.split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["connect-src"] == "'none'" and policy["font-src"] == "'none'"
    assert policy["img-src"] == "data:"
    assert "http" not in content and "'unsafe-inline'" not in policy["script-src"]
    # the page's two scripts are exactly the ones the policy allows, by hash
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2
    assert policy["script-src"].split() == [html.script_hash(s) for s in scripts]
    # what Mermaid reads holds no directive: the injected one is words in a comment
    blocks = re.findall(r'<pre class="mermaid">(.*?)</pre>', page, re.DOTALL)
    assert blocks and all("%%{" not in unescape(b) for b in blocks)
