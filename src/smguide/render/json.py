"""JSON output. A decision is its :class:`~smguide.report.model.Report` as data (schema
smguide.decision/1, the same as the decision record); questions and rules have their own
small schemas, documented in docs/cli.md."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import smguide
from smguide.engine.decision import Item
from smguide.i18n import current as current_language
from smguide.pack.models import Pack, Question, Rule
from smguide.report.wording import (
    branch_text,
    citation,
    describe_condition,
    headline,
    headline_label,
    report_line,
    text,
    wording,
)

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection
    from smguide.report.model import CitationRef, Report

SCHEMA = "smguide.decision/1"


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def pack_info(pack: Pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "title": text(pack.manifest.title),
        "version": pack.manifest.version,
        "content_hash": pack.content_hash,
    }


def decision(report: Report, *, reflection: Reflection | None = None,
             act_otherwise: ActOtherwise | None = None) -> str:
    return dumps(decision_data(report, reflection=reflection, act_otherwise=act_otherwise))


def _items(items: tuple[Item, ...]) -> list[dict[str, Any]]:
    return [
        {
            "text": text(item.text),
            "certain": item.certain,
            "rules": list(item.rules),
            "principles": [p.value for p in item.principles],
        }
        for item in items
    ]


def _citation(c: CitationRef) -> dict[str, Any]:
    return {"source": c.source.id, "source_title": c.source.title,
            "source_label": c.source.label, "section": c.section,
            "section_title": c.section_title, "quote": c.quote,
            "quote_label": c.source.quote_label if c.quote else None,
            "quote_language": c.source.quote_language if c.quote else None}


def _considerations(report: Report) -> list[dict[str, Any]]:
    """Considerations as items, each with the citations of the rules it comes from."""
    items = report.decision.considerations
    out = _items(items)
    for data, item in zip(out, items, strict=True):
        data["citations"] = [
            {"rule": rid, "origin": rule.origin or None, "source": c.source.id,
             "section": c.section, "reference": c.reference, "quote": c.quote}
            for rid in item.rules if (rule := report.pack.rule(rid)) is not None
            for c in (report.cite(cite) for cite in rule.cite)
        ]
    return out


def decision_data(report: Report, *, reflection: Reflection | None = None,
                  act_otherwise: ActOtherwise | None = None) -> dict[str, Any]:
    """The report as plain JSON-ready data (schema ``smguide.decision/1``). Fields are only
    ever added, never renamed or removed, without changing the version. ``verdict`` is
    always the strictest outcome the answers allow; ``settled`` says whether the answers
    still unknown could change it, and ``depends`` which of them do.

    ``reflection`` and ``act_otherwise`` appear only when the practitioner reflected, or
    recorded that they will act otherwise (docs/ethics.md)."""
    result, pack = report.decision, report.pack
    deciding = {a.rule.id for a in result.deciding}
    standing = {r.id for r in report.standing}
    rules = [
        {
            "id": applied.rule.id,
            "title": text(applied.rule.title),
            "verdict": applied.rule.verdict.value if applied.rule.verdict else None,
            "certain": applied.certain,
            "deciding": applied.rule.id in deciding,
            "standing": applied.rule.id in standing,
            "rationale": text(applied.rule.rationale) or None,
            "instead": text(applied.rule.instead) or None,
            "principles": [p.value for p in applied.rule.principles],
            "origin": applied.rule.origin or None,
            "citations": [_citation(report.cite(c)) for c in applied.rule.cite],
        }
        for applied in result.applied
    ]
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "smguide", "version": smguide.__version__},
        "pack": {
            "id": pack.id,
            "title": text(pack.manifest.title),
            "version": pack.manifest.version,
            "content_hash": pack.content_hash,
            "layers": list(pack.layers),
        },
        "verdict": result.verdict.value,
        "verdict_label": wording(result.verdict, report.audience).label,
        "summary": report_line(report),
        "certain": result.certain,
        "silent": result.silent,
        "silences": [
            {"id": s.id, "reason": s.reason, "citations": [_citation(c) for c in s.citations]}
            for s in report.silences
        ],
        "answers": [
            {"question": a.question, "question_text": a.question_text, "answer": a.answer,
             "answer_text": a.answer_text, "asked": a.asked}
            for a in report.answers
        ],
        "rules": rules,
        "defeats": [
            {
                "exception": d.exception.id,
                "exception_title": text(d.exception.title),
                "defeated": d.defeated.id,
                "defeated_title": text(d.defeated.title),
                "certain": d.certain,
            }
            for d in result.defeated
        ],
        "obligations": _items(result.obligations),
        "cautions": _items(result.cautions),
        "considerations": _considerations(report),
        "find_out": [
            {"question": f.question.id, "text": text(f.text)} for f in result.find_out
        ],
        "why_not": [
            {
                "verdict": w_n.verdict.value,
                "changes": [
                    {
                        "question": c.question.id,
                        "question_text": text(c.question.text),
                        "answer": c.answer,
                        "answer_text": text(c.question.answer_text(c.answer)),
                        "previous": c.previous,
                    }
                    for c in w_n.changes
                ],
            }
            for w_n in result.why_not
        ],
    }
    # Added later: fields are only ever appended.
    data.update({
        "headline": headline(report),
        "next_step": report.next_step,
        "settled": report.settled,
        "depends": [
            {
                "question": d.question,
                "question_text": d.text,
                "find_out": d.find_out,
                "outcomes": [
                    {"options": list(b.options), "answers": list(b.answers),
                     "verdict": b.verdict.value, "settled": b.settled, "text": branch_text(b)}
                    for b in d.branches
                ],
            }
            for d in report.depends
        ],
        "checklist": _items(report.steps + report.checklist),
        "sources": [{"id": s.id, "title": s.title, "short_title": s.label}
                    for s in report.sources],
        # The language of the texts (the ids are the same in every language).
        "language": current_language(),
        # The badge that goes with the headline ("DEPENDS" while it is pending), and what
        # the one screen adds (issue 19): a report that may be due, the worker's own
        # "not sure" answers that matter, the facts already in the way.
        "headline_label": headline_label(report),
        "urgent": _items(report.urgent),
        "unsure_answers": [{"question": u.question, "question_text": u.text,
                            "find_out": u.find_out} for u in report.unsure],
        "in_the_way": [{"rule": p.rule.id, "title": text(p.rule.title),
                        "verdict": p.rule.verdict.value if p.rule.verdict else None}
                       for p in report.blocking],
    })
    if reflection is not None:
        from smguide.reflection import data as reflection_data

        data["reflection"] = reflection_data(pack, reflection)
    if act_otherwise is not None:
        from smguide.reflection import otherwise_data

        data["act_otherwise"] = otherwise_data(act_otherwise)
    return data


def question_data(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "text": text(question.text),
        "help": text(question.help) or None,
        "type": question.type,
        "options": [
            {"id": o.id, "text": text(o.text), "help": text(o.help) or None}
            for o in question.options
        ],
        "unsure": question.unsure,
        "ask_if": describe_condition(question.ask_if) if question.ask_if else None,
        "ask_if_data": question.ask_if.to_data() if question.ask_if else None,
        "find_out": text(question.find_out) or None,
        "actionable": question.actionable,
    }


def questions(pack: Pack) -> str:
    return dumps({
        "schema": "smguide.questions/1",
        "pack": pack_info(pack),
        "questions": [question_data(q) for q in pack.questions],
    })


def exceptions_to(pack: Pack, rule: Rule) -> list[str]:
    """The ids of the rules that are exceptions to ``rule``."""
    return [r.id for r in pack.rules if rule.id in r.exception_to]


def rule_data(pack: Pack, rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": text(rule.title),
        "verdict": rule.verdict.value if rule.verdict else None,
        "when": describe_condition(rule.when),
        "when_data": rule.when.to_data(),
        "exception_to": list(rule.exception_to),
        "exceptions": exceptions_to(pack, rule),
        "rationale": text(rule.rationale) or None,
        "obligations": [text(t) for t in rule.obligations],
        "cautions": [text(t) for t in rule.cautions],
        "considerations": [text(t) for t in rule.considerations],
        "principles": [p.value for p in rule.principles],
        "citations": [
            {
                "source": c.source,
                "source_title": c.source_title,
                "section": c.section,
                "section_title": c.section_title,
                "quote": c.quote,
                "quote_label": c.quote_label if c.quote else None,
                "quote_language": c.quote_language if c.quote else None,
            }
            for c in (citation(pack, cite) for cite in rule.cite)
        ],
        "origin": rule.origin or None,
    }


def rules(pack: Pack) -> str:
    return dumps({
        "schema": "smguide.rules/1",
        "pack": pack_info(pack),
        "rules": [rule_data(pack, r) for r in pack.rules],
    })


def explain(pack: Pack, rule: Rule) -> str:
    return dumps({"schema": "smguide.rule/1", "pack": pack_info(pack),
                  "rule": rule_data(pack, rule)})
