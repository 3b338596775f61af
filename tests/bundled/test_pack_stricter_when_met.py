"""The stricter-when-met lint check: its docstring examples pass and fail as they say,
the bundled packs pass it, and its witness replays through the engine."""

from __future__ import annotations

from pathlib import Path

from smguide.engine import core as engine
from smguide.lint.checks import stricter_when_met
from smguide.pack.bundled import pack_path
from smguide.pack.loader import load_pack
from smguide.pack.models import Verdict
from tests.analysis.test_analysis_checks import complete, examples, run
from tests.enginepacks import write_pack


def test_docstring_examples(tmp_path: Path) -> None:
    found = {}
    for label, snippet in examples(stricter_when_met).items():
        pack = load_pack(write_pack(tmp_path / label, complete(snippet)))
        found[label] = run(stricter_when_met, pack)
    assert found["Passes"] == []
    [finding] = found["Fails"]
    assert finding.level == "error" and finding.location is not None
    assert "'authorized' from 'no' to 'yes'" in finding.message
    assert "needs_authorization becomes not_yet" in finding.message


def test_the_witness_replays(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "fails",
                                complete(examples(stricter_when_met)["Fails"])))
    [finding] = run(stricter_when_met, pack)
    answers = dict(finding.witness)
    before = engine.assess(pack, answers).verdict
    after = engine.assess(pack, {**answers, "authorized": "yes"}).verdict
    assert after.stricter_than(before)


def test_the_bundled_packs_pass() -> None:
    for pack_id in ("cas-2011", "etmi-2022"):
        pack = load_pack(pack_path(pack_id))
        assert run(stricter_when_met, pack) == [], pack_id


def test_the_old_encoding_of_an_unrecorded_authorization_fails() -> None:
    """Issue 10: an authorization given but not yet recorded gave not_yet, stricter than
    no authorization (needs_authorization)."""
    pack = load_pack(pack_path("cas-2011"))
    rule = pack.rule("authorization-not-documented")
    assert rule is not None
    old = rule.model_copy(update={"verdict": Verdict.not_yet})
    broken = pack.model_copy(update={"rules": [old if r is rule else r for r in pack.rules]})
    broken.model_post_init(None)
    [finding] = run(stricter_when_met, broken)
    assert "'supervisor_authorized' from 'no' to 'yes'" in finding.message
