"""SARIF output that strict consumers accept: validated against the official SARIF
2.1.0 schema (vendored in tests/sarif/), formats included, on real outputs: a pack
with findings in a folder whose name has a space and a colon, and a clean run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.lintutil import FIXTURES, run_cli

SCHEMA = json.loads((Path(__file__).parents[1] / "sarif" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))


def validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def test_the_validator_checks_uri_formats() -> None:
    """The test would be worthless if the 'uri-reference' format were not checked."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a folder/pack.yaml"}}}]}]}]}
    with pytest.raises(jsonschema.ValidationError, match="uri-reference"):
        validate(log)


def _sarif(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    _, out, _ = run_cli(capsys, "lint", "--format", "sarif", *args)
    log: dict[str, Any] = json.loads(out)
    return log


def test_sarif_with_a_space_and_a_colon_in_the_path_is_valid(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "my packs: draft" / "agency one"
    shutil.copytree(FIXTURES / "unknown-reference" / "fail", target)
    monkeypatch.chdir(tmp_path)
    log = _sarif(capsys, "my packs: draft")
    validate(log)
    results = log["runs"][0]["results"]
    assert results
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "my%20packs%3A%20draft/agency%20one/rules.yaml" in uris
    assert all(u.startswith("my%20packs%3A%20draft/agency%20one/") for u in uris)


def test_sarif_rules_have_help_and_plain_text(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    log = _sarif(capsys, "unknown-section/fail")
    validate(log)
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["helpUri"].split("#")[0].endswith("lint-checks.md")
        assert rule["helpUri"].endswith("#" + rule["id"])
        assert "``" not in rule["fullDescription"]["text"]
        assert "``" not in rule["shortDescription"]["text"]


def test_clean_sarif_and_docs_url_setting(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "unknown-section" / "pass", tmp_path / "p")
    (tmp_path / ".smguide.yaml").write_text(
        "lint:\n  docs-url: https://example.org/docs/lint-checks.md\n")
    monkeypatch.chdir(tmp_path)
    log = _sarif(capsys, "--select", "structural", "p")
    validate(log)
    assert log["runs"][0]["results"] == []
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["helpUri"] == f"https://example.org/docs/lint-checks.md#{rule['id']}"


def _multitool() -> str | None:
    """Microsoft's SARIF validator: on PATH, or where .ci/run installs it (npm)."""
    import os

    found = shutil.which("sarif-multitool")
    if found:
        return found
    local = Path(os.environ.get("SMGUIDE_SARIF_MULTITOOL", ROOT / ".ci" / "node_modules" / ".bin"
                                / "sarif-multitool"))
    return str(local) if local.is_file() else None


ROOT = Path(__file__).parents[2]


def test_sarif_rules_have_no_name_equal_to_the_id_and_the_tool_a_uri(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """SARIF1001 (a name identical to the id) and SARIF2005 (no informationUri)."""
    monkeypatch.chdir(FIXTURES)
    log = _sarif(capsys, "unknown-section/fail")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].endswith("lint-checks.md")
    assert all(rule.get("name", "").lower() != rule["id"].lower() for rule in driver["rules"])


def test_sarif_multitool_reports_no_error_and_no_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, installed by .ci/run)
    on a log with findings of structural and semantic checks."""
    import subprocess

    tool = _multitool()
    if tool is None:
        pytest.skip("sarif-multitool not installed (.ci/run installs it with npm)")
    shutil.copytree(FIXTURES / "unknown-reference" / "fail", tmp_path / "broken pack")
    monkeypatch.chdir(tmp_path)
    for args in (("broken pack",), (str(ROOT / "rules" / "cas-2011"),)):
        log = tmp_path / "lint.sarif"
        log.write_text(json.dumps(_sarif(capsys, *args)), encoding="utf-8")
        out = tmp_path / "validated.sarif"
        out.unlink(missing_ok=True)
        done = subprocess.run([tool, "validate", str(log), "--output", str(out)],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert " error " not in done.stdout and " warning " not in done.stdout, done.stdout
        found = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
        assert [r for r in found if r.get("level", "warning") in ("error", "warning")] == []
