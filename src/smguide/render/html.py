"""HTML pages from Jinja2 templates (``smguide/templates/html``), autoescaped:
the decision-flow diagram (Mermaid's own library inlined, so the file works
offline), a scenario handout and a printable case-file report.

Jinja2 and the templates load only when a page is asked for: start-up does not pay.
The case-file report is a thin template over the decision dict of the JSON output
(:func:`smguide.render.record.build`), so it says what ``--format json`` says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

    from smguide.reflection import Reflection

MERMAID_VERSION = "11.17.2"


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
        auto_reload=False,  # the package's templates do not change under a running server
    )
    # The interface texts of the templates come from the same catalog as the terminal's
    # (smguide.i18n); newstyle: "%(name)s" placeholders, escaped like any value.
    from smguide import i18n
    from smguide.pack.models import Verdict
    from smguide.report.wording import verdict_name

    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = _gettext(i18n._, i18n.current)
    env.globals["language"] = i18n.current
    env.filters["verdict_words"] = lambda v: verdict_name(Verdict(str(v)))
    env.globals["rule_html"] = _rule_html(env, i18n.current)
    env.globals["answer_fields"] = answer_fields
    env.globals["reasons"] = _reasons
    env.filters["quoted"] = i18n.quoted_words  # someone's own words, in the page's marks
    return env


MAX_TEXTS = 4096  # the templates' texts, per language: a bound that is never reached


def _gettext(translate: Callable[[str], str], language: Callable[[], str]) -> Any:
    """The templates' ``_``: what Jinja's newstyle gettext gives (the catalog's text,
    escaped like any value where the template is, always a "%" format), each text made
    once per language. A web page calls it some sixty times: Jinja's own pair of
    wrappers cost a fifth of the page. Only the templates' literal texts are keys."""
    from jinja2 import pass_eval_context
    from markupsafe import Markup

    made: dict[tuple[str, bool, str], str] = {}
    formats: dict[tuple[str, bool, str], str] = {}

    @pass_eval_context
    def gettext(eval_ctx: Any, __string: str, **variables: Any) -> str:
        key = (language(), bool(eval_ctx.autoescape), __string)
        if variables:
            base = formats.get(key)
            if base is None:
                base = _keep(formats, key, _translated(translate, __string, key[1], Markup))
            return base % variables
        text = made.get(key)
        if text is None:
            text = _keep(made, key,
                         _translated(translate, __string, key[1], Markup) % {})
        return text

    return gettext


def _translated(translate: Callable[[str], str], string: str, escape: bool,
                markup: Any) -> str:
    text = translate(string)
    return markup(text) if escape else text


def _keep(store: dict[tuple[str, bool, str], str], key: tuple[str, bool, str],
          text: str) -> str:
    if len(store) > MAX_TEXTS:
        store.clear()
    store[key] = text
    return text


# The rationale's renderings kept (a rule's block is the same text for every decision it
# is in): the answer page's rationale took two thirds of its rendering time. What is
# kept is the policy's own text, never an answer.
MAX_RULE_BLOCKS = 4096
CITATION_FIELDS = ("source_title", "section", "section_title", "quote", "quote_label",
                   "quote_language")


def _rule_html(env: Environment, language: Callable[[], str]) -> Callable[[Any], str]:
    """The templates' ``rule_html(r)``: ``_rule.html.j2`` for one rule of the decision
    dict, made once per language and content. The key is every field the template
    reads, so a kept block is exactly what rendering it again would give."""
    from markupsafe import Markup

    template = env.get_template("_rule.html.j2")
    made: dict[tuple[object, ...], str] = {}

    def rule_html(r: Any) -> str:
        key = (language(), r["id"], r["title"], r["verdict"], r["origin"], r["deciding"],
               r["rationale"],
               tuple(tuple(c[f] for f in CITATION_FIELDS) for c in r["citations"]))
        block = made.get(key)
        if block is None:
            if len(made) >= MAX_RULE_BLOCKS:
                made.clear()
            block = made[key] = Markup(template.render(r=r) + "\n")
        return block

    return rule_html


def _reasons(reasons: list[dict[str, str]]) -> str:
    """An "act otherwise" record's reasons (ids in the record's data), in the page's
    language."""
    from smguide import reflection as rf
    from smguide.i18n import _

    return "; ".join(_(rf.REASON_LABELS[rf.Reason(r["id"])]) for r in reasons)


def answer_fields(answers: Mapping[str, str]) -> str:
    """The web pages' hidden fields ``a.QUESTION=OPTION``, one a line: each form of a
    page carries them (four on the answer page), so one join beats a template loop."""
    from markupsafe import Markup, escape

    return Markup("".join(f'<input type="hidden" name="a.{escape(qid)}" value="{escape(value)}">\n'
                          for qid, value in answers.items()))


def mermaid_js() -> str:
    return (resources.files("smguide").joinpath("vendor", "mermaid", "mermaid.min.js")
            .read_text(encoding="utf-8"))


def render(template: str, **data: Any) -> str:
    return environment().get_template(template).render(**data)


# The graph page's own script: render the diagrams, then fit each to its view; keys and
# buttons zoom and go from view to view. Its hash is in the page's Content-Security-Policy.
GRAPH_JS = """
mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default",
                     maxTextSize: 2000000, maxEdges: 5000,
                     flowchart: { useMaxWidth: true, htmlLabels: true } });
(function () {
  var views = Array.prototype.slice.call(document.querySelectorAll("section.slide"));
  function current() {
    var best = views[0], top = Infinity;
    views.forEach(function (v) {
      var d = Math.abs(v.getBoundingClientRect().top);
      if (d < top) { top = d; best = v; }
    });
    return best;
  }
  function zoom(view, how) {
    var box = view.querySelector(".diagram"), svg = box && box.querySelector("svg");
    if (!svg) { return; }
    var scale = parseFloat(box.getAttribute("data-scale") || "1");
    if (how === "fit") {
      box.classList.remove("zoomed"); box.removeAttribute("data-scale");
      svg.style.removeProperty("width"); window.smguideFitted(); return;
    }
    scale = how === "in" ? scale * 1.25 : scale / 1.25;
    var natural = svg.viewBox && svg.viewBox.baseVal ? svg.viewBox.baseVal.width : 0;
    box.classList.add("zoomed"); box.setAttribute("data-scale", String(scale));
    svg.style.setProperty("width", Math.round((natural || box.clientWidth) * scale) + "px",
                          "important");
    svg.style.maxWidth = "none";
  }
  function fitted() {
    views.forEach(function (view) {
      var svg = view.querySelector(".diagram svg");
      if (svg && svg.viewBox && svg.viewBox.baseVal) {
        var box = svg.viewBox.baseVal;
        svg.style.maxWidth = Math.round(box.width * 1.6) + "px";
        svg.style.maxHeight = Math.round(box.height * 1.6) + "px";
      }
    });
    var first = views[0] && views[0].querySelector(".diagram svg");
    if (first) {  // for tests: does the first view fit the window, unscrolled?
      var r = first.getBoundingClientRect();
      document.body.setAttribute("data-fits", r.bottom <= innerHeight + 1
                                 && r.right <= innerWidth + 1 ? "yes" : "no");
    }
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) { target.scrollIntoView(); }
  }
  window.smguideFitted = fitted;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-zoom]");
    if (button) { zoom(button.closest("section.slide"), button.getAttribute("data-zoom")); }
  });
  document.addEventListener("keydown", function (event) {
    var view = current(), i = views.indexOf(view);
    if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") {
      if (views[i + 1]) { views[i + 1].scrollIntoView(); event.preventDefault(); }
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      if (views[i - 1]) { views[i - 1].scrollIntoView(); event.preventDefault(); }
    } else if (event.key === "+" || event.key === "=") { zoom(view, "in");
    } else if (event.key === "-") { zoom(view, "out");
    } else if (event.key === "0") { zoom(view, "fit"); }
  });
})();
mermaid.run({ querySelector: "pre.mermaid" })
  .then(function () {
    window.smguideFitted();
    document.body.setAttribute("data-rendered", "yes");
  })
  .catch(function (err) {
    document.body.setAttribute("data-rendered", "error");
    console.error("smguide: the diagram did not render: " + err);
  });
"""


def script_hash(script: str) -> str:
    """A CSP source for one inline script: 'sha256-<base64 of its SHA-256>'."""
    import base64
    import hashlib

    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def graph_csp(*scripts: str) -> str:
    """The graph page loads nothing from anywhere: its own scripts (by hash), inline
    styles (Mermaid's SVG), data: images; no connection, font, frame, form or base."""
    hashes = " ".join(script_hash(s) for s in scripts)
    return ("default-src 'none'; "
            f"script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def graph_page(title: str, sections: list[tuple[str, str]], legend: dict[str, str]) -> str:
    """``sections``: (heading, Mermaid source) pairs, one view each."""
    library = mermaid_js()
    return render("graph.html.j2", title=title, sections=sections, legend=legend,
                  mermaid_js=library, page_js=GRAPH_JS, csp=graph_csp(library, GRAPH_JS),
                  mermaid_version=MERMAID_VERSION)


def handout_page(handout: dict[str, Any]) -> str:
    return render("handout.html.j2", h=handout, d=handout["decision"])


def handout_markdown(handout: dict[str, Any]) -> str:
    """The same handout in Markdown. Jinja cannot escape for Markdown, so the data is
    escaped before (:func:`smguide.render.markdown.escaped_data`): no scenario or pack
    text can open HTML, a heading or a link."""
    from smguide.render.markdown import escaped_data

    data = escaped_data(handout)
    return render("handout.md.j2", h=data, d=data["decision"])


def decision_page(decision: dict[str, Any], reflection: Reflection | None = None) -> str:
    """The printable case-file record of ``decision`` (the JSON output's data), with the
    practitioner's reflection when there is one."""
    from smguide.reflection.summary import summary

    return render("decision.html.j2", d=decision,
                  reflection=summary(reflection) if reflection is not None else None)
