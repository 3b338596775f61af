"""Markdown output of a decision, for pasting into case notes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from smguide.engine.decision import Item
from smguide.i18n import _, labelled, quoted_words
from smguide.report.model import GO_AHEAD
from smguide.report.wording import (
    MAY_APPLY,
    QUOTED,
    UNTIL_KNOWN,
    branch_texts,
    headline,
    lower_first,
    origin_tag,
    principle_label,
    principle_name,
    report_line,
    text,
    verdict_name,
)
from smguide.system.streams import inert

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection
    from smguide.report.model import Report


# What Markdown (CommonMark and GitHub's) would turn into markup inside a line: emphasis,
# code, links and images, raw HTML and entities, tables, strikethrough, headings, and the
# bare links GitHub makes of "https://", "mailto:x", "www." and e-mail addresses (a colon
# only between a word and what follows it: "know: this" stays as written).
_MARKUP = re.compile(r"[\\`*_\[\]<>|#!&~@]|(?<=[A-Za-z]):(?=\S)")
# ... and what only the start of a line would make a list.
_LIST_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+])(?=\s|$)")
_WWW = re.compile(r"(?i)\b(www)\.")
_SPACES = re.compile(r"\s+")


def _escape(value: str) -> str:
    """Keep outside text literal on one line: its line breaks become spaces (a text
    cannot open a heading of its own), its control characters are shown inert, and
    whatever Markdown would turn into HTML, a link or formatting is escaped."""
    value = inert(_SPACES.sub(" ", value).lstrip(), one_line=True)  # a space at the end stays
    value = _MARKUP.sub(r"\\\g<0>", value)
    value = _LIST_START.sub(_list_start, value)
    return _WWW.sub(r"\1\\.", value)


def _list_start(match: re.Match[str]) -> str:
    if match.group(3):
        return "\\" + match.group(3)
    return match.group(1) + "\\" + match.group(2)


def escape_block(value: str) -> str:
    """Like :func:`_escape`, keeping the paragraphs (blank lines) of a longer text."""
    paragraphs = re.split(r"\n[ \t]*\n", value.strip())
    return "\n\n".join(_escape(p) for p in paragraphs if p.strip())



def code(value: str) -> str:
    """An id or hash shown as code: it holds no backtick, so the span cannot close."""
    return "`" + inert(" ".join(value.split()), one_line=True).replace("`", "'") + "`"


# Keys whose values are ids or enum values (checked when read, shown in code spans or
# compared by the templates): kept as they are but for backticks and control characters.
_RAW_KEYS = frozenset({"id", "answer", "verdict", "question", "schema"})


def escaped_data(data: Any, key: str = "") -> Any:
    """A handout's data for the Markdown template (which, not being HTML, is not
    autoescaped): every text escaped (:func:`_escape`; the narrative keeps its
    paragraphs), ids kept fit for a code span."""
    if isinstance(data, dict):
        return {k: escaped_data(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [escaped_data(v, key) for v in data]
    if isinstance(data, str):
        if key in _RAW_KEYS:
            return code(data)[1:-1]
        return escape_block(data) if key == "narrative" else _escape(data)
    return data


def _item(item: Item, marker: str) -> str:
    suffix = f" *({_(MAY_APPLY)})*" if not item.certain else ""
    return f"- {marker}{_escape(text(item.text))}{suffix}"


def _quote(lines: list[str], pad: str, quote: str, label: str = "") -> None:
    if lines[-1].lstrip().startswith(">"):
        lines.append(f"{pad}  >")  # keeps consecutive quotes apart
    lines.append(f"{pad}  > " + _("“{quote}” — {quoted}").format(
        quote=_escape(quote), quoted=_escape(label or _(QUOTED))))


def _summary(report: Report) -> list[str]:
    """The one-screen answer: headline, what it depends on, checklists, the provisions."""
    from smguide.render.answer import (
        IN_THE_WAY,
        UNSURE_HEADING,
        checklists,
        provision_line,
        unsure_lines,
    )

    lines = [f"**{_escape(headline(report))}**", ""]
    if not report.settled:
        if not report.pending:
            lines += ["*" + _("It may turn out less strict once you know:") + "*", ""]
        for dep in report.depends:
            lines.append(f"- **{_escape(dep.text)}** "
                         + ("; ".join(_escape(t) for t in branch_texts(dep.branches))
                            or _("(matters together with your other answers)")))
        if not report.depends:
            lines += [f"- {_escape(text(f.text))}" for f in report.decision.find_out]
        if report.pending:
            lines += ["", f"*{_(UNTIL_KNOWN)} "
                      f"{_escape(report_line(report))}*"]
        lines.append("")
    for silence in report.silences if not report.pending else ():
        cites = "; ".join(c.brief for c in silence.citations)
        lines += [_escape(silence.reason) + (f" ({_escape(cites)})" if cites else ""), ""]
    unsure = unsure_lines(report)
    if unsure:
        lines += [f"### {_(UNSURE_HEADING)}", ""] + [f"- {_escape(u)}" for u in unsure] + [""]
    if report.blocking:
        lines += [f"### {_(IN_THE_WAY)}", ""] + [
            f"- {_escape(provision_line(p))}" for p in report.blocking] + [""]
    for title, items in checklists(report) if not report.pending else ():
        if items:
            lines += [f"### {title}", ""] + [_item(i, "[ ] ") for i in items] + [""]
    if report.standing and not report.pending and report.verdict in GO_AHEAD:
        lines += ["*" + _("As always: ") + "; ".join(
            _escape(lower_first(text(r.title))) for r in report.standing)
            + ".*", ""]
    if report.deciding:
        lines += ["### " + (_("Strictest possible outcome, based on") if report.pending
                            else _("Based on")), ""]
        for provision in report.deciding:
            rule = provision.rule
            cites = ", ".join(dict.fromkeys(c.brief for c in provision.citations))
            effect = verdict_name(rule.verdict) if rule.verdict else ""
            lines.append(f"- **{_escape(text(rule.title))}** ({effect}) — {_escape(cites)}")
            cite = next((c for c in provision.citations if c.quote), None)
            if cite and cite.quote:
                _quote(lines, "", cite.quote, cite.source.quote_label)
        lines.append("")
    return lines


def _details(report: Report) -> list[str]:
    result, pack = report.decision, report.pack
    lines: list[str] = ["## " + _("Full rationale"), ""]
    if result.obligations:
        lines += ["### " + _("Obligations"), ""]
        lines += [_item(i, "[ ] ") for i in result.obligations]
        lines.append("")
    if result.cautions:
        lines += ["### " + _("Cautions"), ""]
        lines += [_item(i, "") for i in result.cautions]
        lines.append("")
    if result.considerations:
        lines += ["### " + _("Ethical considerations"), ""]
        for item in result.considerations:
            lines.append(_item(item, ""))
            if item.principles:
                lines.append("  *" + _("Principles: ") + ", ".join(
                    _escape(principle_name(p)) for p in item.principles) + "*")
            for rid in item.rules:
                rule = pack.rule(rid)
                if rule is not None:
                    cites = ", ".join(dict.fromkeys(report.cite(c).brief for c in rule.cite))
                    lines.append(f"  - {_escape(origin_tag(pack, rule) + rid)} — "
                                 f"{_escape(cites)}")
        lines.append("")
    if result.applied:
        lines += ["### " + _("Why"), ""]
        for number, applied in enumerate(result.applied, 1):
            rule = applied.rule
            effect = verdict_name(rule.verdict) if rule.verdict else _("adds obligations")
            may = (" *" + _("(may apply, {condition})").format(condition=_(MAY_APPLY)) + "*"
                   if not applied.certain else "")
            head = f"{number}. "
            pad = " " * len(head)  # list item content lines up with the item's text
            tag = origin_tag(pack, rule)
            lines.append(f"{head}**{_escape(text(rule.title))}** — {effect}{may} "
                         f"({_escape(tag)}{code(rule.id)})")
            if rule.rationale:
                lines.append(f"{pad}{_escape(text(rule.rationale))}")
            previous: tuple[str, str] | None = None
            for cite in rule.cite:
                view = report.cite(cite)
                if (cite.source, cite.section) != previous:
                    lines.append(f"{pad}- {_escape(view.reference)}")
                    previous = (cite.source, cite.section)
                if view.quote:
                    _quote(lines, pad, view.quote, view.source.quote_label)
        lines.append("")
    if result.defeated:
        lines += ["### " + _("Exceptions applied"), ""]
        for defeat in result.defeated:
            may = f" *({_(MAY_APPLY)})*" if not defeat.certain else ""
            lines.append("- " + _("{exception} set aside {rule}").format(
                exception=_escape(text(defeat.exception.title)),
                rule=_escape(text(defeat.defeated.title))) + may)
        lines.append("")
    if result.why_not:
        lines += ["### " + _("What would change the outcome"), ""]
        for why in result.why_not:
            changes = "; ".join(
                _escape(f"{text(c.question.text)} = {text(c.question.answer_text(c.answer))}")
                for c in why.changes
            )
            lines.append("- " + _("Would be {verdict} if: ").format(
                verdict=verdict_name(why.verdict)) + changes)
        lines.append("")
    if result.find_out:
        lines += ["### " + _("What to find out"), ""]
        lines += [f"- {_escape(text(f.text))}" for f in result.find_out]
        lines.append("")
    if result.silent:
        scope = _("for this case") if result.certain else _(
            "for some of your “not sure” answers")
        lines += ["### " + _("The policy is silent"), "",
                  _("No rule of {pack} gives a verdict {scope}. smguide never treats silence "
                    "as permission: consult your supervisor.").format(
                        pack=_escape(text(pack.manifest.title)), scope=scope), ""]
        for silence in report.silences:
            lines.append(f"- {_escape(silence.reason)}")
            for ref in silence.citations:
                lines.append(f"  - {_escape(ref.reference)}")
                if ref.quote:
                    _quote(lines, "  ", ref.quote, ref.source.quote_label)
        lines.append("")
    return lines


def _answers(report: Report) -> list[str]:
    if not report.answers:
        return []
    lines = ["### " + _("Answers"), ""]
    for row in report.answers:
        lines.append(f"- {_escape(row.question_text)} — {_escape(row.answer_text)}")
    return [*lines, ""]


def _sources(report: Report) -> list[str]:
    if not report.sources:
        return []
    lines = ["### " + _("Sources"), ""]
    for source in report.sources:
        label = labelled(_escape(source.label), "") if source.label != source.title else ""
        lines.append(f"- {label}*{_escape(source.title)}*")
    return [*lines, ""]


def _pack_line(report: Report) -> str:
    pack = report.pack
    return "*" + _("Rule pack: {title} ({id} {version}, {hash}) · smguide {tool}").format(
        title=_escape(text(pack.manifest.title)), id=_escape(pack.id),
        version=_escape(pack.manifest.version), hash=code(pack.content_hash),
        tool=report.tool_version) + "*"


def decision(report: Report) -> str:
    """The answer and its full rationale, for pasting into case notes."""
    lines = _summary(report) + _details(report) + _answers(report) + _sources(report)
    lines.append(_pack_line(report))
    return "\n".join(lines) + "\n"


def record(report: Report, *, recorded_at: str, refl: Reflection | None = None,
           otherwise: ActOtherwise | None = None) -> str:
    """The decision record as Markdown, for a case file: when, with what, the answers, the
    verdict, the checklist and the citations (each source's full title once)."""
    pack = report.pack
    layers = " + ".join(pack.layers) if len(pack.layers) > 1 else pack.id
    when = recorded_at.replace("T", " ").replace("Z", " UTC")
    lines = [
        "# " + _("Decision record (smguide)"), "",
        "- **" + _("Recorded:") + f"** {when}",  # ours, not outside text
        "- **" + _("Tool:") + f"** smguide {report.tool_version}",
        "- **" + _("Rule packs:") + f"** {_escape(layers)} — {_escape(text(pack.manifest.title))}, "
        + _("version {version}").format(version=_escape(pack.manifest.version)),
        "- **" + _("Pack content hash:") + f"** {code(pack.content_hash)}",
        "- **" + _("Verdict:") + f"** {_escape(report_line(report))}"
        + ("" if report.settled else " *" + _("(strictest possible: not settled)") + "*"),
        "",
    ]
    lines += _answers(report) + _summary(report) + _details(report) + _sources(report)
    if refl is not None:
        lines.append(reflection(refl))
    if otherwise is not None:
        lines.append(act_otherwise(otherwise))
    lines.append(_pack_line(report))
    return "\n".join(lines) + "\n"


def reflection(refl: Reflection) -> str:
    """The practitioner's reflection as Markdown, to follow the decision in case notes."""
    from smguide import reflection as rf

    def option(view: rf.OptionView) -> str:
        verdict = f" ({verdict_name(view.verdict)})" if view.verdict else ""
        return _escape(view.label) + verdict

    purpose = _escape(_(rf.PURPOSE_LABELS[refl.purpose]))
    if refl.purpose_note:
        purpose += " — " + quoted_words(_escape(refl.purpose_note))
    lines = [
        "### " + _("Your reflection"), "",
        "*" + _("Model: {model}. Reflecting because {trigger}.").format(
            model=_escape(_(rf.MODEL)), trigger=_escape(_(rf.TRIGGER_LABELS[refl.trigger])))
        + "*", "",
        "1. **" + _("Policy rules:") + f"** {_escape(_(rf.ASSESSMENT_LABELS[refl.assessment]))}",
        "2. **" + _("Principles, in order:") + "** " + "; ".join(
            _escape(principle_label(p)) for p in refl.principles),
        "3. **" + _("Purpose:") + f"** {purpose}",
        "4. **" + _("Who is affected:") + "** " + "; ".join(
            _escape(_(rf.AFFECTED_LABELS[a])) for a in refl.affected),
        "5. **" + _("Options considered:") + "** " + "; ".join(option(v) for v in refl.considered)
        + ". **" + _("Chosen:") + f"** {option(refl.chosen)}",
        "6. **" + _("Alternatives tried:") + "** " + "; ".join(
            labelled(_escape(_(rf.METHOD_LABELS[m])), _escape(_(rf.TRIED_LABELS[t]).lower()))
            for m, t in refl.alternatives),
        "7. **" + _("Consulted:") + "** " + "; ".join(
            _escape(_(rf.CONSULTED_LABELS[c])) for c in refl.consulted),
        "",
    ]
    if refl.note:
        lines += ["*" + _("Note:") + "* " + quoted_words(_escape(refl.note)), ""]
    lines += ["#### " + _("Outcome"), "", f"**{_escape(refl.outcome)}**", ""]
    return "\n".join(lines)


def act_otherwise(act: ActOtherwise) -> str:
    from smguide import reflection as rf

    lines = ["### " + _("You will act otherwise than the recommendation"), "",
             _escape(act.statement), "",
             _("Reasons: ") + "; ".join(_escape(_(rf.REASON_LABELS[r])) for r in act.reasons)]
    if act.note:
        lines[-1] += ". " + _("Note:") + " " + quoted_words(_escape(act.note))
    lines.append("")
    return "\n".join(lines)
