"""``smguide graph``: the decision flow as a picture (Mermaid, Graphviz dot, or one
offline HTML page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from smguide.commands import EXIT_OK, write_out
from smguide.errors import UsageError
from smguide.i18n import _
from smguide.pack.selection import load_and_warn

if TYPE_CHECKING:
    from smguide.pack.models import Pack
    from smguide.render.graph_model import Graph

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
    from smguide.render.graph_model import slides
    from smguide.report.wording import text

    if activity is None and focus is None and activities(pack):
        # The whole policy is too much for one picture: views of each activity, each
        # small enough to read on a projector (1280×720) without scrolling.
        sections = [(view.title, draw.mermaid(view)) for a in activities(pack)
                    for view in _titled(slides(build(pack, activity=a)),
                                        _("Activity: {activity}").format(
                                            activity=_activity_words(pack, a)))]
    else:
        graph = build(pack, activity=activity, focus=focus)
        views = slides(graph)
        if activity is not None and focus is None:
            views = _titled(views, _("Activity: {activity}").format(
                activity=_activity_words(pack, activity)))
        sections = [(view.title, draw.mermaid(view)) for view in views]
    legend = {v: c for v, c in draw.COLOURS.items()}
    title = _("Decision flow — {title}").format(title=text(pack.manifest.title))
    write_out(html.graph_page(title, sections, legend))
    return EXIT_OK


def _activity_words(pack: Pack, activity: str) -> str:
    from smguide.report.wording import text

    question = pack.question("activity")
    option = question.option(activity) if question is not None else None
    return text(option.text) if option is not None else activity


def _titled(views: list[Graph], heading: str) -> list[Graph]:
    """The views of one activity, headed by it ("Activity: ... (2 of 5)")."""
    if len(views) == 1:
        return [replace(views[0], title=heading)]
    return [replace(v, title=_("{heading} ({number} of {count})").format(
        heading=heading, number=i, count=len(views))) for i, v in enumerate(views, 1)]
