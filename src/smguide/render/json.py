"""JSON output. Decisions use :func:`smguide.record.build` (schema smguide.decision/1);
questions and rules have their own small schemas, documented in docs/cli.md."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from smguide.decision import Decision
from smguide.models import Pack, Question, Rule
from smguide.record import build
from smguide.render.common import citation, describe_condition, text

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def pack_info(pack: Pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "title": text(pack.manifest.title),
        "version": pack.manifest.version,
        "content_hash": pack.content_hash,
    }


def decision(pack: Pack, result: Decision, *, reflection: Reflection | None = None,
             act_otherwise: ActOtherwise | None = None) -> str:
    return dumps(build(pack, result, reflection=reflection, act_otherwise=act_otherwise))


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
