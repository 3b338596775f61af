"""The decision as data: the JSON output of ``smguide decide`` and the decision record.

Both use :func:`build`; the record adds the time it was made. The schema
(``smguide.decision/1``) is documented in ``docs/cli.md``; fields are only ever
added to it, never renamed or removed, without changing the version.

A record holds nothing about the client: only the pack's own question and option
ids and texts, the verdict and its reasons, the pack's identity and the tool's
version. No file paths are stored either. A reflection adds the practitioner's
choices (fixed ids) and at most two short notes, which smguide checks and which
the practitioner is warned to keep free of names and identifying details.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import smguide
from smguide.decision import Decision, Item
from smguide.fsutil import atomic_write
from smguide.models import Pack, Silence
from smguide.render.common import (
    answer_text,
    citation,
    question_text,
    text,
    verdict_line,
    wording,
)

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection

SCHEMA = "smguide.decision/1"


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


def _silence_citations(pack: Pack, silence: Silence) -> list[dict[str, Any]]:
    """A silent verdict names its provisions too: the silence's own citations."""
    return [
        {"source": c.source, "source_title": c.source_title, "section": c.section,
         "section_title": c.section_title, "quote": c.quote}
        for c in (citation(pack, cite) for cite in silence.cite)
    ]


def _considerations(pack: Pack, items: tuple[Item, ...]) -> list[dict[str, Any]]:
    """Considerations as items, each with the citations of the rules it comes from."""
    out = _items(items)
    for data, item in zip(out, items, strict=True):
        data["citations"] = [
            {"rule": rid, "origin": rule.origin or None, "source": c.source,
             "section": c.section, "reference": c.reference, "quote": c.quote}
            for rid in item.rules if (rule := pack.rule(rid)) is not None
            for c in (citation(pack, cite) for cite in rule.cite)
        ]
    return out


def build(pack: Pack, decision: Decision, *, reflection: Reflection | None = None,
          act_otherwise: ActOtherwise | None = None) -> dict[str, Any]:
    """The decision as plain JSON-ready data (schema ``smguide.decision/1``).

    ``reflection`` and ``act_otherwise`` appear only when the practitioner reflected, or
    recorded that they will act otherwise (docs/ethics.md)."""
    w = wording(decision.verdict)
    deciding = {a.rule.id for a in decision.deciding}
    rules = []
    for applied in decision.applied:
        rule = applied.rule
        rules.append({
            "id": rule.id,
            "title": text(rule.title),
            "verdict": rule.verdict.value if rule.verdict else None,
            "certain": applied.certain,
            "deciding": rule.id in deciding,
            "rationale": text(rule.rationale) or None,
            "principles": [p.value for p in rule.principles],
            "origin": rule.origin or None,
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
        })
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
        "verdict": decision.verdict.value,
        "verdict_label": w.label,
        "summary": verdict_line(decision.verdict, decision.silent),
        "certain": decision.certain,
        "silent": decision.silent,
        "silences": [{"id": s.id, "reason": s.reason.get_text(),
                      "citations": _silence_citations(pack, s)} for s in decision.silences],
        "answers": [
            {
                "question": qid,
                "question_text": question_text(pack, qid),
                "answer": answer,
                "answer_text": answer_text(pack, qid, answer),
            }
            for qid, answer in decision.answers
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
            for d in decision.defeated
        ],
        "obligations": _items(decision.obligations),
        "cautions": _items(decision.cautions),
        "considerations": _considerations(pack, decision.considerations),
        "find_out": [
            {"question": f.question.id, "text": text(f.text)} for f in decision.find_out
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
            for w_n in decision.why_not
        ],
    }
    if reflection is not None:
        from smguide.reflection import data as reflection_data

        data["reflection"] = reflection_data(pack, reflection)
    if act_otherwise is not None:
        from smguide.reflection import otherwise_data

        data["act_otherwise"] = otherwise_data(act_otherwise)
    return data


def now_utc() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_record(
    pack: Pack, decision: Decision, *, recorded_at: str | None = None,
    reflection: Reflection | None = None, act_otherwise: ActOtherwise | None = None,
) -> dict[str, Any]:
    """The decision record for a case file: the decision plus the time (UTC)."""
    data = build(pack, decision, reflection=reflection, act_otherwise=act_otherwise)
    out = {"schema": data.pop("schema"), "recorded_at": recorded_at or now_utc()}
    out.update(data)
    return out


def is_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def serialize(data: dict[str, Any], *, yaml_format: bool) -> str:
    if yaml_format:
        import yaml

        dumped: str = yaml.safe_dump(
            data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
        )
        return dumped
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_record(path: Path, pack: Pack, decision: Decision, *, force: bool,
                 reflection: Reflection | None = None,
                 act_otherwise: ActOtherwise | None = None) -> dict[str, Any]:
    """Write the decision record atomically (JSON, or YAML for .yaml/.yml); return it."""
    data = build_record(pack, decision, reflection=reflection, act_otherwise=act_otherwise)
    atomic_write(path, serialize(data, yaml_format=is_yaml(path)).encode("utf-8"),
                 overwrite=force)
    return data
