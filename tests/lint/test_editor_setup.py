"""docs/editor-setup.md: the modelines resolve from the files they are for, at any
depth, and the VS Code mapping covers pack files in subfolders and scenarios."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).parents[2]
DOC = (ROOT / "docs" / "editor-setup.md").read_text(encoding="utf-8")


def test_each_modeline_resolves_from_its_file_to_the_schemas_folder() -> None:
    rows = re.findall(r"^\| `([^`]+)` \| `# yaml-language-server: \$schema=([^`]+)` \|$",
                      DOC, re.MULTILINE)
    assert len(rows) >= 5
    for file, target in rows:
        example = PurePosixPath(file.replace("<pack>", "my-agency").replace("<file>", "x"))
        resolved = os.path.normpath(os.path.join(example.parent, target))
        assert resolved.startswith("schemas/") and ".." not in resolved, (file, target)


def test_the_depth_helper_prints_the_modeline_it_shows() -> None:
    block = re.search(r"```sh\n(python3 -c .*?)\n# -> (.*?)\n```", DOC, re.DOTALL)
    assert block is not None
    command, expected = block.group(1).replace("\\\n", " "), block.group(2)
    script = re.search(r"-c '([^']+)'", command)
    assert script is not None
    args = command.split("'")[-1].split()
    out = subprocess.run([sys.executable, "-c", script.group(1), *args],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == expected


def _regex(glob: str) -> str:
    """A glob as the language server reads it: '**/' is any number of folders (even
    none), '*' stays within one folder."""
    out, i = "", 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif glob.startswith("**", i):
            out, i = out + ".*", i + 2
        elif glob[i] == "*":
            out, i = out + "[^/]*", i + 1
        else:
            out, i = out + re.escape(glob[i]), i + 1
    return out


def _covered(patterns: list[str], path: str) -> bool:
    def match(glob: str, name: str) -> bool:
        return re.fullmatch(_regex(glob), name) is not None

    positive = [p for p in patterns if not p.startswith("!")]
    negative = [p[1:] for p in patterns if p.startswith("!")]
    return any(match(p, path) for p in positive) and not any(match(p, path) for p in negative)


def test_vs_code_mapping_covers_subfolders_and_scenarios() -> None:
    block = re.search(r"```json\n(\{\n  \"yaml.schemas\".*?)\n```", DOC, re.DOTALL)
    assert block is not None
    mapping = {k: v if isinstance(v, list) else [v]
               for k, v in json.loads(block.group(1))["yaml.schemas"].items()}
    cases = {
        "rules/cas-2011/pack.yaml": "schemas/manifest.json",
        "rules/cas-2011/questions.yaml": "schemas/pack-file.json",
        "rules/cas-2011/rules/client-contact.yaml": "schemas/pack-file.json",
        "rules/my-agency/rules/sub/deep.yaml": "schemas/pack-file.json",
        "scenarios/cas-2011/adoptive-parent-friends-child.yaml": "schemas/scenario.json",
        "rules/my-agency/scenarios/reminder.yaml": "schemas/scenario.json",
        # the layout 'smguide init' makes, in a sub-folder and at the root (issue 23)
        "north-cas/pack.yaml": "schemas/manifest.json",
        "north-cas/sources.yaml": "schemas/pack-file.json",
        "north-cas/rules/agency.yaml": "schemas/pack-file.json",
        "north-cas/scenarios/personal-phone-reminder.yaml": "schemas/scenario.json",
        "pack.yaml": "schemas/manifest.json",
        "sources.yaml": "schemas/pack-file.json",
        "rules/agency.yaml": "schemas/pack-file.json",
        "scenarios/personal-phone-reminder.yaml": "schemas/scenario.json",
    }
    for path, schema in cases.items():
        hits = [s for s, patterns in mapping.items() if _covered(patterns, path)]
        assert hits == [schema], (path, hits)
    for other in (".pre-commit-config.yaml", ".github/workflows/ci.yaml", ".smguide.yaml"):
        assert not [s for s, patterns in mapping.items() if _covered(patterns, other)], other


def test_the_mapping_fits_what_init_makes(tmp_path: Path) -> None:
    """Every YAML file 'smguide init' writes gets exactly the schema of its kind."""
    from smguide.cli import main

    block = re.search(r"```json\n(\{\n  \"yaml.schemas\".*?)\n```", DOC, re.DOTALL)
    assert block is not None
    mapping = json.loads(block.group(1))["yaml.schemas"]
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        try:
            main(["init", "north-cas"])
        except SystemExit as done:
            assert done.code == 0
    finally:
        os.chdir(cwd)
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.yaml"))
    assert len(made) == 4, made
    for path in made:
        want = ("schemas/manifest.json" if path.endswith("pack.yaml") else
                "schemas/scenario.json" if "/scenarios/" in path else "schemas/pack-file.json")
        hits = [s for s, patterns in mapping.items() if _covered(patterns, path)]
        assert hits == [want], (path, hits)
