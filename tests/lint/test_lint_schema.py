"""``smguide schema``: JSON Schemas generated from the models, for editors."""

from __future__ import annotations

import json

import pytest

from smguide.pack.schema import SCHEMAS
from tests.lintutil import run_cli

Capsys = pytest.CaptureFixture[str]


def test_pack_file_schema(capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == {"sources", "questions", "rules", "silences"}
    assert schema["additionalProperties"] is False  # unknown keys are flagged as you type
    rule = schema["$defs"]["Rule"]
    assert {"id", "title", "when"} <= set(rule["required"])
    assert "prohibited" in schema["$defs"]["Verdict"]["enum"]


def test_manifest_schema(capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "schema", "--kind", "manifest")
    schema = json.loads(out)
    assert code == 0
    assert {"id", "title", "version"} <= set(schema["required"])
    assert "languages" in schema["properties"]


def test_unknown_kind(capsys: Capsys) -> None:
    code, out, err = run_cli(capsys, "schema", "--kind", "nonsense")
    assert code == 2 and out == ""
    assert "unknown schema kind 'nonsense'" in err and "pack-file" in err


def test_every_registered_kind_renders(capsys: Capsys) -> None:
    for kind in SCHEMAS:
        code, out, _ = run_cli(capsys, "schema", "--kind", kind)
        assert code == 0 and json.loads(out)["title"]
