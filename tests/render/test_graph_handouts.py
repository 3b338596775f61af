"""smguide graph (Mermaid and dot text), the replay handouts and the case-file report:
their content, autoescaping, bad input, and that start-up does not load Jinja2."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from smguide.pack.loader import load_packs
from smguide.render.graph_model import build
from tests.enginepacks import MINI, write_pack
from tests.lintutil import run_cli

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "mini", MINI)


def test_graph_model_branches_verdicts_and_exceptions(mini: Path) -> None:
    graph = build(load_packs([mini]))
    edges = {(e.source, e.target): e for e in graph.edges}
    # account is asked only for social: one branch edge from channel, labelled so
    assert edges[("q_channel", "q_account")].label == "Social network"  # the option's text
    assert edges[("q_role", "q_channel")].kind == "flow"  # asked of everyone: in order
    # a verdict hangs from the last question its rule reads
    assert edges[("q_account", "r_personal")].kind == "verdict"
    # the exception is marked and points at what it sets aside
    awol = next(n for n in graph.nodes if n.id == "r_awol")
    assert awol.exception and edges[("r_awol", "r_consent_first")].kind == "exception"
    assert "r_tone" not in {n.id for n in graph.nodes}  # no verdict: not a verdict node


def test_mermaid_and_dot_text(mini: Path, capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "graph", "--pack", str(mini))
    assert code == 0 and out.startswith("%% mini\nflowchart TD\n")
    assert re.search(r'r_awol\{\{"⚑ exception<br/>[^"<]+<br/><b>Permitted with conditions</b>"\}\}',
                     out), out
    assert "r_awol -.->|\"sets aside\"| r_consent_first" in out
    assert re.search(r"classDef prohibited fill:#\w+", out)
    code, out, _ = run_cli(capsys, "graph", "--pack", str(mini), "--format", "dot")
    assert code == 0 and out.startswith('digraph "mini" {')
    assert "r_awol -> r_consent_first [label=\"sets aside\", style=dashed];" in out
    assert out.rstrip().endswith("}")


def test_labels_are_escaped(tmp_path: Path, capsys: Capsys) -> None:
    body = {"questions": [dict(q) for q in MINI["questions"]],  # type: ignore[attr-defined]
            "rules": MINI["rules"]}
    body["questions"][1] = {**body["questions"][1], "text": 'Say "hi" <b>now</b> [x]'}
    folder = write_pack(tmp_path / "esc", body)
    _, out, _ = run_cli(capsys, "graph", "--pack", str(folder))
    assert 'q_channel["Say #quot;hi#quot; &lt;b&gt;now&lt;/b&gt; [x]"]' in out
    _, out, _ = run_cli(capsys, "graph", "--pack", str(folder), "--format", "dot")
    assert 'label="Say \\"hi\\" <b>now</b> [x]"' in out
    _, out, _ = run_cli(capsys, "graph", "--pack", str(folder), "--format", "html")
    assert "<b>now</b>" not in out.split("<script>")[0]  # autoescaped in the page


def test_focus_and_activity_narrow_the_bundled_policy(capsys: Capsys) -> None:
    _, whole, _ = run_cli(capsys, "graph")
    _, message, _ = run_cli(capsys, "graph", "--activity", "message")
    _, focus, _ = run_cli(capsys, "graph", "--focus", "personal-mobile-discouraged")
    assert len(focus) < len(message) < len(whole)
    assert "r_personal_mobile_discouraged" in focus and "q_phone" in focus
    assert "q_search_purpose" not in message  # asked only for searches
    assert "investigation-plan-required" not in message
    _, question, _ = run_cli(capsys, "graph", "--focus", "phone")
    assert "q_phone" in question and "q_channel" in question and "q_search_purpose" not in question


@pytest.mark.parametrize(("args", "message"), [
    (["--activity", "mesage"], "unknown activity 'mesage'; did you mean 'message'?"),
    (["--focus", "personal-mobile"], "--focus: no question or rule 'personal-mobile'"),
    (["--format", "svg"], "invalid value for '--format'"),
])
def test_graph_bad_input_is_one_message(capsys: Capsys, args: list[str], message: str) -> None:
    code, out, err = run_cli(capsys, "graph", *args)
    assert code == 2 and out == "" and message in err


def test_replay_markdown_handout(capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "replay", "personal-phone-reminder", "--format", "markdown")
    assert code == 0
    assert out.startswith("# An appointment reminder from a personal phone\n")
    assert "## The questions, step by step" in out
    assert "   - Why it matters: Dana agreed to reminders by text" in out  # the note
    assert "## Recommendation: DISCOURAGED" in out
    assert "> “Use of a personal mobile telephone" in out
    assert "## For discussion" in out


def test_replay_handout_needs_no_terminal_and_refuses_a_quiz(capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "replay", "personal-phone-reminder", "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "@media print" in out
    code, _, err = run_cli(capsys, "replay", "personal-phone-reminder", "--format", "html",
                           "--quiz")
    assert code == 2 and "a --quiz is in the terminal" in err


def test_decide_html_is_the_json_dict_rendered(capsys: Capsys) -> None:
    import json

    args = ["decide", "--set", "role=protection_worker", "--set", "activity=message",
            "--set", "channel=text"]
    _, data, _ = run_cli(capsys, *args, "--format", "json")
    _, page, _ = run_cli(capsys, *args, "--format", "html")
    decision = json.loads(data)
    assert f'class="verdict {decision["verdict"]}"' in page
    for rule in decision["rules"]:
        assert rule["id"] in page
    assert page.count('<section class="page"') >= 4
    assert "break-before: page" in page


def test_start_up_does_not_load_jinja() -> None:
    code = ("import sys, smguide.cli, smguide.commands.graph, smguide.commands.replay; "
            "print('jinja2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
