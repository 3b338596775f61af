"""``decide`` inside a practitioner's patience (issue 11, part 2): what keeps pydantic,
PyYAML and all but one command off the hot path, and that nothing changes for it.
Speed itself is measured by benchmarks/bench_startup.py, not here."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer import core

from smguide import cli
from smguide.cli import params as cliparams
from smguide.errors import InputError
from smguide.pack.answers import load_answers_file
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack, PackFile, Rule
from tests.enginepacks import MINI, write_pack
from tests.fixtures import MINI as MINI_PACK

ANSWERS = {"role": "protection_worker", "activity": "message", "counterpart": "family",
           "channel": "text", "phone": "personal_phone"}

HOT_PATH = """
import sys
from smguide import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("pydantic", "pydantic_core", "yaml", "rich", "questionary", "jinja2",
         "typer._adapters", "smguide.pack.loader", "smguide.pack.typecheck",
         "smguide.pack.yamlload")
print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)
"""


def heavy_modules(*args: str, cache: Path) -> list[str]:
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(cache)}
    env.pop("SMGUIDE_CACHE", None)
    done = subprocess.run([sys.executable, "-c", HOT_PATH, *args], capture_output=True,
                          text=True, env=env, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))
    return loaded


@pytest.mark.parametrize("how", ["json-file", "set"])
def test_decide_from_the_pack_cache_needs_neither_pydantic_nor_yaml(
        tmp_path: Path, how: str) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
    given = (["--answers", str(answers)] if how == "json-file"
             else [f"--set={q}={a}" for q, a in ANSWERS.items()])
    args = ["decide", *given, "--format", "json"]
    heavy_modules(*args, cache=tmp_path / "cache")  # reads the YAML, fills the cache
    assert heavy_modules(*args, cache=tmp_path / "cache") == []


def test_a_yaml_answers_file_still_reads_yaml_but_not_pydantic(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"{q}: {a}\n" for q, a in ANSWERS.items()), encoding="utf-8")
    args = ["decide", "--answers", str(answers), "--format", "json"]
    heavy_modules(*args, cache=tmp_path / "cache")
    loaded = heavy_modules(*args, cache=tmp_path / "cache")
    assert "yaml" in loaded and "pydantic" not in loaded and "typer._adapters" not in loaded


# --- options converted without pydantic (cliparams) --------------------------------------

SAMPLES: list[Any] = [None, (), [], "x", "a/b", "text", "json", "TEXT", "en", "Fr", ("a", "b"),
                      True, False, "", 3]


def outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[Any, ...]:
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("value", type(got), got)


def test_every_option_converts_as_typer_itself_would() -> None:
    """Each parameter of each command, on values right and wrong: the same value (and
    type) or the same error as typer's pydantic conversion."""
    if not hasattr(core, "build_runtime_param"):
        pytest.skip("this typer converts options without pydantic")
    assert cliparams.install()
    typers_own = core.build_runtime_param.__closure__  # the builder install() wraps
    assert typers_own is not None
    original = next(c.cell_contents for c in typers_own
                    if callable(c.cell_contents) and not isinstance(c.cell_contents, type))
    group = typer.main.get_command(cli.app)
    compared = direct = 0
    for command in group.commands.values():  # type: ignore[attr-defined]
        ctx = core._click.Context(command)
        for param in command.params:
            descriptor = param.type_descriptor
            fast = core.build_runtime_param(descriptor)
            direct += type(fast).__name__ == "Direct"
            for value in SAMPLES:
                assert outcome(fast, value, param, ctx) == outcome(
                    original(descriptor), value, param, ctx), (command.name, param.name, value)
                compared += 1
    assert direct > 50 and compared > 1000


def test_an_option_typer_must_convert_itself_still_works() -> None:
    assert cliparams.converter(int) is None
    assert cliparams.converter(dict[str, int]) is None
    assert cliparams.converter(str | int) is None
    convert = cliparams.converter(list[Path] | None)
    assert convert is not None and convert(("a", "b")) == [Path("a"), Path("b")]


# --- only the command that runs is built in full -----------------------------------------


def test_only_the_named_command_is_built_in_full() -> None:
    runner = cli._for(["--lang", "fr", "decide", "--set", "role=x"])
    built = {info.name or (info.callback.__name__ if info.callback else ""): info.callback
             for info in runner.registered_commands}
    assert built["decide"] is cli.decide
    assert all(cb is cli._listed_only for name, cb in built.items() if name != "decide")
    assert len(runner.registered_commands) == len(cli.app.registered_commands)
    assert all(info.callback is not cli._listed_only for info in cli.app.registered_commands)


def test_shell_completion_builds_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SMGUIDE_COMPLETE", "complete_bash")
    assert cli._for([]) is cli.app


def whole_run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100",
                               "SMGUIDE_LANG": lang}, check=False, timeout=60)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_listing_and_suggestions_are_unchanged(lang: str) -> None:
    listing = whole_run("-m", "smguide", "--help", lang=lang)
    every_command_built = whole_run("-c", "from smguide.cli import app; "
                                    "app(['--help'], prog_name='smguide')", lang=lang)
    assert listing.returncode == 0 and "decide" in listing.stdout
    assert listing.stdout == every_command_built.stdout
    typo = whole_run("-m", "smguide", "decid")
    assert typo.returncode == 2 and "Did you mean 'decide'?" in typo.stderr


# --- answers: a plain JSON file is read without PyYAML, anything else as before ----------


def test_a_plain_json_answers_file_gives_the_same_answers(tmp_path: Path) -> None:
    pack = load_pack(MINI_PACK)
    qid, question = pack.questions[0].id, pack.questions[0]
    as_json = tmp_path / "a.json"
    as_json.write_text(json.dumps({qid: question.options[0].id}), encoding="utf-8")
    as_yaml = tmp_path / "a.yaml"
    as_yaml.write_text(f"{qid}: {question.options[0].id}\n", encoding="utf-8")
    assert load_answers_file(as_json, pack) == load_answers_file(as_yaml, pack)


@pytest.mark.parametrize("text, where", [
    ('{"role": "worker",\n "role": "worker"}', ":2:"),  # duplicate key
    ('{"nosuch": "x"}', ":1:2"),  # unknown question
    ('{"role": ["worker"]}', ":1:10"),  # not one option id
    ('{"role": "worker",}', ":1:"),  # not JSON (YAML reads it)
])
def test_a_json_answers_file_with_a_problem_is_located_as_before(
        tmp_path: Path, text: str, where: str) -> None:
    pack = load_pack(MINI_PACK)
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    try:
        load_answers_file(path, pack)
    except InputError as exc:
        assert where in str(exc.location)
    else:
        assert text.endswith(',}')  # YAML reads a trailing comma in a flow mapping


# --- the models: plain classes, validated by pydantic ------------------------------------


def test_the_models_import_without_pydantic() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, smguide.pack.models, smguide.pack.conditions; "
         "print([m for m in ('pydantic', 'yaml') if m in sys.modules])"],
        capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_pack_survives_pickling_with_its_places(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "mini", MINI))
    again = pickle.loads(pickle.dumps(pack))
    assert isinstance(again, Pack) and again == pack
    assert [r.location for r in again.rules] == [r.location for r in pack.rules]
    assert [r.origin for r in again.rules] == [r.origin for r in pack.rules]
    assert again.rule(pack.rules[0].id) is again.rules[0]


def test_validation_refuses_what_a_file_cannot_set() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Rule.model_validate({"id": "r", "title": "t", "when": {"q": "a"}, "_origin": "x"})
    with pytest.raises(ValidationError):
        PackFile.model_validate({"rules": [{"id": "r", "title": "t", "when": {"q": "a"},
                                            "location": "x"}]})


def test_the_json_schema_shows_only_what_a_file_may_write() -> None:
    from smguide.pack.schema import json_schema

    text = json.dumps(json_schema("pack-file"))
    for internal in ("_location", "_origin", "_replaces_at", "Location"):
        assert internal not in text
    rule = json_schema("pack-file")["$defs"]["Rule"]
    assert rule["additionalProperties"] is False and set(rule["required"]) == {
        "id", "title", "when"}
