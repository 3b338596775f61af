"""Machine-readable output of the scenario commands: JSON (schemas documented in
docs/cli.md) and JUnit XML for CI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smguide.pack.models import Pack
from smguide.render.json import dumps, pack_info
from smguide.report.wording import text
from smguide.training.run import Coverage, Outcome, OutcomeChange, Result

if TYPE_CHECKING:
    from smguide.training.files import ScenarioFile


def scenario_info(sf: ScenarioFile) -> dict[str, Any]:
    s = sf.scenario
    return {"id": s.id, "title": text(s.title), "role": s.role,
            "verdict": s.expect.verdict.value, "tags": list(s.tags), "path": str(sf.path)}


def listing(files: Sequence[ScenarioFile]) -> str:
    return dumps({"schema": "smguide.scenarios/1",
                  "scenarios": [scenario_info(sf) for sf in files]})


@dataclass(frozen=True)
class Case:
    file: ScenarioFile
    pack: Pack
    result: Result
    seconds: float


def _case(case: Case) -> dict[str, Any]:
    return {
        "id": case.file.id,
        "title": text(case.file.scenario.title),
        "path": str(case.file.path),
        "pack": pack_info(case.pack),
        "passed": case.result.passed,
        "expected_verdict": case.result.scenario.expect.verdict.value,
        "verdict": case.result.outcome.verdict.value,
        "failures": [{"kind": f.kind, "expected": f.expected, "got": f.got,
                      "message": f.message} for f in case.result.failures],
    }


def coverage_data(pack: Pack, cov: Coverage) -> dict[str, Any]:
    return {
        "pack": pack_info(pack),
        "rules": {"total": len(cov.rules),
                  "exercised": len(cov.rules) - len(cov.unexercised_rules),
                  "unexercised": [r.id for r in cov.unexercised_rules]},
        "sections": {"total": len(cov.sections),
                     "exercised": len(cov.sections) - len(cov.unexercised_sections),
                     "unexercised": [f"{s.id}/{sec.id}" for s, sec in cov.unexercised_sections]},
    }


def results_json(cases: Sequence[Case], seconds: float,
                coverage: Sequence[tuple[Pack, Coverage]] | None) -> str:
    failed = sum(1 for c in cases if not c.result.passed)
    data: dict[str, Any] = {
        "schema": "smguide.test/1",
        "passed": len(cases) - failed,
        "failed": failed,
        "seconds": round(seconds, 3),
        "scenarios": [_case(c) for c in cases],
    }
    if coverage is not None:
        data["coverage"] = [coverage_data(p, c) for p, c in coverage]
    return dumps(data)


def junit(cases: Sequence[Case], seconds: float) -> bytes:
    """JUnit XML (the subset CI servers read): one testcase per scenario."""
    failed = sum(1 for c in cases if not c.result.passed)
    suites = ET.Element("testsuites", name="smguide test", tests=str(len(cases)),
                        failures=str(failed), errors="0", time=f"{seconds:.3f}")
    suite = ET.SubElement(suites, "testsuite", name="smguide.scenarios", tests=str(len(cases)),
                          failures=str(failed), errors="0", skipped="0", time=f"{seconds:.3f}")
    for case in cases:
        element = ET.SubElement(suite, "testcase", name=case.file.id,
                                classname=f"scenarios.{case.pack.id}",
                                file=str(case.file.path), time=f"{case.seconds:.3f}")
        if case.result.failures:
            messages = [f.message for f in case.result.failures]
            failure = ET.SubElement(element, "failure", message=messages[0],
                                    type="ScenarioFailure")
            failure.text = "\n".join(messages)
    ET.indent(suites)
    body: bytes = ET.tostring(suites, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _outcome(o: Outcome) -> dict[str, Any]:
    return {"verdict": o.verdict.value, "obligations": list(o.obligations),
            "citations": list(o.citations)}


def diff_report(old: Pack, new: Pack, count: int,
                changes: Sequence[tuple[ScenarioFile, OutcomeChange, str | None]]) -> str:
    return dumps({
        "schema": "smguide.diff/1",
        "old": {**pack_info(old), "path": old.path},
        "new": {**pack_info(new), "path": new.path},
        "scenarios": count,
        "changed": [{
            "id": sf.id,
            "title": text(sf.scenario.title),
            "path": str(sf.path),
            "verdict_changed": change.verdict_changed,
            "before": _outcome(change.before),
            "after": _outcome(change.after),
            "obligations": {"removed": list(change.obligations_removed),
                            "added": list(change.obligations_added)},
            "citations": {"removed": list(change.citations_removed),
                          "added": list(change.citations_added)},
            "problem": problem,
        } for sf, change, problem in changes],
    })
