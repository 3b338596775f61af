"""The four output formats: text (people), json (scripts), sarif (code scanning),
github (workflow annotations)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from smguide import __version__
from smguide.i18n import N_, _, ngettext
from smguide.lint.api import Finding
from smguide.lint.runner import Report

FORMATS = ("text", "json", "sarif", "github")
# The level's word in the text format (json, sarif and github keep the ids).
LEVELS = {"error": N_("error"), "warning": N_("warning")}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def shown(path: str) -> str:
    """A path as the user would write it (see :mod:`smguide.pack.paths`)."""
    from smguide.pack.paths import shown as relative

    return relative(path)


def shown_message(message: str) -> str:
    """Messages from the loader name other files by absolute path; shorten those too."""
    return message.replace(str(Path.cwd().resolve()) + os.sep, "")


def render(report: Report, fmt: str, *, quiet: bool = False) -> str:
    if fmt == "text":
        return text(report, quiet=quiet)
    return {"json": as_json, "sarif": sarif, "github": github}[fmt](report)


def summary(report: Report) -> str:
    packs = len(report.packs)
    parts = ([ngettext("{count} pack", "{count} packs", packs).format(count=packs)]
             if packs or not report.scenarios else [])
    if report.scenarios:
        parts.append(ngettext("{count} scenario", "{count} scenarios", report.scenarios)
                     .format(count=report.scenarios))
    where = _(" and ").join(parts)
    # English keeps its "(s)" (scripts and editors read it); French agrees the noun.
    line = _("{errors}, {warnings} in {where}").format(
        errors=ngettext("{count} error(s)", "{count} error(s)", report.errors)
        .format(count=report.errors),
        warnings=ngettext("{count} warning(s)", "{count} warning(s)", report.warnings)
        .format(count=report.warnings), where=where)
    if report.findings or report.skipped:  # not clean when checks could not run
        return line
    return _("{summary}: clean").format(summary=line)


def skipped_note(report: Report, folder: Path) -> str:
    """Why a pack's semantic checks did not run: it must load first."""
    names = ", ".join(c.id for c in report.checks if c.kind == "semantic")
    where = shown(str(folder))
    pack = folder.name if where in ("", ".") else where
    return _("the semantic checks ({names}) did not run on {pack}: the pack does not load; "
             "fix the errors above and lint again").format(names=names, pack=pack)


def statistics_table(report: Report) -> str:
    """One line per check: how many findings, its id and level (as ruff --statistics)."""
    counts: dict[str, int] = {}
    levels: dict[str, str] = {}
    for f in report.findings:
        counts[f.check] = counts.get(f.check, 0) + 1
        levels[f.check] = f.level
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "".join(f"{n:>{width}}  {check}  ({levels[check]})\n" for check, n in rows)


def text(report: Report, *, quiet: bool = False) -> str:
    lines = []
    for f in report.findings:
        where = f"{shown(f.location.path)}:{f.location.line}:{f.location.column}: " \
            if f.location else ""
        extra = ""
        if f.witness:
            example = " ".join(f"--set {q}={a}" for q, a in f.witness)
            extra = " " + _("(e.g. {example})").format(example=example)
        lines.append(f"{where}{_(LEVELS.get(f.level, f.level))} [{f.check}] "
                     f"{shown_message(f.message)}{extra}")
    lines += [_("note: {why}").format(why=skipped_note(report, folder))
              for folder in report.skipped]
    if not quiet:
        lines.append(summary(report))
    return "".join(line + "\n" for line in lines)


def _record(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "check": f.check,
        "level": f.level,
        "message": shown_message(f.message),
        "path": shown(loc.path) if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "witness": dict(f.witness),
    }


def as_json(report: Report) -> str:
    data = {
        "packs": [shown(str(p)) for p in report.packs],
        "checks": [c.id for c in report.checks],
        "findings": [_record(f) for f in report.findings],
        "summary": {"errors": report.errors, "warnings": report.warnings,
                    "scenarios": report.scenarios},
        "skipped": [{"pack": shown(str(folder)), "checks": [c.id for c in report.checks
                                                             if c.kind == "semantic"],
                     "reason": skipped_note(report, folder)} for folder in report.skipped],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    """A URI reference: percent-encoded (a space or a colon is not allowed as is)."""
    shown_path = shown(path)
    if Path(shown_path).is_absolute():
        return Path(shown_path).as_uri()
    return quote(Path(shown_path).as_posix(), safe="/")


def _plain(doc: str) -> str:
    """A check's docstring as plain text: no reST double backticks or '::' markers."""
    return re.sub(r"``([^`]*)``", r"'\1'", doc).replace("::\n", ":\n")


def docs_base() -> str:
    """Where docs/lint-checks.md is: ``docs-url`` in the lint settings, else the copy
    shipped with smguide (a file URI: SARIF's helpUri must be absolute)."""
    from smguide.lint.config import find_config
    from smguide.pack.bundled import lint_checks_doc

    return find_config().docs_url or lint_checks_doc().resolve().as_uri()


def sarif(report: Report) -> str:
    index = {c.id: i for i, c in enumerate(report.checks)}
    docs = docs_base()
    rules = [{
        "id": c.id,
        "shortDescription": {"text": _plain(c.summary)},
        "fullDescription": {"text": _plain(c.doc)},
        "helpUri": f"{docs}#{c.id}",
        "defaultConfiguration": {"level": c.level},
        "properties": {"kind": c.kind},
    } for c in report.checks]
    results = []
    for f in report.findings:
        result: dict[str, Any] = {"ruleId": f.check, "level": f.level,
                                  "message": {"text": shown_message(f.message)}}
        if f.check in index:
            result["ruleIndex"] = index[f.check]
        if f.location is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.location.path)}}
            if f.location.line:
                physical["region"] = {"startLine": f.location.line,
                                      "startColumn": max(f.location.column, 1)}
            result["locations"] = [{"physicalLocation": physical}]
        if f.witness:
            result["properties"] = {"witness": dict(f.witness)}
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            # informationUri: where to learn about the tool (SARIF2005), the checks' page.
            "tool": {"driver": {"name": "smguide-lint", "version": __version__,
                                "informationUri": docs.partition("#")[0],
                                "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report) -> str:
    """``::error file=F,line=L,col=C,title=ID::message`` workflow commands."""
    lines = []
    for f in report.findings:
        props = []
        if f.location is not None:
            props.append(f"file={_escape_property(shown(f.location.path))}")
            if f.location.line:
                props += [f"line={f.location.line}", f"col={f.location.column}"]
        props.append(f"title={_escape_property(f.check)}")
        lines.append(f"::{f.level} {','.join(props)}::{_escape_data(shown_message(f.message))}")
    return "".join(line + "\n" for line in lines)
