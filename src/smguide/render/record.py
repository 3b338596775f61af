"""The decision record: the JSON output of ``smguide decide`` plus the time it was made,
written as JSON, YAML or Markdown (from the file's extension).

Like every output of a decision it reads the :class:`~smguide.report.model.Report`: the JSON
and YAML records through :func:`smguide.render.json.decision_data`, the Markdown record
through :func:`smguide.render.markdown.record`. The schema
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

from smguide.engine.decision import Decision
from smguide.errors import UsageError
from smguide.i18n import _
from smguide.pack.models import Pack
from smguide.render.json import SCHEMA as SCHEMA  # one schema id for output and record
from smguide.system.files import atomic_write

if TYPE_CHECKING:
    from smguide.reflection import ActOtherwise, Reflection
    from smguide.report.model import Report

# The record's format, from the file's extension.
FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".md": "markdown",
           ".markdown": "markdown"}


def record_format(path: Path) -> str:
    """json, yaml or markdown, from the extension; refuse any other (before any question)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted({k for k in FORMATS if k != ".markdown"}))
        raise UsageError(_("{path}: a decision record is written as JSON, YAML or Markdown; "
                           "give the file one of the extensions {known}").format(
                               path=path, known=known))
    return fmt


def build(pack: Pack, decision: Decision, *, reflection: Reflection | None = None,
          act_otherwise: ActOtherwise | None = None) -> dict[str, Any]:
    """The decision as plain JSON-ready data (schema ``smguide.decision/1``)."""
    from smguide.render.json import decision_data
    from smguide.report.model import build as build_report

    return decision_data(build_report(pack, decision), reflection=reflection,
                         act_otherwise=act_otherwise)


def now_utc() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def record_data(report: Report, *, recorded_at: str | None = None,
                reflection: Reflection | None = None,
                act_otherwise: ActOtherwise | None = None) -> dict[str, Any]:
    """The decision record for a case file: the decision plus the time (UTC)."""
    from smguide.render.json import decision_data

    data = decision_data(report, reflection=reflection, act_otherwise=act_otherwise)
    out = {"schema": data.pop("schema"), "recorded_at": recorded_at or now_utc()}
    out.update(data)
    return out


def serialize(data: dict[str, Any], *, yaml_format: bool) -> str:
    if yaml_format:
        import yaml

        dumped: str = yaml.safe_dump(
            data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
        )
        return dumped
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_report(path: Path, report: Report, *, force: bool,
                 reflection: Reflection | None = None,
                 act_otherwise: ActOtherwise | None = None) -> dict[str, Any]:
    """Write the decision record atomically, in the format its extension names; return
    its data (the Markdown record shows the same, for a person to read)."""
    data = record_data(report, reflection=reflection, act_otherwise=act_otherwise)
    body = record_text(report, data, record_format(path), reflection=reflection,
                       act_otherwise=act_otherwise)
    atomic_write(path, body.encode("utf-8"), overwrite=force)
    return data


def record_text(report: Report, data: dict[str, Any], fmt: str, *,
                reflection: Reflection | None = None,
                act_otherwise: ActOtherwise | None = None) -> str:
    """The record's text in ``fmt`` (json, yaml or markdown) from its ``data``
    (:func:`record_data`): what ``--record`` writes, and what the web downloads."""
    if fmt == "markdown":
        from smguide.render import markdown

        return markdown.record(report, recorded_at=data["recorded_at"], refl=reflection,
                               otherwise=act_otherwise)
    return serialize(data, yaml_format=fmt == "yaml")


