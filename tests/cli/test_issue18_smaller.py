"""The smaller findings of issue 18, each reproduced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.hostile import tiny_pack


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "smguide", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=60, stdin=subprocess.DEVNULL)


def test_a_record_name_ending_with_a_slash_is_refused(tmp_path: Path) -> None:
    pack = tiny_pack(tmp_path / "p")
    done = run("decide", "--pack", str(pack), "--set", "channel=text", "--record", "x.json/",
               cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("smguide: error: x.json/: ") and "folder" in done.stderr
    assert not (tmp_path / "x.json").exists()


def test_an_unknown_base_is_reported_at_its_extends_entry(tmp_path: Path) -> None:
    top = tmp_path / "agency"
    top.mkdir()
    (top / "pack.yaml").write_text(yaml.safe_dump(
        {"id": "agency", "title": "Agency", "version": "1",
         "extends": ["cas-2011", "../nowhere"]}, sort_keys=False))
    done = run("rules", "--pack", str(top), cwd=tmp_path)
    assert done.returncode == 2
    lines = (top / "pack.yaml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "../nowhere" in text)
    assert f"pack.yaml:{line}:" in done.stderr and "'../nowhere'" in done.stderr
