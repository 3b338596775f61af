"""The layering of docs/architecture.md is a contract (pyproject.toml, [tool.importlinter]):
no package imports from a layer above it, and no cycles between sibling modules."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(root: Path, src: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "lint-imports"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "importlinter.cli"]
    env = dict(os.environ, PYTHONPATH=str(src))
    return subprocess.run([*command, "--no-cache"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_layers_hold() -> None:
    result = lint_imports(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src" / "smguide", tmp_path / "src" / "smguide",
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "templates", "vendor"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    models = tmp_path / "src" / "smguide" / "pack" / "models.py"
    models.write_text(models.read_text() + "\nfrom smguide.commands import EXIT_OK  # upward\n")
    result = lint_imports(tmp_path, tmp_path / "src")
    assert result.returncode == 1
    assert "smguide.pack.models -> smguide.commands" in result.stdout
