"""JSON Schemas of the files smguide reads, generated from the pydantic models.

Editors use them for completion and validation as you type (see
docs/editor-setup.md). A new kind of file registers its model in ``SCHEMAS``.
"""

from __future__ import annotations

import importlib
from typing import Any

from smguide.errors import UsageError

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# kind -> (module, model class, what the file is); imported only when asked for.
SCHEMAS: dict[str, tuple[str, str, str]] = {
    "pack-file": ("smguide.pack.models", "PackFile",
                  "A file of a smguide rule pack (sources, questions, rules)"),
    "manifest": ("smguide.pack.models", "Manifest",
                 "The manifest of a smguide rule pack (pack.yaml)"),
    "scenario": ("smguide.training.scenario", "Scenario",
                 "A smguide scenario (situation and expectation)"),
}


def json_schema(kind: str) -> dict[str, Any]:
    if kind not in SCHEMAS:
        raise UsageError(f"unknown schema kind {kind!r}; choose one of: {', '.join(SCHEMAS)}")
    module, name, title = SCHEMAS[kind]
    model = getattr(importlib.import_module(module), name)
    if hasattr(model, "model_json_schema"):  # a pydantic model
        schema: dict[str, Any] = model.model_json_schema()
    else:  # a plain model class of smguide.pack.models
        from smguide.pack.typecheck import json_schema as plain_schema

        schema = plain_schema(model)
    return {"$schema": JSON_SCHEMA_DIALECT, "title": title, **{
        k: v for k, v in schema.items() if k != "title"}}
