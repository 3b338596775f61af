"""``smguide graph``: the decision flow as a picture (Mermaid, Graphviz dot, or one
offline HTML page)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smguide.commands import EXIT_OK, write_out
from smguide.errors import UsageError
from smguide.i18n import _
from smguide.pack.selection import load_and_warn

FORMATS = ("mermaid", "dot", "html")


def run(*, packs: Sequence[Path] | None = None, focus: str | None = None,
        activity: str | None = None, fmt: str = "mermaid") -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    from smguide.render import graph as draw
    from smguide.render.graph_model import activities, build

    pack = load_and_warn(packs)
    if fmt != "html":
        graph = build(pack, activity=activity, focus=focus)
        write_out(draw.mermaid(graph) if fmt == "mermaid" else draw.dot(graph))
        return EXIT_OK
    from smguide.render import html
    from smguide.report.wording import text

    if activity is None and focus is None and activities(pack):
        # The whole policy is too much for one picture: one diagram per activity.
        graphs = [build(pack, activity=a) for a in activities(pack)]
        sections = [(_("Activity: {activity}").format(activity=a), draw.mermaid(g))
                    for a, g in zip(activities(pack), graphs, strict=True)]
    else:
        graph = build(pack, activity=activity, focus=focus)
        sections = [(graph.title, draw.mermaid(graph))]
    legend = {v: c for v, c in draw.COLOURS.items()}
    title = _("Decision flow — {title}").format(title=text(pack.manifest.title))
    write_out(html.graph_page(title, sections, legend))
    return EXIT_OK
