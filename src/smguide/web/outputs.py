"""The decision's outputs for the web, each the very text the command line writes for
the same answers: the report, ``decide --format json``, and the record files of
``decide --record`` (Markdown, JSON) and ``decide --format html`` (the printable case-file
page)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from smguide.pack.models import Pack
from smguide.report.model import Report

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection

# format -> (file extension, media type)
RECORDS = {"md": (".md", "text/markdown; charset=utf-8"),
           "html": (".html", "text/html; charset=utf-8"),
           "json": (".json", "application/json")}


def report_for(pack: Pack, answers: Mapping[str, str]) -> Report:
    """The report ``smguide decide`` builds for these answers."""
    from smguide.engine.core import decide
    from smguide.report.model import build

    return build(pack, decide(pack, answers), answers)


def forget(pack: Pack) -> None:
    """Let the engine drop the answers it keeps from past decisions: called after every
    request, so the server keeps nothing of a situation once its page is sent."""
    from smguide.engine.core import forget as engine_forget

    engine_forget(pack)


def decision_json(report: Report) -> dict[str, Any]:
    """What ``decide --format json`` prints, as data."""
    from smguide.render.json import decision_data

    return decision_data(report)


def record(report: Report, fmt: str, reflection: Reflection | None = None,
           act_otherwise: ActOtherwise | None = None) -> str:
    """The decision record in ``fmt`` (md, html or json), made now, with the
    practitioner's reflection and "act otherwise" when there are (as ``--reflection
    FILE`` adds them)."""
    if fmt == "html":
        from smguide.render.html import decision_page
        from smguide.render.json import decision_data

        page = decision_page(decision_data(report, reflection=reflection,
                                           act_otherwise=act_otherwise), reflection)
        return page if page.endswith("\n") else page + "\n"  # as write_out prints it
    from smguide.render.record import record_data, record_text

    kind = "markdown" if fmt == "md" else "json"
    data = record_data(report, reflection=reflection, act_otherwise=act_otherwise)
    return record_text(report, data, kind, reflection=reflection, act_otherwise=act_otherwise)
