"""The report and every renderer read the Decision only: the engine computes what they
need once (issue 17 item 4), so none of them imports the engine's search."""

from __future__ import annotations

import ast
from pathlib import Path

import smguide

SEARCH_MODULES = {f"smguide.engine.{name}" for name in (
    "core", "solver", "depends", "sat", "search", "compiled", "formula", "assessment", "verdict",
    "settled", "relevance", "findout", "whynot")}
ROOT = Path(smguide.__file__).parent
# The decision-flow graph draws the pack's questions, not a decision: which ask_if edges
# the interview can take is the engine's search to say (render/graph_model.py).
NOT_A_DECISION = {"render/graph_model.py"}


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_report_and_render_never_import_the_engine_search() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & SEARCH_MODULES)
        for folder in ("report", "render")
        for path in (ROOT / folder).rglob("*.py")
        if _imports(path) & SEARCH_MODULES
        and str(path.relative_to(ROOT)) not in NOT_A_DECISION
    }
    assert offenders == {}
