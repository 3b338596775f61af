"""The runner: check discovery, when semantic checks run, pack-wide findings."""

from __future__ import annotations

import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from smguide.lint import docs
from smguide.lint.api import Finding, LintContext
from smguide.lint.registry import Check, discover
from smguide.lint.runner import lint
from tests.lintutil import FIXTURES

ROOT = Path(__file__).parents[2]


def _fake(kind: str) -> tuple[Check, list[LintContext]]:
    seen: list[LintContext] = []

    def check(ctx: LintContext) -> Iterator[Finding]:
        seen.append(ctx)
        yield Finding("fake", "warning", "pack-wide")

    module = types.ModuleType("fake")
    module.check = check  # type: ignore[attr-defined]
    return Check("fake", "warning", kind, module), seen


def test_semantic_checks_run_only_on_packs_that_load() -> None:
    check, seen = _fake("semantic")
    good = lint([FIXTURES / "schema" / "pass"], [check])
    assert len(seen) == 1 and seen[0].pack is not None
    bad = lint([FIXTURES / "unknown-reference" / "fail"], [check])
    assert len(seen) == 1 and bad.findings == []
    # A finding without a location stands at the pack's manifest.
    (finding,) = good.findings
    assert finding.location is not None
    assert finding.location.path.endswith("pack.yaml") and finding.location.line == 1


def test_structural_checks_see_every_file_of_a_broken_pack() -> None:
    check, seen = _fake("structural")
    lint([FIXTURES / "yaml-syntax" / "fail"], [check])
    (ctx,) = seen
    assert ctx.pack is None and ctx.assembled is None
    broken = {f.path.name: f.parse_error is not None for f in ctx.files}
    assert broken == {"pack.yaml": False, "more.yaml": True, "questions.yaml": False,
                      "rules.yaml": True, "sources.yaml": False}
    assert ctx.manifest is not None


def test_discovery_finds_every_module() -> None:
    modules = sorted(p.stem for p in (ROOT / "src/smguide/lint/checks").glob("[a-z]*.py"))
    assert sorted(c.module.__name__.rsplit(".", 1)[1] for c in discover()) == modules


def test_docs_check_mode(tmp_path: Path) -> None:
    stale = tmp_path / "lint-checks.md"
    stale.write_text("old\n", encoding="utf-8")
    assert docs.main(["--check", str(stale)]) == 1
    assert docs.main([str(stale)]) == 0
    assert docs.main(["--check", str(stale)]) == 0


def test_benchmark_runs_standalone(tmp_path: Path) -> None:
    yamllint = Path(sys.executable).parent / "yamllint"
    if not yamllint.exists():
        pytest.skip("yamllint is a dev dependency")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_lint_structural.py"),
         "--rules", "200", "--runs", "1"],
        capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "smguide lint (structural):" in proc.stdout and "(exit 0)" in proc.stdout
    assert "ratio smguide/yamllint:" in proc.stdout
