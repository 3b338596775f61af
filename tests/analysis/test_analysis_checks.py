"""The five semantic lint checks: their docstring examples pass and fail as they say,
the CLI reports them, and the analysis says so when it cannot be exact."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from smguide.analysis import analyse, dnf
from smguide.analysis.verify import gaps
from smguide.engine import core as engine
from smguide.lint.api import Finding, LintContext
from smguide.lint.checks import conflict, dead, gap, shadowed, unsafe_unknown
from smguide.pack.conditions import parse, refs
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack
from tests.enginepacks import write_pack
from tests.lintutil import run_cli

CHECKS = [gap, conflict, shadowed, dead, unsafe_unknown]


def examples(module: ModuleType) -> dict[str, Any]:
    """The YAML blocks after ``Passes::`` and ``Fails::`` in a check's docstring."""
    doc = module.__doc__ or ""
    out = {}
    for label in ("Passes", "Fails"):
        block = re.search(rf"{label}::\n\n((?:    .*\n|\n)+)", doc)
        assert block, (module.__name__, label)
        out[label] = yaml.safe_load(block.group(1))
    return out


def complete(snippet: dict[str, Any]) -> dict[str, object]:
    """A loadable pack body from an example: texts, titles and citations filled in,
    and a question (with an extra option) for each question only a rule names."""
    questions = [dict(q) for q in snippet.get("questions") or []]
    for q in questions:
        q.setdefault("text", q["id"])
        for o in q.get("options", []):
            o.setdefault("text", str(o["id"]))
    known = {q["id"] for q in questions}
    named: dict[str, set[str]] = {}
    for rule in snippet.get("rules") or []:
        for test in parse(rule["when"]).tests():
            named.setdefault(test.question, set()).update(test.options)
    for qid, options in named.items():
        if qid in known:
            continue
        if options <= {"yes", "no"}:
            questions.append({"id": qid, "text": qid, "type": "yesno"})
        else:
            ids = sorted(options | {"other"})
            questions.append({"id": qid, "text": qid,
                              "options": [{"id": o, "text": o} for o in ids]})
    rules = [{"title": r["id"], **r} for r in snippet.get("rules") or []]
    return {"questions": questions, "rules": rules}


def run(check: ModuleType, pack: Pack) -> list[Finding]:
    ctx = LintContext(pack_dir=Path(pack.path), pack=pack)
    fn: Callable[[LintContext], Any] = check.check
    return list(fn(ctx))


def unsure_is_first_option(pack: Pack, answers: Mapping[str, str]) -> engine.Outcome:
    """A broken engine: "not sure" read as the question's first option."""
    fixed = {}
    for qid, answer in answers.items():
        question = pack.question(qid)
        fixed[qid] = question.option_ids[0] if answer == UNSURE and question else answer
    return REAL_ASSESS(pack, fixed)


REAL_ASSESS = engine.assess


@pytest.mark.parametrize("check", CHECKS, ids=lambda m: m.ID)
def test_docstring_examples(check: ModuleType, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    found = {}
    for label, snippet in examples(check).items():
        pack = load_pack(write_pack(tmp_path / label, complete(snippet)))
        if check is unsafe_unknown and label == "Fails":
            monkeypatch.setattr(engine, "assess", unsure_is_first_option)
        found[label] = [f for f in run(check, pack) if f.check == check.ID]
    assert found["Passes"] == []
    assert found["Fails"], check.ID
    for f in found["Fails"]:
        assert f.level == check.LEVEL and f.location is not None


def test_unsafe_unknown_names_the_question_and_replays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = load_pack(write_pack(tmp_path / "p", complete(examples(unsafe_unknown)["Fails"])))
    assert run(unsafe_unknown, pack) == []
    monkeypatch.setattr(engine, "assess", unsure_is_first_option)
    analyse(pack).__dict__.pop("unsafe_unknowns", None)
    (finding,) = run(unsafe_unknown, pack)
    assert finding.witness == (("authorized", UNSURE),)
    assert "laxer than needs_authorization" in finding.message
    assert unsure_is_first_option(pack, dict(finding.witness)).verdict.value == "permitted"


MINI_GAP = {
    "questions": [
        {"id": "channel", "text": "Channel?",
         "options": [{"id": "text", "text": "Text"}, {"id": "phone", "text": "Phone"},
                     {"id": "social", "text": "Social"}]},
        {"id": "account", "text": "Account?", "ask_if": {"channel": "social"},
         "options": [{"id": "personal", "text": "Personal"}, {"id": "work", "text": "Work"}]},
        {"id": "awol", "text": "AWOL?", "type": "yesno"},
    ],
    "rules": [
        {"id": "no-texting", "title": "T", "when": {"channel": "text"}, "verdict": "prohibited"},
        {"id": "personal", "title": "P", "when": {"account": "personal"},
         "verdict": "prohibited"},
        {"id": "awol-texting", "title": "A", "when": {"channel": "text", "awol": "yes"},
         "verdict": "permitted_with_conditions"},
        {"id": "never", "title": "N", "when": {"channel": "phone", "account": "work"},
         "verdict": "permitted"},
    ],
}


def test_cli_reports_semantic_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_pack(tmp_path / "mini", MINI_GAP)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "lint", "--select", "semantic", "mini")
    lines = out.splitlines()
    assert code == 1, out
    # phone (account not asked) and social with a work account: one box, widened
    assert any("error [gap] no rule gives a verdict when channel = phone or social, "
               "account = work or (not asked) (4 of 8 answer combinations)" in line
               and "(e.g. --set channel=phone)" in line for line in lines), out
    # awol-texting never decides: an error (issue 23), which says it all; its conflict
    # with the rule that always overrules it would only repeat it
    assert any("error [shadowed] the verdict of rule 'awol-texting'" in line
               and "--set channel=text --set awol=yes" in line for line in lines), out
    assert not any("[conflict] rules 'awol-texting'" in line for line in lines), out
    assert any("error [dead] rule 'never' never applies" in line for line in lines), out
    assert not any("[unsafe-unknown]" in line for line in lines), out
    assert folder.exists()


TWO_GAPS = {
    "questions": [{"id": q, "text": q, "options": [{"id": o, "text": o} for o in "abc"]}
                  for q in ("q1", "q2")],
    "rules": [{"id": f"r{i}", "title": "R", "verdict": "prohibited", "when": when}
              for i, when in enumerate([{"q1": "c"}, {"q2": "c"}, {"q1": "a", "q2": "b"},
                                        {"q1": "b", "q2": "a"}])],
}


def test_gap_listing_stops_and_says_how_much_is_left(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "two", TWO_GAPS))
    full = analyse(pack).gaps
    assert full.complete and full.uncovered == 2 and full.total == 9
    assert [g.description for g in full.regions] == ["q1 = a, q2 = a", "q1 = b, q2 = b"]
    result = gaps(analyse(pack).compiled, analyse(pack)._effective, limit=1)
    assert len(result.regions) == 1 and not result.complete and result.uncovered == 2


def test_too_complex_condition_is_not_verified(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    body: dict[str, Any] = {
        "questions": [{"id": f"q{i}", "text": "Q", "type": "yesno"} for i in range(6)],
        "rules": [{"id": "r", "title": "R", "verdict": "prohibited",
                   "when": {"not": {"any": [{"q0": "yes", "q1": "yes"},
                                            {"q2": "yes", "q3": "yes"},
                                            {"q4": "yes", "q5": "yes"}]}}}],
    }
    pack = load_pack(write_pack(tmp_path / "p", body))
    monkeypatch.setattr(dnf, "CAP", 4)
    for check in CHECKS:
        (finding,) = run(check, pack)
        assert finding.message.startswith("not verified: a condition is too complex")
        assert finding.location == pack.manifest.location


def test_semantic_checks_skip_packs_that_did_not_load() -> None:
    ctx = LintContext(pack_dir=Path("nowhere"))
    for check in CHECKS:
        assert list(check.check(ctx)) == []


def test_benchmark_packs_load_and_agree_with_the_in_memory_build(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    try:
        import gen_packs
    finally:
        sys.path.pop(0)
    for kind in ("tree", "random"):
        data = gen_packs.body(kind, 60, n_questions=12, seed=3)
        loaded = analyse(load_pack(gen_packs.write(tmp_path / kind, data)))
        built = analyse(gen_packs.build(data))
        assert [c.box for c in loaded.conflicts] == [c.box for c in built.conflicts]
        assert [g.box for g in loaded.gaps.regions] == [g.box for g in built.gaps.regions]
        assert {r.id for r in loaded.pack.rules} == {r.id for r in built.pack.rules}
        assert all(refs(r.when) for r in built.pack.rules if r.when.to_data() != {"all": []})
