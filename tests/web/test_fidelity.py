"""For every bundled scenario, the web gives what the command line gives: the API's
JSON is ``decide --answers --format json``, and the downloads are ``--record``'s files
(``--format html`` for the printable page), apart from the time."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from smguide.pack.bundled import scenarios_dir
from smguide.pack.conditions import option_id
from tests.fixtures import run

SCENARIOS = sorted(scenarios_dir().glob("*/*.yaml"))
RECORDED = re.compile(r'("recorded_at": "|\*\*Recorded:\*\* )[^"\n]+')


def _answers(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {qid: option_id(value) for qid, value in (data.get("answers") or {}).items()}


def _untimed(text: str) -> str:
    return RECORDED.sub(r"\1<time>", text)


def test_there_are_scenarios() -> None:
    assert len(SCENARIOS) > 20


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_web_equals_cli(client: Any, path: Path, tmp_path: Path) -> None:
    answers = _answers(path)
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers), encoding="utf-8")

    cli_json = run("decide", "--answers", answers_file, "--format", "json",
                   "--record", tmp_path / "rec.md")
    assert cli_json.exit_code == 0, cli_json.output
    api = client.post("/api/v1/decide", json={"answers": answers})
    assert api.status_code == 200
    data = api.json()
    data.pop("card")
    assert data == json.loads(cli_json.stdout)

    form = {f"a.{qid}": value for qid, value in answers.items()}
    md = client.post("/record", data={**form, "format": "md"})
    assert _untimed(md.text) == _untimed((tmp_path / "rec.md").read_text(encoding="utf-8"))

    assert run("decide", "--answers", answers_file, "--format", "json",
               "--record", tmp_path / "rec.json").exit_code == 0
    rec_json = client.post("/record", data={**form, "format": "json"})
    assert _untimed(rec_json.text) == _untimed((tmp_path / "rec.json").read_text("utf-8"))

    cli_html = run("decide", "--answers", answers_file, "--format", "html")
    rec_html = client.post("/record", data={**form, "format": "html"})
    assert rec_html.text == cli_html.stdout
