"""``smguide init PACK_DIR``: an agency pack that extends the policy and tightens a verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from smguide.commands import init as init_command
from smguide.engine.core import decide
from smguide.pack.loader import load_pack, validate_document
from smguide.pack.models import Verdict
from smguide.pack.yamlload import load_file
from smguide.training.scenario import Scenario
from tests.fixtures import run
from tests.lintutil import fill_placeholders

# Everything settled (no "not sure"): the policy alone would only discourage this.
PERSONAL_PHONE = [arg for pair in (
    "role=protection_worker", "activity=message", "counterpart=family", "channel=text",
    "phone=personal_phone", "purpose=ongoing", "supervisor_authorized=yes",
    "authorization_documented=yes", "service_plan=yes", "consent=yes", "response_patterns=yes",
    "timing=business_hours", "primary=no", "identifying_info=no", "content_limits=none_of_these")
    for arg in ("--set", pair)]
FILES = ["README.md", "pack.yaml", "rules/agency.yaml", "scenarios/personal-phone-reminder.yaml",
         "sources.yaml"]


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def agency(tmp_path: Path) -> Path:
    folder = tmp_path / "north-agency"
    result = run("init", folder)
    assert result.exit_code == 0, result.stderr
    assert "Created the agency pack 'north-agency'" in result.stdout
    assert f"smguide lint {folder}" in result.stdout
    return folder


def test_init_writes_the_scaffold(agency: Path) -> None:
    assert files(agency) == FILES
    manifest = yaml.safe_load((agency / "pack.yaml").read_text(encoding="utf-8"))
    assert manifest["id"] == "north-agency" and manifest["extends"] == ["cas-2011"]
    readme = (agency / "README.md").read_text(encoding="utf-8")
    for topic in ("## Adding a rule", "## Replacing a rule of the policy", "replaces:",
                  "## Citing", "## Checking", "smguide lint", "## Testing"):
        assert topic in readme
    assert "$" not in readme.replace("${", "")  # every placeholder was filled
    assert not list(agency.parent.glob(".north-agency.*"))  # no temporary folder left


def test_agency_pack_tightens_the_verdict(agency: Path) -> None:
    pack = load_pack(agency)
    assert pack.layers == ["cas-2011", "north-agency"]
    rule = pack.rule("no-texting-from-personal-phones")
    assert rule is not None and rule.origin == "north-agency"
    assert rule.cite[0].source == "north-agency-policy"

    base = run("decide", "--pack", "cas-2011", *PERSONAL_PHONE, "-f", "json")
    assert json.loads(base.stdout)["verdict"] == "discouraged"  # the policy only discourages
    result = run("decide", "--pack", agency, *PERSONAL_PHONE, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "prohibited"
    deciding = [r for r in data["rules"] if r["deciding"]]
    assert [r["id"] for r in deciding] == ["no-texting-from-personal-phones"]
    assert deciding[0]["origin"] == "north-agency"
    assert deciding[0]["citations"][0]["section"] == "devices.personal-phones"
    # The text explanation says which pack each rule came from.
    text = " ".join(run("decide", "--pack", agency, *PERSONAL_PHONE, "--details").stdout.split())
    assert text.startswith("PROHIBITED")
    assert "[north-agency] no-texting-from-personal-phones" in text
    assert "[cas-2011] personal-mobile-discouraged" in text
    out = run("explain", "no-texting-from-personal-phones", "--pack", agency).stdout
    assert "From pack:" in out and "north-agency" in out


def test_agency_scenario_holds(agency: Path) -> None:
    path = agency / "scenarios" / "personal-phone-reminder.yaml"
    scenario = validate_document(load_file(path), Scenario)
    assert scenario.packs == [".."]  # this pack, relative to the scenario file
    decision = decide(load_pack(agency), scenario.answers)
    assert decision.verdict is Verdict(scenario.expect.verdict) is Verdict.prohibited
    assert decision.certain
    applied = {a.rule.id for a in decision.applied}
    assert set(scenario.expect.rules) <= applied
    cited = {f"{c.source}/{c.section}" for a in decision.applied for c in a.rule.cite}
    assert set(scenario.expect.sections) <= cited


def test_a_fresh_pack_does_not_lint_clean_until_its_placeholders_are_replaced(
        agency: Path) -> None:
    """Issue 23: placeholder text left by init is flagged, where it stands."""
    result = run("lint", agency)
    assert result.exit_code == 1, result.stdout
    found = [line for line in result.stdout.splitlines() if "[placeholder]" in line]
    assert len(found) == 2, result.stdout
    assert all(line.startswith(f"{agency}/sources.yaml:") or "sources.yaml:" in line
               for line in found)
    assert any("summary" in line for line in found) and any("issuer" in line for line in found)
    fill_placeholders(agency)
    result = run("lint", agency)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_lint_honours_the_agency_pack(agency: Path) -> None:
    fill_placeholders(agency)
    result = run("lint", agency)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout
    # A mistake in the agency's rule is found in the agency's file.
    rules = agency / "rules" / "agency.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "section: devices.personal-phones", "section: devices.personal-fones"), encoding="utf-8")
    result = run("lint", agency)
    assert result.exit_code == 1
    assert "rules/agency.yaml" in result.stdout and "personal-fones" in result.stdout


def test_scenarios_are_not_pack_files(agency: Path) -> None:
    pack = load_pack(agency)
    own = [Path(f).relative_to(agency) for f in pack.files if Path(f).is_relative_to(agency)]
    assert sorted(str(f) for f in own) == ["pack.yaml", "rules/agency.yaml", "sources.yaml"]


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("init", folder)
    assert result.exit_code == 2
    assert result.stderr == (f"smguide: error: {folder}: exists and is not empty; choose a new "
                             "folder for the pack\n")
    assert files(folder) == ["notes.txt"]
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    assert run("init", file).exit_code == 2


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert run("init", folder, "--id", "east-cas", "--title", "East: our rules").exit_code == 0
    manifest = yaml.safe_load((folder / "pack.yaml").read_text(encoding="utf-8"))
    assert manifest["id"] == "east-cas" and manifest["title"] == "East: our rules"
    assert load_pack(folder).id == "east-cas"


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "Bad Id"], "a pack id is lower-case letters"),
    (["--id", "cas-2011"], "is a bundled pack's id"),
])
def test_bad_ids(tmp_path: Path, args: list[str], message: str) -> None:
    result = run("init", tmp_path / "p", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "p").exists()


def test_id_from_the_folder_name(tmp_path: Path) -> None:
    assert init_command.pack_id_for(tmp_path / "North CAS!") == "north-cas"
    assert init_command.pack_id_for(tmp_path / "---") == ""
    result = run("init", tmp_path / "---")
    assert result.exit_code == 2 and "give one with --id" in result.stderr


def test_failure_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("smguide.commands.init.os.rename", fail)
    result = run("init", tmp_path / "p")
    assert result.exit_code == 2
    assert "cannot create the pack: No space left on device" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_templates_ship_in_the_package() -> None:
    names = {"/".join(parts) for parts, _ in init_command._files(init_command.template_root())}
    assert names == set(FILES)


def test_lint_reports_a_gap_that_only_the_combination_has(tmp_path: Path) -> None:
    """An agency 'replaces' that narrows a base rule opens a gap in the combined pack."""
    folder = tmp_path / "agency"
    assert run("init", str(folder), "--id", "gap-agency").exit_code == 0
    fill_placeholders(folder)
    rules = folder / "rules" / "agency.yaml"
    section = next(line.split("id:")[1].split("#")[0].strip()
                   for line in (folder / "sources.yaml").read_text().splitlines()
                   if "id:" in line and "." in line)
    source = next(line.split("id:")[1].strip()
                  for line in (folder / "sources.yaml").read_text().splitlines()
                  if line.strip().startswith("- id:"))
    rules.write_text(rules.read_text() + f"""
  - id: only-in-person
    title: Only in-person meetings are preferred here
    replaces: [preferred-methods]
    when: {{activity: message, channel: in_person}}
    verdict: permitted
    cite: [{{source: {source}, section: {section}}}]
""")
    result = run("lint", str(folder))
    assert result.exit_code == 1
    assert "[gap]" in result.stdout and "with the packs it extends" in result.stdout
    assert "--set channel=phone_call" in result.stdout
