"""HTML pages from Jinja2 templates (``smguide/templates/html``), autoescaped:
the decision-flow diagram (Mermaid's own library inlined, so the file works
offline), a scenario handout and a printable case-file report.

Jinja2 and the templates load only when a page is asked for: start-up does not pay.
The case-file report is a thin template over the decision dict of the JSON output
(:func:`smguide.render.record.build`), so it says what ``--format json`` says.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

MERMAID_VERSION = "11.17.2"
VERDICT_CLASSES = ("prohibited", "not_yet", "needs_authorization", "consult_supervisor",
                   "discouraged", "permitted_with_conditions", "permitted")


@cache
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("smguide", "templates/html"),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=True),
        undefined=StrictUndefined,  # a typo in a template fails loudly, in the tests
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # The interface texts of the templates come from the same catalog as the terminal's
    # (smguide.i18n); newstyle: "%(name)s" placeholders, escaped like any value.
    from smguide import i18n
    from smguide.pack.models import Verdict
    from smguide.report.wording import verdict_name

    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = i18n.current
    env.filters["verdict_words"] = lambda v: verdict_name(Verdict(str(v)))
    return env


def mermaid_js() -> str:
    return (resources.files("smguide").joinpath("vendor", "mermaid", "mermaid.min.js")
            .read_text(encoding="utf-8"))


def render(template: str, **data: Any) -> str:
    return environment().get_template(template).render(**data)


def graph_page(title: str, sections: list[tuple[str, str]], legend: dict[str, str]) -> str:
    """``sections``: (heading, Mermaid source) pairs, one diagram each."""
    return render("graph.html.j2", title=title, sections=sections, legend=legend,
                  mermaid_js=mermaid_js(), mermaid_version=MERMAID_VERSION)


def handout_page(handout: dict[str, Any]) -> str:
    return render("handout.html.j2", h=handout, d=handout["decision"])


def handout_markdown(handout: dict[str, Any]) -> str:
    """The same handout in Markdown. Jinja cannot escape for Markdown, so the data is
    escaped before (:func:`smguide.render.markdown.escaped_data`): no scenario or pack
    text can open HTML, a heading or a link."""
    from smguide.render.markdown import escaped_data

    data = escaped_data(handout)
    return render("handout.md.j2", h=data, d=data["decision"])


def decision_page(decision: dict[str, Any]) -> str:
    return render("decision.html.j2", d=decision)
